package terraform

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// FindRoots walks a tree and returns, sorted, the directories that hold *.tf
// files and are not called as a module (through a local source path) by
// another directory in the tree. It skips .terraform, .git and other hidden
// directories. Files that do not parse are left for LoadModule to report.
func FindRoots(root string) ([]string, error) {
	return findRoots(root, func(name string) (*hclsyntax.Body, error) {
		src, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		if strings.HasSuffix(name, ".json") {
			if src, err = jsonToNative(src); err != nil {
				return nil, nil // LoadModule reports it
			}
		}
		f, _ := hclsyntax.ParseConfig(src, name, hcl.InitialPos)
		if f == nil {
			return nil, nil
		}
		body, _ := f.Body.(*hclsyntax.Body)
		return body, nil
	})
}

// FindRoots is FindRoots with the files parsed through the cache, read from
// tree (the directory the scan's loads read from, which holds root), so that
// the loads of the scan do not parse them again. A file that is not text, or
// leaves the tree through a symbolic link, calls no module here; the load
// that uses it reports why.
func (c *ParseCache) FindRoots(root, tree string) ([]string, error) {
	t, err := openTree(tree)
	if err != nil {
		return nil, fmt.Errorf("find roots in %s: %w", root, err)
	}
	defer t.close()
	if _, err := t.rel(root); err != nil {
		return nil, fmt.Errorf("find roots in %s: %w", root, err)
	}
	c.parseAll(t, root)
	return findRoots(root, func(name string) (*hclsyntax.Body, error) {
		pf := c.file(t, name)
		var out *outsideError
		if pf.readErr != nil && !errors.As(pf.readErr, &out) {
			return nil, pf.readErr
		}
		return pf.body, nil
	})
}

// parseAll parses, several at a time, the files under root that findRoots
// will ask for: parsing is most of the time it takes, and the loads use the
// same files. A walk error is left for findRoots to report.
func (c *ParseCache) parseAll(t *tree, root string) {
	var names []string
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return filepath.SkipDir
		case d.IsDir() && p != root && strings.HasPrefix(d.Name(), "."):
			return filepath.SkipDir
		case !d.IsDir() && isConfigFile(d.Name()):
			names = append(names, p)
		}
		return nil
	})
	next := make(chan string)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(names)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for name := range next {
				c.file(t, name)
			}
		}()
	}
	for _, name := range names {
		next <- name
	}
	close(next)
	wg.Wait()
}

// isConfigFile reports whether a file of this name is one that localSources
// reads.
func isConfigFile(name string) bool {
	return strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tf.json")
}

// findRoots is FindRoots with parse giving the body of a file (what HCL
// recovered from it when it does not parse, nil when nothing can be used),
// or the error that stops the walk.
func findRoots(root string, parse func(name string) (*hclsyntax.Body, error)) ([]string, error) {
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
		sources, hasTF, err := localSources(p, parse)
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

// sourceCtx evaluates module sources: the size guard that ParseCache adds to
// string templates passes the value through.
var sourceCtx = &hcl.EvalContext{Functions: map[string]function.Function{
	sizeGuardName: function.New(&function.Spec{
		Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true, AllowMarked: true, AllowDynamicType: true}},
		Type:   func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
		Impl:   func(args []cty.Value, _ cty.Type) (cty.Value, error) { return args[0], nil },
	}),
}}

// localSources returns the local module sources that the *.tf and *.tf.json
// files of dir call, and whether dir holds any such file.
func localSources(dir string, parse func(name string) (*hclsyntax.Body, error)) ([]string, bool, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, false, fmt.Errorf("read %s: %w", dir, err)
	}
	var sources []string
	hasTF := false
	for _, e := range ents {
		if e.IsDir() || !isConfigFile(e.Name()) {
			continue
		}
		hasTF = true
		name := filepath.Join(dir, e.Name())
		body, err := parse(name)
		if err != nil {
			return nil, false, fmt.Errorf("read %s: %w", name, err)
		}
		if body == nil {
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
			v, diags := a.Expr.Value(sourceCtx)
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
