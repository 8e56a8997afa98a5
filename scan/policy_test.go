package scan_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/report"
	"github.com/attest-dev/attest/scan"
	"github.com/google/go-cmp/cmp"
)

func verdicts(rep *report.Report) map[string]string {
	out := map[string]string{}
	for _, f := range rep.Findings {
		out[f.RuleID+" "+f.Resource] = f.Status
	}
	return out
}

// A block repeated through dynamic used to make the rule library's block
// helper conflict, and the evaluation error dropped every finding of the
// scan. The built-in rules now read the first block.
func TestRun_RepeatedBlocks(t *testing.T) {
	cfg := scan.Config{}
	cfg.Rules.Only = []string{"aws-ec2-imdsv2", "aws-kms-key-rotation"}
	rep, err := scan.Run(context.Background(), scan.Params{Paths: []string{"testdata/dynamic"}, Config: cfg, Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatalf("scan: %v", err)
	}
	want := map[string]string{
		"aws-ec2-imdsv2 aws_instance.repeated":       attest.StatusPass,
		"aws-ec2-imdsv2 aws_instance.single":         attest.StatusPass,
		"aws-kms-key-rotation aws_kms_key.unrotated": attest.StatusFail,
	}
	if diff := cmp.Diff(want, verdicts(rep)); diff != "" {
		t.Errorf("verdicts (-want +got):\n%s", diff)
	}
	if rep.Summary.RuleErrors != 0 {
		t.Errorf("rule errors = %d, want 0", rep.Summary.RuleErrors)
	}
}

// A rule whose evaluation fails on one resource gives an error finding for
// that rule and resource only; the rest of the scan stands, and the control
// the rule supports is incomplete, not passed.
func TestRun_RuleError(t *testing.T) {
	cfg := scan.Config{Frameworks: []string{attest.FrameworkSOC2}}
	cfg.Rules.Only = []string{"acme-first-tokens", "aws-ec2-imdsv2", "aws-kms-key-rotation"}
	rep, err := scan.Run(context.Background(), scan.Params{Paths: []string{"testdata/dynamic"}, Config: cfg,
		RuleDirs: []string{"testdata/dynamic-rules"}, Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatalf("scan: %v", err)
	}
	want := map[string]string{
		"acme-first-tokens aws_instance.repeated":    attest.StatusError,
		"acme-first-tokens aws_instance.single":      attest.StatusPass,
		"aws-ec2-imdsv2 aws_instance.repeated":       attest.StatusPass,
		"aws-ec2-imdsv2 aws_instance.single":         attest.StatusPass,
		"aws-kms-key-rotation aws_kms_key.unrotated": attest.StatusFail,
	}
	if diff := cmp.Diff(want, verdicts(rep)); diff != "" {
		t.Errorf("verdicts (-want +got):\n%s", diff)
	}
	if rep.Summary.RuleErrors != 1 {
		t.Errorf("rule errors = %d, want 1", rep.Summary.RuleErrors)
	}
	for _, f := range rep.Findings {
		if f.Status == attest.StatusError && (!strings.Contains(f.Message, "testdata/dynamic-rules/first_tokens.rego:") ||
			!strings.Contains(f.Message, "eval_conflict_error") || f.Range.File != "testdata/dynamic/main.tf" || f.Range.StartLine != 10) {
			t.Errorf("error finding = %+v, want the rule's file:line, the OPA error and the resource's range", f)
		}
	}
	// CC6.6 is supported by acme-first-tokens and aws-ec2-imdsv2: every
	// other rule passed aws_instance.repeated, but one could not evaluate it.
	found := false
	for _, c := range rep.Controls {
		if c.ID == "CC6.6" {
			found = true
			if c.Status != report.ControlIncomplete || c.Errored != 1 || c.Passed != 1 {
				t.Errorf("control CC6.6 = %+v, want incomplete with 1 errored and 1 passed", c)
			}
		}
	}
	if !found {
		t.Errorf("no summary for control CC6.6 in %+v", rep.Controls)
	}
}

// inventory is a loopback HTTP server that counts the requests it gets.
func inventory(t *testing.T) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		fmt.Fprintln(w, "{}")
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

// Rules of the scanned repository's config never reach the network; rules of
// a command-line folder do only when the user allows it.
func TestRun_RuleNetwork(t *testing.T) {
	for _, tc := range []struct {
		name     string
		config   bool // load testdata/netrepo/.attest.yaml, which names the rules folder
		ruleDirs []string
		allow    bool
		want     string // error, or "" for a scan that reaches the server
	}{
		{"config folder", true, nil, false, "testdata/netrepo/rules/inventory.rego:12:10: error: rule calls http.send"},
		{"config folder, network allowed", true, []string{"testdata/dynamic-rules"}, true, "testdata/netrepo/rules/inventory.rego:12:10: error: rule calls http.send"},
		{"command-line folder", false, []string{"testdata/netrepo/rules"}, false, "testdata/netrepo/rules/inventory.rego:12:10: error: rule calls http.send"},
		{"command-line folder, network allowed", false, []string{"testdata/netrepo/rules"}, true, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, requests := inventory(t)
			cfg := scan.Config{}
			if tc.config {
				var err error
				if cfg, err = scan.LoadConfig("testdata/netrepo/.attest.yaml", false); err != nil {
					t.Fatal(err)
				}
			}
			cfg.Variables = map[string]string{"endpoint": srv.URL}
			rep, err := scan.Run(context.Background(), scan.Params{Paths: []string{"testdata/netrepo"}, Config: cfg,
				RuleDirs: tc.ruleDirs, AllowRuleNetwork: tc.allow, Now: func() time.Time { return testNow }})
			if tc.want != "" {
				if err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Errorf("error = %v, want it to contain %q", err, tc.want)
				}
				if n := requests.Load(); n != 0 {
					t.Errorf("the server got %d requests, want none", n)
				}
				return
			}
			if err != nil {
				t.Fatalf("scan: %v", err)
			}
			if got := verdicts(rep)["acme-inventory aws_s3_bucket.data"]; got != attest.StatusFail {
				t.Errorf("acme-inventory verdict = %q, want fail (the server answered)", got)
			}
			if n := requests.Load(); n == 0 {
				t.Errorf("the server got no request")
			}
		})
	}
}
