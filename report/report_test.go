package report_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/report"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// sample is a scan of two roots with every kind of finding, a diagnostic, an
// expired exception and control summaries. Times are fixed.
func sample() *report.Report {
	rules := []attest.Rule{
		{
			ID: "aws-s3-tls-only", Title: "S3 buckets refuse requests that do not use TLS", Severity: attest.SeverityHigh,
			Description:   "Without a policy denying aws:SecureTransport=false, data can travel in clear text.",
			Controls:      map[string][]string{attest.FrameworkSOC2: {"CC6.7", "CC6.1"}, attest.FrameworkPCIDSS: {"4.2.1"}},
			Remediation:   "Attach a bucket policy that denies s3:* when aws:SecureTransport is false.",
			ResourceTypes: []string{"aws_s3_bucket"},
		},
		{
			ID: "aws-rds-encrypted", Title: "RDS instances encrypt storage", Severity: attest.SeverityCritical,
			Controls:      map[string][]string{attest.FrameworkSOC2: {"CC6.1"}, attest.FrameworkPCIDSS: {"3.5.1"}},
			Remediation:   "Set `storage_encrypted = true`.",
			ResourceTypes: []string{"aws_db_instance"},
		},
		{
			ID: "aws-cloudwatch-log-retention", Title: "Log groups keep logs | at least a year", Severity: attest.SeverityLow,
			Controls:      map[string][]string{attest.FrameworkPCIDSS: {"10.5.1"}},
			ResourceTypes: []string{"aws_cloudwatch_log_group"},
		},
	}
	exp := time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)
	findings := []attest.Finding{
		{RuleID: "aws-s3-tls-only", Severity: "high", Status: attest.StatusFail, Message: `bucket "acme-logs" has no policy denying insecure transport`,
			Resource: "aws_s3_bucket.logs", ResourceType: "aws_s3_bucket", Root: "stacks/web", Range: attest.Range{File: "stacks/web/main.tf", StartLine: 12, EndLine: 18}},
		{RuleID: "aws-s3-tls-only", Severity: "high", Status: attest.StatusFail, Message: `bucket "acme-logs" allows s3:GetObject over HTTP`,
			Resource: "aws_s3_bucket.logs", ResourceType: "aws_s3_bucket", Root: "stacks/web", Range: attest.Range{File: "stacks/web/main.tf", StartLine: 12, EndLine: 18}},
		{RuleID: "aws-s3-tls-only", Severity: "high", Status: attest.StatusPass,
			Resource: "aws_s3_bucket.site", ResourceType: "aws_s3_bucket", Root: "stacks/web", Range: attest.Range{File: "stacks/web/main.tf", StartLine: 30, EndLine: 33}},
		{RuleID: "aws-s3-tls-only", Severity: "high", Status: attest.StatusWaived, Message: "bucket has no TLS policy",
			Resource: `module.buckets["assets"].aws_s3_bucket.this`, ResourceType: "aws_s3_bucket", Root: "stacks/web",
			Range:       attest.Range{File: "modules/bucket/main.tf", StartLine: 1, EndLine: 4},
			ModuleCalls: []attest.Range{{File: "stacks/web/main.tf", StartLine: 40, EndLine: 44}},
			Exception: &attest.Exception{RuleID: "aws-s3-tls-only", Resource: `module.buckets["assets"].*`, Justification: "public assets <served> via CloudFront & \"OAC\"",
				Owner: "web-team", Expires: exp, Ticket: "SEC-142", Source: attest.Pos{File: "stacks/web/.attest.yaml", Line: 7, Column: 5}}},
		{RuleID: "aws-rds-encrypted", Severity: "critical", Status: attest.StatusFail, Message: "storage_encrypted is false",
			Resource: "module.db.aws_db_instance.this[0]", ResourceType: "aws_db_instance", Root: "stacks/data",
			Range:       attest.Range{File: "modules/db/main.tf", StartLine: 3, EndLine: 21},
			ModuleCalls: []attest.Range{{File: "stacks/data/main.tf", StartLine: 8, EndLine: 15}}},
		{RuleID: "aws-rds-encrypted", Severity: "critical", Status: attest.StatusUnknown, Message: "storage_encrypted is not known until apply",
			Resource: "aws_db_instance.replica", ResourceType: "aws_db_instance", Root: "stacks/data", Range: attest.Range{File: "stacks/data/replica.tf", StartLine: 1, EndLine: 9}},
		{RuleID: "aws-cloudwatch-log-retention", Severity: "low", Status: attest.StatusFail, Message: "retention_in_days is 0 (never expire is allowed, but 0 means unset)",
			Resource: "aws_cloudwatch_log_group.app", ResourceType: "aws_cloudwatch_log_group", Root: "stacks/data", Range: attest.Range{File: "stacks/data/logs.tf"}},
		{RuleID: "aws-cloudwatch-log-retention", Severity: "low", Status: attest.StatusPass,
			Resource: "aws_cloudwatch_log_group.audit", ResourceType: "aws_cloudwatch_log_group", Root: "stacks/data", Range: attest.Range{File: "stacks/data/logs.tf", StartLine: 9, EndLine: 12}},
	}
	diags := attest.Diagnostics{
		{Severity: attest.DiagError, Pos: attest.Pos{File: "stacks/data/broken.tf", Line: 4, Column: 17}, Summary: "invalid expression", Detail: "unexpected \"}\""},
		{Severity: attest.DiagWarning, Pos: attest.Pos{File: "stacks/web/main.tf", Line: 50, Column: 3}, Summary: "variable \"region\" is set but not declared"},
		{Severity: attest.DiagGap, Pos: attest.Pos{File: "stacks/web/queues.tf", Line: 3, Column: 11}, Summary: "for_each is not known until apply",
			Detail: "depends on aws_sqs_queue.base.arn", Affected: 1},
		{Severity: attest.DiagGap, Pos: attest.Pos{File: "stacks/data/main.tf", Line: 20, Column: 3}, Summary: `module "vpc" is not downloaded`,
			Detail: `registry source "terraform-aws-modules/vpc/aws"; run terraform init`, Affected: 12},
	}
	frameworks := []string{attest.FrameworkSOC2, attest.FrameworkPCIDSS}
	titles := map[string]string{"CC6.1": "Logical access security", "CC6.7": "Data in transit is protected", "4.2.1": "Strong cryptography for PAN in transit"}
	return &report.Report{
		SchemaVersion: report.SchemaVersion,
		Tool:          report.Tool{Name: "attest", Version: "0.3.0"},
		Started:       time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC),
		Roots:         []string{"stacks/data", "stacks/web"},
		Rules:         rules,
		Findings:      findings,
		Diagnostics:   diags,
		Controls:      report.SummarizeControls(rules, findings, frameworks, func(_, id string) string { return titles[id] }),
		ExpiredExceptions: []attest.Exception{{RuleID: "aws-rds-encrypted", Resource: "aws_db_instance.legacy", Justification: "migration",
			Owner: "dba", Expires: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC), Source: attest.Pos{File: "stacks/data/.attest.yaml", Line: 12, Column: 5}}},
		StaleExceptions: []report.StaleException{{Exception: attest.Exception{RuleID: "aws-s3-versioning", Resource: "aws_s3_bucket.tmp", Justification: "scratch",
			Owner: "web-team", Expires: time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC), Source: attest.Pos{File: "stacks/web/.attest.yaml", Line: 14, Column: 5}},
			Reason: `no rule "aws-s3-versioning" ran in this scan`}},
		Summary: report.Summarize(rules, findings, diags),
		FailOn:  attest.SeverityHigh,
	}
}

