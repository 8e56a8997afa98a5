package kubernetes_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/attest-dev/attest/iac/kubernetes"
)

// FuzzLoad feeds arbitrary files to the manifest loader: it must never
// panic, and every resource it returns has a type, an address and a range
// inside the file.
func FuzzLoad(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "manifests", "*"))
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(filepath.Base(s), data)
	}
	f.Add("x.yaml", []byte("apiVersion: v1\nkind: List\nitems: [1, {apiVersion: v1}]\n"))
	f.Add("x.yaml", []byte("a: &a [*a]\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: [x]}\n"))
	f.Fuzz(func(t *testing.T, name string, src []byte) {
		rs, _ := kubernetes.Load(name, src)
		lines := 1
		for _, b := range src {
			if b == '\n' {
				lines++
			}
		}
		for _, r := range rs {
			if r.Type == "" || r.Address == "" || r.Range.StartLine < 1 || r.Range.EndLine < r.Range.StartLine || r.Range.EndLine > lines {
				t.Errorf("resource %s %s at %v (file of %d lines)", r.Type, r.Address, r.Range, lines)
			}
		}
	})
}
