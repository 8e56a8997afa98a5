package corpus

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/attest-dev/attest/iac/dockerfile"
)

// TestDockerfiles checks that every generated Dockerfile is detected and
// loads without an error, and that nothing else in the tree is taken for one.
func TestDockerfiles(t *testing.T) {
	dir := t.TempDir()
	if err := Dockerfiles(dir, 40, 7); err != nil {
		t.Fatal(err)
	}
	var dockerfiles int
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if !dockerfile.Detect(d.Name(), src) {
			return nil
		}
		dockerfiles++
		rs, diags := dockerfile.Load(p, src, dockerfile.Options{})
		if diags.HasErrors() || len(rs) != 1 {
			t.Errorf("%s: %d resources, diagnostics %v", p, len(rs), diags)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if dockerfiles != 40 {
		t.Errorf("%d files detected as Dockerfiles, want 40", dockerfiles)
	}
}