func render(t *testing.T, format string, r *report.Report) []byte {
	t.Helper()
	fn, ok := report.Lookup(format)
	if !ok {
		t.Fatalf("Lookup(%q) found nothing", format)
	}
	var buf bytes.Buffer
	if err := fn(&buf, r); err != nil {
		t.Fatalf("render %s: %v", format, err)
	}
	return buf.Bytes()
}

func TestRenderer_golden(t *testing.T) {
	files := map[string]string{
		"table":    "report.txt",
		"json":     "report.json",
		"sarif":    "report.sarif",
		"junit":    "report.junit.xml",
		"markdown": "report.md",
	}
	for _, format := range report.Formats() {
		t.Run(format, func(t *testing.T) {
			got := render(t, format, sample())
			path := filepath.Join("testdata", "golden", files[format])
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./report -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s output differs from %s (-want +got):\n%s", format, path, diff)
			}
		})
	}
}

func TestFormats(t *testing.T) {
	want := []string{"json", "junit", "markdown", "sarif", "table"}
	if diff := cmp.Diff(want, report.Formats()); diff != "" {
		t.Errorf("Formats (-want +got):\n%s", diff)
	}
	if _, ok := report.Lookup("html"); ok {
		t.Errorf("Lookup(html) found a renderer")
	}
}

