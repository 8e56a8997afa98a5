package terraform_test

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/attest-dev/attest/iac/terraform"
	"github.com/google/go-cmp/cmp"
)

// TestLoadModule_EvaluatesLikeTerraform loads shapes Terraform accepts that
// the loader once reported as errors: iteration over an optional attribute
// whose default was not applied to a partly known object, a null for
// condition, length() of an object and of a string, a null lookup default
// given to a non-nullable variable, and a policy document built from one
// that is not known statically.
func TestLoadModule_EvaluatesLikeTerraform(t *testing.T) {
	res, rs := load(t, "evalbugs", terraform.Options{})
	if len(res.Diagnostics) != 0 {
		t.Errorf("want no diagnostics, got:\n%s", res.Diagnostics.Error())
	}
	want := []string{
		"aws_acm_certificate.shop",
		"aws_iam_policy.combined",
		"data.aws_iam_policy_document.base",
		"data.aws_iam_policy_document.combined",
		`module.access["ops"].aws_iam_role_policy_attachment.role["reader"]`,
		"module.front.aws_lb.main[0]",
		`module.front.aws_lb_listener.public["web"]`,
		`module.front.aws_lb_listener_rule.path["api/health"]`,
	}
	if diff := cmp.Diff(want, addrs(rs)); diff != "" {
		t.Errorf("addresses (-want +got):\n%s", diff)
	}
	if r := rs["aws_iam_policy.combined"]; !slices.Contains(r.Unknown, "policy") {
		t.Errorf("policy built from an unknown document: Unknown = %v, want policy listed", r.Unknown)
	}
	if r := rs[`module.front.aws_lb_listener_rule.path["api/health"]`]; r.Attributes["path"] != "/healthz" {
		t.Errorf("path = %v", r.Attributes["path"])
	}
}

// TestLoadModule_Gaps: what only plan or apply can tell and a module that
// terraform init has not downloaded are gaps with file:line and the number of
// resources they stand for, never errors.
func TestLoadModule_Gaps(t *testing.T) {
	res, rs := load(t, "gaps", terraform.Options{MaxInstances: 3})
	if res.Diagnostics.HasErrors() {
		t.Errorf("gaps reported as errors:\n%s", res.Diagnostics.Error())
	}
	file := filepath.Join("testdata", "gaps", "main.tf")
	type gap struct {
		Pos      string
		Summary  string
		Affected int
	}
	var got []gap
	for _, d := range res.Diagnostics.Gaps() {
		got = append(got, gap{d.Pos.String(), d.Summary, d.Affected})
	}
	want := []gap{
		// One stand-in subnet for an unknown number of them.
		{file + ":7:16", "count not known statically", 1},
		// The module is loaded once for unknown zones: its two volumes.
		{file + ":13:14", "for_each not known statically", 2},
		{file + ":18:1", "module not installed", 0},
		// 5 rules, 3 loaded.
		{file + ":24:15", "expansion capped", 2},
		{file + ":33:12", "expansion capped", 0},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("gaps (-want +got):\n%s", diff)
	}
	if len(res.Diagnostics) != len(want) {
		t.Errorf("want only the gaps, got:\n%s", res.Diagnostics.Error())
	}
	for _, a := range []string{"aws_subnet.private", "module.per_zone.aws_ebs_volume.data", "module.per_zone.aws_ebs_volume.logs", "module.many[2].aws_ebs_volume.logs"} {
		get(t, rs, a)
	}
}
