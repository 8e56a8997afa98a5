package terraform

import (
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

func TestFunctions(t *testing.T) {
	fs := functions(testTree(t), "testdata", "testdata/files")
	tests := []struct {
		expr string
		want cty.Value
	}{
		{`cidrsubnet("10.0.0.0/16", 8, 2)`, cty.StringVal("10.0.2.0/24")},
		{`cidrsubnet("fd00::/48", 16, 255)`, cty.StringVal("fd00:0:0:ff::/64")},
		{`cidrhost("10.0.1.0/24", 5)`, cty.StringVal("10.0.1.5")},
		{`cidrhost("10.0.1.0/24", -1)`, cty.StringVal("10.0.1.255")},
		{`cidrnetmask("172.16.0.0/12")`, cty.StringVal("255.240.0.0")},
		{`lookup({a = 1}, "b", 2)`, cty.NumberIntVal(2)},
		{`lookup({a = 1}, "a")`, cty.NumberIntVal(1)},
		{`coalesce("", "x")`, cty.StringVal("x")},
		{`replace("a-b-c", "/-+/", "_")`, cty.StringVal("a_b_c")},
		{`replace("a.b", ".", "")`, cty.StringVal("ab")},
		{`length("héllo")`, cty.NumberIntVal(5)},
		{`length([1, 2])`, cty.NumberIntVal(2)},
		{`index(["a", "b"], "b")`, cty.NumberIntVal(1)},
		{`one(["x"])`, cty.StringVal("x")},
		{`sum([1, 2, 3])`, cty.NumberIntVal(6)},
		{`alltrue([true, false])`, cty.False},
		{`anytrue([true, false])`, cty.True},
		{`startswith("arn:aws", "arn:")`, cty.True},
		{`base64encode("hi")`, cty.StringVal("aGk=")},
		{`md5("a")`, cty.StringVal("0cc175b9c0f1b6a831c399e269772661")},
		{`sha256("")`, cty.StringVal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")},
		{`file("files/policy.json")`, cty.StringVal("{\"Version\":\"2012-10-17\"}\n")},
		{`file("policy.json")`, cty.StringVal("{\"Version\":\"2012-10-17\"}\n")},
		{`fileexists("nope.json")`, cty.False},
		{`templatefile("greet.tpl", { name = "bob" })`, cty.StringVal("hello bob")},
		{`jsondecode(file("policy.json")).Version`, cty.StringVal("2012-10-17")},
		{`yamldecode("a: [1, 2]").a[1]`, cty.NumberIntVal(2)},
		{`try(tonumber("x"), 7)`, cty.NumberIntVal(7)},
		{`can(tonumber("x"))`, cty.False},
		{`timestamp()`, cty.UnknownVal(cty.String)},
		{`upper(trimspace(" a "))`, cty.StringVal("A")},
		{`flatten([["a"], ["b", "c"]])[2]`, cty.StringVal("c")},
		{`merge({a = 1}, {b = 2}).b`, cty.NumberIntVal(2)},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			expr, diags := hclsyntax.ParseExpression([]byte(tt.expr), "test.tf", hcl.InitialPos)
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			got, diags := expr.Value(&hcl.EvalContext{Functions: fs})
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			if !got.RawEquals(tt.want) {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
		})
	}
}

func TestFunctions_Errors(t *testing.T) {
	fs := functions(testTree(t), "testdata", "testdata/files")
	for _, e := range []string{
		`cidrsubnet("10.0.0.0/16", 8, 256)`,
		`cidrsubnet("nonsense", 8, 1)`,
		`file("/dev/null")`,
		`file("missing.txt")`,
		`lookup({a = 1}, "b")`,
		`base64decode("!!")`,
	} {
		t.Run(e, func(t *testing.T) {
			expr, diags := hclsyntax.ParseExpression([]byte(e), "test.tf", hcl.InitialPos)
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			if _, diags := expr.Value(&hcl.EvalContext{Functions: fs}); !diags.HasErrors() {
				t.Errorf("%s: no error", e)
			}
		})
	}
}

func TestJSONEncode_UnknownPolicyStrings(t *testing.T) {
	fs := functions(testTree(t), "testdata", "testdata/files")
	ctx := &hcl.EvalContext{Functions: fs, Variables: map[string]cty.Value{
		"arn":    cty.UnknownVal(cty.String),
		"effect": cty.UnknownVal(cty.String),
	}}
	tests := []struct {
		expr string
		want cty.Value
	}{
		{`jsonencode({Resource = "${arn}/*", Effect = "Deny"})`,
			cty.StringVal(`{"Effect":"Deny","Resource":"(known after apply)"}`)},
		{`jsonencode({Statement = [{Resource = [arn, "x"], Condition = {Bool = {"aws:SecureTransport" = arn}}}]})`,
			cty.StringVal(`{"Statement":[{"Condition":{"Bool":{"aws:SecureTransport":"(known after apply)"}},"Resource":["(known after apply)","x"]}]}`)},
		// An unknown Effect changes what the policy means: the result stays unknown.
		{`jsonencode({Effect = effect, Resource = "*"})`, cty.UnknownVal(cty.String)},
		{`jsonencode(arn)`, cty.UnknownVal(cty.String)},
		{`jsonencode({a = 1})`, cty.StringVal(`{"a":1}`)},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			expr, diags := hclsyntax.ParseExpression([]byte(tt.expr), "test.tf", hcl.InitialPos)
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			got, diags := expr.Value(ctx)
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			if !got.RawEquals(tt.want) {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
		})
	}
}

// testTree opens testdata as the tree file functions may read.
func testTree(t *testing.T) *tree {
	t.Helper()
	tr, err := openTree("testdata")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(tr.close)
	return tr
}
