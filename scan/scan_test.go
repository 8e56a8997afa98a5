package scan_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/report"
	"github.com/attest-dev/attest/scan"
	"github.com/google/go-cmp/cmp"
)

var testNow = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

func runScan(t *testing.T, cfg scan.Config, paths ...string) *report.Report {
	t.Helper()
	cfg.Rules.Only = []string{"aws-kms-key-rotation"}
	rep, err := scan.Run(context.Background(), scan.Params{Paths: paths, Config: cfg, Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatalf("scan: %v", err)
	}
	return rep
}

func statuses(rep *report.Report) map[string]string {
	out := map[string]string{}
	for _, f := range rep.Findings {
		out[f.Resource] = f.Status
	}
	return out
}

func TestRun_Exceptions(t *testing.T) {
	cfg, err := scan.LoadConfig("testdata/waivers/.attest.yaml", false)
	if err != nil {
		t.Fatal(err)
	}
	rep := runScan(t, cfg, "testdata/waivers")
	want := map[string]string{
		"aws_kms_key.waived_by_register": attest.StatusWaived,
		"aws_kms_key.waived_inline":      attest.StatusWaived,
		"aws_kms_key.expired_exception":  attest.StatusFail,
		"aws_kms_key.bad_inline":         attest.StatusFail,
		"aws_kms_key.rotated":            attest.StatusPass,
	}
	if diff := cmp.Diff(want, statuses(rep)); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
	if len(rep.ExpiredExceptions) != 1 || rep.ExpiredExceptions[0].Resource != "aws_kms_key.expired_exception" {
		t.Errorf("expired exceptions = %+v, want the one for expired_exception", rep.ExpiredExceptions)
	}
	var inlineWarning bool
	for _, d := range rep.Diagnostics {
		if d.Severity == attest.DiagWarning && strings.Contains(d.Summary, "expires=") && d.Pos.Line == 14 {
			inlineWarning = true
		}
	}
	if !inlineWarning {
		t.Errorf("diagnostics %v: want a warning at line 14 about the waiver with no expiry", rep.Diagnostics)
	}
	for _, f := range rep.Findings {
		if f.Resource == "aws_kms_key.waived_inline" && (f.Exception == nil || f.Exception.Source.Line != 5) {
			t.Errorf("inline waiver source = %+v, want line 5", f.Exception)
		}
	}
	if rep.FailOn != "medium" || !rep.FailsThreshold() {
		t.Errorf("fail_on %q, failed %v: want medium and failed", rep.FailOn, rep.FailsThreshold())
	}
}

func TestRun_BadInputKeepsTheRest(t *testing.T) {
	rep := runScan(t, scan.DefaultConfig(), "testdata/broken", "testdata/does-not-exist")
	if rep.Summary.Errors < 2 {
		t.Fatalf("errors = %d, want the parse error and the missing path: %v", rep.Summary.Errors, rep.Diagnostics)
	}
	var parse, missing bool
	for _, d := range rep.Diagnostics {
		if d.Pos.File == "testdata/broken/ok/broken.tf" && d.Pos.Line == 2 && d.Pos.Column > 0 {
			parse = true
		}
		if d.Pos.File == "testdata/does-not-exist" && strings.Contains(d.Summary, "no such file") {
			missing = true
		}
	}
	if !parse || !missing {
		t.Errorf("diagnostics %v: want broken.tf:2:col and the missing path", rep.Diagnostics)
	}
	got := statuses(rep)
	if got["aws_kms_key.fine"] != attest.StatusPass || got["aws_kms_key.not_rotated"] != attest.StatusFail {
		t.Errorf("statuses %v: the good file of the broken module must still be scanned", got)
	}
}

func TestRun_ControlSummary(t *testing.T) {
	cfg := scan.DefaultConfig()
	cfg.Frameworks = []string{attest.FrameworkSOC2}
	rep := runScan(t, cfg, "testdata/broken/ok/main.tf")
	if len(rep.Controls) == 0 {
		t.Fatal("no control summaries")
	}
	for _, c := range rep.Controls {
		if c.Framework != attest.FrameworkSOC2 || c.Title == "" {
			t.Errorf("control %+v: want a titled soc2 control", c)
		}
		if c.Passed != 1 || c.Failed != 1 || c.Status != attest.StatusFail {
			t.Errorf("control %s: passed %d failed %d status %s, want 1, 1, fail", c.ID, c.Passed, c.Failed, c.Status)
		}
	}
}

func TestLoadConfig_Errors(t *testing.T) {
	for _, tc := range []struct{ file, want string }{
		{"testdata/config/missing-owner.yaml", "missing-owner.yaml:2:5: exception needs owner"},
		{"testdata/config/bad-field.yaml", `bad-field.yaml:2:1: unknown key "frameworkz" (allowed: exceptions, fail_on, frameworks, limits, rules, strict, var_files, variables, vulns)`},
		{"testdata/config/bad-exception-key.yaml", `bad-exception-key.yaml:5:5: unknown key in exceptions "expiry" (allowed: expires, justification, owner, resource, rule, ticket)`},
		{"testdata/config/bad-shape.yaml", "bad-shape.yaml:1:13: frameworks: want a list\ntestdata/config/bad-shape.yaml:2:8: rules: want a mapping of keys to values"},
		{"testdata/config/bad-rules-key.yaml", `bad-rules-key.yaml:3:3: unknown key in rules "skip" (allowed: dirs, exclude, only)`},
		{"testdata/config/nope.yaml", "no such file"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			_, err := scan.LoadConfig(tc.file, false)
			if !strings.Contains(attest.ErrorMessage(err), tc.want) {
				t.Errorf("error %q, want it to contain %q", attest.ErrorMessage(err), tc.want)
			}
		})
	}
	if _, err := scan.LoadConfig("testdata/config/nope.yaml", true); err != nil {
		t.Errorf("optional missing config: %v", err)
	}
}

