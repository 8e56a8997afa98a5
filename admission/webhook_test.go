package admission_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/admission"
	"github.com/attest-dev/attest/evidence"
	"github.com/attest-dev/attest/policy"
	"github.com/attest-dev/attest/sqlite"
	admissionv1 "k8s.io/api/admission/v1"
	"k8s.io/apimachinery/pkg/types"
)

var (
	engineOnce sync.Once
	engine     *policy.Engine
	engineErr  error
)

// builtinEngine compiles the built-in rules once for every test.
func builtinEngine(t testing.TB) *policy.Engine {
	t.Helper()
	engineOnce.Do(func() { engine, engineErr = policy.Compile(context.Background(), policy.Options{}) })
	if engineErr != nil {
		t.Fatal(engineErr)
	}
	return engine
}

func openDB(t testing.TB) *sqlite.DB {
	t.Helper()
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "attest.db"))
	db.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := db.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// readReview reads an AdmissionReview fixture.
func readReview(t testing.TB, name string) *admissionv1.AdmissionReview {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "reviews", name))
	if err != nil {
		t.Fatal(err)
	}
	var r admissionv1.AdmissionReview
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return &r
}

// decisions returns the admission records of the store, oldest first.
func decisions(t testing.TB, st attest.EventStore) []*attest.Event {
	t.Helper()
	evs, err := st.FindEvents(context.Background(), attest.EventFilter{Source: admission.Source, AfterSeq: -1})
	if err != nil {
		t.Fatal(err)
	}
	return evs
}

var fixedNow = time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)

// newWebhook returns a webhook over a fresh SQLite store with the
// fixtures' vulnerability reports uploaded.
func newWebhook(t testing.TB, cfg admission.Config) (*admission.Webhook, *sqlite.DB) {
	t.Helper()
	db := openDB(t)
	return &admission.Webhook{
		Engine:   builtinEngine(t),
		Config:   cfg,
		Evidence: uploadReports(t, db),
		Events:   db,
		Now:      func() time.Time { return fixedNow },
	}, db
}

func TestWebhook_Review(t *testing.T) {
	enforce := admission.Config{DefaultMode: admission.ModeEnforce, ImageGate: true}
	tests := []struct {
		fixture  string
		allowed  bool
		deniedBy []string
		// warning is a text one of the warnings must hold.
		warning string
	}{
		{fixture: "pod-privileged.json", deniedBy: []string{"k8s-pod-privileged"}},
		{fixture: "pod-vulnerable.json", deniedBy: []string{admission.GateVulnerable}},
		{fixture: "pod-compliant.json", allowed: true},
		{fixture: "deployment-compliant.json", allowed: true},
		{fixture: "deployment-by-tag.json", deniedBy: []string{admission.GateUnpinned}},
		{fixture: "cronjob-compliant.json", allowed: true},
		{fixture: "cronjob-no-report.json", deniedBy: []string{admission.GateNoReport}},
		{fixture: "deployment-update-existing.json", allowed: true, warning: "already failing before this update"},
		// kubectl debug adds an ephemeral container through the
		// pods/ephemeralcontainers subresource: it is judged like the pod.
		{fixture: "pod-ephemeral-privileged.json", deniedBy: []string{"k8s-pod-privileged"}},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			w, db := newWebhook(t, enforce)
			review := readReview(t, tt.fixture)
			resp, err := w.Review(context.Background(), review.Request)
			if err != nil {
				t.Fatal(err)
			}
			if resp.Allowed != tt.allowed {
				t.Fatalf("allowed = %v, want %v (result %+v, warnings %q)", resp.Allowed, tt.allowed, resp.Result, resp.Warnings)
			}
			if resp.UID != review.Request.UID {
				t.Errorf("uid = %q, want %q", resp.UID, review.Request.UID)
			}
			if !tt.allowed {
				if resp.Result == nil || resp.Result.Code != 403 {
					t.Fatalf("result = %+v, want code 403", resp.Result)
				}
				for _, id := range tt.deniedBy {
					if !strings.Contains(resp.Result.Message, id) {
						t.Errorf("message %q does not name %s", resp.Result.Message, id)
					}
				}
			}
			if tt.warning != "" && !slices.ContainsFunc(resp.Warnings, func(s string) bool { return strings.Contains(s, tt.warning) }) {
				t.Errorf("warnings %q: none holds %q", resp.Warnings, tt.warning)
			}

			// The decision is in the audit log.
			evs := decisions(t, db)
			if len(evs) != 1 {
				t.Fatalf("%d admission records, want 1", len(evs))
			}
			ev := evs[0]
			wantAction, wantOutcome := admission.ActionAllow, attest.OutcomeSuccess
			if !tt.allowed {
				wantAction, wantOutcome = admission.ActionDeny, attest.OutcomeFailure
			}
			if ev.Action != wantAction || ev.Outcome != wantOutcome || ev.Actor != "alice@example.com" || ev.ExternalID != string(review.Request.UID) {
				t.Errorf("record: action %q outcome %q actor %q id %q", ev.Action, ev.Outcome, ev.Actor, ev.ExternalID)
			}
			var d admission.Decision
			if err := json.Unmarshal(ev.Raw, &d); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(d.DeniedBy, tt.deniedBy) {
				t.Errorf("recorded denied_by = %q, want %q", d.DeniedBy, tt.deniedBy)
			}
			if d.Namespace != "payments" || d.Resource == "" || !strings.HasPrefix(ev.Target, review.Request.Kind.Kind+"/payments/") || d.DryRun {
				t.Errorf("record: namespace %q resource %q target %q dry run %v", d.Namespace, d.Resource, ev.Target, d.DryRun)
			}
		})
	}
}

