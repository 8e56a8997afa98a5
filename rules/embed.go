// Package rules holds attest's built-in rule library as data: Rego files with
// their metadata in OPA METADATA annotations, and fixtures under each
// provider's testdata folder. The policy package compiles them.
package rules

import (
	"embed"
	"io/fs"
)

//go:embed lib aws
var files embed.FS

// FS returns the built-in rules: every .rego file outside testdata folders.
// Callers should walk it and skip testdata.
func FS() fs.FS { return files }
