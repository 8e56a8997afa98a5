package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestScan_Example(t *testing.T) {
	dir := t.TempDir()
	sarif := filepath.Join(dir, "out.sarif")
	js := filepath.Join(dir, "out.json")
	code, stdout, stderr := runCLI(t, "scan", "../../examples/aws-web", "--format", "table", "--format", "sarif="+sarif, "--format", "json="+js)
	if code != exitFindings {
		t.Fatalf("exit %d, want %d (the example has high failures); stderr:\n%s", code, exitFindings, stderr)
	}
	for _, want := range []string{"aws-s3-tls-only", "aws_s3_bucket.logs", "examples/aws-web/storage.tf:12-14", "Result: FAIL"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("table output lacks %q", want)
		}
	}
	var rep struct {
		SchemaVersion string `json:"schema_version"`
		Findings      []struct {
			RuleID   string `json:"rule_id"`
			Status   string `json:"status"`
			Resource string `json:"resource"`
		} `json:"findings"`
	}
	data, err := os.ReadFile(js)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatalf("json output: %v", err)
	}
	statuses := map[string]string{}
	for _, f := range rep.Findings {
		statuses[f.RuleID+" "+f.Resource] = f.Status
	}
	for key, want := range map[string]string{
		// The module's TLS-only policy comes from an aws_iam_policy_document.
		`aws-s3-tls-only module.app_bucket["uploads"].aws_s3_bucket.this`: "pass",
		`aws-s3-tls-only aws_s3_bucket.logs`:                              "fail",
		// count = 0 on the replication of "exports", 1 on "uploads".
		`aws-s3-replication module.app_bucket["exports"].aws_s3_bucket.this`: "fail",
		`aws-s3-replication module.app_bucket["uploads"].aws_s3_bucket.this`: "pass",
		// Waived by the exceptions register in .attest.yaml.
		`aws-s3-replication aws_s3_bucket.logs`: "waived",
		// multi_az = var.environment != "prod", with environment from terraform.tfvars.
		`aws-rds-multi-az aws_db_instance.main`: "fail",
	} {
		if statuses[key] != want {
			t.Errorf("%s: status %q, want %q", key, statuses[key], want)
		}
	}
	if _, err := os.Stat(sarif); err != nil {
		t.Errorf("sarif output: %v", err)
	}
}

func TestScan_ExitCodes(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"fail-on none", []string{"scan", "--fail-on", "none", "../../examples/aws-web"}, exitOK, "Result: PASS (no failure fails the scan)"},
		{"below threshold", []string{"scan", "--fail-on", "critical", "--format", "json=" + os.DevNull, "../../examples/aws-web"}, exitOK, ""},
		{"var overrides tfvars", []string{"scan", "--rule", "aws-rds-multi-az", "--fail-on", "low", "--var", "environment=staging", "../../examples/aws-web"}, exitOK, ""},
		{"parse error", []string{"scan", "--rule", "aws-kms-key-rotation", "../../scan/testdata/broken"}, exitInput, "broken.tf:2"},
		{"missing path", []string{"scan", "does/not/exist"}, exitInput, "does/not/exist"},
		{"unknown format", []string{"scan", "--format", "yaml", "."}, exitInput, `unknown format "yaml"`},
		{"bad fail-on", []string{"scan", "--fail-on", "severe", "."}, exitInput, "--fail-on"},
		{"bad framework", []string{"scan", "--framework", "iso27001", "."}, exitInput, "--framework"},
		{"two formats on stdout", []string{"scan", "--format", "json", "--format", "table", "."}, exitInput, "only one --format"},
		{"no path", []string{"scan"}, exitInput, "requires at least 1 arg"},
		// A rule that cannot be evaluated on a resource is an error finding:
		// the scan goes on, and the exit code says it is not complete.
		{"rule error", []string{"scan", "--fail-on", "none", "--rules", "../../scan/testdata/dynamic-rules", "--rule", "acme-first-tokens",
			"--rule", "aws-kms-key-rotation", "../../scan/testdata/dynamic"}, exitInput, "1 rule evaluation error(s); the rest was scanned"},
		{"network without rules", []string{"scan", "--allow-rule-network", "."}, exitInput, "--allow-rule-network applies to the rules of --rules folders"},
		// The repository's .attest.yaml names a rule folder whose rule calls
		// http.send: the command line cannot let it.
		{"repo rules never reach the network", []string{"scan", "--allow-rule-network", "--rules", "../../scan/testdata/dynamic-rules",
			"--var", "endpoint=http://127.0.0.1:1/", "../../scan/testdata/netrepo"}, exitInput, "inventory.rego:12:10: error: rule calls http.send"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, stdout, stderr)
			}
			if !strings.Contains(stdout+stderr, tc.want) {
				t.Errorf("output lacks %q\nstdout:\n%s\nstderr:\n%s", tc.want, stdout, stderr)
			}
		})
	}
}

func TestScan_TerraformEnv(t *testing.T) {
	got := terraformEnv([]string{"TF_VAR_environment=staging", "TF_VAR_=x", "PATH=/bin", "TF_VAR_list=[\"a\"]", "TF_LOG=debug"})
	want := map[string]string{"environment": "staging", "list": `["a"]`}
	if len(got) != len(want) || got["environment"] != want["environment"] || got["list"] != want["list"] {
		t.Errorf("terraformEnv = %v, want %v", got, want)
	}
	// terraform.tfvars sets environment = "prod", which the environment
	// does not override: multi_az stays false and the rule fails.
	t.Setenv("TF_VAR_environment", "staging")
	if code, stdout, _ := runCLI(t, "scan", "--rule", "aws-rds-multi-az", "--fail-on", "low", "../../examples/aws-web"); code != exitFindings {
		t.Errorf("exit %d, want %d: terraform.tfvars must win over TF_VAR_\n%s", code, exitFindings, stdout)
	}
}
