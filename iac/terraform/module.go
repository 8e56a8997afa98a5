package terraform

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/attest-dev/attest"
	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// maxModuleInstances bounds the module instances of one root, so that
// nested count and for_each on module calls cannot multiply without end.
const maxModuleInstances = 100000

// maxModuleDepth stops a module that calls itself, directly or not.
const maxModuleDepth = 32

// Evaluation states of a lazily computed value.
const (
	stateNew = iota
	stateBusy
	stateDone
)

// slot is a lazily computed value.
type slot struct {
	state int8
	val   cty.Value
}

// moduleInstance is one instance of a module: the root, or one key of a
// module call's count or for_each.
type moduleInstance struct {
	l         *loader
	cfg       *moduleConfig
	addr      string // module.a["k"].module.b; empty for the root
	keyPath   string // a.b: the modules.json key
	depth     int
	parent    *moduleInstance
	call      *moduleCall
	callScope *scope // count.index / each of this instance, in the parent
	calls     []attest.Range
	pathVal   cty.Value
	// real is set on a frozen view of an instance outside the module
	// instances that a speculative load works on (see speculation.view):
	// the instance it stands for, whose finished values it reads. Its own
	// slot maps then hold what the speculation computed that real had not.
	real *moduleInstance

	vars     map[string]*slot
	locals   map[string]*slot
	outputs  map[string]*slot
	res      map[*resourceBlock]*resState
	children map[*moduleCall]*childSet
	// uncertainAt is the address of the innermost module call (this one
	// or an enclosing one) whose count or for_each is not known
	// statically, so that nothing in it surely exists; empty when none.
	uncertainAt string
}

// childSet is the expansion of a module call within one module instance.
type childSet struct {
	state int8
	exp   *expansion
	insts []*moduleInstance // nil entries when the module was not found
	found bool
}

func (l *loader) newInstance(cfg *moduleConfig, parent *moduleInstance, call *moduleCall, key cty.Value, s *scope) *moduleInstance {
	mi := &moduleInstance{
		l: l, cfg: cfg, parent: parent, call: call, callScope: s,
		vars: map[string]*slot{}, locals: map[string]*slot{}, outputs: map[string]*slot{},
		res: map[*resourceBlock]*resState{}, children: map[*moduleCall]*childSet{},
	}
	if parent != nil {
		mi.addr = joinAddr(parent.addr, "module."+call.name+instanceKey(key))
		mi.keyPath = call.name
		if parent.keyPath != "" {
			mi.keyPath = parent.keyPath + "." + call.name
		}
		mi.depth = parent.depth + 1
		mi.calls = append(slices.Clip(parent.calls), call.rng)
	}
	rel, err := filepath.Rel(l.root, cfg.dir)
	if err != nil {
		rel = cfg.dir
	}
	cwd, err := filepath.Abs(l.root)
	if err != nil {
		cwd = l.root
	}
	mi.pathVal = cty.ObjectVal(map[string]cty.Value{
		"module": cty.StringVal(filepath.ToSlash(rel)),
		"root":   cty.StringVal("."),
		"cwd":    cty.StringVal(filepath.ToSlash(cwd)),
	})
	return mi
}

func joinAddr(prefix, s string) string {
	if prefix == "" {
		return s
	}
	return prefix + "." + s
}

// Kinds of lazily computed values of a module instance.
const (
	slotVar = iota
	slotLocal
	slotOutput
)

// slots returns the map of lazily computed values of a kind.
func (mi *moduleInstance) slots(kind int) map[string]*slot {
	switch kind {
	case slotVar:
		return mi.vars
	case slotLocal:
		return mi.locals
	}
	return mi.outputs
}

// lazy computes a slot of a kind once, reporting a cycle when it is asked
// for while being computed. On a frozen view (mi.real set) a value real has
// computed is read from real; one it has not is computed into the view's
// own slots and recorded for the speculation to commit or discard.
func (mi *moduleInstance) lazy(kind int, name, what string, at hcl.Range, compute func() cty.Value) cty.Value {
	if mi.real != nil {
		if s := mi.real.slots(kind)[name]; s != nil && s.state == stateDone {
			return s.val
		}
	}
	m := mi.slots(kind)
	s := m[name]
	if s == nil {
		s = &slot{}
		m[name] = s
	}
	switch s.state {
	case stateDone:
		return s.val
	case stateBusy:
		mi.l.diagf(at, "cycle in references", "%s %q refers back to itself", what, name)
		return cty.DynamicVal
	}
	s.state = stateBusy
	start := len(mi.l.diags)
	s.val = compute()
	s.state = stateDone
	if mi.real != nil {
		mi.l.spec.computed(mi.real, kind, name, s.val, start, len(mi.l.diags))
	}
	return s.val
}

