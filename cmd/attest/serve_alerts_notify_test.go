package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/notify/notifytest"
)

// TestServe_AlertsReachChannels is the end to end: a CloudTrail
// file with StopLogging by a user without MFA, posted to attest serve,
// raises alerts that reach a webhook and a local SMTP server exactly once
// per alert group, also when the same events are posted twice and when new
// events join the same groups; resolving an alert through the API sends
// PagerDuty the resolve with the trigger's dedup key.
func TestServe_AlertsReachChannels(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { testAlertsReachChannels(t, filepath.Join(t.TempDir(), "attest.db")) })
	t.Run("postgres", func(t *testing.T) { testAlertsReachChannels(t, freshPostgres(t)) })
}

// pdServer records PagerDuty events.
type pdServer struct {
	*httptest.Server
	mu     sync.Mutex
	events []map[string]any
}

func newPDServer(t *testing.T) *pdServer {
	p := &pdServer{}
	p.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var ev map[string]any
		if err := json.NewDecoder(r.Body).Decode(&ev); err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		p.mu.Lock()
		p.events = append(p.events, ev)
		p.mu.Unlock()
		w.WriteHeader(http.StatusAccepted)
		io.WriteString(w, `{"status":"success"}`)
	}))
	t.Cleanup(p.Close)
	return p
}

func (p *pdServer) got() []map[string]any {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]map[string]any(nil), p.events...)
}

