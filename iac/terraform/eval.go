package terraform

import (
	"fmt"
	"strconv"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// scope holds what an expression may see besides the module's named values:
// count.index, each.key and each.value of the instance being evaluated and
// the iterators of enclosing dynamic blocks.
type scope struct {
	countIndex cty.Value // cty.NilVal outside a counted block
	eachKey    cty.Value // cty.NilVal outside a for_each block
	eachValue  cty.Value
	iter       map[string]cty.Value
	// count and each are count and each as objects, built on first use:
	// every expression of the instance reads the same.
	count, each cty.Value
}

var emptyScope = &scope{}

// eval evaluates expr in the module instance, reporting diagnostics. A value
// that cannot be evaluated comes back unknown.
func (mi *moduleInstance) eval(expr hcl.Expression, s *scope) cty.Value {
	ctx := mi.cfg.baseCtx
	trs := mi.l.files.variables(expr)
	refersOut := false
	var vars map[string]cty.Value
	if len(trs) > 0 {
		vars, refersOut = mi.buildVars(trs, s)
		ctx = &hcl.EvalContext{Variables: vars, Functions: mi.cfg.funcs}
	}
	if vars != nil {
		// The maps of variables are the loader's again once the
		// expression is evaluated: HCL keeps no reference to them.
		defer mi.l.giveMap(vars)
	}
	mi.l.budget = budget{}
	val, diags := expr.Value(ctx)
	for _, d := range diags {
		if summary, detail, ok := limitDiag(d); ok {
			mi.l.diagAt(*d.Subject, summary, detail)
			continue
		}
		// Without provider schemas, reading an attribute that is not in a
		// resource's configuration is how a computed attribute looks: its
		// value is unknown, which is what HCL already gave. Resource values
		// also reach an expression through each.value, locals and module
		// inputs; they carry a refMark.
		if d.Summary == "Unsupported attribute" && (refersOut || carriesResource(vars)) {
			continue
		}
		mi.l.addHCL(hcl.Diagnostics{d})
	}
	if val == cty.NilVal {
		return cty.DynamicVal
	}
	if err := mi.l.limits.checkValue(val); err != nil {
		mi.l.diagAt(expr.Range(), "value too large", err.Error())
		return cty.DynamicVal
	}
	return val
}

// takeMap returns an empty map for building variables, one given back
// before when there is one: an expression's variables are built afresh for
// each evaluation, and evaluating a resource's body is most of a load.
func (l *loader) takeMap() map[string]cty.Value {
	if n := len(l.maps); n > 0 {
		m := l.maps[n-1]
		l.maps = l.maps[:n-1]
		return m
	}
	return map[string]cty.Value{}
}

// giveMap gives back a map from takeMap that nothing refers to any more.
func (l *loader) giveMap(m map[string]cty.Value) {
	clear(m)
	l.maps = append(l.maps, m)
}

// carriesResource reports whether any of vars holds a resource's value.
func carriesResource(vars map[string]cty.Value) bool {
	for _, v := range vars {
		if v.ContainsMarked() {
			return true
		}
	}
	return false
}

// buildVars builds the variables an expression refers to, and only those, so
// that each local, variable, output and resource is evaluated only when
// something needs it. The second result is set when the expression reads a
// resource, data source or module output.
func (mi *moduleInstance) buildVars(trs []hcl.Traversal, s *scope) (map[string]cty.Value, bool) {
	vars := mi.l.takeMap()
	var varObj, localObj map[string]cty.Value
	var modNeed map[string]map[string]bool
	var modAll map[string]bool
	var typed map[string]map[string]cty.Value // resource type (or "data.type") → name → value
	refersOut := false
	for _, tr := range trs {
		root := tr.RootName()
		rng := tr.SourceRange()
		if v, ok := s.iter[root]; ok {
			vars[root] = v
			continue
		}
		switch root {
		case "var", "local":
			name, ok := attrStep(tr, 1)
			if !ok {
				mi.l.diagAt(rng, "invalid reference", fmt.Sprintf("%s must be followed by a name", root))
				continue
			}
			if root == "var" {
				if varObj == nil {
					varObj = mi.l.takeMap()
				}
				if _, done := varObj[name]; !done {
					varObj[name] = mi.variableValue(name, rng)
				}
			} else {
				if localObj == nil {
					localObj = mi.l.takeMap()
				}
				if _, done := localObj[name]; !done {
					localObj[name] = mi.localValue(name, rng)
				}
			}
		case "count":
			if s.countIndex == cty.NilVal {
				mi.l.diagAt(rng, "reference to count outside a counted block", "count.index is only available in blocks that set count")
				vars["count"] = cty.ObjectVal(map[string]cty.Value{"index": cty.UnknownVal(cty.Number)})
				continue
			}
			if s.count == cty.NilVal {
				s.count = cty.ObjectVal(map[string]cty.Value{"index": s.countIndex})
			}
			vars["count"] = s.count
		case "each":
			if s.eachKey == cty.NilVal {
				mi.l.diagAt(rng, "reference to each outside a for_each block", "each.key and each.value are only available in blocks that set for_each")
				vars["each"] = cty.ObjectVal(map[string]cty.Value{"key": cty.UnknownVal(cty.String), "value": cty.DynamicVal})
				continue
			}
			if s.each == cty.NilVal {
				s.each = cty.ObjectVal(map[string]cty.Value{"key": s.eachKey, "value": s.eachValue})
			}
			vars["each"] = s.each
		case "path":
			vars["path"] = mi.pathVal
		case "terraform":
			ws := cty.UnknownVal(cty.String)
			if mi.l.opts.Workspace != "" {
				ws = cty.StringVal(mi.l.opts.Workspace)
			}
			vars["terraform"] = cty.ObjectVal(map[string]cty.Value{"workspace": ws})
		case "self":
			vars["self"] = cty.DynamicVal
		case "module":
			name, ok := attrStep(tr, 1)
			if !ok {
				mi.l.diagAt(rng, "invalid reference", "module must be followed by a module call name")
				continue
			}
			refersOut = true
			if mi.cfg.callIndex[name] == nil {
				mi.l.diagAt(rng, "reference to undeclared module", fmt.Sprintf("no module call named %q in %s", name, mi.cfg.dir))
				continue
			}
			if modNeed == nil {
				modNeed, modAll = map[string]map[string]bool{}, map[string]bool{}
			}
			if modNeed[name] == nil {
				modNeed[name] = map[string]bool{}
			}
			rest := tr[2:]
			if len(rest) > 0 {
				if _, isIdx := rest[0].(hcl.TraverseIndex); isIdx {
					rest = rest[1:]
				}
			}
			if out, ok := attrStep(rest, 0); ok && len(rest) > 0 {
				modNeed[name][out] = true
			} else {
				modAll[name] = true
			}
		default:
			key, typ, name, ok := resourceKey(tr)
			if !ok {
				// Let HCL report the unknown variable.
				continue
			}
			rb := mi.cfg.resIndex[key]
			if rb == nil {
				mi.l.diagAt(rng, "reference to undeclared resource", fmt.Sprintf("no %s in %s", key, mi.cfg.dir))
				continue
			}
			refersOut = true
			if typed == nil {
				typed = map[string]map[string]cty.Value{}
			}
			if typed[typ] == nil {
				typed[typ] = map[string]cty.Value{}
			}
			if _, done := typed[typ][name]; !done {
				typed[typ][name] = mi.resourceValue(rb)
			}
		}
	}
	if varObj != nil {
		vars["var"] = cty.ObjectVal(varObj)
		mi.l.giveMap(varObj)
	}
	if localObj != nil {
		vars["local"] = cty.ObjectVal(localObj)
		mi.l.giveMap(localObj)
	}
	if modNeed != nil {
		mods := make(map[string]cty.Value, len(modNeed))
		for name, need := range modNeed {
			if modAll[name] {
				need = nil
			}
			mods[name] = mi.moduleValue(mi.cfg.callIndex[name], need)
		}
		vars["module"] = cty.ObjectVal(mods)
	}
	if typed != nil {
		data := map[string]cty.Value{}
		for typ, byName := range typed {
			if len(typ) > 5 && typ[:5] == "data." {
				data[typ[5:]] = cty.ObjectVal(byName)
				continue
			}
			vars[typ] = cty.ObjectVal(byName)
		}
		if len(data) > 0 {
			vars["data"] = cty.ObjectVal(data)
		}
	}
	return vars, refersOut
}

// resourceKey reads type.name or data.type.name from the start of a
// traversal. typ is "data.type" for data sources.
func resourceKey(tr hcl.Traversal) (key, typ, name string, ok bool) {
	root := tr.RootName()
	if root == "data" {
		t, ok1 := attrStep(tr, 1)
		n, ok2 := attrStep(tr, 2)
		if !ok1 || !ok2 {
			return "", "", "", false
		}
		return "data." + t + "." + n, "data." + t, n, true
	}
	n, ok := attrStep(tr, 1)
	if !ok {
		return "", "", "", false
	}
	return root + "." + n, root, n, true
}

// attrStep returns the attribute name at step i of a traversal.
func attrStep(tr hcl.Traversal, i int) (string, bool) {
	if i >= len(tr) {
		return "", false
	}
	switch s := tr[i].(type) {
	case hcl.TraverseAttr:
		return s.Name, true
	case hcl.TraverseRoot:
		return s.Name, true
	}
	return "", false
}

// bodyVal is an evaluated block body: its arguments and its nested blocks,
// dynamic blocks expanded in place.
type bodyVal struct {
	attrs  map[string]cty.Value
	blocks map[string][]*bodyVal
	order  []string // block types in first-seen order
	// unknownBlocks are block types that a dynamic block with an unknown
	// for_each added to: how many there are is not known.
	unknownBlocks map[string]bool
}

// evalBody evaluates a body. top skips meta-arguments of a resource or module
// block; path is the attribute path of the body, refs collects references.
func (mi *moduleInstance) evalBody(body *hclsyntax.Body, s *scope, top bool, path string, refs map[string][]string) *bodyVal {
	bv := &bodyVal{attrs: make(map[string]cty.Value, len(body.Attributes))}
	for name, a := range body.Attributes {
		if top && metaArgs[name] {
			continue
		}
		v := mi.eval(a.Expr, s)
		if r := refsOf(v); len(r) > 0 {
			refs[joinPath(path, name)] = r
		}
		if v.IsKnown() && v.IsNull() {
			continue // a null argument is the same as an unset one
		}
		bv.attrs[name] = v
	}
	for _, b := range body.Blocks {
		if top && metaBlocks[b.Type] {
			continue
		}
		if b.Type == "dynamic" && len(b.Labels) == 1 {
			mi.evalDynamic(bv, b, s, path, refs)
			continue
		}
		bv.add(b.Type, mi.evalBody(b.Body, s, false, joinPath(path, b.Type+"."+strconv.Itoa(len(bv.blocks[b.Type]))), refs))
	}
	return bv
}

func (bv *bodyVal) add(typ string, child *bodyVal) {
	bv.declare(typ)
	bv.blocks[typ] = append(bv.blocks[typ], child)
}

// declare notes a block type, keeping the order types were first seen in.
func (bv *bodyVal) declare(typ string) {
	if bv.blocks == nil {
		bv.blocks = map[string][]*bodyVal{}
	}
	if _, seen := bv.blocks[typ]; !seen {
		bv.order = append(bv.order, typ)
		bv.blocks[typ] = nil
	}
}

func (mi *moduleInstance) evalDynamic(bv *bodyVal, b *hclsyntax.Block, s *scope, path string, refs map[string][]string) {
	typ := b.Labels[0]
	var content *hclsyntax.Block
	for _, c := range b.Body.Blocks {
		if c.Type == "content" {
			content = c
		}
	}
	fe := b.Body.Attributes["for_each"]
	if content == nil || fe == nil {
		mi.l.diagAt(b.DefRange(), "invalid dynamic block", fmt.Sprintf("dynamic %q needs a for_each argument and a content block", typ))
		return
	}
	iterName := typ
	if a := b.Body.Attributes["iterator"]; a != nil {
		tr, diags := hcl.AbsTraversalForExpr(a.Expr)
		if diags.HasErrors() || len(tr) != 1 {
			mi.l.diagAt(a.Expr.Range(), "invalid dynamic iterator", "iterator must be a single name")
			return
		}
		iterName = tr.RootName()
	}
	coll := mi.eval(fe.Expr, s)
	coll, _ = coll.Unmark()
	if !coll.IsKnown() {
		if bv.unknownBlocks == nil {
			bv.unknownBlocks = map[string]bool{}
		}
		bv.unknownBlocks[typ] = true
		bv.declare(typ)
		return
	}
	if coll.IsNull() || !coll.CanIterateElements() {
		mi.l.diagAt(fe.Expr.Range(), "invalid dynamic for_each", fmt.Sprintf("dynamic %q: for_each must be a collection, not %s", typ, coll.Type().FriendlyName()))
		return
	}
	n, max := 0, mi.l.max
	for it := coll.ElementIterator(); it.Next(); n++ {
		if n == max {
			mi.l.gapf(fe.Expr.Range(), "expansion capped", 1, "dynamic %q: only the first %d of %d blocks were loaded; raise --max-instances to load them", typ, max, coll.LengthInt())
			break
		}
		k, v := it.Element()
		inner := *s
		inner.iter = make(map[string]cty.Value, len(s.iter)+1)
		for name, val := range s.iter {
			inner.iter[name] = val
		}
		inner.iter[iterName] = cty.ObjectVal(map[string]cty.Value{"key": k, "value": v})
		idx := len(bv.blocks[typ])
		bv.add(typ, mi.evalBody(content.Body, &inner, false, joinPath(path, typ+"."+strconv.Itoa(idx)), refs))
	}
}

// toCty gives the body as an object value, nested blocks as tuples of
// objects, for other expressions to read.
func (bv *bodyVal) toCty() map[string]cty.Value {
	m := make(map[string]cty.Value, len(bv.attrs)+len(bv.blocks))
	for k, v := range bv.attrs {
		m[k] = v
	}
	for typ, list := range bv.blocks {
		if bv.unknownBlocks[typ] {
			m[typ] = cty.DynamicVal
			continue
		}
		vals := make([]cty.Value, len(list))
		for i, c := range list {
			vals[i] = cty.ObjectVal(c.toCty())
		}
		m[typ] = cty.TupleVal(vals)
	}
	return m
}

// toGo gives the body as JSON-like Go values, appending the paths of unknown
// values to unknown.
func (bv *bodyVal) toGo(path string, unknown *[]string) map[string]any {
	m := make(map[string]any, len(bv.attrs)+len(bv.blocks))
	for k, v := range bv.attrs {
		if g, ok := toGo(v, joinPath(path, k), unknown); ok {
			m[k] = g
		}
	}
	for _, typ := range bv.order {
		p := joinPath(path, typ)
		if bv.unknownBlocks[typ] {
			*unknown = append(*unknown, p)
		}
		list := bv.blocks[typ]
		if len(list) == 0 {
			continue
		}
		out := make([]any, len(list))
		for i, c := range list {
			out[i] = c.toGo(joinPath(p, strconv.Itoa(i)), unknown)
		}
		m[typ] = out
	}
	return m
}
