package terraform

import (
	"sync"

	"github.com/attest-dev/attest"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// emitCalls loads the module calls of mi as emitResources does one after
// the other, but with up to l.parallel calls loaded at a time, each by a
// speculation, whose results are then merged in the order of the calls.
//
// A load is lazy and shared: a module instance reads the variables, locals
// and resources of the instance that calls it, and evaluates them on first
// use. A speculation therefore works on a loader of its own, with the module
// instances of its call for itself, and sees every instance outside them
// through a frozen view (speculation.view) that reads what the load has
// computed and computes into the view what it has not. Whatever it cannot
// do without touching the state of the load or of another call (the
// outputs of another module call, a resource not loaded yet) fails it, and
// the call is loaded again after the others, in its place, as the serial
// loop would. A call whose arguments read another call's outputs is loaded
// in its place without a speculation.
//
// The merge keeps the result identical to loading the calls one after the
// other: the diagnostics in the same order, the resources in the same order.
// A call's speculation is merged only if nothing that loaded before it (in
// call order) changed what it would have seen: its module instances do not
// exist yet, the values its views computed are either not computed by the
// load yet or were computed without a diagnostic, and the module instance
// cap is not crossed; the diagnostics the load gives when it first uses a
// module directory are left out when an earlier call used it first.
func (l *loader) emitCalls(mi *moduleInstance) error {
	calls := mi.cfg.calls
	specs := make([]*speculation, len(calls))
	var todo []*speculation
	for i, c := range calls {
		if mi.children[c] == nil && !readsModules(mi.cfg.moduleDecl, c) {
			specs[i] = &speculation{main: l, call: c, launched: l.instances}
			todo = append(todo, specs[i])
		}
	}
	next := make(chan *speculation)
	var wg sync.WaitGroup
	for range min(l.parallel, len(todo)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for s := range next {
				s.run(mi)
			}
		}()
	}
	for _, s := range todo {
		next <- s
	}
	close(next)
	wg.Wait()
	for i, c := range calls {
		if s := specs[i]; s != nil {
			if s.err != nil {
				return s.err
			}
			if s.merge(mi) {
				l.merged++
				continue
			}
			l.redone++
		}
		if err := l.emitCall(mi, c); err != nil {
			return err
		}
	}
	return nil
}

// readsModules reports whether the arguments of call c (its inputs, count
// and for_each) read the output of a module call of cfg, directly or
// through local values. Its speculation would fail, after doing the work
// up to that read, so the call is loaded in order without one.
func readsModules(cfg *moduleDecl, c *moduleCall) bool {
	seen := map[string]bool{}
	var reads func(body *hclsyntax.Body) bool
	var readsExpr func(expr hcl.Expression) bool
	readsExpr = func(expr hcl.Expression) bool {
		for _, tr := range expr.Variables() {
			switch tr.RootName() {
			case "module":
				return true
			case "local":
				name, ok := attrStep(tr, 1)
				if !ok || seen[name] {
					continue
				}
				seen[name] = true
				if a := cfg.locals[name]; a != nil && readsExpr(a.Expr) {
					return true
				}
			}
		}
		return false
	}
	reads = func(body *hclsyntax.Body) bool {
		for _, a := range body.Attributes {
			if readsExpr(a.Expr) {
				return true
			}
		}
		for _, b := range body.Blocks {
			if reads(b.Body) {
				return true
			}
		}
		return false
	}
	return reads(c.body)
}

// speculation is the load of one module call of a module instance on a
// goroutine of its own (see emitCalls).
type speculation struct {
	main *loader
	call *moduleCall
	// launched is main.instances when the speculation started.
	launched int
	// l is the speculation's own loader: its diagnostics, resources,
	// module directories and expression budget.
	l *loader
	// views are the frozen views of the module instances outside the
	// call, by the instance they stand for.
	views map[*moduleInstance]*moduleInstance
	// cs is the call's expansion, with its module instances.
	cs *childSet
	// slots are the values the views computed, in the order computed.
	slots []specSlot
	// slotDiags is set when computing one of them gave a diagnostic.
	slotDiags bool
	// loads are the module directories the speculation used first, with
	// the range of its diagnostics that using them gave.
	loads []specLoad
	// failed is set when the speculation needed what it may not compute;
	// it then stops, and the call is loaded again by the load itself.
	failed bool
	err    error
}

// specSlot is a value of an instance outside the call that a view computed.
type specSlot struct {
	real *moduleInstance
	kind int
	name string
	val  cty.Value
}

// specLoad is a module directory a speculation used first.
type specLoad struct {
	dir        string
	start, end int
}

