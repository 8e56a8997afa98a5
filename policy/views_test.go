package policy_test

import (
	"context"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/policy"
	"github.com/google/go-cmp/cmp"
)

// The input of an evaluation gives the parts of data.scan about
// input.resource (index, referrers, conditional_referrers, unresolved) that
// rules/lib's joins read; they are what data.scan holds under the
// resource's root and address, for resources with and without entries and
// in two roots, and the joins of lib give what the index holds.
func TestEvaluate_InputViews(t *testing.T) {
	e, err := policy.Compile(context.Background(), policy.Options{NoBuiltin: true, Dirs: []string{"testdata/views"}})
	if err != nil {
		t.Fatal(err)
	}
	versioning := func(root, addr string, attrs map[string]any, refs map[string][]string, conditional string, unknown ...string) attest.Resource {
		return attest.Resource{Type: "aws_s3_bucket_versioning", Address: addr, Root: root, Attributes: attrs,
			Refs: refs, Conditional: conditional, Unknown: unknown}
	}
	resources := []attest.Resource{
		{Type: "aws_s3_bucket", Address: "aws_s3_bucket.logs", Root: "a", Attributes: map[string]any{"bucket": "logs"}},
		{Type: "aws_s3_bucket", Address: "aws_s3_bucket.alone", Root: "a", Attributes: map[string]any{"bucket": "alone"}},
		versioning("a", "aws_s3_bucket_versioning.by_ref", map[string]any{}, map[string][]string{"bucket": {"aws_s3_bucket.logs"}}, ""),
		versioning("a", "aws_s3_bucket_versioning.by_name", map[string]any{"bucket": "logs"}, nil, ""),
		versioning("a", "aws_s3_bucket_versioning.maybe", map[string]any{}, map[string][]string{"bucket": {"aws_s3_bucket.logs"}}, "module.m"),
		versioning("a", "aws_s3_bucket_versioning.unknown", map[string]any{}, nil, "", "bucket"),
		{Type: "aws_s3_bucket", Address: "aws_s3_bucket.logs", Root: "b", Attributes: map[string]any{"bucket": "logs"}},
	}
	findings, err := e.Evaluate(context.Background(), resources)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range findings {
		if f.Status != attest.StatusUnknown {
			t.Errorf("%s %s: %s %q, want the views to match data.scan", f.Root, f.Resource, f.Status, f.Message)
		}
		got[f.Root+" "+f.Resource] = f.Message
	}
	want := map[string]string{
		"a aws_s3_bucket.logs":               "resources 4, referrers 2, conditional 1, unresolved 1",
		"a aws_s3_bucket.alone":              "resources 4, referrers 0, conditional 0, unresolved 1",
		"a aws_s3_bucket_versioning.by_ref":  "resources 4, referrers 0, conditional 0, unresolved 1",
		"a aws_s3_bucket_versioning.by_name": "resources 4, referrers 0, conditional 0, unresolved 1",
		"a aws_s3_bucket_versioning.maybe":   "resources 4, referrers 0, conditional 0, unresolved 1",
		"a aws_s3_bucket_versioning.unknown": "resources 4, referrers 0, conditional 0, unresolved 1",
		"b aws_s3_bucket.logs":               "resources 0, referrers 0, conditional 0, unresolved 0",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("joins (-want +got):\n%s", diff)
	}
}
