package policy

import (
	"regexp"
	"slices"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
	"github.com/open-policy-agent/opa/v1/types"
)

// The Dockerfile rules each walk the instructions of a few kinds (RUN, ENV,
// COPY and ADD) and try a table of regular expressions on each. In Rego the
// walk was an index of every instruction by kind built per resource and a
// comprehension over it per call, and each pattern of a table was one more
// iteration of the rule's body: the largest share of a Dockerfile's
// evaluation. attest.instructions and attest.matching do each in one call.
// Their Rego definitions are kept in policy/testdata/reference/docker.rego,
// which TestDocker_matchRego and FuzzDocker hold them to.
var (
	builtinInstructions = &ast.Builtin{
		Name:        "attest.instructions",
		Description: "[stage index, instruction index, instruction] for each instruction of the stages whose cmd is in the set cmds, in stage and instruction order.",
		Decl: types.NewFunction(
			types.Args(types.A, types.NewSet(types.A)),
			types.NewArray(nil, types.A),
		),
	}
	builtinMatching = &ast.Builtin{
		Name:        "attest.matching",
		Description: "The set of the keys of patterns (an object of regular expressions) whose expression matches s; a pattern that does not compile matches nothing.",
		Decl: types.NewFunction(
			types.Args(types.NewObject(nil, types.NewDynamicProperty(types.A, types.A)), types.S),
			types.NewSet(types.A),
		),
	}
)

func init() {
	ast.RegisterBuiltin(builtinInstructions)
	topdown.RegisterBuiltinFunc(builtinInstructions.Name, instructionsBuiltin)
	ast.RegisterBuiltin(builtinMatching)
	topdown.RegisterBuiltinFunc(builtinMatching.Name, matchingBuiltin)
}

var (
	termInstructions = ast.StringTerm("instructions")
	termCmd          = ast.StringTerm("cmd")
)

// instructionsBuiltin is attest.instructions(stages, cmds). It walks stages
// as Rego's "some i, s in stages" does (an array by index, an object by key,
// a set by element), and gives the instructions in the order of their
// [i, j] pairs, as the set of them the Rego iterated.
func instructionsBuiltin(_ topdown.BuiltinContext, ops []*ast.Term, iter func(*ast.Term) error) error {
	cmds, ok := ops[1].Value.(ast.Set)
	if !ok {
		return nil
	}
	var out []*ast.Term
	sorted := true
	eachKV(ops[0].Value, func(i, s *ast.Term) {
		list := s.Get(termInstructions)
		if list == nil {
			return
		}
		eachKV(list.Value, func(j, ins *ast.Term) {
			if cmd := ins.Get(termCmd); cmd != nil && cmds.Contains(cmd) {
				t := ast.ArrayTerm(i, j, ins)
				if n := len(out); n > 0 && sorted && ast.Compare(out[n-1].Value.(*ast.Array).Slice(0, 2), t.Value.(*ast.Array).Slice(0, 2)) > 0 {
					sorted = false
				}
				out = append(out, t)
			}
		})
	})
	if !sorted {
		// Only stages or instructions given as objects or sets come here:
		// the loader gives arrays, walked in order.
		slices.SortStableFunc(out, func(a, b *ast.Term) int {
			return ast.Compare(a.Value.(*ast.Array).Slice(0, 2), b.Value.(*ast.Array).Slice(0, 2))
		})
	}
	return iter(ast.ArrayTerm(out...))
}

// eachKV calls f with each key and value of a collection as "some k, v in c"
// binds them: an array's indexes, an object's keys, a set's elements as both.
func eachKV(c ast.Value, f func(k, v *ast.Term)) {
	switch c := c.(type) {
	case *ast.Array:
		for i := range c.Len() {
			f(ast.InternedTerm(i), c.Elem(i))
		}
	case ast.Object:
		c.Foreach(f)
	case ast.Set:
		c.Foreach(func(x *ast.Term) { f(x, x) })
	}
}

// matchingBuiltin is attest.matching(patterns, s).
func matchingBuiltin(_ topdown.BuiltinContext, ops []*ast.Term, iter func(*ast.Term) error) error {
	patterns, ok := ops[0].Value.(ast.Object)
	if !ok {
		return nil
	}
	s, ok := ops[1].Value.(ast.String)
	if !ok {
		return nil
	}
	out := ast.NewSet()
	patterns.Foreach(func(k, v *ast.Term) {
		p, ok := v.Value.(ast.String)
		if !ok {
			return
		}
		if re := compiled(string(p)); re != nil && re.MatchString(string(s)) {
			out.Add(k)
		}
	})
	return iter(ast.NewTerm(out))
}

// compiledCache holds the expressions attest.matching has compiled (nil for
// one that does not compile). Rules give a few dozen constant patterns; a
// rule that made patterns from its input could make many, so the cache is
// emptied when it grows past maxCompiled.
var compiledCache struct {
	sync.RWMutex
	m map[string]*regexp.Regexp
}

const maxCompiled = 1000

func compiled(p string) *regexp.Regexp {
	compiledCache.RLock()
	re, ok := compiledCache.m[p]
	compiledCache.RUnlock()
	if ok {
		return re
	}
	re, err := regexp.Compile(p)
	if err != nil {
		re = nil
	}
	compiledCache.Lock()
	if compiledCache.m == nil || len(compiledCache.m) >= maxCompiled {
		compiledCache.m = map[string]*regexp.Regexp{}
	}
	compiledCache.m[p] = re
	compiledCache.Unlock()
	return re
}
