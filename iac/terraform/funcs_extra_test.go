package terraform

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"io"
	"path/filepath"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// evalFunc evaluates one expression with the function table of a module in
// testdata/files whose root is testdata.
func evalFunc(t *testing.T, src string, vars map[string]cty.Value) (cty.Value, hcl.Diagnostics) {
	t.Helper()
	expr, diags := hclsyntax.ParseExpression([]byte(src), "test.tf", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return expr.Value(&hcl.EvalContext{Functions: functions(testTree(t), "testdata", "testdata/files"), Variables: vars})
}

// TestFunctions_Added covers the functions that real module code called and
// the loader lacked (each was "Call to unknown function" before), and the
// length of an object or a string.
func TestFunctions_Added(t *testing.T) {
	abs, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	strs := func(ss ...string) cty.Value {
		vs := make([]cty.Value, len(ss))
		for i, s := range ss {
			vs[i] = cty.StringVal(s)
		}
		return cty.ListVal(vs)
	}
	tests := []struct {
		expr string
		want cty.Value
	}{
		{`filesha256("files/policy.json")`, cty.StringVal("75580242e3d61049b68569679c2a1ebf99cfb5d89de508ea9ec4de1665826117")},
		{`filemd5("policy.json")`, cty.StringVal("888b22d14d9f6022ece564f4875587fd")},
		{`filebase64sha256("policy.json")`, cty.StringVal("dVgCQuPWEEm2hWlnnCoev5nPtdid5QjqnsTeFmWCYRc=")},
		// Hashes read bytes: a file that is not UTF-8 text still hashes.
		{`filesha256("blob.bin")`, cty.StringVal("af9ceddc9d8b08ac09e1994bfd20459b5e377425df7354dfce3501992828a5b7")},
		{`substr(filesha512("policy.json"), 0, 20)`, cty.StringVal("1036f3d899533c77e1c8")},
		{`fileset("files", "*.json")`, cty.SetVal([]cty.Value{cty.StringVal("policy.json")})},
		{`fileset(".", "**/*.tpl")`, cty.SetVal([]cty.Value{cty.StringVal("files/greet.tpl")})},
		{`fileset("files", "*.none")`, cty.SetValEmpty(cty.String)},
		{`abspath("files")`, cty.StringVal(filepath.ToSlash(filepath.Join(abs, "files")))},
		{`pathexpand("/opt/app")`, cty.StringVal("/opt/app")},
		// ~ is the home of whoever runs terraform: not the scanner's.
		{`pathexpand("~/.ssh")`, cty.UnknownVal(cty.String)},
		{`cidrsubnets("10.1.0.0/16", 4, 4, 8, 4)`, strs("10.1.0.0/20", "10.1.16.0/20", "10.1.32.0/24", "10.1.48.0/20")},
		{`cidrsubnets("fd00:fd12:3456:7890::/56", 16, 16)`, strs("fd00:fd12:3456:7800::/72", "fd00:fd12:3456:7800:100::/72")},
		{`cidrsubnet("10.0.0.0/16", 8, 2)`, cty.StringVal("10.0.2.0/24")},
		{`cidrhost("10.0.1.0/24", -2)`, cty.StringVal("10.0.1.254")},
		{`cidrnetmask("10.0.0.0/20")`, cty.StringVal("255.255.240.0")},
		{`transpose({a = ["x", "y"], b = ["y"]})`, cty.MapVal(map[string]cty.Value{"x": strs("a"), "y": strs("a", "b")})},
		{`matchkeys(["i-1", "i-2", "i-3"], ["eu", "us", "eu"], ["eu"])`, cty.ListVal([]cty.Value{cty.StringVal("i-1"), cty.StringVal("i-3")})},
		{`timecmp("2024-01-02T00:00:00Z", "2024-01-01T23:00:00-02:00")`, cty.NumberIntVal(-1)},
		{`timecmp("2024-01-01T00:00:00Z", "2024-01-01T01:00:00+01:00")`, cty.NumberIntVal(0)},
		{`textencodebase64("Hello World", "UTF-16LE")`, cty.StringVal("SABlAGwAbABvACAAVwBvAHIAbABkAA==")},
		{`textdecodebase64("SABlAGwAbABvACAAVwBvAHIAbABkAA==", "UTF-16LE")`, cty.StringVal("Hello World")},
		{`uuidv5("dns", "www.example.com")`, cty.StringVal("2ed6657d-e927-568b-95e1-2665a8aea6a2")},
		{`yamldecode(yamlencode({a = [1, "b"]})).a[1]`, cty.StringVal("b")},
		{`length({name = "edge", port = 443})`, cty.NumberIntVal(2)},
		{`length(merge({a = 1}, {b = "x"}))`, cty.NumberIntVal(2)},
		{`length("edge")`, cty.NumberIntVal(4)},
		{`length(unknown_str)`, cty.UnknownVal(cty.Number)},
		{`lookup({a = null}, "a", null)`, cty.NullVal(cty.DynamicPseudoType)},
		{`lookup({a = 1}, "b", null)`, cty.NullVal(cty.DynamicPseudoType)},
	}
	vars := map[string]cty.Value{"unknown_str": cty.UnknownVal(cty.String)}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			got, diags := evalFunc(t, tt.expr, vars)
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			if !got.RawEquals(tt.want) {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
		})
	}
}

