package scan_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/scan"
	"github.com/google/go-cmp/cmp"
)

// TestRun_Opta scans the shipped Opta example: the three settings Opta
// names for SOC 2 and PCI DSS fail under the Terraform rules' ids, at the
// lines of the modules in the service file.
func TestRun_Opta(t *testing.T) {
	cfg := scan.DefaultConfig()
	cfg.Rules.Only = []string{"aws-s3-tls-only", "aws-s3-replication", "aws-rds-multi-az"}
	dir := filepath.Join("..", "examples", "opta")
	rep, err := scan.Run(context.Background(), scan.Params{Paths: []string{dir}, Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Diagnostics) != 0 {
		t.Fatalf("diagnostics: %v", rep.Diagnostics)
	}
	api := filepath.Join(dir, "api.yaml")
	type verdict struct {
		Status string
		Range  attest.Range
	}
	got := map[string]verdict{}
	for _, f := range rep.Findings {
		if f.Root == api+"#prod" {
			got[f.RuleID+" "+f.Resource] = verdict{f.Status, f.Range}
		}
	}
	db := attest.Range{File: api, StartLine: 17, EndLine: 19}
	uploads := attest.Range{File: api, StartLine: 20, EndLine: 22}
	reports := attest.Range{File: api, StartLine: 23, EndLine: 39}
	want := map[string]verdict{
		"aws-rds-multi-az module.db.aws_rds_cluster.db_cluster[0]":   {attest.StatusFail, db},
		"aws-s3-tls-only module.uploads.aws_s3_bucket.bucket":        {attest.StatusFail, uploads},
		"aws-s3-replication module.uploads.aws_s3_bucket.bucket":     {attest.StatusFail, uploads},
		"aws-s3-tls-only module.reports.aws_s3_bucket.bucket":        {attest.StatusPass, reports},
		"aws-s3-replication module.reports.aws_s3_bucket.bucket":     {attest.StatusPass, reports},
		"aws-s3-tls-only module.reports.aws_s3_bucket.replica[0]":    {attest.StatusPass, reports},
		"aws-s3-replication module.reports.aws_s3_bucket.replica[0]": {attest.StatusPass, reports},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings of api.yaml (-want +got):\n%s", diff)
	}
}

// TestRun_OptaInput checks that an Opta file that does not parse is an
// input error at its line, that a YAML file of no known format is skipped,
// and that a service's environment file is read only inside the tree.
func TestRun_OptaInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	bad := write("svc/broken.yaml", "name: api\norg_name: acme\nmodules:\n  - type: aws-s3\n    bucket_name: \"{vars.nope}\"\n")
	write("svc/values.yaml", "replicas: 3\nimage: {tag: latest}\n")
	write("outside/env.yaml", "name: prod\norg_name: acme\nproviders: {aws: {region: us-east-1}}\nmodules:\n  - type: base\n")
	svc := write("svc/api.yaml", "name: api\nenvironments:\n  - name: prod\n    path: ../outside/env.yaml\nmodules:\n  - type: postgres\n")

	rep, err := scan.Run(context.Background(), scan.Params{Paths: []string{filepath.Join(dir, "svc")}, Root: filepath.Join(dir, "svc")})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range rep.Diagnostics {
		got = append(got, d.Severity+" "+d.Pos.String())
	}
	want := []string{"gap " + svc + ":3:5", "gap " + svc + ":6:5", "error " + bad + ":5:18"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s\n%v", diff, rep.Diagnostics)
	}
	if !strings.Contains(rep.Diagnostics.Error(), "outside the scanned tree") {
		t.Errorf("the environment gap does not say why: %v", rep.Diagnostics)
	}
}

// TestRun_OptaInlineWaiver checks that an # attest:ignore comment above a
// module entry waives the findings on the resources of that module.
func TestRun_OptaInlineWaiver(t *testing.T) {
	dir := t.TempDir()
	src := "name: prod\norg_name: acme\nproviders:\n  aws: {region: us-east-1}\nmodules:\n" +
		"  # attest:ignore aws-rds-multi-az reason=\"staging-size database\" expires=2099-01-31\n" +
		"  - name: db\n    type: postgres\n  - name: other\n    type: postgres\n"
	if err := os.WriteFile(filepath.Join(dir, "env.yaml"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := scan.DefaultConfig()
	cfg.Rules.Only = []string{"aws-rds-multi-az"}
	rep, err := scan.Run(context.Background(), scan.Params{Paths: []string{dir}, Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range rep.Findings {
		got[f.Resource] = f.Status
	}
	want := map[string]string{"module.db.aws_rds_cluster.db_cluster[0]": attest.StatusWaived,
		"module.other.aws_rds_cluster.db_cluster[0]": attest.StatusFail}
	if diff := cmp.Diff(want, got); diff != "" || len(rep.Diagnostics) != 0 {
		t.Errorf("verdicts (-want +got):\n%s\ndiagnostics %v", diff, rep.Diagnostics)
	}
}
