package main

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	attesthttp "github.com/attest-dev/attest/http"
	"github.com/attest-dev/attest/notify"
)

// hookServer is a loopback webhook receiver that checks each delivery's
// signature and keeps the bodies.
type hookServer struct {
	*httptest.Server
	mu     sync.Mutex
	bodies [][]byte
	bad    int
}

func newHookServer(t *testing.T, key string) *hookServer {
	h := &hookServer{}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mac := hmac.New(sha256.New, []byte(key))
		mac.Write(b)
		h.mu.Lock()
		defer h.mu.Unlock()
		if r.Header.Get("X-Attest-Signature") != "sha256="+hex.EncodeToString(mac.Sum(nil)) {
			h.bad++
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		h.bodies = append(h.bodies, b)
	}))
	t.Cleanup(h.Close)
	return h
}

func (h *hookServer) got() [][]byte {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([][]byte(nil), h.bodies...)
}

// startServeArgs runs attest serve with args until the test ends and returns
// its base URL once it is ready, and its log.
func startServeArgs(t *testing.T, args ...string) (string, *lockedBuffer) {
	t.Helper()
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	log := &lockedBuffer{}
	go func() {
		done <- run(ctx, append([]string{"serve", "--addr", addr}, args...), nil, io.Discard, log)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("serve exit %d; log:\n%s", code, log.String())
			}
		case <-time.After(30 * time.Second):
			t.Error("serve did not shut down")
		}
	})
	base := "http://" + addr
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		resp, err := http.Get(base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return base, log
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("server not ready: %v; log:\n%s", err, log.String())
		}
	}
}

// TestServe_NotificationQueue: a job left in the queue by an earlier run
// is delivered by the next serve, signed with the key from the
// environment; the queue's depth is on /metrics; the key is never logged.
func TestServe_NotificationQueue(t *testing.T) {
	const key = "hmac-key-from-the-environment"
	t.Setenv("ATTEST_TEST_HOOK_KEY", key)
	hook := newHookServer(t, key)
	dir := t.TempDir()
	db := filepath.Join(dir, "attest.db")
	config := filepath.Join(dir, "serve.yaml")
	os.WriteFile(config, []byte(fmt.Sprintf(`
notify:
  alert_url: https://attest.example.com/api/v1/alerts/{id}
  channels:
    - name: hook
      webhook: {url: %q, secret: {env: ATTEST_TEST_HOOK_KEY}}
  routes:
    - channels: [hook]
`, hook.URL+"/attest")), 0o600)

	// An earlier run queued a notification and stopped before sending it.
	st, err := openStore(context.Background(), db, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	payload, _ := json.Marshal(&attest.Alert{ID: 9, Rule: "aws-cloudtrail-stop-logging", Severity: "high", Count: 1})
	if err := st.EnqueueNotifications(context.Background(), []*attest.Notification{{AlertID: 9, Channel: "hook", Kind: attest.NotifyRaised, Payload: payload}}); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	st.Close()
	if code := run(context.Background(), []string{"token", "create", "--db", db, "--scope", "read", "--name", "reader"}, nil, &out, &errOut); code != 0 {
		t.Fatalf("token create: %s", errOut.String())
	}
	token := strings.TrimSpace(out.String())

	base, log := startServeArgs(t, "--db", db, "--config", config)
	for deadline := time.Now().Add(20 * time.Second); len(hook.got()) == 0; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no delivery; log:\n%s", log.String())
		}
	}
	if got := hook.got(); len(got) != 1 || !strings.Contains(string(got[0]), `"url":"https://attest.example.com/api/v1/alerts/9"`) || hook.bad != 0 {
		t.Fatalf("deliveries = %q (bad signatures %d)", got, hook.bad)
	}
	get := func(path string) string {
		req, _ := http.NewRequest("GET", base+path, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(get("/api/v1/notifications?state=delivered"), `"alert_id":9`); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the job is not delivered: %s", get("/api/v1/notifications"))
		}
	}
	metrics := get("/metrics")
	for _, want := range []string{`attest_notify_queue{state="delivered"} 1`, `attest_notify_deliveries_total{channel="hook"} 1`} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if strings.Contains(log.String(), key) {
		t.Error("the log shows the webhook key")
	}
}

