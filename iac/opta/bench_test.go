package opta_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/attest-dev/attest/iac/opta"
)

// BenchmarkLoad loads the test project's service file, with its two
// environment files read from the tree.
func BenchmarkLoad(b *testing.B) {
	tree := filepath.Join("testdata", "project")
	path := filepath.Join(tree, "api", "opta.yaml")
	src, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, diags := opta.Load(path, src, opta.Options{Tree: tree}); len(diags) != 0 {
			b.Fatal(diags)
		}
	}
}
