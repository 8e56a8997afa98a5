package detect

import (
	"embed"
	"io/fs"
)

// builtin holds attest's own detections: Sigma rules under rules/<source>/,
// each <name>.yml beside its test events <name>.tests.yml.
//
//go:embed rules
var builtin embed.FS

// Builtin returns the built-in rule files, rooted at their folder.
func Builtin() fs.FS {
	sub, err := fs.Sub(builtin, "rules")
	if err != nil {
		panic(err) // the embedded folder exists by construction
	}
	return sub
}

// LoadBuiltin loads the built-in rules. They are tested to load without
// error; an error here means a broken build.
func LoadBuiltin() (*RuleSet, error) {
	set, errs := LoadFS(Builtin(), ".")
	return set, Errors(errs)
}