func testAlertsReachChannels(t *testing.T, db string) {
	const key = "e2e-hmac-key"
	t.Setenv("ATTEST_E2E_HOOK_KEY", key)
	t.Setenv("ATTEST_E2E_SMTP_PASSWORD", notifytest.SMTPPassword)
	t.Setenv("ATTEST_E2E_PD_KEY", "e2e-routing-key")
	hook := newHookServer(t, key)
	smtpSrv := notifytest.NewSMTPServer(t)
	pd := newPDServer(t)
	config := filepath.Join(t.TempDir(), "serve.yaml")
	os.WriteFile(config, []byte(fmt.Sprintf(`
notify:
  alert_url: https://attest.example.com/api/v1/alerts/{id}
  channels:
    - name: hook
      webhook: {url: %q, secret: {env: ATTEST_E2E_HOOK_KEY}}
    - name: mail
      email:
        addr: %s
        username: %s
        password: {env: ATTEST_E2E_SMTP_PASSWORD}
        from: attest <%s>
        to: [secops@example.com]
        ca_file: %s
    - name: pd
      pagerduty: {routing_key: {env: ATTEST_E2E_PD_KEY}, url: %q}
  routes:
    - channels: [hook, mail]
    - channels: [pd]
      rules: ["*"]
      min_severity: critical
`, hook.URL+"/attest", smtpSrv.Addr, notifytest.SMTPUser, notifytest.SMTPUser, smtpSrv.CAFile, pd.URL+"/v2/enqueue")), 0o600)

	initDB(t, db)
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"token", "create", "--db", db, "--scope", "admin", "--name", "ops"}, nil, &out, &errOut); code != 0 {
		t.Fatalf("token create: %s", errOut.String())
	}
	token := strings.TrimSpace(out.String())
	base, log := startServeArgs(t, "--db", db, "--config", config)
	do := func(method, path string, body []byte) (int, []byte) {
		t.Helper()
		req, _ := http.NewRequest(method, base+path, bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		if body != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, b
	}
	alerts := func() []attest.Alert {
		t.Helper()
		code, b := do("GET", "/api/v1/alerts?limit=1000", nil)
		var page struct {
			Alerts []attest.Alert `json:"alerts"`
		}
		if code != 200 || json.Unmarshal(b, &page) != nil {
			t.Fatalf("alerts: %d %s", code, b)
		}
		return page.Alerts
	}
	waitFor := func(what string, cond func() bool) {
		t.Helper()
		for deadline := time.Now().Add(30 * time.Second); !cond(); time.Sleep(50 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s; log:\n%s", what, log.String())
			}
		}
	}

	trail, err := os.ReadFile("../../testdata/events/cloudtrail-stoplogging.json")
	if err != nil {
		t.Fatal(err)
	}
	if code, b := do("POST", "/api/v1/ingest/cloudtrail", trail); code != 200 {
		t.Fatalf("ingest: %d %s", code, b)
	}
	var stop attest.Alert
	waitFor("the StopLogging alert", func() bool {
		for _, a := range alerts() {
			if strings.Contains(a.Title, "CloudTrail logging stopped") && a.Count == 2 {
				stop = a
				return true
			}
		}
		return false
	})
	raised := alerts()
	t.Logf("%d alert groups raised", len(raised))
	waitFor("a webhook delivery and an email per alert", func() bool {
		return len(hook.got()) >= len(raised) && len(smtpSrv.Mails()) >= len(raised)
	})

	// The same file again (duplicates, not stored again), then the same
	// actions as new records (stored, evaluated, joining the same groups).
	if code, b := do("POST", "/api/v1/ingest/cloudtrail", trail); code != 200 || !bytes.Contains(b, []byte(`"duplicates":3`)) {
		t.Fatalf("second ingest: %d %s", code, b)
	}
	again := bytes.ReplaceAll(trail, []byte(`"eventID": "9b1f3c7e-`), []byte(`"eventID": "9b1f3c7f-`))
	if code, b := do("POST", "/api/v1/ingest/cloudtrail", again); code != 200 || !bytes.Contains(b, []byte(`"accepted":3`)) {
		t.Fatalf("third ingest: %d %s", code, b)
	}
	waitFor("the new events to join the alert", func() bool {
		for _, a := range alerts() {
			if a.ID == stop.ID && a.Count == 4 {
				return true
			}
		}
		return false
	})
	if got := alerts(); len(got) != len(raised) {
		t.Fatalf("%d alerts after the repeats, want the same %d groups", len(got), len(raised))
	}
	// Give a second message, if the server were to send one, time to come.
	time.Sleep(time.Second)

	ids := map[int64]bool{}
	for _, a := range raised {
		ids[a.ID] = true
	}
	seen := map[int64]int{}
	for _, b := range hook.got() {
		var p struct {
			Kind  string       `json:"kind"`
			Alert attest.Alert `json:"alert"`
		}
		if err := json.Unmarshal(b, &p); err != nil || p.Kind != attest.NotifyRaised || !ids[p.Alert.ID] {
			t.Fatalf("webhook delivery %s", b)
		}
		seen[p.Alert.ID]++
	}
	if len(seen) != len(raised) {
		t.Errorf("webhook got %d alerts, want %d", len(seen), len(raised))
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("alert %d reached the webhook %d times", id, n)
		}
	}
	mails := smtpSrv.Mails()
	if len(mails) != len(raised) {
		t.Errorf("%d emails, want one per alert group (%d)", len(mails), len(raised))
	}
	subjects := map[string]bool{}
	for _, m := range mails {
		msg, err := mail.ReadMessage(bytes.NewReader(m.Data))
		if err != nil || !m.TLS || m.User != notifytest.SMTPUser {
			t.Fatalf("email: %v (tls %v, user %q)", err, m.TLS, m.User)
		}
		subjects[msg.Header.Get("Message-Id")] = true
	}
	if !subjects[fmt.Sprintf("<attest-alert-%d-raised@example.com>", stop.ID)] {
		t.Errorf("no email for the StopLogging alert %d: %v", stop.ID, subjects)
	}
	pdTriggers := 0
	for _, ev := range pd.got() {
		if ev["event_action"] == "trigger" && ev["dedup_key"] == fmt.Sprintf("attest-alert-%d", stop.ID) {
			pdTriggers++
		}
	}
	if pdTriggers != 1 {
		t.Errorf("PagerDuty got %d triggers for alert %d, want 1: %v", pdTriggers, stop.ID, pd.got())
	}

	// Resolved through the API: PagerDuty closes the incident, the
	// webhook hears of it, the email thread gets the resolve.
	if code, b := do("POST", fmt.Sprintf("/api/v1/alerts/%d/resolve", stop.ID), []byte(`{"note":"trail restarted"}`)); code != 200 {
		t.Fatalf("resolve: %d %s", code, b)
	}
	waitFor("the resolve at PagerDuty", func() bool {
		for _, ev := range pd.got() {
			if ev["event_action"] == "resolve" && ev["dedup_key"] == fmt.Sprintf("attest-alert-%d", stop.ID) && ev["routing_key"] == "e2e-routing-key" {
				return true
			}
		}
		return false
	})
	waitFor("the resolve at the webhook and by email", func() bool {
		return len(hook.got()) == len(raised)+1 && len(smtpSrv.Mails()) == len(raised)+1
	})
	if last := hook.got()[len(raised)]; !bytes.Contains(last, []byte(`"kind":"alert.resolved"`)) {
		t.Errorf("last webhook delivery %s", last)
	}
	critical := 0
	for _, a := range raised {
		if a.Severity == "critical" {
			critical++
		}
	}
	// Raised to hook and mail, to PagerDuty for the critical ones, and one
	// resolve to each of the three.
	want := 2*len(raised) + critical + 3
	waitFor("every notification delivered", func() bool {
		code, b := do("GET", "/api/v1/notifications?state=delivered&limit=1000", nil)
		return code == 200 && strings.Count(string(b), `"state":"delivered"`) == want
	})
	if strings.Contains(log.String(), key) || strings.Contains(log.String(), "e2e-routing-key") {
		t.Error("the log shows a secret")
	}
}