func (mi *moduleInstance) localValue(name string, at hcl.Range) cty.Value {
	a := mi.cfg.locals[name]
	if a == nil {
		mi.l.diagf(at, "reference to undeclared local value", "no local %q in %s", name, mi.cfg.dir)
		return cty.DynamicVal
	}
	return mi.lazy(slotLocal, name, "local", at, func() cty.Value { return mi.eval(a.Expr, emptyScope) })
}

func (mi *moduleInstance) outputValue(name string, at hcl.Range) cty.Value {
	a := mi.cfg.outputs[name]
	if a == nil {
		mi.l.diagf(at, "reference to undeclared output", "module %s has no output %q", mi.addr, name)
		return cty.DynamicVal
	}
	return mi.lazy(slotOutput, name, "output", at, func() cty.Value { return mi.eval(a.Expr, emptyScope) })
}

func (mi *moduleInstance) variableValue(name string, at hcl.Range) cty.Value {
	v := mi.cfg.variables[name]
	if v == nil {
		mi.l.diagf(at, "reference to undeclared input variable", "no variable %q in %s", name, mi.cfg.dir)
		return cty.DynamicVal
	}
	return mi.lazy(slotVar, name, "variable", at, func() cty.Value {
		if mi.parent == nil {
			return mi.l.rootVariable(v)
		}
		a := mi.call.body.Attributes[name]
		if a == nil {
			if v.def != cty.NilVal {
				return v.def
			}
			mi.l.diagf(mi.call.defRange, "missing required module input", "module %q does not set variable %q, which has no default", mi.call.name, name)
			return cty.UnknownVal(v.typ)
		}
		val := mi.parent.eval(a.Expr, mi.callScope)
		if val.IsKnown() && val.IsNull() && v.def != cty.NilVal && !v.nullable {
			return v.def
		}
		cv, err := convertVar(v, val)
		if err != nil {
			mi.l.diagf(a.Expr.Range(), "invalid value for module input", "variable %q: %s", name, err)
			return cty.UnknownVal(v.typ)
		}
		return cv
	})
}

// expansion is the set of instances that count or for_each gives a block.
type expansion struct {
	// keys are the instance keys: one cty.NilVal for a block without count
	// or for_each, numbers for count, strings for for_each.
	keys []cty.Value
	// values are each.value for for_each.
	values []cty.Value
	mode   int
	capped bool
	// gap is the index in the loader's diagnostics of the gap reported for
	// an unknown expansion, so the resources it stands in for can be
	// counted into Affected; -1 when there is none.
	gap int
	// capGap is the index of the gap reported for a capped expansion, -1
	// when there is none.
	capGap int
}

// Expansion modes.
const (
	expandSingle = iota
	expandCount
	expandForEach
	// expandUnknown: count or for_each could not be evaluated; one instance
	// with unknown keys stands in for all of them.
	expandUnknown
)

