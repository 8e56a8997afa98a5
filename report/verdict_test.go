package report_test

import (
	"encoding/json"
	"encoding/xml"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/report"
)

// gapReport is a scan where every check passed but a registry module was
// not downloaded: it must not say PASS.
func gapReport() *report.Report {
	findings := []attest.Finding{{RuleID: "aws-kms-key-rotation", Severity: "medium", Status: attest.StatusPass,
		Resource: "aws_kms_key.a", ResourceType: "aws_kms_key", Root: "infra", Range: attest.Range{File: "infra/main.tf", StartLine: 1, EndLine: 3}}}
	diags := attest.Diagnostics{{Severity: attest.DiagGap, Pos: attest.Pos{File: "infra/main.tf", Line: 7, Column: 3},
		Summary: `module "vpc" is not downloaded`, Detail: "run terraform init", Affected: 3}}
	rules := []attest.Rule{{ID: "aws-kms-key-rotation", Title: "KMS keys rotate", Severity: "medium"}}
	return &report.Report{
		SchemaVersion: report.SchemaVersion, Tool: report.Tool{Name: "attest"}, Roots: []string{"infra"},
		Rules: rules, Findings: findings, Diagnostics: diags, FailOn: "high",
		Summary: report.Summarize(rules, findings, diags),
	}
}

func TestReport_Verdict(t *testing.T) {
	pass := attest.Finding{RuleID: "r", Severity: "high", Status: attest.StatusPass, Resource: "x"}
	fail := attest.Finding{RuleID: "r", Severity: "high", Status: attest.StatusFail, Resource: "y"}
	known := fail
	known.Known = true
	unknownHigh := attest.Finding{RuleID: "r", Severity: "high", Status: attest.StatusUnknown, Resource: "u"}
	unknownLow := attest.Finding{RuleID: "r", Severity: "low", Status: attest.StatusUnknown, Resource: "v"}
	gap := attest.Diagnostic{Severity: attest.DiagGap, Pos: attest.Pos{File: "a.tf", Line: 1}, Summary: "count unknown"}
	inputErr := attest.Diagnostic{Severity: attest.DiagError, Pos: attest.Pos{File: "a.tf", Line: 1}, Summary: "bad"}
	warn := attest.Diagnostic{Severity: attest.DiagWarning, Pos: attest.Pos{File: "a.tf", Line: 1}, Summary: "unused"}
	for _, tc := range []struct {
		name     string
		findings []attest.Finding
		diags    attest.Diagnostics
		want     string
	}{
		{"passes", []attest.Finding{pass}, nil, report.VerdictPass},
		{"warning only", []attest.Finding{pass}, attest.Diagnostics{warn}, report.VerdictPass},
		{"failure", []attest.Finding{pass, fail}, nil, report.VerdictFail},
		{"failure and gap", []attest.Finding{fail}, attest.Diagnostics{gap}, report.VerdictFail},
		{"gap", []attest.Finding{pass}, attest.Diagnostics{gap}, report.VerdictIncomplete},
		{"input error", []attest.Finding{pass}, attest.Diagnostics{inputErr}, report.VerdictIncomplete},
		{"nothing scanned", nil, attest.Diagnostics{inputErr}, report.VerdictIncomplete},
		{"rule error status", []attest.Finding{pass, {RuleID: "r", Status: "error", Resource: "z"}}, nil, report.VerdictIncomplete},
		{"known failure only", []attest.Finding{pass, known}, nil, report.VerdictPass},
		{"unknown at threshold", []attest.Finding{pass, unknownHigh}, nil, report.VerdictIncomplete},
		{"unknown below threshold", []attest.Finding{pass, unknownLow}, nil, report.VerdictPass},
		{"unknown and failure", []attest.Finding{fail, unknownHigh}, nil, report.VerdictFail},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &report.Report{FailOn: "high", Findings: tc.findings, Diagnostics: tc.diags}
			if got := r.Verdict(); got != tc.want {
				t.Errorf("Verdict = %s, want %s", got, tc.want)
			}
		})
	}
}

