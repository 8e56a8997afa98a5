package policy

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

// builtinCase is one call of both definitions: a resource document (JSON)
// and a dot path (JSON, so that a path that is not a string is tried too).
type builtinCase struct{ doc, path string }

var builtinCases = []builtinCase{
	{`{"attributes": {"a": 1}}`, `"a"`},
	{`{"attributes": {"a": 1}}`, `"b"`},
	{`{"attributes": {"a": {"b": [{"c": true}]}}}`, `"a.b.0.c"`},
	{`{"attributes": {"a": {"b": [{"c": true}]}}}`, `"a.b.1.c"`},
	{`{"attributes": {"a": {"b": [{"c": true}]}}}`, `"a.b"`},
	{`{"attributes": {"a": {"0": "key"}}}`, `"a.0"`},
	{`{"attributes": {"a": ["x", "y"]}}`, `"a.01"`},
	{`{"attributes": {"a": ["x"]}}`, `"a.0x"`},
	{`{"attributes": {"0": "top"}}`, `"0"`},
	{`{"attributes": {"a": ["x"]}}`, `"a.99999999999999999999"`},
	{`{"attributes": {"a.b": 1}}`, `"a.b"`},
	{`{"attributes": {"": {"": 2}}}`, `"."`},
	{`{"attributes": {"a": 1}}`, `""`},
	{`{"attributes": {"a": 1}}`, `3`},
	{`{"attributes": "not an object"}`, `"a"`},
	{`{"type": "x"}`, `"a"`},
	{`{"attributes": {"a": null}}`, `"a"`},
	{`{"unknown": ["a.b"], "unknown_parents": {"a": true}}`, `"a"`},
	{`{"unknown": ["a.b"], "unknown_parents": {"a": true}}`, `"a.b"`},
	{`{"unknown": ["a.b"], "unknown_parents": {"a": true}}`, `"a.b.c"`},
	{`{"unknown": ["a.b"], "unknown_parents": {"a": true}}`, `"a.bc"`},
	{`{"unknown": ["a.b"], "unknown_parents": {"a": true}}`, `"b"`},
	{`{"unknown": ["a.b"]}`, `"a"`},
	{`{"unknown": ["a.b"]}`, `"a."`},
	{`{"unknown": ["a.b", 7]}`, `"a"`},
	{`{"unknown": ["a.b"], "unknown_parents": false}`, `"a"`},
	{`{"unknown": ["a.b"], "unknown_parents": {"a": false}}`, `"a"`},
	{`{"unknown": false, "unknown_parents": {"a": true}}`, `"a.b"`},
	{`{"unknown": "a"}`, `"a"`},
	{`{"unknown": {"k": "a"}}`, `"a.b"`},
	{`{"unknown": [1]}`, `1`},
	{`{"unknown": ["*"]}`, `"*.x"`},
	{`{}`, `"a"`},
	{`[]`, `"a"`},
}

// callBoth evaluates the built-in and the reference Rego definition of
// is_unknown and get on one case and returns their results as JSON ("" for
// undefined).
func callBoth(t testing.TB, c builtinCase) (builtin, reference [2]string, ok bool) {
	t.Helper()
	doc, err := jsonTerm(c.doc)
	if err != nil {
		return builtin, reference, false
	}
	path, err := jsonTerm(c.path)
	if err != nil {
		return builtin, reference, false
	}
	q := func(expr string) string {
		body := ast.MustParseBody(expr)
		r := rego.New(rego.Compiler(referenceCompiler(t)), rego.ParsedQuery(body),
			rego.ParsedInput(ast.NewObject(ast.Item(ast.StringTerm("doc"), doc), ast.Item(ast.StringTerm("path"), path))))
		rs, err := r.Eval(context.Background())
		if err != nil {
			t.Fatalf("%s on %s, %s: %v", expr, c.doc, c.path, err)
		}
		if len(rs) == 0 {
			return ""
		}
		b, _ := json.Marshal(rs[0].Bindings["x"])
		return string(b)
	}
	builtin[0] = q(`x := attest.is_unknown(input.doc, input.path)`)
	reference[0] = q(`x := data.reference.is_unknown(input.doc, input.path)`)
	if reference[0] == "" {
		reference[0] = "false" // a Rego function that holds nowhere is undefined; the built-in says false
	}
	builtin[1] = q(`x := attest.get(input.doc, input.path, "default")`)
	if _, isString := path.Value.(ast.String); isString {
		reference[1] = q(`x := data.reference.get(input.doc, input.path, "default")`)
	} else if builtin[1] != "" {
		// The Rego definition made a path that is not a string into no
		// path at all and gave the whole attributes; the built-in is
		// undefined, which no rule can mistake for a value.
		t.Errorf("attest.get with path %s is %s, want undefined", c.path, builtin[1])
	}
	return builtin, reference, true
}

