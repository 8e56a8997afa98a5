package terraform

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// FindRoots walks a tree and returns, sorted, the directories that hold *.tf
// files and are not called as a module (through a local source path) by
// another directory in the tree. It skips .terraform, .git and other hidden
// directories. Files that do not parse are left for LoadModule to report.
func FindRoots(root string) ([]string, error) {
	var dirs []string
	called := map[string]bool{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("walk %s: %w", p, err)
		}
		if !d.IsDir() {
			return nil
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		sources, hasTF, err := localSources(p)
		if err != nil {
			return err
		}
		if hasTF {
			dirs = append(dirs, filepath.Clean(p))
		}
		for _, s := range sources {
			called[filepath.Join(p, s)] = true
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	roots := dirs[:0]
	for _, d := range dirs {
		if !called[d] {
			roots = append(roots, d)
		}
	}
	slices.Sort(roots)
	return roots, nil
}

// localSources returns the local module sources that the *.tf and *.tf.json
// files of dir call, and whether dir holds any such file.
func localSources(dir string) ([]string, bool, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, false, fmt.Errorf("read %s: %w", dir, err)
	}
	var sources []string
	hasTF := false
	for _, e := range ents {
		isJSON := strings.HasSuffix(e.Name(), ".tf.json")
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".tf") && !isJSON {
			continue
		}
		hasTF = true
		name := filepath.Join(dir, e.Name())
		src, err := os.ReadFile(name)
		if err != nil {
			return nil, false, fmt.Errorf("read %s: %w", name, err)
		}
		if isJSON {
			if src, err = jsonToNative(src); err != nil {
				continue // LoadModule reports it
			}
		}
		f, _ := hclsyntax.ParseConfig(src, name, hcl.InitialPos)
		if f == nil {
			continue
		}
		body, ok := f.Body.(*hclsyntax.Body)
		if !ok {
			continue
		}
		for _, b := range body.Blocks {
			if b.Type != "module" {
				continue
			}
			a := b.Body.Attributes["source"]
			if a == nil {
				continue
			}
			v, diags := a.Expr.Value(nil)
			if diags.HasErrors() || v.Type() != cty.String || v.IsNull() {
				continue
			}
			s := v.AsString()
			if strings.HasPrefix(s, "./") || strings.HasPrefix(s, "../") {
				sources = append(sources, s)
			}
		}
	}
	return sources, hasTF, nil
}
