package policy

import (
	"slices"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

// constantRules keeps exactly the rules whose value cannot change from one
// resource to the next: those that read input, directly or through a rule
// or a function, that call a non-deterministic built-in or that hold a with
// statement are left out, and so are functions and rules with a variable
// in their head.
func TestConstantRules(t *testing.T) {
	lib := ast.MustParseModule(`package lib

table := {"a": 1, "b": 2}

from_config := data.config.allowed

derived := [k | some k, _ in table]

reads_input := input.resource.type

via_rule if reads_input == "x"

double(x) := x * 2

type_of_input(_) := input.resource.type

everything := data.scan.index
`)
	rule := ast.MustParseModule(`package rules.r

import data.lib

patterns := {"p": lib.table.a}

chained := count(lib.derived) + count(patterns)

calls_pure := lib.double(2)

calls_impure := lib.type_of_input(1)

through := lib.via_rule

random := rand.intn("seed", 10)

now := time.now_ns()

scoped := x if {
	x := lib.table with data.config as {}
}

deny contains "m" if {
	input.resource.attributes.bad
}

by_key[k] := v if some k, v in lib.table

default flag := false

flag if lib.from_config[_] == "x"

half_input := 1 if input.x

half_input := 2 if not input.x

else_input := 1 if {
	false
} else := input.y

from_scan := count(lib.everything)

q.a := 1

q[x] := 2 if x := input.k
`)
	compiler := ast.NewCompiler().WithEnablePrintStatements(false)
	compiler.Compile(map[string]*ast.Module{"lib.rego": lib, "r.rego": rule})
	if compiler.Failed() {
		t.Fatal(compiler.Errors)
	}
	set := constantRules(compiler)
	var got []string
	for _, rs := range set.byHash {
		for _, r := range rs {
			got = append(got, r.String())
		}
	}
	slices.Sort(got)
	want := []string{
		"data.lib.derived",
		"data.lib.everything",
		"data.lib.from_config",
		"data.lib.table",
		"data.rules.r.calls_pure",
		"data.rules.r.chained",
		"data.rules.r.flag",
		"data.rules.r.from_scan",
		"data.rules.r.patterns",
	}
	if !slices.Equal(got, want) {
		t.Errorf("constant rules:\n got %v\nwant %v", got, want)
	}
	for _, r := range want {
		ref := ast.MustParseRef(r)
		if !set.has(ref, ref.Hash()) {
			t.Errorf("has(%s) = false", r)
		}
	}
	if ref := ast.MustParseRef("data.rules.r.patterns.p"); set.has(ref, ref.Hash()) {
		t.Errorf("has(%s) = true, want only the rule's own reference", ref)
	}
}

// A value of a kept reference outlives reset; any other value does not,
// and inside a with statement (a pushed frame) nothing is kept.
func TestVirtualCache_keep(t *testing.T) {
	kept, other := ast.MustParseRef("data.r.patterns"), ast.MustParseRef("data.r.deny")
	keep := newRefSet()
	keep.add(kept)
	c := newVirtualCache(keep)
	c.Put(kept, ast.StringTerm("constant"))
	c.Put(other, ast.StringTerm("per resource"))
	c.reset()
	if v, _ := c.Get(kept); v == nil || !v.Equal(ast.StringTerm("constant")) {
		t.Errorf("after reset, Get(%v) = %v, want the kept value", kept, v)
	}
	if v, undefined := c.Get(other); v != nil || undefined {
		t.Errorf("after reset, Get(%v) = %v, %t; want nothing", other, v, undefined)
	}
	keys := c.Keys()
	if len(keys) != 1 || !keys[0].Equal(kept) {
		t.Errorf("Keys = %v, want [%v]", keys, kept)
	}

	c.Push()
	if v, _ := c.Get(kept); v != nil {
		t.Errorf("inside a with statement, Get(%v) = %v, want nothing", kept, v)
	}
	c.Put(kept, ast.StringTerm("with"))
	c.Pop()
	if v, _ := c.Get(kept); v == nil || !v.Equal(ast.StringTerm("constant")) {
		t.Errorf("after Pop, Get(%v) = %v, want the kept value", kept, v)
	}

	// Undefined is kept too.
	undef := ast.MustParseRef("data.r.never")
	keep.add(undef)
	c.Put(undef, nil)
	c.reset()
	if v, undefined := c.Get(undef); v != nil || !undefined {
		t.Errorf("Get(%v) = %v, %t; want undefined", undef, v, undefined)
	}
}
