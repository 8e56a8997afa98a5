package policy

import (
	"cmp"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

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
		CanSkipBctx: true,
	}
	builtinByKind = &ast.Builtin{
		Name:        "attest.by_kind",
		Description: "An object from each kind of instruction (cmd) of the stages to the instructions of that kind, in stage and instruction order.",
		Decl: types.NewFunction(
			types.Args(types.A),
			types.NewObject(nil, types.NewDynamicProperty(types.A, types.NewArray(nil, types.A))),
		),
		CanSkipBctx: true,
	}
	builtinMatchingScripts = &ast.Builtin{
		Name:        "attest.matching_scripts",
		Description: "[key, instruction] for each instruction of runs and each key of patterns (an object of regular expressions) whose expression matches the instruction's script; a pattern that does not compile matches nothing.",
		Decl: types.NewFunction(
			types.Args(types.NewObject(nil, types.NewDynamicProperty(types.A, types.A)), types.A),
			types.NewArray(nil, types.A),
		),
		CanSkipBctx: true,
	}
	builtinMatching = &ast.Builtin{
		Name:        "attest.matching",
		Description: "The set of the keys of patterns (an object of regular expressions) whose expression matches s; a pattern that does not compile matches nothing.",
		Decl: types.NewFunction(
			types.Args(types.NewObject(nil, types.NewDynamicProperty(types.A, types.A)), types.S),
			types.NewSet(types.A),
		),
		CanSkipBctx: true,
	}
)

func init() {
	registerBuiltin(builtinInstructions, instructionsBuiltin)
	registerBuiltin(builtinByKind, byKindBuiltin)
	registerBuiltin(builtinMatchingScripts, matchingScriptsBuiltin)
	registerBuiltin(builtinMatching, matchingBuiltin)
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
	return iter(ast.ArrayTerm(instructions(ops[0].Value, cmds)...))
}

