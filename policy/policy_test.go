package policy_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/policy"
	"github.com/google/go-cmp/cmp"
)

func compileTestRules(t *testing.T) *policy.Engine {
	t.Helper()
	e, err := policy.Compile(context.Background(), policy.Options{NoBuiltin: true, Dirs: []string{"testdata/rules"}})
	if err != nil {
		t.Fatalf("compile: %v", err)
	}
	return e
}

func TestCompile_Metadata(t *testing.T) {
	e := compileTestRules(t)
	rules := e.Rules()
	if len(rules) != 2 {
		t.Fatalf("got %d rules, want 2", len(rules))
	}
	want := attest.Rule{
		ID:            "test-versioning",
		Title:         "Test buckets keep versions",
		Severity:      "medium",
		Controls:      map[string][]string{"soc2": {"A1.2"}, "pci-dss-4.0": {"10.5.1"}},
		ResourceTypes: []string{"aws_s3_bucket"},
		Source:        "testdata/rules/versioning.rego",
	}
	if diff := cmp.Diff(want, rules[1]); diff != "" {
		t.Errorf("rule metadata (-want +got):\n%s", diff)
	}
}

func TestCompile_Errors(t *testing.T) {
	for _, tc := range []struct {
		dir, want string
	}{
		{"testdata/bad", "testdata/bad/syntax.rego:13:1: error: unexpected } token"},
		{"testdata/nometa", "has no METADATA annotation"},
		{"testdata/missing", "rules folder testdata/missing"},
		// A package that declares deny without rule metadata is refused,
		// not loaded as a library whose verdicts nobody reads.
		{"testdata/notrule", "testdata/notrule/checks.rego:5:1: error: package acme.checks declares deny but is not a rule: " +
			"its package METADATA annotation has no custom.id: a rule is a Rego package (any name)"},
		{"testdata/rulescope", "testdata/rulescope/scoped.rego:11:1: error: package acme.scoped declares deny but is not a rule: " +
			"its METADATA with custom.id has scope rule; put it directly above the package line"},
		// A deny that is not a set would read as no message: a pass.
		{"testdata/boolean", "testdata/boolean/boolean.rego:11:1: error: rule test-boolean: deny must be a set of messages, `deny contains msg if { ... }`"},
	} {
		t.Run(tc.dir, func(t *testing.T) {
			_, err := policy.Compile(context.Background(), policy.Options{NoBuiltin: true, Dirs: []string{tc.dir}})
			if err == nil || !strings.Contains(err.Error()+attest.ErrorMessage(err), tc.want) {
				t.Fatalf("error = %v, want it to contain %q", err, tc.want)
			}
		})
	}
	t.Run("duplicate id", func(t *testing.T) {
		_, err := policy.Compile(context.Background(), policy.Options{NoBuiltin: true, Dirs: []string{"testdata/rules", "testdata/dup"}})
		var diags attest.Diagnostics
		if !errors.As(err, &diags) || !strings.Contains(err.Error(), "already used") {
			t.Fatalf("error = %v, want a duplicate-id diagnostic", err)
		}
	})
	t.Run("unknown only", func(t *testing.T) {
		_, err := policy.Compile(context.Background(), policy.Options{NoBuiltin: true, Dirs: []string{"testdata/rules"}, Only: []string{"nope"}})
		if attest.ErrorCode(err) != attest.EINVALID {
			t.Fatalf("error = %v, want invalid", err)
		}
	})
}

func bucket(addr string, attrs map[string]any, unknown ...string) attest.Resource {
	return attest.Resource{Type: "aws_s3_bucket", Address: addr, Root: "root", Attributes: attrs, Unknown: unknown,
		Range: attest.Range{File: "main.tf", StartLine: 1, EndLine: 3}}
}

