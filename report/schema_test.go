package report_test

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/report"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

func compileSchema(t *testing.T, file string) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("parse %s: %v", file, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(file, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(file)
	if err != nil {
		t.Fatalf("compile %s: %v", file, err)
	}
	return s
}

func validate(t *testing.T, s *jsonschema.Schema, out []byte) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if err := s.Validate(inst); err != nil {
		t.Errorf("output does not match the schema: %v", err)
	}
}

// reports are the inputs every schema test renders: the full sample, an
// empty report and one whose findings have no line numbers.
func reports() map[string]*report.Report {
	noLines := sample()
	for i := range noLines.Findings {
		noLines.Findings[i].Range = attest.Range{File: noLines.Findings[i].Range.File}
		noLines.Findings[i].ModuleCalls = nil
	}
	noLines.Findings[0].Range.File = "/abs/path with space/main.tf"
	// A rule whose evaluation failed on a resource, and the incomplete
	// control it leaves.
	ruleError := sample()
	ruleError.Findings = append(ruleError.Findings, attest.Finding{
		RuleID: "aws-rds-encrypted", Severity: "critical", Status: attest.StatusError,
		Message:  "rule evaluation failed: rules/lib/lib.rego:66: eval_conflict_error: functions must not produce multiple outputs for same inputs",
		Resource: "aws_db_instance.other", ResourceType: "aws_db_instance", Root: "stacks/db",
		Range: attest.Range{File: "stacks/db/main.tf", StartLine: 20, EndLine: 30},
	})
	ruleError.Summary = report.Summarize(ruleError.Rules, ruleError.Findings, ruleError.Diagnostics)
	ruleError.Controls = report.SummarizeControls(ruleError.Rules, ruleError.Findings, []string{"soc2", "pci-dss-4.0"}, nil)
	baseline := sample()
	baseline.Baseline, baseline.Strict, baseline.FailOn = "attest-baseline.json", true, report.FailOnNone
	baseline.Findings[0].Known = true
	baseline.Summary = report.Summarize(baseline.Rules, baseline.Findings, baseline.Diagnostics)
	return map[string]*report.Report{
		"sample":     sample(),
		"baseline":   baseline,
		"empty":      {Started: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)},
		"no lines":   noLines,
		"rule error": ruleError,
	}
}

func TestJSON_schema(t *testing.T) {
	s := compileSchema(t, "schema/scan-report.v1.json")
	for name, r := range reports() {
		t.Run(name, func(t *testing.T) {
			validate(t, s, render(t, "json", r))
		})
	}
	t.Run("schema rejects a bad report", func(t *testing.T) {
		bad := render(t, "json", sample())
		bad = bytes.Replace(bad, []byte(`"status": "fail"`), []byte(`"status": "broken"`), 1)
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(bad))
		if err != nil {
			t.Fatal(err)
		}
		if s.Validate(inst) == nil {
			t.Errorf("a finding with status broken passed validation")
		}
	})
}

func TestSARIF_schema(t *testing.T) {
	s := compileSchema(t, "testdata/sarif-2.1.0-subset.schema.json")
	for name, r := range reports() {
		t.Run(name, func(t *testing.T) {
			out := render(t, "sarif", r)
			validate(t, s, out)
			checkCodeScanning(t, out)
		})
	}
	t.Run("schema rejects a bad log", func(t *testing.T) {
		for _, edit := range [][2]string{
			{`"startLine": 12`, `"startLine": 0`},
			{`"kind": "external"`, `"kind": "comment"`},
			{`"level": "error"`, `"level": "fatal"`},
			{`"ruleId"`, `"rule_id"`},
		} {
			bad := bytes.Replace(render(t, "sarif", sample()), []byte(edit[0]), []byte(edit[1]), 1)
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(bad))
			if err != nil {
				t.Fatal(err)
			}
			if s.Validate(inst) == nil {
				t.Errorf("a log with %s passed validation", edit[1])
			}
		}
	})
}

func TestSARIF_inSourceSuppression(t *testing.T) {
	r := sample()
	for i := range r.Findings {
		if f := &r.Findings[i]; f.Exception != nil {
			f.Exception.Source = attest.Pos{File: f.Range.File, Line: 1}
		}
	}
	out := render(t, "sarif", r)
	if !bytes.Contains(out, []byte(`"kind": "inSource"`)) {
		t.Errorf("an exception declared in the resource's file is not an inSource suppression:\n%s", out)
	}
}

// checkCodeScanning asserts what GitHub code scanning needs beyond the
// schema: every result has a location with a region starting at line 1 or
// later, a rule that the driver lists, and a fingerprint.
func checkCodeScanning(t *testing.T, out []byte) {
	t.Helper()
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID         string `json:"id"`
						Properties struct {
							SecuritySeverity string `json:"security-severity"`
						} `json:"properties"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region *struct {
							StartLine int `json:"startLine"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
				PartialFingerprints map[string]string `json:"partialFingerprints"`
				Suppressions        []struct {
					Kind string `json:"kind"`
				} `json:"suppressions"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	run := log.Runs[0]
	for _, rl := range run.Tool.Driver.Rules {
		if rl.Properties.SecuritySeverity == "" {
			t.Errorf("rule %s has no security-severity", rl.ID)
		}
	}
	fps := make(map[string]bool)
	for i, res := range run.Results {
		if res.RuleIndex < 0 || res.RuleIndex >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %d: ruleIndex %d does not point at %s", i, res.RuleIndex, res.RuleID)
		}
		if len(res.Locations) == 0 || res.Locations[0].PhysicalLocation.Region == nil || res.Locations[0].PhysicalLocation.Region.StartLine < 1 {
			t.Errorf("result %d (%s) has no region with startLine >= 1", i, res.RuleID)
		} else if res.Locations[0].PhysicalLocation.ArtifactLocation.URI == "" {
			t.Errorf("result %d has no artifact uri", i)
		}
		fp := res.PartialFingerprints["attestFinding/v1"]
		if fp == "" || fps[fp] {
			t.Errorf("result %d: fingerprint %q missing or repeated", i, fp)
		}
		fps[fp] = true
	}
}

func TestSARIF_results(t *testing.T) {
	out := render(t, "sarif", sample())
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID       string `json:"ruleId"`
				Level        string `json:"level"`
				Suppressions []struct {
					Kind, Status, Justification string
				} `json:"suppressions"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	type row struct {
		Rule, Level string
		Suppressed  bool
	}
	var got []row
	for _, r := range log.Runs[0].Results {
		got = append(got, row{r.RuleID, r.Level, len(r.Suppressions) > 0})
		if len(r.Suppressions) > 0 && (r.Suppressions[0].Kind != "external" || r.Suppressions[0].Justification == "") {
			t.Errorf("suppression %+v, want external with a justification", r.Suppressions[0])
		}
	}
	// Failures and the waived finding, most severe first; passes and
	// unknowns are not results. Two messages of one rule on one resource
	// are two results with their own fingerprints.
	want := []row{
		{"aws-rds-encrypted", "error", false},
		{"aws-s3-tls-only", "error", false},
		{"aws-s3-tls-only", "error", false},
		{"aws-s3-tls-only", "error", true},
		{"aws-cloudwatch-log-retention", "note", false},
	}
	if len(got) != len(want) {
		t.Fatalf("results %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("result %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}