// expand evaluates count or for_each of a block in this module instance.
func (mi *moduleInstance) expand(count, forEach hcl.Expression, what string) *expansion {
	max := mi.l.max
	switch {
	case count != nil:
		v, failed := mi.evalExpansion(count)
		v, _ = v.UnmarkDeep()
		rng := count.Range()
		if failed {
			// Its error is reported already; it is not a gap as well.
			return unknownExpansion(cty.UnknownVal(cty.Number))
		}
		if !v.IsKnown() {
			e := unknownExpansion(cty.UnknownVal(cty.Number))
			e.gap = mi.l.gapf(rng, "count not known statically", 0, "%s: count depends on a value not known statically (a computed attribute, a data source, a variable without a value); loaded once with count.index unknown", what)
			return e
		}
		nv, err := convert.Convert(v, cty.Number)
		if err != nil || nv.IsNull() {
			mi.l.diagf(rng, "invalid count", "%s: count must be a whole number, not %s; loaded once with count.index unknown", what, v.Type().FriendlyName())
			return unknownExpansion(cty.UnknownVal(cty.Number))
		}
		bf := nv.AsBigFloat()
		n, acc := bf.Int64()
		if !bf.IsInt() || acc != 0 || n < 0 {
			mi.l.diagf(rng, "invalid count", "%s: count must be a whole number of zero or more, not %s; loaded once with count.index unknown", what, bf.String())
			return unknownExpansion(cty.UnknownVal(cty.Number))
		}
		e := &expansion{mode: expandCount, gap: -1, capGap: -1}
		if n > int64(max) {
			e.capGap = mi.l.gapf(rng, "expansion capped", int(n-int64(max)), "%s: count is %d; only the first %d instances were loaded, %d dropped; raise --max-instances to load them", what, n, max, n-int64(max))
			n, e.capped = int64(max), true
		}
		e.keys = make([]cty.Value, n)
		for i := range e.keys {
			e.keys[i] = cty.NumberIntVal(int64(i))
		}
		return e
	case forEach != nil:
		v, failed := mi.evalExpansion(forEach)
		rng := forEach.Range()
		if failed {
			return unknownExpansion(cty.UnknownVal(cty.String))
		}
		// invalid is a for_each Terraform would refuse too: an input
		// error. unknown is one only apply time can tell: a gap.
		invalid := func(why string) *expansion {
			mi.l.diagf(rng, "invalid for_each", "%s: %s; loaded once with each.key and each.value unknown", what, why)
			return unknownExpansion(cty.UnknownVal(cty.String))
		}
		unknown := func(why string) *expansion {
			e := unknownExpansion(cty.UnknownVal(cty.String))
			e.gap = mi.l.gapf(rng, "for_each not known statically", 0, "%s: %s; loaded once with each.key and each.value unknown", what, why)
			return e
		}
		switch {
		case !v.IsKnown():
			return unknown("for_each depends on a value not known statically (a computed attribute, a data source, a variable without a value)")
		case v.IsNull():
			return invalid("for_each is null")
		}
		ty := v.Type()
		e := &expansion{mode: expandForEach, gap: -1, capGap: -1}
		switch {
		case ty.IsMapType() || ty.IsObjectType():
			// cty iterates maps and objects in lexical key order.
			total := v.LengthInt()
			for it := v.ElementIterator(); it.Next() && len(e.keys) < max; {
				k, ev := it.Element()
				e.keys = append(e.keys, k)
				e.values = append(e.values, ev)
			}
			if total > max {
				e.capGap = mi.l.gapf(rng, "expansion capped", total-max, "%s: for_each has %d elements; only the first %d were loaded, %d dropped; raise --max-instances to load them", what, total, max, total-max)
				e.capped = true
			}
		case ty.IsSetType():
			if !ty.ElementType().Equals(cty.String) && ty.ElementType() != cty.DynamicPseudoType {
				return invalid(fmt.Sprintf("for_each over a set must use strings, not %s", ty.FriendlyName()))
			}
			if !v.IsWhollyKnown() {
				return unknown("for_each set holds values not known statically")
			}
			var keys []string
			for it := v.ElementIterator(); it.Next(); {
				_, ev := it.Element()
				ev, _ = ev.Unmark()
				if ev.IsNull() || ev.Type() != cty.String {
					return invalid("for_each set holds a null or non-string value")
				}
				keys = append(keys, ev.AsString())
			}
			slices.Sort(keys)
			if len(keys) > max {
				e.capGap = mi.l.gapf(rng, "expansion capped", len(keys)-max, "%s: for_each has %d elements; only the first %d were loaded, %d dropped; raise --max-instances to load them", what, len(keys), max, len(keys)-max)
				keys, e.capped = keys[:max], true
			}
			for _, k := range keys {
				e.keys = append(e.keys, cty.StringVal(k))
				e.values = append(e.values, cty.StringVal(k))
			}
		default:
			return invalid(fmt.Sprintf("for_each must be a map or a set of strings, not %s", ty.FriendlyName()))
		}
		return e
	}
	return &expansion{mode: expandSingle, keys: []cty.Value{cty.NilVal}, gap: -1, capGap: -1}
}

// evalExpansion evaluates a count or for_each expression, without its
// top-level marks (the marks of its elements stay, for each.value). failed
// is set when evaluating it reported an error: the value is then unknown
// because of that error, not because of the input.
func (mi *moduleInstance) evalExpansion(expr hcl.Expression) (cty.Value, bool) {
	n := len(mi.l.diags)
	v, _ := mi.eval(expr, emptyScope).Unmark()
	return v, mi.l.diags[n:].HasErrors()
}

