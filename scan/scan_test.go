package scan_test

import (
	"context"
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
		{"testdata/config/bad-field.yaml", "field frameworkz not found"},
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