func TestFunctions_AddedErrors(t *testing.T) {
	for _, e := range []string{
		`cidrsubnets("10.0.0.0/30", 1, 1, 1)`,
		`cidrsubnets("10.0.0.0/16", 0)`,
		`cidrsubnets("10.0.0.0/16", 17)`,
		`matchkeys(["a"], ["k", "l"], ["k"])`,
		`timecmp("yesterday", "2024-01-01T00:00:00Z")`,
		`textencodebase64("x", "no-such-encoding")`,
		`uuidv5("nowhere", "x")`,
		`filesha256("missing.bin")`,
		`fileset("no-such-dir", "*")`,
		`length(null)`,
		`length(true)`,
	} {
		t.Run(e, func(t *testing.T) {
			if _, diags := evalFunc(t, e, nil); !diags.HasErrors() {
				t.Errorf("%s: no error", e)
			}
		})
	}
}

// TestCollectionConv checks that toset and tolist, which give cty a list
// rather than a tuple to avoid its quadratic type unification, return
// exactly what cty's own conversion returns.
func TestCollectionConv(t *testing.T) {
	vars := map[string]cty.Value{
		"unknown_str": cty.UnknownVal(cty.String),
		"marked":      cty.StringVal("m").Mark("ref"),
		"dyn":         cty.DynamicVal,
	}
	ours := functions(testTree(t), "testdata", "testdata/files")
	theirs := map[string]function.Function{
		"toset":  stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)),
		"tolist": stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)),
	}
	for _, src := range []string{
		`["b", "a", "b"]`,
		`["a", 1, true]`,
		`["a", unknown_str]`,
		`["a", marked]`,
		`["a", dyn]`,
		`[{a = 1}, {a = 2}, {a = 1}]`,
		`[{a = 1}, {a = "x"}]`,
		`[["a"], ["b", "c"]]`,
		`["x"]`,
		`[]`,
		`[null, "a"]`,
		`[1, 2.5, 1]`,
	} {
		for _, fn := range []string{"toset", "tolist"} {
			e := fn + "(" + src + ")"
			t.Run(e, func(t *testing.T) {
				expr, diags := hclsyntax.ParseExpression([]byte(e), "test.tf", hcl.InitialPos)
				if diags.HasErrors() {
					t.Fatal(diags)
				}
				want, wdiags := expr.Value(&hcl.EvalContext{Functions: theirs, Variables: vars})
				got, gdiags := expr.Value(&hcl.EvalContext{Functions: ours, Variables: vars})
				if wdiags.HasErrors() != gdiags.HasErrors() {
					t.Fatalf("errors differ: cty %v, ours %v", wdiags, gdiags)
				}
				if !got.RawEquals(want) {
					t.Errorf("got %#v, cty gives %#v", got, want)
				}
			})
		}
	}
	for _, e := range []string{`toset([["a"], "b"])`, `tolist([{a = 1}, "b"])`} {
		if _, diags := evalFunc(t, e, nil); !diags.HasErrors() {
			t.Errorf("%s: no error", e)
		}
	}
}

func TestFunctions_Base64Gzip(t *testing.T) {
	got, diags := evalFunc(t, `base64gzip("hello")`, nil)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	raw, err := base64.StdEncoding.DecodeString(got.AsString())
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(zr)
	if err != nil || string(plain) != "hello" {
		t.Errorf("base64gzip round trip = %q, %v", plain, err)
	}
	for _, e := range []string{`issensitive("x")`, `rsadecrypt("x", "k")`} {
		if got, diags := evalFunc(t, e, nil); diags.HasErrors() || got.IsKnown() {
			t.Errorf("%s = %#v, %v; want unknown", e, got, diags)
		}
	}
}
