package policy

import (
	"testing"
)

// flagsCase is one call of both definitions: a resource document and a
// collection of paths, each as JSON.
type flagsCase struct{ doc, paths string }

// flagsPaths are the paths of the four flags of a CloudFormation bucket's
// public access block, as rules/lib/aws_s3.rego gives them.
const flagsPaths = `{
	"block_public_acls": "PublicAccessBlockConfiguration.BlockPublicAcls",
	"block_public_policy": "PublicAccessBlockConfiguration.BlockPublicPolicy",
	"ignore_public_acls": "PublicAccessBlockConfiguration.IgnorePublicAcls",
	"restrict_public_buckets": "PublicAccessBlockConfiguration.RestrictPublicBuckets"
}`

var flagsCases = []flagsCase{
	{`{"attributes": {"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true}}}`, flagsPaths},
	{`{"attributes": {"PublicAccessBlockConfiguration": {"BlockPublicAcls": "TRUE", "BlockPublicPolicy": "false", "IgnorePublicAcls": 1, "RestrictPublicBuckets": null}}}`, flagsPaths},
	{`{"attributes": {"PublicAccessBlockConfiguration": {"BlockPublicAcls": "True"}}, "unknown": ["PublicAccessBlockConfiguration.BlockPublicPolicy"]}`, flagsPaths},
	{`{"attributes": {"PublicAccessBlockConfiguration": {}}, "unknown": ["PublicAccessBlockConfiguration"]}`, flagsPaths},
	{`{"attributes": {"PublicAccessBlockConfiguration": {"BlockPublicAcls": {"Ref": "x"}}}, "unknown": ["PublicAccessBlockConfiguration.BlockPublicAcls.Ref"], "unknown_parents": {"PublicAccessBlockConfiguration": true, "PublicAccessBlockConfiguration.BlockPublicAcls": true}}`, flagsPaths},
	{`{"attributes": {"PublicAccessBlockConfiguration": "yes"}}`, flagsPaths},
	{`{"attributes": {}}`, flagsPaths},
	{`{"type": "x"}`, flagsPaths},
	{`[]`, flagsPaths},
	{`{"attributes": {"block_public_acls": true, "block_public_policy": false, "ignore_public_acls": "true"}, "unknown": ["restrict_public_buckets"]}`,
		`{"block_public_acls": "block_public_acls", "block_public_policy": "block_public_policy", "ignore_public_acls": "ignore_public_acls", "restrict_public_buckets": "restrict_public_buckets"}`},
	{`{"attributes": {"a": [true, "tRuE"]}}`, `["a.0", "a.1", "a.2", 3]`},
	{`{"attributes": {"a": true, "b": "true"}}`, `{"x": "a", "y": ["b"], "z": 7}`},
	{`{"attributes": {"a": true}}`, `{}`},
	{`{"attributes": {"a": true}}`, `[]`},
	{`{"attributes": {"a": true}}`, `"a"`},
	{`{"attributes": {"a": true}}`, `null`},
}

// callFlags evaluates the built-in and the reference Rego definition on one
// case and returns their results as OPA prints them ("" for undefined,
// "error" for an error).
func callFlags(t testing.TB, c flagsCase) (builtin, reference string, ok bool) {
	t.Helper()
	input, ok := jsonInput(map[string]string{"doc": c.doc, "paths": c.paths})
	if !ok {
		return "", "", false
	}
	q := func(expr string) string { return resultX(t, input, expr) }
	return q(`x := attest.flags(input.doc, input.paths)`), q(`x := data.reference.flags(input.doc, input.paths)`), true
}

func TestFlags_matchRego(t *testing.T) {
	for _, c := range flagsCases {
		got, want, ok := callFlags(t, c)
		if !ok {
			t.Fatalf("case %v does not parse", c)
		}
		if got != want {
			t.Errorf("doc %s paths %s: the built-in gives %s, the Rego definition %s", c.doc, c.paths, got, want)
		}
	}
}

// TestFlags_values pins a few answers, so that the built-in and the
// reference cannot agree on something wrong.
func TestFlags_values(t *testing.T) {
	for _, c := range []struct {
		c    flagsCase
		want string
	}{
		{flagsCases[0], `{"block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true}`},
		{flagsCases[1], `{"block_public_acls": true, "block_public_policy": false, "ignore_public_acls": false, "restrict_public_buckets": false}`},
		{flagsCases[2], `{"block_public_acls": true, "block_public_policy": "unknown", "ignore_public_acls": false, "restrict_public_buckets": false}`},
		{flagsCases[3], `{"block_public_acls": "unknown", "block_public_policy": "unknown", "ignore_public_acls": "unknown", "restrict_public_buckets": "unknown"}`},
		{flagsCases[10], `{"0": true, "1": true, "2": false, "3": false}`},
		{flagsCases[14], `{}`},
	} {
		got, _, _ := callFlags(t, c.c)
		if got != c.want {
			t.Errorf("doc %s paths %s: got %s, want %s", c.c.doc, c.c.paths, got, c.want)
		}
	}
}

func FuzzFlags(f *testing.F) {
	for _, c := range flagsCases {
		f.Add(c.doc, c.paths)
	}
	f.Fuzz(func(t *testing.T, doc, paths string) {
		got, want, ok := callFlags(t, flagsCase{doc, paths})
		if ok && got != want {
			t.Errorf("doc %s paths %s: the built-in gives %s, the Rego definition %s", doc, paths, got, want)
		}
	})
}