func TestRun_WaiverRules(t *testing.T) {
	cfg, err := scan.LoadConfig("testdata/waivers2/.attest.yaml", false)
	if err != nil {
		t.Fatal(err)
	}
	rep := runScan(t, cfg, "testdata/waivers2")
	want := map[string]string{
		// Only * is special in a resource glob: ["al*"] matches the key.
		`aws_kms_key.keyed["alpha"]`: attest.StatusWaived,
		`aws_kms_key.keyed["beta"]`:  attest.StatusFail,
		// Waived through the whole of its expiry day (testNow is that day).
		"aws_kms_key.inside": attest.StatusWaived,
		// An inline wildcard waives nothing.
		"aws_kms_key.wildcard_inline": attest.StatusFail,
		// A waiver with no reason in a module called twice.
		"module.first.aws_kms_key.this":  attest.StatusFail,
		"module.second.aws_kms_key.this": attest.StatusFail,
		// Inline waivers in downloaded modules are not applied.
		"module.vendor.aws_kms_key.vendored": attest.StatusFail,
		"aws_kms_key.rotated":                attest.StatusPass,
		"aws_kms_key.rotated_too":            attest.StatusPass,
	}
	if diff := cmp.Diff(want, statuses(rep)); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
	for _, f := range rep.Findings {
		if f.Resource == "aws_kms_key.inside" && (f.Exception == nil || f.Exception.Source.Line != 18) {
			t.Errorf("aws_kms_key.inside waived by %+v, want the register entry at line 18", f.Exception)
		}
	}

	warnings := map[string]int{}
	for _, d := range rep.Diagnostics {
		if d.Severity == attest.DiagWarning {
			warnings[d.Pos.String()]++
		}
	}
	wantWarnings := map[string]int{
		"testdata/waivers2/main.tf:11:3":                          1, // inline wildcard
		"testdata/waivers2/modules/key/main.tf:1:3":               1, // no reason: once, though two findings meet it
		"testdata/waivers2/.terraform/modules/vendor/main.tf:1:3": 1, // downloaded module
		"testdata/waivers2/main.tf:35:33":                         1, // no expiry, on a resource that passes
	}
	if diff := cmp.Diff(wantWarnings, warnings); diff != "" {
		t.Errorf("warnings by position (-want +got):\n%s\n%v", diff, rep.Diagnostics)
	}

	type stale struct {
		line   int
		reason string
	}
	var got []stale
	for _, s := range rep.StaleExceptions {
		got = append(got, stale{s.Exception.Source.Line, s.Reason})
	}
	wantStale := []stale{
		{8, `no rule "aws-kms-key-rotaton" ran in this scan (unknown rule id, or not selected)`},
		{13, `resource pattern "aws_kms_key.renamed_long_ago" matched no resource`},
		{30, `no rule "aws-kms-rotation" ran in this scan (unknown rule id, or not selected)`}, // inline
	}
	if diff := cmp.Diff(wantStale, got, cmp.AllowUnexported(stale{})); diff != "" {
		t.Errorf("stale exceptions (-want +got):\n%s", diff)
	}
}

