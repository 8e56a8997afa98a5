package terraform

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/attest-dev/attest"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
)

// moduleConfig is one module directory as one load uses it: what the
// directory declares, and the functions its expressions call, which belong
// to the load (they charge its budget and read files relative to its root).
type moduleConfig struct {
	*moduleDecl
	funcs   map[string]function.Function
	baseCtx *hcl.EvalContext
}

// moduleDecl is what a module directory declares. It is built once per
// cache (see ParseCache.module), however many loads and module calls use
// the directory, and is not changed after it is built.
type moduleDecl struct {
	dir       string // as the loader names it: joined onto what LoadModule was given
	variables map[string]*variable
	varOrder  []string
	locals    map[string]*hclsyntax.Attribute
	outputs   map[string]*hclsyntax.Attribute
	calls     []*moduleCall
	callIndex map[string]*moduleCall
	resources []*resourceBlock
	resIndex  map[string]*resourceBlock // "aws_s3_bucket.b", "data.aws_iam_policy_document.p"
	// diags are the problems found reading the declarations (duplicates,
	// bad labels, variable defaults of the wrong type), which every load
	// that uses the module reports, as it would have found them itself.
	diags attest.Diagnostics
}

// variable is a variable block.
type variable struct {
	name     string
	typ      cty.Type
	defaults *typeexpr.Defaults
	def      cty.Value // cty.NilVal when there is no default
	nullable bool
	rng      hcl.Range
	block    *hclsyntax.Block // for override files to merge into
}

// moduleCall is a module block.
type moduleCall struct {
	name     string
	source   string
	body     *hclsyntax.Body
	count    hcl.Expression
	forEach  hcl.Expression
	defRange hcl.Range
	rng      attest.Range
}

// resourceBlock is a resource or data block.
type resourceBlock struct {
	mode     string // "managed" or "data"
	typ      string
	name     string
	key      string // type.name, or data.type.name
	provider string
	body     *hclsyntax.Body
	count    hcl.Expression
	forEach  hcl.Expression
	defRange hcl.Range
	rng      attest.Range
	// referenced is set when some expression in the module refers to this
	// block, so its instance values are kept for lookups.
	referenced bool
	// wanted are the attribute names other expressions read from it.
	wanted map[string]bool
}

// Top-level meta-arguments that are not resource attributes.
var metaArgs = map[string]bool{"count": true, "for_each": true, "provider": true, "depends_on": true}

// metaBlocks are nested blocks of a resource that are not its attributes.
var metaBlocks = map[string]bool{"lifecycle": true, "provisioner": true, "connection": true, "precondition": true, "postcondition": true}

// parseModule gives the module in dir to this load: its declarations, from
// the cache, with their problems, and functions of this load's own. It
// returns an error only when the directory cannot be read.
func (l *loader) parseModule(dir string) (*moduleConfig, error) {
	decl, err := l.files.module(l, dir)
	if err != nil {
		return nil, err
	}
	l.diags = append(l.diags, decl.diags...)
	return l.bindConfig(decl), nil
}

// bindConfig gives a module's declarations this load's functions.
func (l *loader) bindConfig(decl *moduleDecl) *moduleConfig {
	cfg := &moduleConfig{moduleDecl: decl, funcs: functions(l.tree, l.root, decl.dir)}
	l.guardFunctions(cfg.funcs)
	cfg.baseCtx = &hcl.EvalContext{Functions: cfg.funcs}
	return cfg
}

