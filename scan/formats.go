package scan

import (
	"context"
	"path/filepath"

	"github.com/attest-dev/attest"
)

// fileFormat is an input format read one file at a time and found by
// content: CloudFormation templates, Kubernetes manifests, Dockerfiles,
// Opta files. Terraform (a directory of files with modules), plan and
// state files are handled by findInputs itself.
//
// Each loader package adds its entry to fileFormats. The order matters only
// when two formats could claim one file: the first whose match says yes
// reads it.
type fileFormat struct {
	// name is the format's attest.Format* constant.
	name string
	// match reports whether the file is of this format, from its base name
	// and its first bytes (at most sniffSize). It must not read anything
	// else and must be cheap: it runs on every file of the tree.
	match func(name string, head []byte) bool
	// load reads the resources of one file whose whole content is src. A
	// file that looks like the format but does not parse is an error
	// diagnostic with file:line:col; nothing is ever silently dropped.
	load func(ctx context.Context, path string, src []byte, p Params) ([]attest.Resource, attest.Diagnostics)
}

// sniffSize is how much of a file match sees.
const sniffSize = 8 << 10

// maxInputFile bounds the size of one file read by a file format; a larger
// file is an input error rather than a memory blow-up.
const maxInputFile = 32 << 20

// fileFormats is the registry of file formats, in match order.
var fileFormats []fileFormat

// fileFormatNamed returns the registered file format with that name.
func fileFormatNamed(name string) (fileFormat, bool) {
	for _, f := range fileFormats {
		if f.name == name {
			return f, true
		}
	}
	return fileFormat{}, false
}

// matchFile returns the first file format that claims the file.
func matchFile(name string, head []byte) (fileFormat, bool) {
	for _, f := range fileFormats {
		if f.match(name, head) {
			return f, true
		}
	}
	return fileFormat{}, false
}

// dirFormat is an input format that is a directory rather than a file: a
// Helm chart, a Kustomize folder. findInputs asks each one for its roots
// under every scanned directory, next to Terraform's root modules, and the
// file walk leaves alone what they claim.
type dirFormat struct {
	name string
	// find returns the directories under dir that are inputs of this
	// format, and the paths whose files belong to one of them and must not
	// also be read as single files: a directory claims its whole subtree,
	// a file only itself. It reads directories through listed, which the
	// other searches of the same tree share.
	find func(listed *dirTree, dir string) (roots []string, claimed []string, err error)
	// load reads one root. tree is the absolute directory it may read
	// files from (the scanned tree, see treeOf).
	load func(ctx context.Context, dir, tree string, p Params) ([]attest.Resource, attest.Diagnostics)
}

// dirFormats is the registry of directory formats.
var dirFormats []dirFormat

// dirFormatNamed returns the registered directory format with that name.
func dirFormatNamed(name string) (dirFormat, bool) {
	for _, f := range dirFormats {
		if f.name == name {
			return f, true
		}
	}
	return dirFormat{}, false
}

// findDirInputs asks every directory format for its roots under dir.
func findDirInputs(listed *dirTree, dir, tree string) ([]input, map[string]bool, error) {
	var inputs []input
	claimed := map[string]bool{}
	for _, f := range dirFormats {
		roots, cl, err := f.find(listed, dir)
		if err != nil {
			return inputs, claimed, err
		}
		for _, r := range roots {
			inputs = append(inputs, input{path: r, format: f.name, tree: tree})
		}
		for _, c := range cl {
			claimed[filepath.Clean(c)] = true
		}
	}
	return inputs, claimed, nil
}
