// Package rules holds attest's built-in rule library as data: Rego files with
// their metadata in OPA METADATA annotations, and fixtures under each
// provider's testdata folder. The policy package compiles them.
package rules

import (
	"embed"
	"io/fs"
)

// The fixtures under testdata stay out of the binary.
//
//go:embed lib/*.rego aws/*.rego azure/*.rego docker/*.rego gcp/*.rego kubernetes/*.rego org/*.rego
var files embed.FS

// FS returns the built-in rules: the helper library under lib/ and one
// .rego file per rule under each provider's folder.
func FS() fs.FS { return files }