// run loads the call of the speculation, made in parent.
func (s *speculation) run(parent *moduleInstance) {
	m := s.main
	s.l = &loader{
		ctx: m.ctx, root: m.root, tree: m.tree, files: m.files, opts: m.opts, max: m.max,
		configs: map[string]*moduleConfig{}, manifest: m.manifest, rootVals: m.rootVals,
		instances: s.launched, limits: m.limits, spec: s,
	}
	s.views = map[*moduleInstance]*moduleInstance{}
	s.cs = &childSet{state: stateDone}
	s.view(parent).expandCall(s.call, s.cs)
	if s.failed {
		return
	}
	for _, ch := range s.cs.insts {
		if err := s.l.emitResources(ch); err != nil {
			s.err = err
			return
		}
		if s.failed {
			return
		}
	}
	if s.cs.exp != nil {
		s.l.addAffected(s.cs.exp.gap, len(s.l.out))
	}
}

// view returns the frozen view of mi (and of the instances that call it):
// an instance that evaluates with the speculation's loader and functions,
// reads what mi has computed, and keeps what it computes itself.
func (s *speculation) view(mi *moduleInstance) *moduleInstance {
	if mi == nil {
		return nil
	}
	if v, ok := s.views[mi]; ok {
		return v
	}
	v := &moduleInstance{
		l: s.l, cfg: s.l.bindConfig(mi.cfg.moduleDecl), addr: mi.addr, keyPath: mi.keyPath, depth: mi.depth,
		call: mi.call, callScope: mi.callScope, calls: mi.calls, pathVal: mi.pathVal, uncertainAt: mi.uncertainAt,
		real: mi, vars: map[string]*slot{}, locals: map[string]*slot{}, outputs: map[string]*slot{},
	}
	s.views[mi] = v
	v.parent = s.view(mi.parent)
	return v
}

// fail stops the speculation: it needs what it may not compute.
func (s *speculation) fail() { s.failed = true }

// computed records a value that a view computed for real, with the range
// of the diagnostics computing it gave.
func (s *speculation) computed(real *moduleInstance, kind int, name string, val cty.Value, start, end int) {
	s.slots = append(s.slots, specSlot{real, kind, name, val})
	if end > start {
		s.slotDiags = true
	}
}

// firstUse records that the speculation used the module in dir first, its
// diagnostics from start to end.
func (s *speculation) firstUse(dir string, start, end int) {
	s.loads = append(s.loads, specLoad{dir, start, end})
}

// merge adds what the speculation loaded to the load of parent, as loading
// the call there would have, and reports whether it could. When it could
// not, nothing is changed.
func (s *speculation) merge(parent *moduleInstance) bool {
	m := s.main
	if s.failed || parent.children[s.call] != nil {
		return false
	}
	if m.instances+s.l.instances-s.launched > maxModuleInstances {
		return false
	}
	for _, c := range s.slots {
		if rs := c.real.slots(c.kind)[c.name]; rs != nil && rs.state == stateDone && s.slotDiags {
			// The load computed it first: what computing it
			// reported belongs there, not here.
			return false
		}
	}
	for _, c := range s.slots {
		slots := c.real.slots(c.kind)
		if rs := slots[c.name]; rs == nil || rs.state != stateDone {
			slots[c.name] = &slot{state: stateDone, val: c.val}
		}
	}
	diags := s.l.diags
	var drop []specLoad
	for _, ld := range s.loads {
		if _, used := m.configs[ld.dir]; used {
			drop = append(drop, ld)
			continue
		}
		var cfg *moduleConfig
		if own := s.l.configs[ld.dir]; own != nil {
			cfg = m.bindConfig(own.moduleDecl)
		}
		m.configs[ld.dir] = cfg
	}
	if len(drop) > 0 {
		kept := make(attest.Diagnostics, 0, len(diags))
		for i, d := range diags {
			inDropped := false
			for _, ld := range drop {
				if i >= ld.start && i < ld.end {
					inDropped = true
					break
				}
			}
			if !inDropped {
				kept = append(kept, d)
			}
		}
		diags = kept
	}
	m.diags = append(m.diags, diags...)
	m.out = append(m.out, s.l.out...)
	m.instances += s.l.instances - s.launched
	for _, ch := range s.cs.insts {
		ch.parent = parent
		adopt(m, ch)
	}
	parent.children[s.call] = s.cs
	return true
}

// adopt gives mi and the module instances below it to the load l.
func adopt(l *loader, mi *moduleInstance) {
	mi.l = l
	mi.cfg = l.configs[mi.cfg.dir]
	for _, cs := range mi.children {
		for _, ch := range cs.insts {
			adopt(l, ch)
		}
	}
}