func TestWebhook_Review_modes(t *testing.T) {
	t.Run("audit allows with warnings and records the would-be denial", func(t *testing.T) {
		w, db := newWebhook(t, admission.Config{ImageGate: true}) // audit by default
		resp, err := w.Review(context.Background(), readReview(t, "pod-privileged.json").Request)
		if err != nil {
			t.Fatal(err)
		}
		if !resp.Allowed || resp.Result != nil {
			t.Fatalf("audit: allowed %v result %+v", resp.Allowed, resp.Result)
		}
		if !slices.ContainsFunc(resp.Warnings, func(s string) bool {
			return strings.Contains(s, "k8s-pod-privileged (audit mode, would deny)")
		}) {
			t.Errorf("warnings %q lack the audit warning", resp.Warnings)
		}
		evs := decisions(t, db)
		if len(evs) != 1 || evs[0].Action != admission.ActionAllow {
			t.Fatalf("records %v", evs)
		}
		var d admission.Decision
		json.Unmarshal(evs[0].Raw, &d)
		if d.Mode != admission.ModeAudit || !slices.Equal(d.DeniedBy, []string{"k8s-pod-privileged"}) {
			t.Errorf("recorded mode %q denied_by %q", d.Mode, d.DeniedBy)
		}
	})
	t.Run("audit warns about an image without a report", func(t *testing.T) {
		w, _ := newWebhook(t, admission.Config{ImageGate: true})
		resp, err := w.Review(context.Background(), readReview(t, "cronjob-no-report.json").Request)
		if err != nil {
			t.Fatal(err)
		}
		if !resp.Allowed || !slices.ContainsFunc(resp.Warnings, func(s string) bool { return strings.Contains(s, admission.GateNoReport) }) {
			t.Errorf("allowed %v warnings %q", resp.Allowed, resp.Warnings)
		}
	})
	t.Run("a namespace's own mode wins over the default", func(t *testing.T) {
		w, db := newWebhook(t, admission.Config{DefaultMode: admission.ModeEnforce, Namespaces: map[string]string{"payments": admission.ModeOff}, ImageGate: true})
		resp, err := w.Review(context.Background(), readReview(t, "pod-privileged.json").Request)
		if err != nil {
			t.Fatal(err)
		}
		if !resp.Allowed || len(resp.Warnings) > 0 {
			t.Errorf("off: allowed %v warnings %q", resp.Allowed, resp.Warnings)
		}
		if evs := decisions(t, db); len(evs) != 0 {
			t.Errorf("off: %d records, want none", len(evs))
		}
	})
	t.Run("dry run is decided and recorded as a dry run", func(t *testing.T) {
		w, db := newWebhook(t, admission.Config{DefaultMode: admission.ModeEnforce, ImageGate: true})
		req := readReview(t, "pod-privileged.json").Request
		dry := true
		req.DryRun = &dry
		resp, err := w.Review(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		if resp.Allowed {
			t.Error("a dry run of a privileged pod is allowed; kubectl --dry-run=server must show the denial")
		}
		evs := decisions(t, db)
		if len(evs) != 1 || evs[0].Action != "admission.dry-run.deny" {
			t.Fatalf("records %+v, want one admission.dry-run.deny", evs)
		}
	})
	t.Run("delete and connect are allowed unjudged", func(t *testing.T) {
		w, db := newWebhook(t, admission.Config{DefaultMode: admission.ModeEnforce, ImageGate: true})
		for _, op := range []admissionv1.Operation{admissionv1.Delete, admissionv1.Connect} {
			req := readReview(t, "pod-privileged.json").Request
			req.Operation = op
			resp, err := w.Review(context.Background(), req)
			if err != nil || !resp.Allowed {
				t.Errorf("%s: allowed %v err %v", op, resp != nil && resp.Allowed, err)
			}
		}
		if evs := decisions(t, db); len(evs) != 0 {
			t.Errorf("%d records of unjudged requests", len(evs))
		}
	})
}

func TestWebhook_Review_waivers(t *testing.T) {
	t.Run("annotation", func(t *testing.T) {
		w, _ := newWebhook(t, admission.Config{DefaultMode: admission.ModeEnforce, ImageGate: true})
		req := readReview(t, "pod-privileged.json").Request
		req.Object.Raw = annotate(t, req.Object.Raw, `k8s-pod-privileged reason="break-glass debugging" expires=2026-12-31`)
		resp, err := w.Review(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		if !resp.Allowed {
			t.Errorf("a waived failure denied: %+v", resp.Result)
		}
	})
	t.Run("expired annotation", func(t *testing.T) {
		w, _ := newWebhook(t, admission.Config{DefaultMode: admission.ModeEnforce, ImageGate: true})
		req := readReview(t, "pod-privileged.json").Request
		req.Object.Raw = annotate(t, req.Object.Raw, `k8s-pod-privileged reason="break-glass debugging" expires=2026-11-30`)
		resp, err := w.Review(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		if resp.Allowed {
			t.Error("an expired waiver still waives")
		}
		if !slices.ContainsFunc(resp.Warnings, func(s string) bool { return strings.Contains(s, "expired") }) {
			t.Errorf("warnings %q do not say the waiver expired", resp.Warnings)
		}
	})
	t.Run("register", func(t *testing.T) {
		w, _ := newWebhook(t, admission.Config{DefaultMode: admission.ModeEnforce, ImageGate: true, Exceptions: []attest.Exception{{
			RuleID: "k8s-pod-privileged", Resource: "Pod/payments/*", Justification: "debug pods", Owner: "platform", Expires: fixedNow.AddDate(0, 1, 0),
		}}})
		resp, err := w.Review(context.Background(), readReview(t, "pod-privileged.json").Request)
		if err != nil {
			t.Fatal(err)
		}
		if !resp.Allowed {
			t.Errorf("a failure waived in the register denied: %+v", resp.Result)
		}
	})
}

// annotate sets the attest.dev/ignore annotation of a JSON object.
func annotate(t *testing.T, raw []byte, value string) []byte {
	t.Helper()
	var obj map[string]any
	if err := json.Unmarshal(raw, &obj); err != nil {
		t.Fatal(err)
	}
	meta := obj["metadata"].(map[string]any)
	meta["annotations"] = map[string]any{"attest.dev/ignore": value}
	out, err := json.Marshal(obj)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestWebhook_Review_errors(t *testing.T) {
	w, db := newWebhook(t, admission.Config{DefaultMode: admission.ModeEnforce, ImageGate: true})
	for _, tt := range []struct{ name, raw string }{
		{"not JSON", `{"apiVersion": "v1", "kind": `},
		{"no kind", `{"apiVersion": "v1", "metadata": {"name": "x"}}`},
		{"not an object", `[1, 2]`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req := readReview(t, "pod-compliant.json").Request
			req.Object.Raw = []byte(tt.raw)
			req.UID += types.UID("-" + strings.ReplaceAll(tt.name, " ", "-"))
			resp, err := w.Review(context.Background(), req)
			if attest.ErrorCode(err) != attest.EINVALID || resp != nil {
				t.Fatalf("resp %+v err %v, want an EINVALID error", resp, err)
			}
			if !strings.Contains(attest.ErrorMessage(err), "object") {
				t.Errorf("message %q does not say the object is at fault", attest.ErrorMessage(err))
			}
		})
	}
	evs := decisions(t, db)
	if len(evs) != 3 {
		t.Fatalf("%d records, want one admission.error per request", len(evs))
	}
	for _, ev := range evs {
		if ev.Action != admission.ActionError || ev.Outcome != attest.OutcomeUnknown {
			t.Errorf("record action %q outcome %q", ev.Action, ev.Outcome)
		}
	}
}

func TestConfig_Validate(t *testing.T) {
	for _, c := range []admission.Config{
		{DefaultMode: "deny"},
		{Namespaces: map[string]string{"a": "strict"}},
		{FailOn: "severe"},
	} {
		if attest.ErrorCode(c.Validate()) != attest.EINVALID {
			t.Errorf("%+v: no EINVALID", c)
		}
	}
	if err := (admission.Config{DefaultMode: "enforce", Namespaces: map[string]string{"kube-system": "off"}, FailOn: "medium"}).Validate(); err != nil {
		t.Error(err)
	}
}

// TestWebhook_Review_newestReport: the gate judges the newest report of a
// digest, so uploading a report in which the critical vulnerability is
// suppressed (a VEX statement) admits the image.
func TestWebhook_Review_newestReport(t *testing.T) {
	w, db := newWebhook(t, admission.Config{DefaultMode: admission.ModeEnforce, ImageGate: true})
	req := readReview(t, "pod-vulnerable.json").Request
	if resp, err := w.Review(context.Background(), req); err != nil || resp.Allowed {
		t.Fatalf("before: allowed %v err %v", resp != nil && resp.Allowed, err)
	}
	body, err := os.ReadFile(filepath.Join("testdata", "reports", "legacy-api-0.9.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rep map[string]any
	json.Unmarshal(body, &rep)
	for _, v := range rep["vulnerabilities"].([]any) {
		v.(map[string]any)["suppression"] = map[string]any{"by": "vex", "status": "not_affected", "justification": "component_not_present"}
	}
	body, _ = json.Marshal(rep)
	e, record, err := evidence.New(attest.EvidenceVulns, body, evidence.Meta{Release: "0.9.0-vex"}, "ci", fixedNow.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.AddEvidence(context.Background(), e, record); err != nil {
		t.Fatal(err)
	}
	req.UID += "-again"
	resp, err := w.Review(context.Background(), req)
	if err != nil || !resp.Allowed {
		t.Fatalf("after the VEX report: allowed %v err %v result %+v", resp != nil && resp.Allowed, err, resp.Result)
	}
}