// instructions is [i, j, instruction] for each instruction of stages whose
// cmd is in cmds (every instruction with a cmd when cmds is nil), in the
// order of the [i, j] pairs.
func instructions(stages ast.Value, cmds ast.Set) []*ast.Term {
	var out []*ast.Term
	sorted := true
	eachKV(stages, func(i, s *ast.Term) {
		list := s.Get(termInstructions)
		if list == nil {
			return
		}
		eachKV(list.Value, func(j, ins *ast.Term) {
			if cmd := ins.Get(termCmd); cmd != nil && (cmds == nil || cmds.Contains(cmd)) {
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
	return out
}

// byKindBuiltin is attest.by_kind(stages): one walk of the stages that
// groups their instructions by kind, in stage and instruction order.
func byKindBuiltin(_ topdown.BuiltinContext, ops []*ast.Term, iter func(*ast.Term) error) error {
	var list []*ast.Term
	sorted := true
	var last [2]*ast.Term
	eachKV(ops[0].Value, func(i, s *ast.Term) {
		l := s.Get(termInstructions)
		if l == nil {
			return
		}
		eachKV(l.Value, func(j, ins *ast.Term) {
			if ins.Get(termCmd) == nil {
				return
			}
			if sorted && last[0] != nil && cmp.Or(ast.Compare(last[0], i), ast.Compare(last[1], j)) > 0 {
				sorted = false
			}
			last = [2]*ast.Term{i, j}
			list = append(list, ins)
		})
	})
	if !sorted {
		// Only stages or instructions given as objects or sets come here:
		// the loader gives arrays, walked in order. Their order is that of
		// attest.instructions.
		list = list[:0]
		for _, t := range instructions(ops[0].Value, nil) {
			list = append(list, t.Value.(*ast.Array).Elem(2))
		}
	}
	type group struct {
		cmd  *ast.Term
		list []*ast.Term
	}
	var groups []group
	for _, ins := range list {
		cmd := ins.Get(termCmd)
		k := slices.IndexFunc(groups, func(g group) bool { return g.cmd.Equal(cmd) })
		if k < 0 {
			k = len(groups)
			groups = append(groups, group{cmd: cmd})
		}
		groups[k].list = append(groups[k].list, ins)
	}
	items := make([][2]*ast.Term, len(groups))
	for k, g := range groups {
		items[k] = [2]*ast.Term{g.cmd, ast.ArrayTerm(g.list...)}
	}
	return iter(ast.ObjectTerm(items...))
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
	for _, m := range table(patterns) {
		if m.re.MatchString(string(s)) {
			out.Add(m.key)
		}
	}
	return iter(ast.NewTerm(out))
}

var termScript = ast.StringTerm("script")

// matchingScriptsBuiltin is attest.matching_scripts(patterns, runs). It
// walks runs as "some ins in runs" does; an element without a string
// script gives nothing, as the reference's ins.script would.
func matchingScriptsBuiltin(_ topdown.BuiltinContext, ops []*ast.Term, iter func(*ast.Term) error) error {
	patterns, ok := ops[0].Value.(ast.Object)
	if !ok {
		return nil
	}
	res := table(patterns)
	var out []*ast.Term
	eachKV(ops[1].Value, func(_, ins *ast.Term) {
		script := ins.Get(termScript)
		if script == nil {
			return
		}
		s, ok := script.Value.(ast.String)
		if !ok {
			return
		}
		out = appendMatches(out, res, string(s), ins)
	})
	return iter(ast.ArrayTerm(out...))
}

// compiledCache holds the expressions the pattern tables have compiled (nil for
// one that does not compile). Rules give a few dozen constant patterns; a
// rule that made patterns from its input could make many, so the cache is
// emptied when it grows past maxCompiled.
var compiledCache struct {
	sync.RWMutex
	m map[string]*matcher
}

const maxCompiled = 1000

func compiled(p string) *matcher {
	compiledCache.RLock()
	m, ok := compiledCache.m[p]
	compiledCache.RUnlock()
	if ok {
		return m
	}
	m = newMatcher(p)
	compiledCache.Lock()
	if compiledCache.m == nil || len(compiledCache.m) >= maxCompiled {
		compiledCache.m = map[string]*matcher{}
	}
	compiledCache.m[p] = m
	compiledCache.Unlock()
	return m
}

// matcher is a compiled regular expression with the literal strings that
// every match of it contains. Most patterns of the Dockerfile rules look
// for a word (curl, apt-get, --allow-untrusted) that most scripts do not
// hold: a substring search rules them out before the regular expression
// engine, much slower on expressions with \b, runs.
type matcher struct {
	re       *regexp.Regexp
	literals []string
}

// newMatcher compiles p, or gives nil when p does not compile.
func newMatcher(p string) *matcher {
	re, err := regexp.Compile(p)
	if err != nil {
		return nil
	}
	m := &matcher{re: re}
	// regexp.Compile parses with syntax.Perl: so does this, to find the
	// same tree.
	if tree, err := syntax.Parse(p, syntax.Perl); err == nil {
		m.literals = requiredLiterals(tree, nil)
	}
	return m
}

// MatchString reports whether s holds a match of the expression.
func (m *matcher) MatchString(s string) bool {
	for _, l := range m.literals {
		if !strings.Contains(s, l) {
			return false
		}
	}
	return m.re.MatchString(s)
}

// folds reports whether r has other cases ((?i) matches them too).
func folds(r rune) bool { return unicode.SimpleFold(r) != r }

// requiredLiterals appends to out literal strings that every string
// matching re contains: each literal, case-sensitive or without letters, that re cannot match
// without (a literal of a concatenation, inside groups and repetitions of
// at least one). Alternations and optional parts give none; what it finds
// is a necessary condition, never a sufficient one.
func requiredLiterals(re *syntax.Regexp, out []string) []string {
	switch re.Op {
	case syntax.OpLiteral:
		// A literal holding U+FFFD is left out: the expression matches it
		// against any byte that is not valid UTF-8, which strings.Contains
		// would not find.
		if len(re.Rune) > 0 && (re.Flags&syntax.FoldCase == 0 || !slices.ContainsFunc(re.Rune, folds)) && !slices.Contains(re.Rune, utf8.RuneError) {
			out = append(out, string(re.Rune))
		}
	case syntax.OpCapture, syntax.OpPlus:
		out = requiredLiterals(re.Sub[0], out)
	case syntax.OpRepeat:
		if re.Min >= 1 {
			out = requiredLiterals(re.Sub[0], out)
		}
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			out = requiredLiterals(sub, out)
		}
	}
	return out
}

// The secret rules try a table of patterns on each value (or key) of the
// pairs of ENV, ARG and LABEL instructions and on each source of COPY and
// ADD; the registry rule tries each allowed registry on each base image.
// In Rego each was a few expressions per element and per pattern.
var (
	builtinMatchingPairs = &ast.Builtin{
		Name:        "attest.matching_pairs",
		Description: "[key, instruction, pair] for each instruction of instructions, each pair of its pairs and each key of patterns (an object of regular expressions) whose expression matches the pair's field (a string; \"\" when the pair has no such field).",
		Decl: types.NewFunction(
			types.Args(types.NewObject(nil, types.NewDynamicProperty(types.A, types.A)), types.A, types.S),
			types.NewArray(nil, types.A),
		),
		CanSkipBctx: true,
	}
	builtinMatchingElements = &ast.Builtin{
		Name:        "attest.matching_elements",
		Description: "[key, instruction, element] for each instruction of instructions, each string element of its field (a list) and each key of patterns (an object of regular expressions) whose expression matches the element.",
		Decl: types.NewFunction(
			types.Args(types.NewObject(nil, types.NewDynamicProperty(types.A, types.A)), types.A, types.S),
			types.NewArray(nil, types.A),
		),
		CanSkipBctx: true,
	}
	builtinImageAllowed = &ast.Builtin{
		Name:        "attest.image_allowed",
		Description: "Whether an entry of allowed matches an image: an entry without / is a glob.match pattern of the registry (. delimited), an entry with / one of registry/repository.",
		Decl: types.NewFunction(
			types.Args(types.A, types.A, types.A),
			types.B,
		),
		CanSkipBctx: true,
	}
)

func init() {
	registerBuiltin(builtinMatchingPairs, matchingPairsBuiltin)
	registerBuiltin(builtinMatchingElements, matchingElementsBuiltin)
	registerBuiltin(builtinImageAllowed, imageAllowedBuiltin)
}

// keyedMatcher is one pattern of a table and its key.
type keyedMatcher struct {
	key *ast.Term
	re  *matcher
}

// tables holds the tables table has compiled, by the object they came from.
// The rules' tables are constant rules, whose values a worker's cache keeps
// (constantRules): the same object comes back for every resource. The cache
// holds the objects, so an object's address is not reused for another while
// it is in the cache; it is emptied when it grows past maxTables.
var tables struct {
	sync.Mutex
	m map[ast.Object][]keyedMatcher
}

const maxTables = 256

// table is the patterns of a table that are strings and compile, in the
// order of their keys, compiled.
func table(patterns ast.Object) []keyedMatcher {
	tables.Lock()
	t, ok := tables.m[patterns]
	tables.Unlock()
	if ok {
		return t
	}
	t = compileTable(patterns)
	tables.Lock()
	if tables.m == nil || len(tables.m) >= maxTables {
		tables.m = map[ast.Object][]keyedMatcher{}
	}
	tables.m[patterns] = t
	tables.Unlock()
	return t
}

// appendMatches appends to out [key, with...] for each matcher of res
// that matches s.
func appendMatches(out []*ast.Term, res []keyedMatcher, s string, with ...*ast.Term) []*ast.Term {
	for _, m := range res {
		if m.re.MatchString(s) {
			out = append(out, ast.ArrayTerm(append([]*ast.Term{m.key}, with...)...))
		}
	}
	return out
}

func compileTable(patterns ast.Object) []keyedMatcher {
	var out []keyedMatcher
	for _, k := range patterns.Keys() { // sorted
		if p, ok := patterns.Get(k).Value.(ast.String); ok {
			if re := compiled(string(p)); re != nil {
				out = append(out, keyedMatcher{k, re})
			}
		}
	}
	return out
}

var (
	termPairs     = ast.StringTerm("pairs")
	termEmptyText = ast.StringTerm("")
)

// matchingPairsBuiltin is attest.matching_pairs(patterns, instructions,
// field). It walks instructions and each instruction's pairs as "some x in"
// does; a pair that is not an object gives nothing, as object.get of it
// would, and neither does a field that is not a string.
func matchingPairsBuiltin(_ topdown.BuiltinContext, ops []*ast.Term, iter func(*ast.Term) error) error {
	patterns, ok := ops[0].Value.(ast.Object)
	if !ok {
		return nil
	}
	field, ok := ops[2].Value.(ast.String)
	if !ok {
		return nil
	}
	res := table(patterns)
	fieldTerm := ast.NewTerm(field)
	var out []*ast.Term
	eachKV(ops[1].Value, func(_, ins *ast.Term) {
		pairs := ins.Get(termPairs)
		if pairs == nil {
			return
		}
		eachKV(pairs.Value, func(_, p *ast.Term) {
			o, ok := p.Value.(ast.Object)
			if !ok {
				return
			}
			v := o.Get(fieldTerm)
			if v == nil {
				v = termEmptyText
			}
			s, ok := v.Value.(ast.String)
			if !ok {
				return
			}
			out = appendMatches(out, res, string(s), ins, p)
		})
	})
	return iter(ast.ArrayTerm(out...))
}

// matchingElementsBuiltin is attest.matching_elements(patterns,
// instructions, field), walking as "some x in" does.
func matchingElementsBuiltin(_ topdown.BuiltinContext, ops []*ast.Term, iter func(*ast.Term) error) error {
	patterns, ok := ops[0].Value.(ast.Object)
	if !ok {
		return nil
	}
	if _, ok := ops[2].Value.(ast.String); !ok {
		return nil
	}
	res := table(patterns)
	var out []*ast.Term
	eachKV(ops[1].Value, func(_, ins *ast.Term) {
		list := ins.Get(ops[2])
		if list == nil {
			return
		}
		eachKV(list.Value, func(_, e *ast.Term) {
			s, ok := e.Value.(ast.String)
			if !ok {
				return
			}
			out = appendMatches(out, res, string(s), ins, e)
		})
	})
	return iter(ast.ArrayTerm(out...))
}

var (
	globMatch        = topdown.GetBuiltin("glob.match")
	sprintfBuiltin   = topdown.GetBuiltin("sprintf")
	termDot          = ast.ArrayTerm(ast.StringTerm("."))
	termNoDelimiters = ast.ArrayTerm()
	termRegistryPath = ast.StringTerm("%s/%s")
)

// imageAllowedBuiltin is attest.image_allowed(allowed, registry,
// repository). It calls OPA's own glob.match and sprintf, so that an
// entry, a registry or a repository of any shape gives what the Rego
// walk of allowed gave: an entry that is not a string, or an operand
// glob.match refuses, matches nothing.
func imageAllowedBuiltin(bctx topdown.BuiltinContext, ops []*ast.Term, iter func(*ast.Term) error) error {
	allowed := false
	var path *ast.Term // registry/repository, made once when an entry needs it
	eachKV(ops[0].Value, func(_, a *ast.Term) {
		if allowed {
			return
		}
		s, ok := a.Value.(ast.String)
		if !ok {
			return
		}
		if !strings.Contains(string(s), "/") {
			allowed = builtinTrue(bctx, globMatch, a, termDot, ops[1])
			return
		}
		if path == nil {
			_ = sprintfBuiltin(bctx, []*ast.Term{termRegistryPath, ast.ArrayTerm(ops[1], ops[2])}, func(t *ast.Term) error {
				path = t
				return nil
			})
			if path == nil {
				path = ast.NullTerm() // sprintf refused: glob.match will too
			}
		}
		allowed = builtinTrue(bctx, globMatch, a, termNoDelimiters, path)
	})
	return iter(ast.InternedTerm(allowed))
}

// builtinTrue reports whether OPA's built-in f gives true on ops; an error
// is not true, as an undefined call is not in Rego.
func builtinTrue(bctx topdown.BuiltinContext, f topdown.BuiltinFunc, ops ...*ast.Term) bool {
	out := false
	err := f(bctx, ops, func(t *ast.Term) error {
		out = t.Value.Compare(ast.Boolean(true)) == 0
		return nil
	})
	return err == nil && out
}