func TestServe_NotifyConfigErrors(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("ATTEST_TEST_SLACK", "not a url but a secret")
	for name, tc := range map[string]struct{ yaml, want string }{
		"missing env": {`notify: {channels: [{name: s, slack: {url: {env: ATTEST_TEST_NOT_SET}}}], routes: [{channels: [s]}]}`,
			"slack.url: environment variable ATTEST_TEST_NOT_SET is empty or not set"},
		"bad value": {`notify: {channels: [{name: s, slack: {url: {env: ATTEST_TEST_SLACK}}}], routes: [{channels: [s]}]}`,
			"slack.url: the value read is not an http(s) URL"},
		"routes without channels": {`notify: {routes: [{channels: [s]}]}`, "notify.channels is empty"},
		"unknown key":             {`notify: {chanels: []}`, "field chanels not found"},
	} {
		t.Run(name, func(t *testing.T) {
			config := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".yaml")
			os.WriteFile(config, []byte(tc.yaml), 0o600)
			var out, errOut bytes.Buffer
			code := run(context.Background(), []string{"serve", "--db", filepath.Join(dir, "x.db"), "--addr", "127.0.0.1:0", "--config", config}, nil, &out, &errOut)
			if code != exitInput || !strings.Contains(errOut.String(), tc.want) {
				t.Fatalf("exit %d, stderr %q; want %d and %q", code, errOut.String(), exitInput, tc.want)
			}
			if strings.Contains(errOut.String(), "not a url but a secret") {
				t.Error("the error shows the secret")
			}
		})
	}
}

// TestServe_NotifyExample: the example in examples/serve is a valid serve
// configuration, and builds once its secrets are there.
func TestServe_NotifyExample(t *testing.T) {
	data, err := os.ReadFile("../../examples/serve/notify.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c := DefaultServeConfig()
	if err := parseServeConfig(data, &c); err != nil {
		t.Fatalf("examples/serve/notify.yaml: %v", err)
	}
	pdKey := filepath.Join(t.TempDir(), "pd")
	os.WriteFile(pdKey, []byte("key\n"), 0o600)
	for _, ch := range c.Notify.Channels {
		if ch.PagerDuty != nil {
			ch.PagerDuty.RoutingKey.File = pdKey // the example's path is a mounted secret
		}
	}
	env := map[string]string{"ATTEST_SLACK_WEBHOOK_URL": "https://hooks.slack.example/services/T/B/X", "ATTEST_WEBHOOK_KEY": "k", "ATTEST_SMTP_PASSWORD": "p"}
	setup, err := buildNotifications(c, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if len(setup.Endpoints) != 4 {
		t.Errorf("%d channels, want 4", len(setup.Endpoints))
	}
	got := setup.Router.Channels(&attest.Alert{Severity: "critical", Source: "cloudtrail", Rule: "aws-cloudtrail-stop-logging",
		Controls: map[string][]string{"soc2": {"CC7.2"}}})
	if strings.Join(got, ",") != "siem,pagerduty,secops-slack,compliance-mail" {
		t.Errorf("a critical trail alert goes to %v", got)
	}
}

// TestServeNotifications_Sweep: an alert stored without its notification
// (the process stopped between the two) is queued and delivered by the
// next start's sweep, once, however many starts follow.
func TestServeNotifications_Sweep(t *testing.T) {
	const key = "sweep-key"
	hook := newHookServer(t, key)
	db := filepath.Join(t.TempDir(), "attest.db")
	st, err := openStore(context.Background(), db, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Now().UTC()
	a := &attest.Alert{Rule: "aws-cloudtrail-stop-logging", Title: "CloudTrail logging stopped", Severity: "critical",
		Group: "mallory|trail/main", Source: "cloudtrail", Actor: "mallory", Target: "trail/main",
		FirstSeen: now.Add(-time.Hour), LastSeen: now.Add(-time.Hour), Count: 1, Seqs: []int64{0}}
	if created, err := st.RaiseAlert(context.Background(), a, time.Hour); err != nil || !created {
		t.Fatalf("RaiseAlert = %v, %v", created, err)
	}
	c := DefaultServeConfig()
	c.Notify = parseNotify(t, fmt.Sprintf(`{channels: [{name: hook, webhook: {url: %q, secret: {env: K}}}], routes: [{channels: [hook]}]}`, hook.URL))
	for start := range 3 {
		setup, err := buildNotifications(c, func(string) string { return key })
		if err != nil {
			t.Fatal(err)
		}
		n := startNotifications(context.Background(), st, setup, attesthttp.NewServer(), slog.New(slog.DiscardHandler))
		if start == 0 {
			for deadline := time.Now().Add(10 * time.Second); len(hook.got()) == 0; time.Sleep(20 * time.Millisecond) {
				if time.Now().After(deadline) {
					t.Fatal("the sweep did not deliver the alert")
				}
			}
		}
		if err := n.sweep(context.Background()); err != nil {
			t.Fatal(err)
		}
		time.Sleep(200 * time.Millisecond)
		n.Close()
	}
	if got := hook.got(); len(got) != 1 || !strings.Contains(string(got[0]), fmt.Sprintf(`"id":%d`, a.ID)) {
		t.Fatalf("deliveries = %q, want the alert once", got)
	}
}

func parseNotify(t *testing.T, src string) notify.Config {
	t.Helper()
	c := DefaultServeConfig()
	if err := parseServeConfig([]byte("notify: "+src), &c); err != nil {
		t.Fatal(err)
	}
	return c.Notify
}