func unknownExpansion(key cty.Value) *expansion {
	return &expansion{mode: expandUnknown, keys: []cty.Value{key}, values: []cty.Value{cty.DynamicVal}, gap: -1, capGap: -1}
}

// instanceScope is the scope of instance i of an expansion.
func (e *expansion) instanceScope(i int) *scope {
	switch e.mode {
	case expandCount:
		return &scope{countIndex: e.keys[i]}
	case expandForEach:
		return &scope{eachKey: e.keys[i], eachValue: e.values[i]}
	case expandUnknown:
		if e.keys[0].Type() == cty.Number {
			return &scope{countIndex: e.keys[0]}
		}
		return &scope{eachKey: e.keys[0], eachValue: cty.DynamicVal}
	}
	return emptyScope
}

// addrKey is the key an instance shows in its address: none for a single
// instance or one whose key is unknown.
func (e *expansion) addrKey(i int) cty.Value {
	if e.mode == expandSingle || e.mode == expandUnknown {
		return cty.NilVal
	}
	return e.keys[i]
}

// collect turns per-instance values into the value of the whole block: an
// object for a single instance, a tuple for count, an object for for_each.
// A capped or unknown expansion is unknown as a whole.
func (e *expansion) collect(vals []cty.Value) cty.Value {
	switch {
	case e.capped || e.mode == expandUnknown:
		return cty.DynamicVal
	case e.mode == expandSingle:
		return vals[0]
	case e.mode == expandCount:
		return cty.TupleVal(vals)
	}
	m := make(map[string]cty.Value, len(vals))
	for i, k := range e.keys {
		m[k.AsString()] = vals[i]
	}
	return cty.ObjectVal(m)
}

// childrenOf expands a module call in this instance, once.
func (mi *moduleInstance) childrenOf(c *moduleCall) *childSet {
	if mi.real != nil {
		// A frozen view does not reach into module instances: those
		// of real's calls may be another speculation's own.
		mi.l.spec.fail()
		return &childSet{state: stateDone, exp: unknownExpansion(cty.UnknownVal(cty.String))}
	}
	cs := mi.children[c]
	if cs == nil {
		cs = &childSet{}
		mi.children[c] = cs
	}
	switch cs.state {
	case stateDone:
		return cs
	case stateBusy:
		mi.l.diagf(c.defRange, "cycle in references", "module %q: its count or for_each refers back to it", c.name)
		return &childSet{exp: unknownExpansion(cty.UnknownVal(cty.String))}
	}
	cs.state = stateBusy
	defer func() { cs.state = stateDone }()
	mi.expandCall(c, cs)
	return cs
}

// expandCall evaluates the count or for_each of a module call in this
// instance into cs and creates its module instances.
func (mi *moduleInstance) expandCall(c *moduleCall, cs *childSet) {
	cs.exp = mi.expand(c.count, c.forEach, "module."+c.name)
	if cs.exp.capGap >= 0 {
		// What a capped module call drops are module instances: how
		// many resources they hold is not known.
		mi.l.diags[cs.exp.capGap].Affected = 0
	}
	cfg := mi.l.callConfig(mi, c)
	if cfg == nil {
		return
	}
	cs.found = true
	if l := mi.l; l.instances+len(cs.exp.keys) > maxModuleInstances {
		l.gapf(c.defRange, "too many module instances", 0, "module %q: loading it would make more than %d module instances in all; it was not loaded", c.name, maxModuleInstances)
		cs.found = false
		return
	}
	mi.l.instances += len(cs.exp.keys)
	for i := range cs.exp.keys {
		ch := mi.l.newInstance(cfg, mi, c, cs.exp.addrKey(i), cs.exp.instanceScope(i))
		ch.uncertainAt = mi.uncertainAt
		if cs.exp.mode == expandUnknown {
			ch.uncertainAt = ch.addr
		}
		cs.insts = append(cs.insts, ch)
	}
}

