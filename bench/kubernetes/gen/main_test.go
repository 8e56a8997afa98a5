package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/attest-dev/attest/iac/kubernetes"
)

// TestGenerate_counts checks that the generated tree holds the objects
// asked for: the plain manifests load without error into n-helm objects and
// the chart renders helm more.
func TestGenerate_counts(t *testing.T) {
	dir := t.TempDir()
	const n, helm = 301, 51
	plain, err := generate(dir, n, helm, 3)
	if err != nil {
		t.Fatal(err)
	}
	var objects int
	err = filepath.WalkDir(filepath.Join(dir, "manifests"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rs, diags := kubernetes.Load(p, src)
		if len(diags) != 0 {
			t.Errorf("%s: %v", p, diags)
		}
		objects += len(rs)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if objects != n-helm || plain != n-helm {
		t.Errorf("%d plain objects loaded, %d reported, want %d", objects, plain, n-helm)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(abs)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	rs, diags := kubernetes.LoadChart(root, filepath.Join(abs, "chart"), kubernetes.HelmOptions{})
	if len(diags) != 0 || len(rs) != helm {
		t.Errorf("chart rendered %d objects, want %d (%v)", len(rs), helm, diags)
	}
}