func TestRun_ExpiryIsTheWrittenDate(t *testing.T) {
	cfg, err := scan.LoadConfig("testdata/waivers/.attest.yaml", false)
	if err != nil {
		t.Fatal(err)
	}
	rep := runScan(t, cfg, "testdata/waivers")
	if len(rep.ExpiredExceptions) != 1 {
		t.Fatalf("expired exceptions = %+v", rep.ExpiredExceptions)
	}
	var buf strings.Builder
	if err := report.Table(&buf, rep); err != nil {
		t.Fatal(err)
	}
	if got := rep.ExpiredExceptions[0].Expires.Format(time.DateOnly); got != "2020-01-31" {
		t.Errorf("expiry = %s, want the date written in the register, 2020-01-31", got)
	}
	if !strings.Contains(buf.String(), "2020-01-31") || strings.Contains(buf.String(), "2020-02-01") {
		t.Errorf("table shows the expiry as another day than 2020-01-31:\n%s", buf.String())
	}
}

func TestRun_NothingToScan(t *testing.T) {
	empty := t.TempDir()
	rep := runScan(t, scan.DefaultConfig(), empty)
	if rep.Summary.Errors != 1 || !strings.Contains(rep.Diagnostics[0].Summary, "nothing to scan") || rep.Diagnostics[0].Pos.File != empty {
		t.Errorf("diagnostics %v: want one error saying there is nothing to scan in %s", rep.Diagnostics, empty)
	}
	if rep.Verdict() == report.VerdictPass {
		t.Errorf("verdict PASS for an empty folder")
	}
}

func TestLoadConfig_Strict(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".attest.yaml")
	if err := os.WriteFile(path, []byte("strict: true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := scan.LoadConfig(path, false)
	if err != nil || !cfg.Strict {
		t.Fatalf("strict = %v, err %v; want true", cfg.Strict, err)
	}
	rep := runScan(t, cfg, "testdata/waivers")
	if !rep.Strict {
		t.Errorf("report not strict")
	}
}

// TestRun_FileProblemOncePerScan scans two roots that call one module with a
// file that does not parse: the module's other file is loaded from both
// roots, and the parse error is reported once, not once per root.
func TestRun_FileProblemOncePerScan(t *testing.T) {
	rep := runScan(t, scan.DefaultConfig(), "testdata/shared")
	want := []attest.Diagnostic{{
		Severity: attest.DiagError,
		Pos:      attest.Pos{File: "testdata/shared/modules/keys/broken.tf", Line: 1, Column: 32},
		Summary:  "Unclosed configuration block",
		Detail:   "There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.",
	}}
	if diff := cmp.Diff(want, []attest.Diagnostic(rep.Diagnostics)); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
	if rep.Summary.Errors != 1 {
		t.Errorf("summary errors = %d, want 1", rep.Summary.Errors)
	}
	if len(rep.Findings) != 2 {
		t.Fatalf("findings %v: want one for the key of each root", rep.Findings)
	}
	var pass, fail int
	for _, f := range rep.Findings {
		switch f.Status {
		case attest.StatusPass:
			pass++
		case attest.StatusFail:
			fail++
		}
	}
	if pass != 1 || fail != 1 {
		t.Errorf("findings: %d pass, %d fail; want the rotated key of a to pass and that of b to fail", pass, fail)
	}
}
