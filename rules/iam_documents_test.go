package rules_test

import (
	"context"
	"io/fs"
	"testing"

	"github.com/attest-dev/attest/rules"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	_ "github.com/attest-dev/attest/policy" // the attest.* built-ins the helpers call
)

// TestIAMDocuments_inlineUnknownPatterns holds the literal patterns of
// iam_documents._inline_unknown to the ones the helper used to make from
// _inline for every unknown path: one per type of _inline, the same.
func TestIAMDocuments_inlineUnknownPatterns(t *testing.T) {
	modules := map[string]string{}
	for _, name := range []string{"lib/lib.rego", "lib/aws_iam_documents.rego"} {
		src, err := fs.ReadFile(rules.FS(), name)
		if err != nil {
			t.Fatal(err)
		}
		modules[name] = string(src)
	}
	c, err := ast.CompileModules(modules)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := rego.New(rego.Compiler(c), rego.Query(`
		docs := data.attest.lib.aws.iam_documents
		made := {ty: sprintf(`+"`^%s(\\.[0-9]+(\\.%s)?)?$`"+`, [list, key]) | some ty, [list, key] in docs._inline}
		x := [made, docs._inline_unknown]`)).Eval(context.Background())
	if err != nil || len(rs) != 1 {
		t.Fatalf("eval: %v %v", rs, err)
	}
	pair := rs[0].Bindings["x"].([]any)
	made, literal := pair[0].(map[string]any), pair[1].(map[string]any)
	if len(made) != len(literal) || len(made) != 4 {
		t.Fatalf("patterns made from _inline %v, literal %v", made, literal)
	}
	for ty, p := range made {
		if literal[ty] != p {
			t.Errorf("%s: _inline_unknown has %v, _inline makes %v", ty, literal[ty], p)
		}
	}
}