// moduleValue is the value of module.NAME: an object of the outputs in need
// (all when need is nil) per instance.
func (mi *moduleInstance) moduleValue(c *moduleCall, need map[string]bool) cty.Value {
	cs := mi.childrenOf(c)
	if !cs.found {
		return cty.DynamicVal
	}
	vals := make([]cty.Value, len(cs.insts))
	for i, ch := range cs.insts {
		outs := map[string]cty.Value{}
		for name := range ch.cfg.outputs {
			if need == nil || need[name] {
				outs[name] = ch.outputValue(name, c.defRange)
			}
		}
		for name := range need {
			if _, ok := ch.cfg.outputs[name]; !ok {
				mi.l.diagf(c.defRange, "reference to undeclared output", "module %q (%s) has no output %q", c.name, ch.cfg.dir, name)
			}
		}
		vals[i] = cty.ObjectVal(outs)
	}
	return cs.exp.collect(vals)
}

// callConfig finds and parses the module a call uses, reporting a missing
// one at the call.
func (l *loader) callConfig(mi *moduleInstance, c *moduleCall) *moduleConfig {
	if c.source == "" {
		return nil
	}
	if mi.depth >= maxModuleDepth {
		l.diagf(c.defRange, "module nesting too deep", "module %q: more than %d levels of modules; is a module calling itself?", c.name, maxModuleDepth)
		return nil
	}
	key := c.name
	if mi.keyPath != "" {
		key = mi.keyPath + "." + c.name
	}
	var dir string
	switch {
	case strings.HasPrefix(c.source, "./") || strings.HasPrefix(c.source, "../") || c.source == "." || c.source == "..":
		dir = filepath.Join(mi.cfg.dir, c.source)
	default:
		rel, ok := l.manifest[key]
		if !ok {
			// Not a mistake in the configuration: terraform init has not
			// run here, so what the module declares is not known.
			l.gapf(c.defRange, "module not installed", 0, "module %q (source %q) is not in %s; its resources were not checked; run terraform init to check them", c.name, c.source, filepath.Join(l.root, manifestPath))
			return nil
		}
		dir = filepath.Join(l.root, rel)
	}
	if _, err := l.tree.rel(dir); err != nil {
		l.diagf(c.defRange, "module source outside the scanned tree", "module %q (source %q): %s", c.name, c.source, err)
		return nil
	}
	for anc := mi; anc != nil; anc = anc.parent {
		if anc.cfg.dir == dir {
			l.diagf(c.defRange, "module calls itself", "module %q (source %q) is %s or one of the modules that calls it", c.name, c.source, dir)
			return nil
		}
	}
	if cfg, ok := l.config(dir); ok {
		return cfg
	}
	if fi, err := l.tree.stat(dir); err != nil || !fi.IsDir() {
		var out *outsideError
		if errors.As(err, &out) {
			l.diagf(c.defRange, "module source outside the scanned tree", "module %q (source %q): %s", c.name, c.source, err)
			return nil
		}
		l.diagf(c.defRange, "module source not found", "module %q (source %q): no directory %s", c.name, c.source, dir)
		return nil
	}
	// What a load reports when it first uses a module directory, a
	// speculation may have to leave out (see speculation.firstUse).
	start := len(l.diags)
	cfg, err := l.parseModule(dir)
	if err != nil {
		l.diagf(c.defRange, "module source not readable", "module %q (source %q): %s", c.name, c.source, err)
	}
	l.configs[dir] = cfg
	if cfg != nil {
		l.checkInputs(c, cfg)
	}
	if l.spec != nil {
		l.spec.firstUse(dir, start, len(l.diags))
	}
	return cfg
}

// config returns the module in dir as this load has it already.
func (l *loader) config(dir string) (*moduleConfig, bool) {
	if cfg, ok := l.configs[dir]; ok {
		return cfg, true
	}
	if l.spec == nil {
		return nil, false
	}
	// The load a speculation works for has it: the same declarations
	// with the speculation's functions, nothing to report again.
	main, ok := l.spec.main.configs[dir]
	if !ok {
		return nil, false
	}
	var cfg *moduleConfig
	if main != nil {
		cfg = l.bindConfig(main.moduleDecl)
	}
	l.configs[dir] = cfg
	return cfg, true
}

// moduleBlockArgs are the arguments of a module block that are not inputs.
var moduleBlockArgs = map[string]bool{"source": true, "version": true, "count": true, "for_each": true, "providers": true, "depends_on": true}

func (l *loader) checkInputs(c *moduleCall, cfg *moduleConfig) {
	for name, a := range c.body.Attributes {
		if !moduleBlockArgs[name] && cfg.variables[name] == nil {
			l.warnf(a.NameRange, "unsupported module input", "module %q (%s) declares no variable %q", c.name, cfg.dir, name)
		}
	}
}