func TestSummarize(t *testing.T) {
	r := sample()
	want := report.Summary{
		Rules: 3, Resources: 7, Findings: 8, Passed: 2, Failed: 4, Waived: 1, Unknown: 1,
		FailedBySeverity: map[string]int{"critical": 1, "high": 2, "medium": 0, "low": 1, "info": 0},
		Errors:           1, Gaps: 2, Warnings: 1,
	}
	if diff := cmp.Diff(want, r.Summary); diff != "" {
		t.Errorf("Summarize (-want +got):\n%s", diff)
	}
}

func TestSummarizeControls(t *testing.T) {
	r := sample()
	want := []report.ControlSummary{
		{Framework: "pci-dss-4.0", ID: "3.5.1", Rules: []string{"aws-rds-encrypted"}, Failed: 1, Unknown: 1, Status: "fail"},
		{Framework: "pci-dss-4.0", ID: "4.2.1", Title: "Strong cryptography for PAN in transit", Rules: []string{"aws-s3-tls-only"}, Passed: 1, Failed: 1, Waived: 1, Status: "fail"},
		{Framework: "pci-dss-4.0", ID: "10.5.1", Rules: []string{"aws-cloudwatch-log-retention"}, Passed: 1, Failed: 1, Status: "fail"},
		{Framework: "soc2", ID: "CC6.1", Title: "Logical access security", Rules: []string{"aws-rds-encrypted", "aws-s3-tls-only"}, Passed: 1, Failed: 2, Waived: 1, Unknown: 1, Status: "fail"},
		{Framework: "soc2", ID: "CC6.7", Title: "Data in transit is protected", Rules: []string{"aws-s3-tls-only"}, Passed: 1, Failed: 1, Waived: 1, Status: "fail"},
	}
	if diff := cmp.Diff(want, r.Controls); diff != "" {
		t.Errorf("SummarizeControls (-want +got):\n%s", diff)
	}

	t.Run("worst verdict per resource", func(t *testing.T) {
		rules := []attest.Rule{
			{ID: "a", Controls: map[string][]string{"soc2": {"CC1.1"}}},
			{ID: "b", Controls: map[string][]string{"soc2": {"CC1.1"}}},
		}
		fs := []attest.Finding{
			{RuleID: "a", Status: "pass", Resource: "x"},
			{RuleID: "b", Status: "waived", Resource: "x"},
			{RuleID: "a", Status: "pass", Resource: "w"},
			{RuleID: "b", Status: "pass", Resource: "w"},
		}
		got := report.SummarizeControls(rules, fs, []string{"soc2"}, nil)
		want := []report.ControlSummary{{Framework: "soc2", ID: "CC1.1", Rules: []string{"a", "b"}, Passed: 1, Waived: 1, Status: "pass"}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})

	// A resource that one rule passed and another could not decide or
	// evaluate is not evidence that the control operates: the control is
	// incomplete, never a plain pass.
	t.Run("unknown and error are never a pass", func(t *testing.T) {
		rules := []attest.Rule{
			{ID: "a", Controls: map[string][]string{"soc2": {"CC1.1"}}},
			{ID: "b", Controls: map[string][]string{"soc2": {"CC1.1"}}},
		}
		fs := []attest.Finding{
			{RuleID: "a", Status: "pass", Resource: "x"},
			{RuleID: "b", Status: "pass", Resource: "x"},
			{RuleID: "a", Status: "pass", Resource: "y"},
			{RuleID: "b", Status: "unknown", Resource: "y"},
			{RuleID: "a", Status: "error", Resource: "z"},
			{RuleID: "b", Status: "waived", Resource: "z"},
		}
		got := report.SummarizeControls(rules, fs, []string{"soc2"}, nil)
		want := []report.ControlSummary{{Framework: "soc2", ID: "CC1.1", Rules: []string{"a", "b"},
			Passed: 1, Unknown: 1, Errored: 1, Status: report.ControlIncomplete}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})

	t.Run("a failure outweighs unknown", func(t *testing.T) {
		rules := []attest.Rule{{ID: "a", Controls: map[string][]string{"soc2": {"CC1.1"}}}}
		fs := []attest.Finding{
			{RuleID: "a", Status: "fail", Resource: "x"},
			{RuleID: "a", Status: "unknown", Resource: "y"},
		}
		got := report.SummarizeControls(rules, fs, []string{"soc2"}, nil)
		want := []report.ControlSummary{{Framework: "soc2", ID: "CC1.1", Rules: []string{"a"}, Failed: 1, Unknown: 1, Status: "fail"}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})

	t.Run("only unknown", func(t *testing.T) {
		rules := []attest.Rule{{ID: "a", Controls: map[string][]string{"soc2": {"CC6.1"}}}}
		fs := []attest.Finding{{RuleID: "a", Status: "unknown", Resource: "x"}}
		got := report.SummarizeControls(rules, fs, []string{"soc2"}, nil)
		want := []report.ControlSummary{{Framework: "soc2", ID: "CC6.1", Rules: []string{"a"}, Unknown: 1, Status: report.ControlIncomplete}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})

	t.Run("no resource checked", func(t *testing.T) {
		rules := []attest.Rule{{ID: "a", Controls: map[string][]string{"soc2": {"CC6.1"}}}}
		got := report.SummarizeControls(rules, nil, []string{"soc2"}, nil)
		want := []report.ControlSummary{{Framework: "soc2", ID: "CC6.1", Rules: []string{"a"}, Status: report.ControlNoEvidence}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
}

func TestReport_FailsThreshold(t *testing.T) {
	tests := []struct {
		failOn string
		want   bool
	}{
		{"critical", true},
		{"high", true},
		{"low", true},
		{"", true},
		{report.FailOnNone, false},
	}
	for _, tt := range tests {
		t.Run(tt.failOn, func(t *testing.T) {
			r := sample()
			r.FailOn = tt.failOn
			if got := r.FailsThreshold(); got != tt.want {
				t.Errorf("FailsThreshold = %v, want %v", got, tt.want)
			}
		})
	}
	t.Run("only low failures above high threshold", func(t *testing.T) {
		r := &report.Report{FailOn: "high", Findings: []attest.Finding{
			{Status: "fail", Severity: "low"}, {Status: "waived", Severity: "critical"}, {Status: "unknown", Severity: "critical"},
		}}
		if r.FailsThreshold() {
			t.Errorf("FailsThreshold = true, want false")
		}
	})
}

func TestJUnit_counts(t *testing.T) {
	out := render(t, "junit", sample())
	var doc struct {
		Tests, Failures, Errors, Skipped int `xml:",attr"`
		Suites                           []struct {
			Name                             string `xml:"name,attr"`
			Tests, Failures, Errors, Skipped int    `xml:",attr"`
			Cases                            []struct {
				Name    string    `xml:"name,attr"`
				Failure *struct{} `xml:"failure"`
				Error   *struct{} `xml:"error"`
				Skipped *struct{} `xml:"skipped"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	// encoding/xml matches attribute names case-sensitively; map them.
	fixed := strings.NewReplacer(` tests=`, ` Tests=`, ` failures=`, ` Failures=`, ` errors=`, ` Errors=`, ` skipped=`, ` Skipped=`).Replace(string(out))
	if err := xml.Unmarshal([]byte(fixed), &doc); err != nil {
		t.Fatalf("JUnit output is not valid XML: %v", err)
	}
	var tests, failures, errs, skipped int
	for _, s := range doc.Suites {
		var f, e, sk int
		for _, c := range s.Cases {
			if c.Failure != nil {
				f++
			}
			if c.Error != nil {
				e++
			}
			if c.Skipped != nil {
				sk++
			}
		}
		if s.Tests != len(s.Cases) || s.Failures != f || s.Errors != e || s.Skipped != sk {
			t.Errorf("suite %s counts tests=%d failures=%d errors=%d skipped=%d; cases say %d %d %d %d",
				s.Name, s.Tests, s.Failures, s.Errors, s.Skipped, len(s.Cases), f, e, sk)
		}
		tests, failures, errs, skipped = tests+s.Tests, failures+s.Failures, errs+s.Errors, skipped+s.Skipped
	}
	if doc.Tests != tests || doc.Failures != failures || doc.Errors != errs || doc.Skipped != skipped {
		t.Errorf("testsuites counts %d %d %d %d, suites sum to %d %d %d %d", doc.Tests, doc.Failures, doc.Errors, doc.Skipped, tests, failures, errs, skipped)
	}
	// 3 rules + the input, coverage-gaps and stale-exceptions suites; 7
	// (rule, resource) cases (two failures of one rule on one resource are
	// one case) + 1 input error + 2 gaps + 1 stale exception.
	if len(doc.Suites) != 6 || tests != 11 || failures != 3 || errs != 1 || skipped != 5 {
		t.Errorf("got %d suites, %d tests, %d failures, %d errors, %d skipped; want 6, 11, 3, 1, 5", len(doc.Suites), tests, failures, errs, skipped)
	}
}

func TestJSON_roundTrip(t *testing.T) {
	r := sample()
	out := render(t, "json", r)
	var back report.Report
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(r, &back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func TestRenderer_empty(t *testing.T) {
	// A report with nothing in it still renders in every format.
	for _, format := range report.Formats() {
		t.Run(format, func(t *testing.T) {
			out := render(t, format, &report.Report{})
			if len(out) == 0 {
				t.Errorf("empty output")
			}
		})
	}
}

func TestJUnit_escaping(t *testing.T) {
	r := sample()
	r.Findings[0].Message = "colour \x1b[31mred\x1b[0m, nul \x00, cdata end ]]> & <tag> \"q\" 'a'"
	r.Findings[0].Resource = `aws_s3_bucket.logs["<&>"]`
	out := render(t, "junit", r)
	dec := xml.NewDecoder(bytes.NewReader(out))
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err != nil {
			if err == io.EOF {
				break
			}
			t.Fatalf("JUnit output is not well-formed XML: %v\n%s", err, out)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			for _, a := range tok.Attr {
				text.WriteString(a.Value + "\n")
			}
		case xml.CharData:
			text.Write(tok)
		}
	}
	for _, want := range []string{"cdata end ]]> & <tag> \"q\" 'a'", `aws_s3_bucket.logs["<&>"]`} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("decoded JUnit text lacks %q", want)
		}
	}
}

// A rule error is shown by every renderer a person or CI reads: an <error>
// test case in JUnit, a section and a count in the table, a count in
// Markdown, and never "Result: PASS".
func TestRenderers_ruleError(t *testing.T) {
	r := reports()["rule error"]
	r.FailOn = report.FailOnNone

	junit := string(render(t, "junit", r))
	// errors: the rule error and the sample's input error.
	if !strings.Contains(junit, `<testsuites name="attest" tests="12" failures="3" errors="2"`) ||
		!strings.Contains(junit, `<testsuite name="aws-rds-encrypted" tests="3" failures="1" errors="1" skipped="1"`) ||
		!strings.Contains(junit, `<error message="rule evaluation failed: rules/lib/lib.rego:66: eval_conflict_error`) {
		t.Errorf("JUnit does not count the rule error as an error:\n%s", junit)
	}
	table := string(render(t, "table", r))
	for _, want := range []string{
		"Rule errors (1)",
		"  aws-rds-encrypted\n    resource: stacks/db:aws_db_instance.other\n    at:       stacks/db/main.tf:20-30\n",
		", 1 rule error\n",
		"Result: INCOMPLETE",
	} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
	if s := string(render(t, "sarif", r)); !strings.Contains(s, `"executionSuccessful": false`) ||
		!strings.Contains(s, `"text": "rule aws-rds-encrypted on aws_db_instance.other: rule evaluation failed: rules/lib/lib.rego:66: eval_conflict_error`) {
		t.Errorf("SARIF does not report the rule error as a notification:\n%s", s)
	}
	if md := string(render(t, "markdown", r)); !strings.Contains(md, "| Rule errors |") || !strings.Contains(md, "## attest scan incomplete") {
		t.Errorf("Markdown does not count rule errors:\n%s", md)
	}
}
