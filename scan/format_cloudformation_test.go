package scan_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/report"
	"github.com/attest-dev/attest/scan"
	"github.com/google/go-cmp/cmp"
)

// scanMixed scans testdata/mixed (a Terraform root module and CloudFormation
// templates side by side) with the versioning rule.
func scanMixed(t *testing.T, p scan.Params) *report.Report {
	t.Helper()
	p.Paths = []string{filepath.Join("testdata", "mixed")}
	p.Config = scan.DefaultConfig()
	p.Config.Rules.Only = []string{"aws-s3-versioning"}
	p.Now = func() time.Time { return testNow }
	rep, err := scan.Run(context.Background(), p)
	if err != nil {
		t.Fatalf("scan: %v", err)
	}
	return rep
}

func TestRun_MixedFormats(t *testing.T) {
	rep := scanMixed(t, scan.Params{})
	got := map[string]string{}
	for _, f := range rep.Findings {
		got[f.Format+" "+f.Resource+" "+f.Range.String()] = f.Status
	}
	want := map[string]string{
		"terraform aws_s3_bucket.logs " + filepath.Join("testdata", "mixed", "terraform", "main.tf") + ":1-3": attest.StatusPass,
		"cloudformation Data " + filepath.Join("testdata", "mixed", "stacks", "storage.yaml") + ":9-13":       attest.StatusFail,
		"cloudformation Archive " + filepath.Join("testdata", "mixed", "stacks", "storage.yaml") + ":14-18":   attest.StatusUnknown,
		// A template with an input error is still checked; the value in
		// error is unknown.
		"cloudformation Bad " + filepath.Join("testdata", "mixed", "stacks", "broken.yml") + ":3-6": attest.StatusFail,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	// The broken template is an input error at its file:line:col; the
	// YAML file that is no template and the parameters file are skipped.
	var errs []string
	for _, d := range rep.Diagnostics {
		if d.Severity == attest.DiagError {
			errs = append(errs, d.String())
		}
	}
	if len(errs) != 1 || !strings.HasPrefix(errs[0], filepath.Join("testdata", "mixed", "stacks", "broken.yml")+":6:19: error: invalid template: Fn::Join takes") {
		t.Errorf("errors %q, want one at broken.yml:6:19", errs)
	}
	for _, f := range rep.Findings {
		if f.Format == attest.FormatCloudFormation && f.Status == attest.StatusFail {
			if rl := ruleByID(rep, f.RuleID); rl == nil || !strings.Contains(rl.RemediationFor(f.Format), "VersioningConfiguration") {
				t.Errorf("remediation for a CloudFormation finding: %v", rl)
			}
		}
	}
}

func ruleByID(rep *report.Report, id string) *attest.Rule {
	for i := range rep.Rules {
		if rep.Rules[i].ID == id {
			return &rep.Rules[i]
		}
	}
	return nil
}

func TestRun_CFNParameters(t *testing.T) {
	rep := scanMixed(t, scan.Params{
		FormatOnly:    []string{attest.FormatCloudFormation},
		CFNParamFiles: []string{filepath.Join("testdata", "mixed", "stacks", "prod.json")},
		CFNParams:     map[string]string{"AWS::Region": "Enabled"},
	})
	got := statuses(rep)
	want := map[string]string{"Data": attest.StatusPass, "Archive": attest.StatusPass, "Bad": attest.StatusFail}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

func TestRun_FormatOnly(t *testing.T) {
	rep := scanMixed(t, scan.Params{FormatOnly: []string{attest.FormatTerraform}})
	if diff := cmp.Diff(map[string]string{"aws_s3_bucket.logs": attest.StatusPass}, statuses(rep)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	if rep.Summary.Errors != 0 {
		t.Errorf("the broken template was read: %v", rep.Diagnostics)
	}

	t.Run("unknown format", func(t *testing.T) {
		_, err := scan.Run(context.Background(), scan.Params{Paths: []string{"testdata/mixed"}, FormatOnly: []string{"pulumi"}})
		if attest.ErrorCode(err) != attest.EINVALID || !strings.Contains(attest.ErrorMessage(err), "cloudformation") {
			t.Errorf("error %v, want invalid naming the known formats", err)
		}
	})
	t.Run("nothing of that format", func(t *testing.T) {
		rep := runScan(t, scan.Config{}, filepath.Join("testdata", "mixed", "terraform"))
		if rep.Summary.Errors != 0 {
			t.Fatalf("diagnostics %v", rep.Diagnostics)
		}
		p := scan.Params{Paths: []string{filepath.Join("testdata", "mixed", "terraform")}, FormatOnly: []string{attest.FormatCloudFormation}}
		rep, err := scan.Run(context.Background(), p)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Summary.Errors != 1 || rep.Verdict() == report.VerdictPass {
			t.Errorf("diagnostics %v, verdict %s: want an error, not a pass", rep.Diagnostics, rep.Verdict())
		}
	})
}

func TestRun_CFNParameterFileErrors(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "params.json")
	rep := scanMixed(t, scan.Params{FormatOnly: []string{attest.FormatCloudFormation}, CFNParamFiles: []string{bad}})
	if rep.Summary.Errors < 1 || !strings.Contains(rep.Diagnostics.Error(), bad) {
		t.Errorf("diagnostics %v, want an error naming %s", rep.Diagnostics, bad)
	}
}

// TestRun_SameConceptSameRule scans a folder holding the same resources as
// Terraform, a CloudFormation template, a SAM template and an Opta file,
// beside a Dockerfile: each concept fails the same rule id in every format,
// and every finding points at a line of its own source file.
func TestRun_SameConceptSameRule(t *testing.T) {
	dir := filepath.Join("testdata", "concepts")
	rep, err := scan.Run(context.Background(), scan.Params{Paths: []string{dir}, Config: scan.DefaultConfig(), Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Diagnostics.HasErrors() {
		t.Fatal(rep.Diagnostics)
	}
	failed := map[string]map[string]bool{} // source folder → failing rule ids
	for _, f := range rep.Findings {
		rel, err := filepath.Rel(dir, f.Range.File)
		if err != nil || strings.HasPrefix(rel, "..") || f.Range.StartLine < 1 {
			t.Errorf("%s %s: finding at %v, want a line of a file of the folder", f.RuleID, f.Resource, f.Range)
			continue
		}
		source := strings.Split(filepath.ToSlash(rel), "/")[0]
		if f.Status == attest.StatusFail {
			if failed[source] == nil {
				failed[source] = map[string]bool{}
			}
			failed[source][f.RuleID] = true
		}
	}
	concepts := []string{"aws-s3-tls-only", "aws-s3-versioning", "aws-kms-key-rotation", "aws-dynamodb-pitr", "aws-dynamodb-kms-encryption"}
	for _, source := range []string{"terraform", "cloudformation", "sam"} {
		for _, id := range concepts {
			if !failed[source][id] {
				t.Errorf("%s: %s does not fail (failing: %v)", source, id, failed[source])
			}
		}
	}
	// Opta's aws-s3 module without a bucket policy or replication, and its
	// postgres without multi_az: the rule ids of those concepts.
	for _, id := range []string{"aws-s3-tls-only", "aws-s3-replication", "aws-rds-multi-az"} {
		if !failed["opta"][id] {
			t.Errorf("opta: %s does not fail (failing: %v)", id, failed["opta"])
		}
	}
	for _, id := range []string{"docker-base-image-tag", "docker-secret-env-name", "docker-user-root"} {
		if !failed["docker"][id] {
			t.Errorf("docker: %s does not fail (failing: %v)", id, failed["docker"])
		}
	}
}
