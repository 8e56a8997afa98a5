package scan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// writeTree writes files (path → content) under a new temporary directory.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestDirTree_Walk checks that the walk over remembered listings calls its
// function exactly as filepath.WalkDir does, skips included, whether the
// listings were read by an earlier walk or not.
func TestDirTree_Walk(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"a/one.yaml": "x", "a/b/two.yaml": "x", "a/b/c/three": "x", "a/z.txt": "x",
		".hidden/h": "x", "node_modules/m/m.js": "x", "skip/s": "x", "skip/deep/d": "x",
		"stop/after/x": "x", "zz/last": "x",
	})
	if err := os.Symlink(filepath.Join(dir, "a"), filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	record := func(calls *[]string, skip map[string]error) fs.WalkDirFunc {
		return func(p string, d fs.DirEntry, err error) error {
			rel, _ := filepath.Rel(dir, p)
			var typ fs.FileMode
			if d != nil {
				typ = d.Type()
			}
			*calls = append(*calls, fmt.Sprintf("%s type=%v err=%v", rel, typ, err))
			if e, ok := skip[filepath.Base(p)]; ok {
				return e
			}
			return nil
		}
	}
	for _, skip := range []map[string]error{
		nil,
		{".hidden": fs.SkipDir, "node_modules": fs.SkipDir},
		{"skip": fs.SkipDir, "two.yaml": fs.SkipDir}, // SkipDir on a file skips the rest of its folder
		{"after": fs.SkipAll},
		{"three": fmt.Errorf("stop")},
	} {
		var want []string
		wantErr := filepath.WalkDir(dir, record(&want, skip))
		listed := newDirTree()
		for round := range 2 { // reading the listings, then from memory
			var got []string
			err := listed.walk(dir, record(&got, skip))
			if diff := cmp.Diff(want, got); diff != "" || fmt.Sprint(err) != fmt.Sprint(wantErr) {
				t.Errorf("skip %v, round %d: calls (-WalkDir +walk):\n%s\nerror %v, want %v", skip, round, diff, err, wantErr)
			}
		}
	}

	t.Run("missing root", func(t *testing.T) {
		missing := filepath.Join(dir, "nope")
		var want, got []string
		wantErr := filepath.WalkDir(missing, record(&want, nil))
		err := newDirTree().walk(missing, record(&got, nil))
		if !cmp.Equal(want, got) || fmt.Sprint(err) != fmt.Sprint(wantErr) {
			t.Errorf("calls %v error %v, want %v %v", got, err, want, wantErr)
		}
	})
}

// TestDirTree_HoldsTerraform: the search for Terraform root modules is
// skipped only when its own walk (hidden folders aside, node_modules
// included) would meet no Terraform file.
func TestDirTree_HoldsTerraform(t *testing.T) {
	for _, tc := range []struct {
		files map[string]string
		want  bool
	}{
		{map[string]string{"a/Dockerfile": "FROM x\n", "b/c.yaml": "a: 1\n"}, false},
		{map[string]string{"a/main.tf": ""}, true},
		{map[string]string{"a/b/main.tf.json": "{}"}, true},
		{map[string]string{"node_modules/m/main.tf": ""}, true},
		{map[string]string{".terraform/modules/m/main.tf": ""}, false},
	} {
		dir := writeTree(t, tc.files)
		if got := newDirTree().holdsTerraform(dir); got != tc.want {
			t.Errorf("%v: holdsTerraform %t, want %t", tc.files, got, tc.want)
		}
	}
}

// TestFindInputs_KeptContent: a file no larger than the head read to detect
// its format is loaded from what was read; a larger one is read again in
// full, and both give the resources of their whole content.
func TestFindInputs_KeptContent(t *testing.T) {
	withFormat(t)
	var big strings.Builder
	big.WriteString("#format: probe\n")
	lines := 0
	for big.Len() <= sniffSize {
		fmt.Fprintf(&big, "resource-%d\n", lines)
		lines++
	}
	dir := writeTree(t, map[string]string{"small.txt": "#format: probe\nx\n", "big.txt": big.String()})
	inputs, diags := findInputs([]string{dir}, "", nil)
	if len(diags) != 0 || len(inputs) != 2 {
		t.Fatalf("inputs %+v, diagnostics %v", inputs, diags)
	}
	for _, in := range inputs {
		res, diags, _ := loadOne(context.Background(), in, Params{})
		switch filepath.Base(in.path) {
		case "small.txt":
			if !bytes.Equal(in.src, []byte("#format: probe\nx\n")) || len(res) != 1 {
				t.Errorf("small file: kept %q, %d resources", in.src, len(res))
			}
		case "big.txt":
			if in.src != nil || len(res) != lines || len(diags) != 0 {
				t.Errorf("big file: kept %d bytes, %d resources (want %d), %v", len(in.src), len(res), lines, diags)
			}
		}
	}
}

// TestReadHead: the head of a file is what io.ReadFull of an os.File gives,
// whole only when the file ends before the buffer is full, and a file that
// cannot be opened is an *fs.PathError naming it.
func TestReadHead(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"empty":   "",
		"small":   "FROM alpine\n",
		"exact":   strings.Repeat("x", 64),
		"larger":  strings.Repeat("y", 65),
		"sub/dir": "z",
	})
	for _, tc := range []struct {
		name  string
		want  string
		whole bool
	}{
		{"empty", "", true},
		{"small", "FROM alpine\n", true},
		{"exact", strings.Repeat("x", 64), false},
		{"larger", strings.Repeat("y", 64), false},
	} {
		buf := make([]byte, 64)
		n, whole, err := readHead(filepath.Join(dir, tc.name), buf)
		if err != nil || string(buf[:n]) != tc.want || whole != tc.whole {
			t.Errorf("%s: read %q, whole %v, error %v; want %q, whole %v", tc.name, buf[:n], whole, err, tc.want, tc.whole)
		}
	}
	for _, name := range []string{"missing", "sub"} {
		_, _, err := readHead(filepath.Join(dir, name), make([]byte, 64))
		var pe *fs.PathError
		if !errors.As(err, &pe) || pe.Path != filepath.Join(dir, name) {
			t.Errorf("%s: error %v, want an *fs.PathError naming the file", name, err)
		}
		_, osErr := os.ReadFile(filepath.Join(dir, name))
		if pathErr(err).Error() != pathErr(osErr).Error() {
			t.Errorf("%s: error %q, os gives %q", name, pathErr(err), pathErr(osErr))
		}
	}
}
