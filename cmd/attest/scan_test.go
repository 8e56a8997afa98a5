package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/report"
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

func TestScan_InputErrorsAndGaps(t *testing.T) {
	empty := t.TempDir()
	cfgDir := t.TempDir()
	if err := os.WriteFile(filepath.Join(cfgDir, ".attest.yaml"), []byte("fail_on: high\nframework: [soc2]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"empty folder", []string{"scan", empty}, exitInput, "nothing to scan"},
		{"empty folder is not a pass", []string{"scan", empty}, exitInput, "Result: INCOMPLETE (1 input error;"},
		{"unknown config key", []string{"scan", cfgDir}, exitInput, `.attest.yaml:2:1: unknown key "framework" (allowed: exceptions, fail_on, frameworks, limits, rules, strict, var_files, variables, vulns)`},
		{"bad baseline", []string{"scan", "--baseline", "scan_test.go", "../../examples/aws-web"}, exitInput, "baseline scan_test.go: not JSON"},
		{"missing baseline", []string{"scan", "--baseline", "nope.json", "../../examples/aws-web"}, exitInput, "read baseline"},
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

// TestScanExit: coverage gaps keep the exit code about findings unless the
// scan is strict; input errors always exit 2.
func TestScanExit(t *testing.T) {
	gap := attest.Diagnostic{Severity: attest.DiagGap, Pos: attest.Pos{File: "main.tf", Line: 3}, Summary: "module not downloaded", Affected: 4}
	inputErr := attest.Diagnostic{Severity: attest.DiagError, Pos: attest.Pos{File: "main.tf", Line: 1}, Summary: "bad"}
	fail := attest.Finding{RuleID: "r", Severity: "high", Status: attest.StatusFail, Resource: "x"}
	pass := attest.Finding{RuleID: "r", Severity: "high", Status: attest.StatusPass, Resource: "y"}
	unknown := attest.Finding{RuleID: "r", Severity: "high", Status: attest.StatusUnknown, Resource: "z"}
	unknownLow := attest.Finding{RuleID: "r", Severity: "low", Status: attest.StatusUnknown, Resource: "w"}
	for _, tc := range []struct {
		name     string
		strict   bool
		findings []attest.Finding
		diags    attest.Diagnostics
		want     int
	}{
		{"pass", false, []attest.Finding{pass}, nil, exitOK},
		{"gap", false, []attest.Finding{pass}, attest.Diagnostics{gap}, exitOK},
		{"gap and failure", false, []attest.Finding{fail}, attest.Diagnostics{gap}, exitFindings},
		{"strict gap", true, []attest.Finding{pass}, attest.Diagnostics{gap}, exitInput},
		{"strict gap and failure", true, []attest.Finding{fail}, attest.Diagnostics{gap}, exitInput},
		{"strict without gap", true, []attest.Finding{fail}, nil, exitFindings},
		{"unknown", false, []attest.Finding{pass, unknown}, nil, exitOK},
		{"strict unknown", true, []attest.Finding{pass, unknown}, nil, exitInput},
		{"strict unknown below threshold", true, []attest.Finding{pass, unknownLow}, nil, exitOK},
		{"input error", false, []attest.Finding{fail}, attest.Diagnostics{inputErr}, exitInput},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := &report.Report{FailOn: "high", Strict: tc.strict, Findings: tc.findings, Diagnostics: tc.diags}
			rep.Summary = report.Summarize(nil, tc.findings, tc.diags)
			got := exitOK
			var ee *exitError
			if err := scanExit(rep); errors.As(err, &ee) {
				got = ee.code
			} else if err != nil {
				t.Fatalf("scanExit: %v", err)
			}
			if got != tc.want {
				t.Errorf("exit %d, want %d", got, tc.want)
			}
		})
	}
}

func TestScan_Baseline(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "base.json")
	if code, _, stderr := runCLI(t, "scan", "--format", "json="+base, "../../examples/aws-web"); code != exitFindings {
		t.Fatalf("first scan: exit %d, want %d\n%s", code, exitFindings, stderr)
	}
	code, stdout, stderr := runCLI(t, "scan", "--baseline", base, "../../examples/aws-web")
	if code != exitOK {
		t.Fatalf("scan against its own baseline: exit %d, want 0\n%s\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "known:    in the baseline") || !strings.Contains(stdout, "known failures from the baseline") {
		t.Errorf("table does not show the known failures:\n%s", stdout)
	}

	// Drop aws_s3_bucket.logs's failures from the baseline: they are new.
	data, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	var kept []any
	for _, f := range doc["findings"].([]any) {
		if f.(map[string]any)["resource"] != "aws_s3_bucket.logs" {
			kept = append(kept, f)
		}
	}
	doc["findings"] = kept
	data, _ = json.Marshal(doc)
	older := filepath.Join(dir, "older.json")
	if err := os.WriteFile(older, data, 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ = runCLI(t, "scan", "--baseline", older, "../../examples/aws-web")
	if code != exitFindings {
		t.Fatalf("new failures: exit %d, want %d\n%s", code, exitFindings, stdout)
	}
	if !strings.Contains(stdout, "Result: FAIL") {
		t.Errorf("no FAIL:\n%s", stdout)
	}
}

func TestProgress(t *testing.T) {
	var buf bytes.Buffer
	p := startProgress(&buf, time.Hour)
	p.loaded(1, 3)
	if buf.Len() != 0 {
		t.Fatalf("progress before the delay: %q", buf.String())
	}
	p.show() // the delay passes
	if got := buf.String(); got != "\r\x1b[Kattest: loaded 1 of 3 inputs" {
		t.Errorf("progress after the delay = %q", got)
	}
	p.loaded(3, 3)
	if !strings.HasSuffix(buf.String(), "loaded 3 of 3 inputs, evaluating rules") {
		t.Errorf("progress = %q", buf.String())
	}
	p.stop()
	if !strings.HasSuffix(buf.String(), "\r\x1b[K") {
		t.Errorf("stop did not erase the line: %q", buf.String())
	}
	n := buf.Len()
	p.show()
	p.loaded(3, 3)
	if buf.Len() != n {
		t.Errorf("progress written after stop: %q", buf.String()[n:])
	}
	quick := startProgress(&buf, time.Hour)
	quick.stop()
	if buf.Len() != n {
		t.Errorf("a scan that ended before the delay printed %q", buf.String()[n:])
	}

	// Not a terminal: nothing on stderr, however long the scan.
	if isTerminal(&buf) {
		t.Errorf("a buffer is a terminal")
	}
	f, err := os.CreateTemp(t.TempDir(), "stderr")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if isTerminal(f) {
		t.Errorf("a regular file is a terminal")
	}
	if _, _, stderr := runCLI(t, "scan", "--fail-on", "none", "../../examples/aws-web"); strings.Contains(stderr, "loaded") {
		t.Errorf("progress on a stderr that is not a terminal: %q", stderr)
	}
}

// TestScan_RegistryModuleNotDownloaded: a registry module without
// .terraform/modules leaves its resources unchecked. The scan never says
// PASS, names the module call's file:line as a gap (not an input error),
// keeps the exit code about findings (0 here) and exits 2 under --strict.
func TestScan_RegistryModuleNotDownloaded(t *testing.T) {
	dir := t.TempDir()
	js := filepath.Join(dir, "out.json")
	code, stdout, stderr := runCLI(t, "scan", "--rule", "aws-kms-key-rotation", "--format", "table", "--format", "json="+js, "testdata/registry-module")
	if !strings.Contains(stdout, "Result: INCOMPLETE") || strings.Contains(stdout, "PASS") {
		t.Errorf("result is not INCOMPLETE:\n%s", stdout)
	}
	var rep struct {
		Diagnostics []attest.Diagnostic `json:"diagnostics"`
	}
	data, err := os.ReadFile(js)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Diagnostics) != 1 || rep.Diagnostics[0].Pos.File != "testdata/registry-module/main.tf" || rep.Diagnostics[0].Pos.Line != 1 {
		t.Fatalf("diagnostics %+v, want one at the module call, main.tf:1", rep.Diagnostics)
	}
	if rep.Diagnostics[0].Severity != attest.DiagGap {
		t.Errorf("diagnostic severity %q, want %q", rep.Diagnostics[0].Severity, attest.DiagGap)
	}
	if code != exitOK {
		t.Errorf("exit %d, want %d: a gap keeps the exit code about findings\n%s", code, exitOK, stderr)
	}
	if code, _, _ := runCLI(t, "scan", "--strict", "--rule", "aws-kms-key-rotation", "testdata/registry-module"); code != exitInput {
		t.Errorf("--strict: exit %d, want %d", code, exitInput)
	}
}