// declareModule reads every *.tf file of dir into its declarations. It
// returns an error only when the directory cannot be read. The problems it
// finds go to the declarations, not to the load.
func (l *loader) declareModule(dir string) (*moduleDecl, error) {
	ents, err := l.tree.readDir(dir)
	if err != nil {
		return nil, fmt.Errorf("read module %s: %w", dir, err)
	}
	saved := l.diags
	l.diags = nil
	defer func() { l.diags = saved }()
	cfg := &moduleDecl{
		dir:       dir,
		variables: map[string]*variable{},
		locals:    map[string]*hclsyntax.Attribute{},
		outputs:   map[string]*hclsyntax.Attribute{},
		callIndex: map[string]*moduleCall{},
		resIndex:  map[string]*resourceBlock{},
	}
	// Override files are merged after every other file, in name order, as
	// Terraform merges them.
	var names, overrides []string
	for _, e := range ents {
		n := e.Name()
		if e.IsDir() || strings.HasPrefix(n, ".") {
			continue
		}
		base, isJSON := strings.CutSuffix(n, ".json")
		if !strings.HasSuffix(base, ".tf") || (!isJSON && base != n) {
			continue
		}
		if base == "override.tf" || strings.HasSuffix(base, "_override.tf") {
			overrides = append(overrides, n)
		} else {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	slices.Sort(overrides)
	for _, n := range names {
		if body := l.parseFile(filepath.Join(dir, n)); body != nil {
			l.readBody(cfg, body)
		}
	}
	for _, n := range overrides {
		if body := l.parseFile(filepath.Join(dir, n)); body != nil {
			l.mergeOverride(cfg, body)
		}
	}
	markReferences(cfg)
	guardConfig(cfg)
	cfg.diags = l.diags
	return cfg, nil
}

// parseFile returns the body of one configuration file, native or JSON
// syntax, read from the tree and parsed once per cache. A file that does not
// parse gives nil: what HCL recovers from a broken file is not trustworthy,
// so it is left out and the others still load. Its problems are reported by
// the cache (see ParseCache.Diagnostics), once however many loads use it.
func (l *loader) parseFile(name string) *hclsyntax.Body {
	pf := l.files.file(l.tree, name)
	pf.used.Store(true)
	if pf.failed {
		return nil
	}
	return pf.body
}

func (l *loader) readBody(cfg *moduleDecl, body *hclsyntax.Body) {
	for name, a := range body.Attributes {
		l.diag(attest.DiagError, pos(a.NameRange), "unexpected argument", fmt.Sprintf("%q is not allowed at the top level of a module", name))
	}
	for _, b := range body.Blocks {
		if i := slices.IndexFunc(b.Labels, func(s string) bool { return !hclsyntax.ValidIdentifier(s) }); i >= 0 {
			l.diag(attest.DiagError, pos(b.LabelRanges[i]), "invalid block label", fmt.Sprintf("%s label %q is not a valid name", b.Type, b.Labels[i]))
			continue
		}
		switch b.Type {
		case "variable":
			if len(b.Labels) == 1 {
				l.readVariable(cfg, b)
				continue
			}
		case "locals":
			for name, a := range b.Body.Attributes {
				if prev, dup := cfg.locals[name]; dup {
					l.duplicate("local value", name, a.NameRange, prev.NameRange)
					continue
				}
				cfg.locals[name] = a
			}
			continue
		case "output":
			if len(b.Labels) == 1 {
				a := b.Body.Attributes["value"]
				if a == nil {
					l.diag(attest.DiagError, pos(b.DefRange()), "missing output value", fmt.Sprintf("output %q has no value argument", b.Labels[0]))
					continue
				}
				if prev, dup := cfg.outputs[b.Labels[0]]; dup {
					l.duplicate("output", b.Labels[0], b.DefRange(), prev.NameRange)
					continue
				}
				cfg.outputs[b.Labels[0]] = a
				continue
			}
		case "module":
			if len(b.Labels) == 1 {
				l.readModuleCall(cfg, b)
				continue
			}
		case "resource", "data":
			if len(b.Labels) == 2 {
				l.readResource(cfg, b)
				continue
			}
		default:
			// terraform, provider, moved, import, removed, check and
			// unknown blocks carry no resources.
			continue
		}
		l.diag(attest.DiagError, pos(b.DefRange()), "wrong number of labels", fmt.Sprintf("%s block has %d labels", b.Type, len(b.Labels)))
	}
}

func (l *loader) duplicate(what, name string, at, prev hcl.Range) {
	l.diag(attest.DiagError, pos(at), "duplicate "+what, fmt.Sprintf("%q was already declared at %s", name, pos(prev)))
}

func (l *loader) readVariable(cfg *moduleDecl, b *hclsyntax.Block) {
	v := &variable{name: b.Labels[0], typ: cty.DynamicPseudoType, rng: b.DefRange(), nullable: true, block: b}
	if prev, dup := cfg.variables[v.name]; dup {
		l.duplicate("variable", v.name, b.DefRange(), prev.rng)
		return
	}
	if a := b.Body.Attributes["type"]; a != nil {
		ty, defaults, diags := typeexpr.TypeConstraintWithDefaults(a.Expr)
		l.addHCL(diags)
		if !diags.HasErrors() {
			v.typ, v.defaults = ty, defaults
		}
	}
	if a := b.Body.Attributes["nullable"]; a != nil {
		if nv, diags := l.constValue(a.Expr); !diags.HasErrors() && nv.Type() == cty.Bool && nv.IsKnown() && !nv.IsNull() {
			v.nullable = nv.True()
		}
	}
	if a := b.Body.Attributes["default"]; a != nil {
		val, diags := l.constValue(a.Expr)
		l.addHCL(diags)
		if !diags.HasErrors() {
			cv, err := convertVar(v, val)
			if err != nil {
				l.diag(attest.DiagError, pos(a.Expr.Range()), "invalid default value", fmt.Sprintf("variable %q: %s", v.name, err))
				cv = cty.UnknownVal(v.typ)
			}
			v.def = cv
		}
	}
	cfg.variables[v.name] = v
	cfg.varOrder = append(cfg.varOrder, v.name)
}

// convertVar applies a variable's optional-attribute defaults and converts
// the value to its declared type, keeping marks where they were. Defaults
// apply to a value that is only partly known too, as Terraform applies them:
// an unset optional attribute of an object that also holds a computed ARN is
// still its default, not null.
func convertVar(v *variable, val cty.Value) (cty.Value, error) {
	val, pvm := val.UnmarkDeepWithPaths()
	if v.defaults != nil {
		val = v.defaults.Apply(val)
	}
	cv, err := convert.Convert(val, v.typ)
	if err != nil {
		return cty.NilVal, err
	}
	return cv.MarkWithPaths(pvm), nil
}

func (l *loader) readModuleCall(cfg *moduleDecl, b *hclsyntax.Block) {
	c := &moduleCall{name: b.Labels[0], body: b.Body, defRange: b.DefRange(), rng: blockRange(b)}
	if prev, dup := cfg.callIndex[c.name]; dup {
		l.duplicate("module call", c.name, b.DefRange(), prev.defRange)
		return
	}
	if a := b.Body.Attributes["source"]; a != nil {
		v, diags := l.constValue(a.Expr)
		if diags.HasErrors() || v.Type() != cty.String || v.IsNull() || !v.IsKnown() {
			l.diag(attest.DiagError, pos(a.Expr.Range()), "invalid module source", "source must be a literal string")
		} else {
			c.source = v.AsString()
		}
	} else {
		l.diag(attest.DiagError, pos(b.DefRange()), "missing module source", fmt.Sprintf("module %q has no source argument", c.name))
	}
	if a := b.Body.Attributes["count"]; a != nil {
		c.count = a.Expr
	}
	if a := b.Body.Attributes["for_each"]; a != nil {
		c.forEach = a.Expr
	}
	if c.count != nil && c.forEach != nil {
		l.diag(attest.DiagError, pos(b.DefRange()), "count and for_each both set", fmt.Sprintf("module %q may use only one of them", c.name))
		c.count = nil
	}
	cfg.calls = append(cfg.calls, c)
	cfg.callIndex[c.name] = c
}

func (l *loader) readResource(cfg *moduleDecl, b *hclsyntax.Block) {
	r := &resourceBlock{mode: "managed", typ: b.Labels[0], name: b.Labels[1], body: b.Body, defRange: b.DefRange(), rng: blockRange(b)}
	r.key = r.typ + "." + r.name
	if b.Type == "data" {
		r.mode, r.key = "data", "data."+r.key
	}
	if prev, dup := cfg.resIndex[r.key]; dup {
		l.duplicate("resource", r.key, b.DefRange(), prev.defRange)
		return
	}
	r.provider, _, _ = strings.Cut(r.typ, "_")
	if a := b.Body.Attributes["provider"]; a != nil {
		if tr, diags := hcl.AbsTraversalForExpr(a.Expr); !diags.HasErrors() {
			r.provider = tr.RootName()
		}
	}
	if a := b.Body.Attributes["count"]; a != nil {
		r.count = a.Expr
	}
	if a := b.Body.Attributes["for_each"]; a != nil {
		r.forEach = a.Expr
	}
	if r.count != nil && r.forEach != nil {
		l.diag(attest.DiagError, pos(b.DefRange()), "count and for_each both set", fmt.Sprintf("%s may use only one of them", r.key))
		r.count = nil
	}
	cfg.resources = append(cfg.resources, r)
	cfg.resIndex[r.key] = r
}

func blockRange(b *hclsyntax.Block) attest.Range {
	rng := b.Range()
	return attest.Range{File: rng.Filename, StartLine: rng.Start.Line, EndLine: rng.End.Line}
}

// reservedRoots are the reference roots that do not name a resource type.
var reservedRoots = map[string]bool{
	"var": true, "local": true, "module": true, "data": true, "count": true, "each": true,
	"path": true, "terraform": true, "self": true,
}

// markReferences finds, once per module, which resource blocks are referred
// to and which of their attributes are read, so that resource values are kept
// only when needed and computed attributes can be given as unknown.
func markReferences(cfg *moduleDecl) {
	note := func(tr hcl.Traversal, rest hcl.Traversal) {
		root := tr.RootName()
		var key string
		var after hcl.Traversal
		switch {
		case root == "data":
			if len(tr) < 3 {
				return
			}
			t, ok1 := tr[1].(hcl.TraverseAttr)
			n, ok2 := tr[2].(hcl.TraverseAttr)
			if !ok1 || !ok2 {
				return
			}
			key, after = "data."+t.Name+"."+n.Name, tr[3:]
		case reservedRoots[root]:
			return
		default:
			if len(tr) < 2 {
				return
			}
			n, ok := tr[1].(hcl.TraverseAttr)
			if !ok {
				return
			}
			key, after = root+"."+n.Name, tr[2:]
		}
		rb := cfg.resIndex[key]
		if rb == nil {
			return
		}
		if !rb.referenced {
			rb.referenced = true
			// id is read through each.value, locals and module outputs
			// more than any other attribute; have it always.
			if rb.wanted == nil {
				rb.wanted = map[string]bool{}
			}
			rb.wanted["id"] = true
		}
		after = append(after[:len(after):len(after)], rest...)
		if len(after) > 0 {
			switch after[0].(type) {
			case hcl.TraverseIndex, hcl.TraverseSplat:
				after = after[1:]
			}
		}
		if len(after) > 0 {
			if a, ok := after[0].(hcl.TraverseAttr); ok {
				if rb.wanted == nil {
					rb.wanted = map[string]bool{}
				}
				rb.wanted[a.Name] = true
			}
		}
	}
	// sourceTraversal finds the traversal an expression starts from,
	// looking through one index expression (aws_x.y[count.index]).
	sourceTraversal := func(e hclsyntax.Expression) (hcl.Traversal, bool) {
		if ix, ok := e.(*hclsyntax.IndexExpr); ok {
			e = ix.Collection
		}
		if st, ok := e.(*hclsyntax.ScopeTraversalExpr); ok {
			return st.Traversal, true
		}
		return nil, false
	}
	visit := func(n hclsyntax.Node) hcl.Diagnostics {
		switch e := n.(type) {
		case *hclsyntax.ScopeTraversalExpr:
			note(e.Traversal, nil)
		case *hclsyntax.RelativeTraversalExpr:
			if tr, ok := sourceTraversal(e.Source); ok {
				note(tr, e.Traversal)
			}
		case *hclsyntax.SplatExpr:
			if tr, ok := sourceTraversal(e.Source); ok {
				if rt, ok := e.Each.(*hclsyntax.RelativeTraversalExpr); ok {
					note(tr, append(hcl.Traversal{hcl.TraverseSplat{}}, rt.Traversal...))
				}
			}
		}
		return nil
	}
	for _, rb := range cfg.resources {
		hclsyntax.VisitAll(rb.body, visit)
	}
	for _, c := range cfg.calls {
		hclsyntax.VisitAll(c.body, visit)
	}
	for _, a := range cfg.locals {
		hclsyntax.VisitAll(a.Expr, visit)
	}
	for _, a := range cfg.outputs {
		hclsyntax.VisitAll(a.Expr, visit)
	}
}