// TestRenderer_gaps checks that every format lists a coverage gap with its
// file:line and the number of resources it affects, and that no format
// calls the scan a pass.
func TestRenderer_gaps(t *testing.T) {
	r := gapReport()
	t.Run("table", func(t *testing.T) {
		out := string(render(t, "table", r))
		for _, want := range []string{
			"Coverage gaps (1)",
			`infra/main.tf:7:3: module "vpc" is not downloaded: run terraform init (affects 3 resources)`,
			"Result: INCOMPLETE (1 coverage gap; fail on high and above)",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("table lacks %q:\n%s", want, out)
			}
		}
		if strings.Contains(out, "PASS") {
			t.Errorf("table says PASS with a coverage gap:\n%s", out)
		}
	})
	t.Run("markdown", func(t *testing.T) {
		out := string(render(t, "markdown", r))
		for _, want := range []string{"## attest scan incomplete", "### Coverage gaps", "`infra/main.tf:7:3` module \"vpc\" is not downloaded: run terraform init (affects 3 resources)"} {
			if !strings.Contains(out, want) {
				t.Errorf("markdown lacks %q:\n%s", want, out)
			}
		}
	})
	t.Run("json", func(t *testing.T) {
		var doc struct {
			Diagnostics []attest.Diagnostic `json:"diagnostics"`
			Summary     struct{ Gaps int }  `json:"summary"`
		}
		if err := json.Unmarshal(render(t, "json", r), &doc); err != nil {
			t.Fatal(err)
		}
		if len(doc.Diagnostics) != 1 || doc.Diagnostics[0].Severity != "gap" || doc.Diagnostics[0].Affected != 3 || doc.Diagnostics[0].Pos.Line != 7 || doc.Summary.Gaps != 1 {
			t.Errorf("json diagnostics %+v, gaps %d: want the gap at line 7 affecting 3", doc.Diagnostics, doc.Summary.Gaps)
		}
	})
	t.Run("sarif", func(t *testing.T) {
		out := string(render(t, "sarif", r))
		if !strings.Contains(out, `coverage gap: module \"vpc\" is not downloaded: run terraform init (affects 3 resources)`) || !strings.Contains(out, `"startLine": 7`) {
			t.Errorf("sarif lacks the gap notification at line 7:\n%s", out)
		}
	})
	t.Run("junit", func(t *testing.T) {
		for _, strict := range []bool{false, true} {
			r := gapReport()
			r.Strict = strict
			var doc struct {
				Suites []struct {
					Name  string `xml:"name,attr"`
					Cases []struct {
						Line    int `xml:"line,attr"`
						Skipped *struct {
							Message string `xml:"message,attr"`
						} `xml:"skipped"`
						Error *struct{} `xml:"error"`
					} `xml:"testcase"`
				} `xml:"testsuite"`
			}
			if err := xml.Unmarshal(render(t, "junit", r), &doc); err != nil {
				t.Fatal(err)
			}
			found := false
			for _, s := range doc.Suites {
				if s.Name != "coverage-gaps" {
					continue
				}
				found = len(s.Cases) == 1 && s.Cases[0].Line == 7
				if strict && s.Cases[0].Error == nil {
					t.Errorf("strict: the gap is not an error")
				}
				if !strict && (s.Cases[0].Skipped == nil || !strings.Contains(s.Cases[0].Skipped.Message, "affects 3 resources")) {
					t.Errorf("the gap is not a skipped case naming 3 resources: %+v", s.Cases[0])
				}
			}
			if !found {
				t.Errorf("strict=%v: no coverage-gaps suite with the gap at line 7", strict)
			}
		}
	})
}

