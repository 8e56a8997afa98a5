package policy

import (
	"github.com/open-policy-agent/opa/v1/ast"
)

// Rules are evaluated once per resource, and OPA caches the value of each
// rule for one evaluation only: a table of patterns, a list of allowed
// registries, anything a rule computes without reading input, was computed
// again for every resource. constantRules finds the rules whose value is
// the same for every resource of a run, so that a worker's cache keeps
// them from one evaluation to the next (virtualCache.reset).
//
// A rule is constant when neither it nor any rule or function it depends
// on (the compiler's dependency graph, which follows references through
// variables too) reads input or calls a non-deterministic built-in
// (http.send, rand.intn, time.now_ns, ...): what is left is data, which a
// run does not change (the rules, data.scan, data.attest.config). Only rules without arguments are kept, under the
// ground prefix of their head, and only when every rule under that prefix,
// and every rule whose prefix is a prefix of it, is constant.

// constantRules gives the refs of the constant rules of c.
func constantRules(c *ast.Compiler) *refSet {
	state := map[*ast.Rule]int8{} // 0 unseen, 1 in progress, 2 constant, 3 not
	var constant func(r *ast.Rule) bool
	constant = func(r *ast.Rule) bool {
		switch state[r] {
		case 1, 3:
			return false
		case 2:
			return true
		}
		state[r] = 1
		// The dependencies first: most rules that read input do so through
		// a helper already decided, and their own walk is spared.
		ok := true
		if c.Graph != nil {
			for dep := range c.Graph.Dependencies(r) {
				if d, isRule := dep.(*ast.Rule); !isRule || !constant(d) {
					ok = false
					break
				}
			}
		}
		ok = ok && (r.Else == nil || constant(r.Else)) && !readsInputOrNondeterministic(r)
		if ok {
			state[r] = 2
		} else {
			state[r] = 3
		}
		return ok
	}

	// Each ground prefix with whether every rule under it is constant and
	// has no arguments.
	prefixes := map[string]bool{}
	refs := map[string]ast.Ref{}
	for _, m := range c.Modules {
		ast.WalkRules(m, func(r *ast.Rule) bool {
			p := r.Ref().ConstantPrefix()
			k := p.String()
			ok, seen := prefixes[k]
			if !seen {
				ok = true
				refs[k] = p
			}
			prefixes[k] = ok && len(r.Head.Args) == 0 && constant(r)
			return false
		})
	}
	// A prefix that is a proper prefix of another holds rules of both:
	// both are left out.
	shorter := map[string]bool{} // the proper prefixes of every prefix
	for _, p := range refs {
		for n := 1; n < len(p); n++ {
			shorter[p[:n].String()] = true
		}
	}
	set := &refSet{}
	for k, ok := range prefixes {
		if !ok || shorter[k] {
			continue
		}
		p := refs[k]
		overlap := false
		for n := 1; n < len(p) && !overlap; n++ {
			_, overlap = refs[p[:n].String()]
		}
		if !overlap {
			set.add(p)
		}
	}
	return set
}

var nondeterministic = func() map[string]bool {
	m := map[string]bool{}
	for _, b := range ast.Builtins {
		if b.Nondeterministic {
			m[b.Name] = true
		}
	}
	return m
}()

// readsInputOrNondeterministic reports whether the rule itself (its head,
// body and else branches) refers to input or calls a non-deterministic
// built-in.
func readsInputOrNondeterministic(r *ast.Rule) bool {
	found := false
	ast.NewGenericVisitor(func(x any) bool {
		if found {
			return true // nothing more to look at
		}
		switch x := x.(type) {
		case ast.Var:
			found = x.Equal(ast.InputRootDocument.Value)
		case *ast.Expr:
			found = x.IsCall() && nondeterministic[x.Operator().String()]
		}
		return found
	}).Walk(r)
	return found
}

// refSet is a set of refs, looked up by hash.
type refSet struct {
	byHash map[int][]ast.Ref
	n      int
}

func (s *refSet) add(r ast.Ref) {
	if s.byHash == nil {
		s.byHash = map[int][]ast.Ref{}
	}
	h := r.Hash()
	s.byHash[h] = append(s.byHash[h], r.Copy())
	s.n++
}

// contains reports whether r, whose hash is h, is in the set.
func (s *refSet) contains(r ast.Ref, h int) bool {
	if s == nil {
		return false
	}
	for _, x := range s.byHash[h] {
		if x.Equal(r) {
			return true
		}
	}
	return false
}
