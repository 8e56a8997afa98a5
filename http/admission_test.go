package http_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/admission"
	attesthttp "github.com/attest-dev/attest/http"
	"github.com/attest-dev/attest/policy"
	admissionv1 "k8s.io/api/admission/v1"
)

var (
	rulesOnce   sync.Once
	rulesEngine *policy.Engine
	rulesErr    error
)

// withAdmission mounts a webhook over the server's own store, enforcing
// in every namespace, with the built-in rules (compiled once per test
// binary) and without the image gate, which package admission tests.
func withAdmission(t *testing.T, st store) func(*attesthttp.Server) {
	t.Helper()
	rulesOnce.Do(func() { rulesEngine, rulesErr = policy.Compile(context.Background(), policy.Options{}) })
	if rulesErr != nil {
		t.Fatal(rulesErr)
	}
	return func(s *attesthttp.Server) {
		s.Admission = &admission.Webhook{Engine: rulesEngine, Events: st, Config: admission.Config{DefaultMode: admission.ModeEnforce}}
	}
}

func reviewFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "admission", "testdata", "reviews", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestServer_Admission(t *testing.T) {
	st := openSQLite(t, filepath.Join(t.TempDir(), "attest.db"))
	e := newEnv(t, st, withAdmission(t, st))
	e.secrets["kube-apiserver"] = createToken(t, st, attesthttp.NewToken{Name: "kube-apiserver", Scope: attest.ScopeAdmission})
	const path = "/api/v1/admission/validate"

	t.Run("decisions", func(t *testing.T) {
		for _, tt := range []struct {
			fixture string
			allowed bool
		}{
			{"pod-privileged.json", false},
			{"pod-compliant.json", true},
			{"deployment-compliant.json", true},
			{"cronjob-compliant.json", true},
		} {
			body := reviewFixture(t, tt.fixture)
			resp := e.do(t, "POST", path, "kube-apiserver", body, "Content-Type", "application/json")
			if resp.status != 200 {
				t.Fatalf("%s: status %d: %s", tt.fixture, resp.status, resp.body)
			}
			var in, out admissionv1.AdmissionReview
			json.Unmarshal(body, &in)
			if err := json.Unmarshal(resp.body, &out); err != nil {
				t.Fatal(err)
			}
			if out.APIVersion != "admission.k8s.io/v1" || out.Kind != "AdmissionReview" || out.Response == nil || out.Request != nil {
				t.Fatalf("%s: answer is not an AdmissionReview response: %s", tt.fixture, resp.body)
			}
			if out.Response.UID != in.Request.UID || out.Response.Allowed != tt.allowed {
				t.Errorf("%s: uid %q allowed %v, want %q %v", tt.fixture, out.Response.UID, out.Response.Allowed, in.Request.UID, tt.allowed)
			}
			if !tt.allowed && (out.Response.Result == nil || !strings.Contains(out.Response.Result.Message, "k8s-pod-privileged")) {
				t.Errorf("%s: denial does not name the rule: %+v", tt.fixture, out.Response.Result)
			}
		}
		evs, err := st.FindEvents(context.Background(), attest.EventFilter{Source: admission.Source, AfterSeq: -1})
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) != 4 || evs[0].Action != admission.ActionDeny || evs[1].Action != admission.ActionAllow {
			t.Fatalf("records %+v", evs)
		}
	})

	t.Run("refusals", func(t *testing.T) {
		compliant := reviewFixture(t, "pod-compliant.json")
		for _, tt := range []struct {
			name, token string
			body        string
			status      int
			msg         string
		}{
			{"no token", "", string(compliant), 401, "missing or invalid API token"},
			{"read token", "read", string(compliant), 403, "needs admission"},
			{"ingest token", "ingest", string(compliant), 403, "needs admission"},
			{"not JSON", "kube-apiserver", `{"apiVersion":`, 400, "AdmissionReview"},
			{"v1beta1", "kube-apiserver", strings.Replace(string(compliant), "admission.k8s.io/v1", "admission.k8s.io/v1beta1", 1), 400, "admissionReviewVersions"},
			{"no request", "kube-apiserver", `{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview"}`, 400, "no request"},
			{"no uid", "kube-apiserver", `{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"operation":"CREATE"}}`, 400, "no uid"},
			{"object undecodable", "kube-apiserver", strings.Replace(string(compliant), `"kind": "Pod",`, `"kind": 7,`, 1), 400, "object"},
		} {
			t.Run(tt.name, func(t *testing.T) {
				resp := e.do(t, "POST", path, tt.token, []byte(tt.body))
				if resp.status != tt.status || !strings.Contains(string(resp.body), tt.msg) {
					t.Errorf("status %d body %s; want %d with %q", resp.status, resp.body, tt.status, tt.msg)
				}
			})
		}
	})

	t.Run("admin token", func(t *testing.T) {
		resp := e.do(t, "POST", path, "admin", reviewFixture(t, "pod-compliant.json"))
		if resp.status != 200 {
			t.Errorf("status %d: %s", resp.status, resp.body)
		}
	})

	t.Run("not enabled", func(t *testing.T) {
		e2 := newEnv(t, st)
		resp := e2.do(t, "POST", path, "admin", reviewFixture(t, "pod-compliant.json"))
		if resp.status != 404 || !strings.Contains(string(resp.body), "not enabled") {
			t.Errorf("status %d: %s", resp.status, resp.body)
		}
	})
}
