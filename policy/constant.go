package policy

import (
	"github.com/open-policy-agent/opa/v1/ast"
)

// constantRules finds the rules of compiler whose value is the same for
// every resource of one evaluation: the tables of patterns, the allowed
// registries read from the configuration, the property names of each
// CloudFormation type, and whatever a rule derives from them alone. Such a
// rule reads no input, directly or through the rules and functions it
// refers to, calls no non-deterministic built-in and has no with statement
// (the store and the time do not change while one Prepared runs). Only rules
// without arguments count: a function's results depend on its arguments,
// which may come from a resource.
//
// The result holds the reference of each such rule (data.pkg.name), the key
// under which the interpreter caches its value: a worker keeps those values
// from one resource to the next instead of evaluating the rule again for
// every resource (virtualCache.keep).
func constantRules(compiler *ast.Compiler) *refSet {
	a := &constantAnalysis{compiler: compiler, constant: map[*ast.Rule]bool{}}
	set := newRefSet()
	seen := map[string]bool{}
	for _, mod := range compiler.Modules {
		for _, rule := range mod.Rules {
			if len(rule.Head.Args) > 0 || !rule.Head.Ref().IsGround() {
				continue // a function, or a rule with a variable in its head (p[x] := ...)
			}
			path := rule.Ref() // data.pkg.name
			key := path.String()
			if seen[key] {
				continue
			}
			seen[key] = true
			if a.pathConstant(path) {
				set.add(path)
			}
		}
	}
	return set
}

type constantAnalysis struct {
	compiler *ast.Compiler
	// constant holds each rule decided, and false for a rule while it is
	// being decided.
	constant map[*ast.Rule]bool
}

// pathConstant reports whether path is defined by rules, all of them
// constant.
// Rules whose head has a variable where path has a value (q[x] for q.a) may
// give path a value too: they count.
func (a *constantAnalysis) pathConstant(path ast.Ref) bool {
	if len(a.compiler.GetRulesExact(path)) == 0 {
		return false
	}
	for _, r := range a.compiler.GetRulesDynamicWithOpts(path, ast.RulesOptions{IncludeHiddenModules: true}) {
		if !a.ruleConstant(r) {
			return false
		}
	}
	return true
}

// ruleConstant decides one rule, its else chain included.
func (a *constantAnalysis) ruleConstant(rule *ast.Rule) bool {
	if ok, seen := a.constant[rule]; seen {
		return ok
	}
	// A rule reached again while it is decided is part of a cycle, which
	// Rego forbids and could only come from a reference the compiler
	// resolved loosely: not constant, to stay safe.
	a.constant[rule] = false
	ok := a.readsNothingVariable(rule)
	a.constant[rule] = ok
	return ok
}

// readsNothingVariable walks the rule: every reference to input, every with
// statement, every non-deterministic built-in and every rule or function it
// refers to that is not constant makes it variable.
func (a *constantAnalysis) readsNothingVariable(rule *ast.Rule) bool {
	ok := true
	vis := ast.NewGenericVisitor(func(x any) bool {
		if !ok {
			return true
		}
		switch x := x.(type) {
		case *ast.With:
			ok = false
		case *ast.Expr:
			if x.IsCall() {
				if name := x.Operator().String(); ast.BuiltinMap[name] != nil {
					if ast.BuiltinMap[name].Nondeterministic {
						ok = false
					}
				} else if !a.refConstant(x.Operator()) {
					ok = false
				}
			}
		case ast.Ref:
			if !a.refConstant(x) {
				ok = false
			}
		case ast.Var:
			if x.Equal(ast.InputRootDocument.Value) {
				ok = false
			}
		}
		return !ok
	})
	vis.Walk(rule)
	return ok
}

// refConstant reports whether what ref reads is the same for every
// resource: a local variable's, a base document's, or the value of rules
// that are all constant (every rule the reference may reach, when part of it
// is a variable).
func (a *constantAnalysis) refConstant(ref ast.Ref) bool {
	if len(ref) == 0 {
		return true
	}
	switch {
	case ref[0].Equal(ast.InputRootDocument):
		return false
	case ref[0].Equal(ast.DefaultRootDocument):
		for _, r := range a.compiler.GetRulesDynamicWithOpts(ref, ast.RulesOptions{IncludeHiddenModules: true}) {
			if !a.ruleConstant(r) {
				return false
			}
		}
		return true
	}
	return true
}

// refSet is a set of references, looked up by hash.
type refSet struct {
	byHash map[int][]ast.Ref
}

func newRefSet() *refSet { return &refSet{byHash: map[int][]ast.Ref{}} }

func (s *refSet) add(r ast.Ref) {
	h := r.Hash()
	s.byHash[h] = append(s.byHash[h], r)
}

// has reports whether r, whose hash is h, is in s.
func (s *refSet) has(r ast.Ref, h int) bool {
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
