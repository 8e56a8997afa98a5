package policy_test

import (
	"context"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/policy"
	"github.com/google/go-cmp/cmp"
)

// TestEvaluate_MessageLines checks that a message object with line numbers
// narrows its finding's range to those lines of the resource's file, so
// that a finding about one Dockerfile instruction points at it (and an
// inline waiver above that instruction applies to it alone).
func TestEvaluate_MessageLines(t *testing.T) {
	e, err := policy.Compile(context.Background(), policy.Options{NoBuiltin: true, Dirs: []string{"testdata/lines"}})
	if err != nil {
		t.Fatal(err)
	}
	rng := attest.Range{File: "Dockerfile", StartLine: 1, EndLine: 20}
	res := []attest.Resource{{Type: "lines", Address: "Dockerfile", Root: "Dockerfile", Range: rng, Attributes: map[string]any{
		"long": []any{
			map[string]any{"n": int64(4), "end": int64(6)},
			map[string]any{"n": int64(9), "end": int64(0)},
		},
		"plain":   true,
		"outside": true,
	}}}
	findings, err := e.Evaluate(context.Background(), res)
	if err != nil {
		t.Fatal(err)
	}
	type got struct {
		Message string
		Range   attest.Range
	}
	var gots []got
	for _, f := range findings {
		if f.Status != attest.StatusFail {
			t.Errorf("%s: status %s", f.Message, f.Status)
		}
		gots = append(gots, got{f.Message, f.Range})
	}
	want := []got{
		{"no line given", rng},
		{"outside", rng},
		{"line 4 is long", attest.Range{File: "Dockerfile", StartLine: 4, EndLine: 6}},
		{"line 9 is long", attest.Range{File: "Dockerfile", StartLine: 9, EndLine: 9}},
	}
	if diff := cmp.Diff(want, gots); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}
