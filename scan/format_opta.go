package scan

import (
	"context"
	"path/filepath"
	"strings"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/iac/opta"
)

func init() {
	fileFormats = append(fileFormats, fileFormat{
		name:  attest.FormatOpta,
		match: opta.Detect,
		load: func(_ context.Context, path string, src []byte, p Params) ([]attest.Resource, attest.Diagnostics) {
			return opta.Load(path, src, opta.Options{Tree: optaTree(path, p)})
		},
	})
}

// optaTree is the directory a service file may read its environment files
// from: the tree of the scanned path that holds it (its git repository, or
// --root), as for Terraform; empty (read nothing) when that is not known.
func optaTree(file string, p Params) string {
	abs, err := filepath.Abs(file)
	if err != nil {
		return ""
	}
	for _, scanned := range p.Paths {
		a, err := filepath.Abs(scanned)
		if err != nil {
			continue
		}
		if a == abs || strings.HasPrefix(abs, a+string(filepath.Separator)) {
			if tree, err := treeOf(scanned, p.Root); err == nil {
				return tree
			}
		}
	}
	tree, err := treeOf(file, p.Root)
	if err != nil {
		return ""
	}
	return tree
}