func TestEngine_Evaluate(t *testing.T) {
	e := compileTestRules(t)
	resources := []attest.Resource{
		bucket("aws_s3_bucket.on", map[string]any{"bucket": "on", "versioning": []any{map[string]any{"enabled": true}}}),
		bucket("aws_s3_bucket.off", map[string]any{"bucket": "off"}),
		bucket("aws_s3_bucket.unk", map[string]any{"bucket": "unk"}, "versioning"),
		{Type: "aws_s3_bucket_policy", Address: "aws_s3_bucket_policy.by_ref", Root: "root",
			Attributes: map[string]any{}, Unknown: []string{"bucket"}, Refs: map[string][]string{"bucket": {"aws_s3_bucket.on"}}},
		{Type: "aws_s3_bucket_policy", Address: "aws_s3_bucket_policy.by_name", Root: "root",
			Attributes: map[string]any{"bucket": "off"}},
		// A policy in another root must not count for buckets of this one.
		{Type: "aws_s3_bucket_policy", Address: "aws_s3_bucket_policy.other", Root: "elsewhere",
			Attributes: map[string]any{"bucket": "unk"}},
	}
	findings, err := e.Evaluate(context.Background(), resources)
	if err != nil {
		t.Fatal(err)
	}
	type verdict struct{ Rule, Resource, Status, Message string }
	var got []verdict
	for _, f := range findings {
		got = append(got, verdict{f.RuleID, f.Resource, f.Status, f.Message})
	}
	want := []verdict{
		{"test-has-policy", "aws_s3_bucket.off", "pass", ""},
		{"test-versioning", "aws_s3_bucket.off", "fail", "versioning is off"},
		{"test-has-policy", "aws_s3_bucket.on", "pass", ""},
		{"test-versioning", "aws_s3_bucket.on", "pass", ""},
		{"test-has-policy", "aws_s3_bucket.unk", "fail", "bucket aws_s3_bucket.unk has no bucket policy"},
		{"test-versioning", "aws_s3_bucket.unk", "unknown", "versioning is not known statically"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

func TestEngine_EvaluateSelection(t *testing.T) {
	e, err := policy.Compile(context.Background(), policy.Options{NoBuiltin: true, Dirs: []string{"testdata/rules"}, Frameworks: []string{"pci-dss-4.0"}})
	if err != nil {
		t.Fatal(err)
	}
	if rules := e.Rules(); len(rules) != 1 || rules[0].ID != "test-versioning" {
		t.Fatalf("rules = %v, want only test-versioning", rules)
	}
}

// TestEngine_Only: an engine selected from a compiled one holds and
// evaluates just the rules named.
func TestEngine_Only(t *testing.T) {
	e := compileTestRules(t)
	one, err := e.Only("test-versioning", "test-versioning")
	if err != nil {
		t.Fatal(err)
	}
	if rules := one.Rules(); len(rules) != 1 || rules[0].ID != "test-versioning" {
		t.Fatalf("rules = %v, want only test-versioning", rules)
	}
	findings, err := one.Evaluate(context.Background(), []attest.Resource{bucket("aws_s3_bucket.off", map[string]any{"bucket": "off"})})
	if err != nil {
		t.Fatal(err)
	}
	if len(findings) != 1 || findings[0].RuleID != "test-versioning" || findings[0].Status != attest.StatusFail {
		t.Errorf("findings %+v, want one failure of test-versioning", findings)
	}
	if len(e.Rules()) < 2 {
		t.Errorf("selecting changed the engine selected from: %v", e.Rules())
	}
	if _, err := e.Only("nope"); err == nil || !strings.Contains(err.Error(), `unknown rule id "nope"`) {
		t.Errorf("unknown id: %v", err)
	}
}

// A rule may live in any package: its METADATA, not its package name, makes
// it a rule. Its helper library, in a package of its own, loads with it.
func TestCompile_AnyPackage(t *testing.T) {
	e, err := policy.Compile(context.Background(), policy.Options{NoBuiltin: true, Dirs: []string{"testdata/anypkg"}})
	if err != nil {
		t.Fatalf("compile: %v", err)
	}
	if rules := e.Rules(); len(rules) != 1 || rules[0].ID != "acme-owner-tag" {
		t.Fatalf("rules = %+v, want acme-owner-tag", rules)
	}
	findings, err := e.Evaluate(context.Background(), []attest.Resource{
		bucket("aws_s3_bucket.tagged", map[string]any{"tags": map[string]any{"owner": "web"}}),
		bucket("aws_s3_bucket.untagged", map[string]any{}),
	})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range findings {
		got[f.Resource] = f.Status
	}
	want := map[string]string{"aws_s3_bucket.tagged": "pass", "aws_s3_bucket.untagged": "fail"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
}

// A rule whose evaluation fails on a resource (here a helper that gives two
// values for one input when a block repeats) gives an error finding for that
// rule and resource; its verdicts on other resources and the other rules'
// verdicts on the same resource stand.
func TestEngine_EvaluateRuleError(t *testing.T) {
	e, err := policy.Compile(context.Background(), policy.Options{NoBuiltin: true, Dirs: []string{"testdata/rules", "testdata/conflict"}})
	if err != nil {
		t.Fatal(err)
	}
	rule := func(enabled bool) map[string]any { return map[string]any{"enabled": enabled} }
	resources := []attest.Resource{
		bucket("aws_s3_bucket.repeated", map[string]any{"bucket": "repeated", "lifecycle_rule": []any{rule(false), rule(true)}}),
		bucket("aws_s3_bucket.single", map[string]any{"bucket": "single", "lifecycle_rule": []any{rule(false)},
			"versioning": []any{map[string]any{"enabled": true}}}),
	}
	findings, err := e.Evaluate(context.Background(), resources)
	if err != nil {
		t.Fatalf("evaluate: %v", err)
	}
	type verdict struct{ Rule, Resource, Status string }
	var got []verdict
	var msg string
	for _, f := range findings {
		got = append(got, verdict{f.RuleID, f.Resource, f.Status})
		if f.Status == attest.StatusError {
			msg = f.Message
		}
	}
	want := []verdict{
		{"test-conflict", "aws_s3_bucket.repeated", "error"},
		{"test-has-policy", "aws_s3_bucket.repeated", "fail"},
		{"test-versioning", "aws_s3_bucket.repeated", "fail"},
		{"test-conflict", "aws_s3_bucket.single", "fail"},
		{"test-has-policy", "aws_s3_bucket.single", "fail"},
		{"test-versioning", "aws_s3_bucket.single", "pass"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	if !strings.Contains(msg, "testdata/conflict/conflict.rego:") || !strings.Contains(msg, "eval_conflict_error") {
		t.Errorf("error message = %q, want the rule file and eval_conflict_error", msg)
	}
}

// Each worker keeps its query objects and cache from one resource to the
// next: over many resources of one type, alternately failing to evaluate and
// not, every resource gets its own verdicts, in resource order.
func TestEngine_EvaluateManyAlternating(t *testing.T) {
	e, err := policy.Compile(context.Background(), policy.Options{NoBuiltin: true, Dirs: []string{"testdata/rules", "testdata/conflict"}})
	if err != nil {
		t.Fatal(err)
	}
	rule := func(enabled bool) map[string]any { return map[string]any{"enabled": enabled} }
	var resources []attest.Resource
	type verdict struct{ Rule, Resource, Status string }
	var want []verdict
	for i := range 300 {
		addr := fmt.Sprintf("aws_s3_bucket.b%03d", i)
		if i%3 == 0 {
			resources = append(resources, bucket(addr, map[string]any{"bucket": addr, "lifecycle_rule": []any{rule(false), rule(true)}}))
			want = append(want, verdict{"test-conflict", addr, "error"}, verdict{"test-has-policy", addr, "fail"}, verdict{"test-versioning", addr, "fail"})
			continue
		}
		resources = append(resources, bucket(addr, map[string]any{"bucket": addr, "lifecycle_rule": []any{rule(false)},
			"versioning": []any{map[string]any{"enabled": i%2 == 0}}}))
		versioning := "fail"
		if i%2 == 0 {
			versioning = "pass"
		}
		want = append(want, verdict{"test-conflict", addr, "fail"}, verdict{"test-has-policy", addr, "fail"}, verdict{"test-versioning", addr, versioning})
	}
	findings, err := e.Evaluate(context.Background(), resources)
	if err != nil {
		t.Fatalf("evaluate: %v", err)
	}
	var got []verdict
	for _, f := range findings {
		got = append(got, verdict{f.RuleID, f.Resource, f.Status})
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

// A cancelled context stops the evaluation with its error, not with
// findings of the resources it did not reach.
func TestEngine_EvaluateCancelled(t *testing.T) {
	e := compileTestRules(t)
	resources := make([]attest.Resource, 2000)
	for i := range resources {
		resources[i] = attest.Resource{Type: "aws_s3_bucket", Address: "aws_s3_bucket.b", Root: "r"}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	findings, err := e.Evaluate(ctx, resources)
	if !errors.Is(err, context.Canceled) || findings != nil {
		t.Errorf("Evaluate = %d findings, %v; want context.Canceled", len(findings), err)
	}
}

// A rule that reads no input but whose definitions conflict is an error on
// every resource, never a verdict: OPA caches the first value of a complete
// rule before it finds the conflict, and the value a worker keeps from one
// resource to the next must not outlive the failed evaluation.
func TestEngine_EvaluateConstantConflict(t *testing.T) {
	e, err := policy.Compile(context.Background(), policy.Options{NoBuiltin: true, Dirs: []string{"testdata/constconflict", "testdata/rules"}})
	if err != nil {
		t.Fatal(err)
	}
	var resources []attest.Resource
	for i := range 50 {
		addr := fmt.Sprintf("aws_s3_bucket.b%02d", i)
		resources = append(resources, bucket(addr, map[string]any{"bucket": addr}))
	}
	findings, err := e.Evaluate(context.Background(), resources)
	if err != nil {
		t.Fatalf("evaluate: %v", err)
	}
	errs, others := 0, 0
	for _, f := range findings {
		switch {
		case f.RuleID != "test-constant-conflict":
			others++
		case f.Status == attest.StatusError && strings.Contains(f.Message, "conflict"):
			errs++
		default:
			t.Errorf("%s: %s %q, want an error finding about the conflict", f.Resource, f.Status, f.Message)
		}
	}
	if errs != len(resources) || others == 0 {
		t.Errorf("%d error findings of the conflicting rule and %d of the other rules; want %d and some", errs, others, len(resources))
	}
}
