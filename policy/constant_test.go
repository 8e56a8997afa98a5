package policy

import (
	"slices"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

// constantRules finds the rules whose value cannot change from one
// resource to the next, and only those.
func TestConstantRules(t *testing.T) {
	c, err := ast.CompileModulesWithOpt(map[string]string{
		"a.rego": `package a

table := {"x": 1}
copy := table
from_data := data.b.config
reads_input := input.resource.type
uses_input := reads_input
calls_function := f(1)
calls_input_function := g(1)
nondeterministic := rand.intn("k", 10)
now := time.now_ns() # non-deterministic in OPA's declaration
set contains x if some x in [1, 2]
set_input contains x if some x in input.list
partial[k] := 1 if some k in ["a"]
else_input := 1 if false else := input.x
with_input := x if x := reads_input with input as {}
parent := 1
parent_child.x := 1
nested.y := 2
nested.z := input.z
default def := 1
def := 2 if input.x
f(x) := x + 1
g(x) := x + input.y
`,
		"b.rego": `package b

config := {"k": 1}
`,
	}, ast.CompileOpts{})
	if err != nil {
		t.Fatal(err)
	}
	set := constantRules(c)
	var got []string
	for _, l := range set.byHash {
		for _, r := range l {
			got = append(got, r.String())
		}
	}
	slices.Sort(got)
	want := []string{
		"data.a.calls_function",
		"data.a.copy",
		"data.a.from_data",
		"data.a.nested.y",
		"data.a.parent",
		"data.a.parent_child.x",
		"data.a.partial",
		"data.a.set",
		"data.a.table",
		"data.b.config",
	}
	if !slices.Equal(got, want) {
		t.Errorf("constant rules\n%q\nwant\n%q", got, want)
	}
}

// A keeping cache keeps the entries of constant rules put in the bottom
// frame across reset, with their state (a value, or undefined), and drops
// everything else as a new cache would.
func TestVirtualCache_keepsConstant(t *testing.T) {
	keep := &refSet{}
	constant, undefined, other := ast.MustParseRef("data.a.table"), ast.MustParseRef("data.a.none"), ast.MustParseRef("data.a.input")
	keep.add(constant)
	keep.add(undefined)
	c := newKeepingCache(keep)
	value := ast.StringTerm("v")
	for round := range 3 {
		if round == 0 {
			c.Put(constant, value)
			c.Put(undefined, nil)
		}
		c.Put(other, value)
		// Under a with statement nothing is kept.
		c.Push()
		c.Put(constant, ast.StringTerm("with"))
		c.Pop()
		c.reset()
		if v, u := c.Get(constant); u || v == nil || !v.Equal(value) {
			t.Errorf("round %d: constant rule = %v, %v after reset", round, v, u)
		}
		if v, u := c.Get(undefined); !u || v != nil {
			t.Errorf("round %d: undefined constant rule = %v, %v after reset", round, v, u)
		}
		if v, u := c.Get(other); u || v != nil {
			t.Errorf("round %d: other rule = %v, %v after reset", round, v, u)
		}
	}
	if len(c.kept) != 2 {
		t.Errorf("%d kept entries, want 2", len(c.kept))
	}
}
