package terraform

import (
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/attest-dev/attest"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// ParseCache holds the configuration files that the loads of one scan have
// parsed, so that each file is read and parsed once however many root
// modules call the module it belongs to, and FindRoots and LoadModule share
// the work, and the declarations of each module directory (see moduleDecl),
// built once for all the loads. It is safe for concurrent use. The syntax trees it hands out are
// shared, so nothing may change them after parsing: the size guards are
// added here, before any load sees a tree, and override files are merged
// into copies (see mergeOverride).
//
// The problems of a file (it cannot be read, is not text, does not parse)
// belong to the file, not to the loads that use it: a load given a cache in
// Options.Cache leaves them out of its Result, and Diagnostics reports them
// once for every file that some load used.
type ParseCache struct {
	mu      sync.Mutex
	files   map[parseKey]*parsedFile
	modules map[moduleKey]*declaredModule
	// refs are the variables (hcl.Expression.Variables) of the
	// expressions that loads have evaluated, by expression: the syntax
	// trees are shared and not changed, and a module's expressions are
	// evaluated once per module instance, resource instance and load.
	refs sync.Map
}

// moduleKey names a module directory as a load reads it, with the limits
// its variable defaults were evaluated within.
type moduleKey struct {
	tree, dir string
	limits    Limits
}

// declaredModule is one module directory of the cache.
type declaredModule struct {
	once sync.Once
	decl *moduleDecl
	err  error
}

// parseKey names a file as a load reads it: through which tree, and by the
// name its diagnostics and source ranges carry.
type parseKey struct {
	tree, name string
}

// parsedFile is one file of the cache.
type parsedFile struct {
	once sync.Once
	// body is what the parser gave; nil when the file could not be read,
	// is not text or is JSON that does not convert. When failed is set it
	// is the part HCL recovered, which only FindRoots looks at.
	body   *hclsyntax.Body
	failed bool
	diags  attest.Diagnostics
	// readErr is why the file could not be read, for FindRoots.
	readErr error
	// used is set when a load (not FindRoots) read the file, so that its
	// diagnostics are reported as they were before there was a cache.
	used atomic.Bool
	// parsed is set once parse has returned, for ResourceTypes to read
	// body without waiting for a parse under way.
	parsed atomic.Bool
}

// NewParseCache returns an empty cache.
func NewParseCache() *ParseCache {
	return &ParseCache{files: map[parseKey]*parsedFile{}, modules: map[moduleKey]*declaredModule{}}
}

// module returns the declarations of the module in dir, read by l on first
// use. They depend on nothing of l but its tree and limits, which are in the
// key.
func (c *ParseCache) module(l *loader, dir string) (*moduleDecl, error) {
	m := entry(&c.mu, c.modules, moduleKey{l.tree.dir, dir, l.limits})
	m.once.Do(func() { m.decl, m.err = l.declareModule(dir) })
	return m.decl, m.err
}

// variables returns expr.Variables(), found once per expression.
func (c *ParseCache) variables(expr hcl.Expression) []hcl.Traversal {
	if _, ok := expr.(hclsyntax.Expression); !ok {
		return expr.Variables() // not one of the syntax trees
	}
	if trs, ok := c.refs.Load(expr); ok {
		return trs.([]hcl.Traversal)
	}
	trs := expr.Variables()
	c.refs.Store(expr, trs)
	return trs
}

// file returns the file name read through t, parsing it on first use.
func (c *ParseCache) file(t *tree, name string) *parsedFile {
	pf := entry(&c.mu, c.files, parseKey{t.dir, name})
	pf.once.Do(func() {
		pf.parse(t, name)
		pf.parsed.Store(true)
	})
	return pf
}

// ResourceTypes returns, sorted, the types that the resource and data blocks
// of the files parsed so far declare (their first label): the types that
// loads of these files can give their resources, as far as the files
// themselves say (a module downloaded into .terraform, which the search for
// root modules does not read, may add others). A scan compiles the rules of
// these types while it loads.
func (c *ParseCache) ResourceTypes() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	seen := map[string]bool{}
	for _, pf := range c.files {
		if !pf.parsed.Load() || pf.body == nil {
			continue
		}
		for _, b := range pf.body.Blocks {
			if (b.Type == "resource" || b.Type == "data") && len(b.Labels) > 0 {
				seen[b.Labels[0]] = true
			}
		}
	}
	return slices.Sorted(maps.Keys(seen))
}