// TestTable_countsAgreeWithJUnit: a rule that returned two findings for one
// resource is one failure in the table, as in JUnit.
func TestTable_countsAgreeWithJUnit(t *testing.T) {
	r := sample()
	table := string(render(t, "table", r))
	var doc struct {
		Suites []struct {
			Name     string `xml:"name,attr"`
			Failures int    `xml:"failures,attr"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(render(t, "junit", r), &doc); err != nil {
		t.Fatal(err)
	}
	junitFailures := 0
	for _, s := range doc.Suites {
		junitFailures += s.Failures
	}
	m := regexp.MustCompile(`(\d+) passed, (\d+) failed`).FindStringSubmatch(table)
	if m == nil {
		t.Fatalf("no totals in the table:\n%s", table)
	}
	if n, _ := strconv.Atoi(m[2]); n != junitFailures {
		t.Errorf("table says %d failed, JUnit %d", n, junitFailures)
	}
	if c := strings.Count(table, "resource: stacks/web:aws_s3_bucket.logs"); c != 1 {
		t.Errorf("aws_s3_bucket.logs listed %d times in the table, want once", c)
	}
	if !strings.Contains(table, "HIGH (1)") {
		t.Errorf("table lacks HIGH (1):\n%s", table)
	}
}

// TestRenderer_waivedUnknownRemediation: the table and Markdown show who
// waived what until when, what value was unknown, and how to fix a failure.
func TestRenderer_waivedUnknownRemediation(t *testing.T) {
	r := sample()
	for _, format := range []string{"table", "markdown"} {
		out := string(render(t, format, r))
		for _, want := range []string{
			"web-team", "2026-12-31", "public assets <served> via CloudFront", // waived: owner, expiry, justification
			"storage_encrypted is not known until apply", // unknown: what was unknown
			"Set `storage_encrypted = true`.",            // failure: remediation
		} {
			if !strings.Contains(out, want) {
				t.Errorf("%s lacks %q", format, want)
			}
		}
	}
}

// TestRenderer_unknownStatus: a status the renderers do not know (one a
// newer engine might add) is shown under its own name and never counts as a
// pass.
func TestRenderer_unknownStatus(t *testing.T) {
	r := gapReport()
	r.Diagnostics = nil
	r.Findings = append(r.Findings, attest.Finding{RuleID: "aws-kms-key-rotation", Severity: "medium", Status: "exploded",
		Message: "rule conflict: two values for one key", Resource: "aws_kms_key.b", Root: "infra", Range: attest.Range{File: "infra/main.tf", StartLine: 9}})
	r.Summary = report.Summarize(r.Rules, r.Findings, nil)
	table := string(render(t, "table", r))
	for _, want := range []string{"EXPLODED (1)", "rule conflict: two values for one key", ", 1 exploded", "Result: INCOMPLETE"} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
	md := string(render(t, "markdown", r))
	if !strings.Contains(md, "### exploded (1)") || !strings.Contains(md, "rule conflict") {
		t.Errorf("markdown lacks the error section:\n%s", md)
	}
	junit := string(render(t, "junit", r))
	if !strings.Contains(junit, `<error message="exploded: rule conflict: two values for one key" type="exploded">`) {
		t.Errorf("junit lacks the error case:\n%s", junit)
	}
}

// TestRenderer_baseline: a failure known from the baseline is shown as
// known and does not fail the scan.
func TestRenderer_baseline(t *testing.T) {
	r := sample()
	r.Baseline = "old.json"
	r.Diagnostics = nil
	for i := range r.Findings {
		if r.Findings[i].Status == attest.StatusFail {
			r.Findings[i].Known = true
		}
	}
	r.Summary = report.Summarize(r.Rules, r.Findings, nil)
	if r.FailsThreshold() {
		t.Fatalf("FailsThreshold with only known failures")
	}
	table := string(render(t, "table", r))
	if !strings.Contains(table, "known:    in the baseline") || !strings.Contains(table, "Result: INCOMPLETE (1 unknown finding that could be a failure; 3 known failures from the baseline;") {
		t.Errorf("table does not show the known failures:\n%s", table)
	}
	if sarif := string(render(t, "sarif", r)); !strings.Contains(sarif, `"baselineState": "unchanged"`) {
		t.Errorf("sarif lacks baselineState unchanged")
	}
}