// bindingX evaluates expr on input with the reference compiler and returns x
// as OPA prints it (to_number("0365") is the number 0365, which is not JSON):
// "" when expr is undefined, and the evaluation's error if it fails.
func bindingX(t testing.TB, input ast.Value, expr string) (string, error) {
	t.Helper()
	r := rego.New(rego.Compiler(referenceCompiler(t)), rego.ParsedQuery(ast.MustParseBody(expr)), rego.ParsedInput(input))
	rs, err := r.Eval(context.Background())
	if err != nil {
		return "", err
	}
	if len(rs) == 0 {
		return "", nil
	}
	v, err := ast.InterfaceToValue(rs[0].Bindings["x"])
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v.String(), nil
}

// jsonTerm parses JSON into a term, numbers kept as written.
// resultX is bindingX's result, or "error" when the evaluation fails.
func resultX(t testing.TB, input ast.Value, expr string) string {
	t.Helper()
	x, err := bindingX(t, input, expr)
	if err != nil {
		return "error"
	}
	return x
}

// jsonInput is the input object whose fields are the JSON texts of fields;
// false when one does not parse.
func jsonInput(fields map[string]string) (ast.Object, bool) {
	input := ast.NewObject()
	for k, s := range fields {
		v, err := jsonTerm(s)
		if err != nil {
			return nil, false
		}
		input.Insert(ast.StringTerm(k), v)
	}
	return input, true
}

func jsonTerm(s string) (*ast.Term, error) {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("trailing data")
	}
	val, err := ast.InterfaceToValue(v)
	if err != nil {
		return nil, err
	}
	return ast.NewTerm(val), nil
}

var referenceCompilerCache *ast.Compiler

func referenceCompiler(t testing.TB) *ast.Compiler {
	if referenceCompilerCache != nil {
		return referenceCompilerCache
	}
	files, err := filepath.Glob("testdata/reference/*.rego")
	if err != nil || len(files) == 0 {
		t.Fatalf("no reference Rego: %v", err)
	}
	modules := map[string]string{}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		modules[filepath.Base(f)] = string(src)
	}
	c, err := ast.CompileModulesWithOpt(modules, ast.CompileOpts{})
	if err != nil {
		t.Fatal(err)
	}
	referenceCompilerCache = c
	return c
}

func TestBuiltins_matchRego(t *testing.T) {
	for _, c := range builtinCases {
		got, want, ok := callBoth(t, c)
		if !ok {
			t.Fatalf("case %v does not parse", c)
		}
		if got != want {
			t.Errorf("doc %s path %s: built-ins give is_unknown=%s get=%s, the Rego definitions %s and %s",
				c.doc, c.path, got[0], got[1], want[0], want[1])
		}
	}
}

func FuzzBuiltins(f *testing.F) {
	for _, c := range builtinCases {
		f.Add(c.doc, c.path)
	}
	f.Fuzz(func(t *testing.T, doc, path string) {
		got, want, ok := callBoth(t, builtinCase{doc, path})
		if ok && got != want {
			t.Errorf("doc %s path %s: built-ins give is_unknown=%s get=%s, the Rego definitions %s and %s",
				doc, path, got[0], got[1], want[0], want[1])
		}
	})
}