// parse reads and parses one configuration file, native or JSON syntax (see
// tfjson.go). A file that does not parse is marked failed: what HCL
// recovers from a broken file is not trustworthy, so loads leave it out.
func (pf *parsedFile) parse(t *tree, name string) {
	src, err := t.readFile(name, 0)
	if err != nil {
		pf.failed, pf.readErr = true, err
		pf.diags = attest.Diagnostics{{Severity: attest.DiagError, Pos: attest.Pos{File: name}, Summary: "cannot read file", Detail: err.Error()}}
		return
	}
	if line, why, bad := notText(src); bad {
		pf.failed = true
		pf.diags = attest.Diagnostics{{Severity: attest.DiagError, Pos: attest.Pos{File: name, Line: line}, Summary: "not a text file", Detail: why + "; the file was skipped"}}
		return
	}
	if strings.HasSuffix(name, ".json") {
		if src, err = jsonToNative(src); err != nil {
			pf.failed = true
			pf.diags = attest.Diagnostics{{Severity: attest.DiagError, Pos: attest.Pos{File: name}, Summary: "invalid JSON configuration", Detail: err.Error()}}
			return
		}
	}
	f, diags := hclsyntax.ParseConfig(src, name, hcl.InitialPos)
	pf.diags = fromHCL(diags)
	pf.failed = f == nil || diags.HasErrors()
	if f == nil {
		return
	}
	pf.body, _ = f.Body.(*hclsyntax.Body)
	if pf.body != nil {
		guardFile(pf.body)
	}
}

// Diagnostics returns, sorted, the problems of the files that the loads
// given this cache have read, each once.
func (c *ParseCache) Diagnostics() attest.Diagnostics {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	var out attest.Diagnostics
	for _, pf := range c.files {
		if pf.used.Load() {
			// A file in use has been parsed: its once is done.
			out = append(out, pf.diags...)
		}
	}
	out.Sort()
	return slices.Compact(out)
}

// fromHCL converts HCL diagnostics.
func fromHCL(diags hcl.Diagnostics) attest.Diagnostics {
	var out attest.Diagnostics
	for _, d := range diags {
		sev := attest.DiagError
		if d.Severity == hcl.DiagWarning {
			sev = attest.DiagWarning
		}
		var p attest.Pos
		if d.Subject != nil {
			p = pos(*d.Subject)
		}
		out = append(out, attest.Diagnostic{Severity: sev, Pos: p, Summary: d.Summary, Detail: d.Detail})
	}
	return out
}

// guardFile applies guardExpr, once when the file is parsed, to every
// expression of it that a load evaluates with the module's functions or as
// a constant: resource, data and module blocks whole, local values, output
// values, and variable defaults and nullable. These are the expressions the
// loader guarded in place before there was a shared cache; guarding them here,
// before the tree is shared, leaves the loads nothing to write.
func guardFile(body *hclsyntax.Body) {
	for _, b := range body.Blocks {
		switch b.Type {
		case "resource", "data", "module":
			guardExpr(b.Body)
		case "locals":
			for _, a := range b.Body.Attributes {
				guardExpr(a.Expr)
			}
		case "output":
			if a := b.Body.Attributes["value"]; a != nil {
				guardExpr(a.Expr)
			}
		case "variable":
			for _, name := range []string{"default", "nullable"} {
				if a := b.Body.Attributes[name]; a != nil {
					guardExpr(a.Expr)
				}
			}
		}
	}
}

// entry returns m's entry at k under mu, adding a zero one on first use: the
// caller fills it once, through the entry's own sync.Once, without holding mu.
func entry[K comparable, V any](mu *sync.Mutex, m map[K]*V, k K) *V {
	mu.Lock()
	defer mu.Unlock()
	v := m[k]
	if v == nil {
		v = new(V)
		m[k] = v
	}
	return v
}
