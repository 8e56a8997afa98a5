package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/ingest/source"
	"github.com/spf13/pflag"
)

// api is a running attest serve's API at a base URL.
type api struct {
	base string
	log  fmt.Stringer
}

// served is an attest serve running in the test process through run, as
// the binary runs it.
type served struct {
	api
	stop func() // cancels and waits for a clean exit
}

// serveHere runs attest serve in this process with args (plus --db and
// --addr) until the test ends, and waits until it is ready.
func serveHere(t *testing.T, db string, args ...string) *served {
	t.Helper()
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	log := &lockedBuffer{}
	go func() {
		done <- run(ctx, append([]string{"serve", "--db", db, "--addr", addr}, args...), nil, io.Discard, log)
	}()
	s := &served{api: api{base: "http://" + addr, log: log}}
	var once sync.Once
	s.stop = func() {
		once.Do(func() {
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
	}
	t.Cleanup(s.stop)
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		resp, err := http.Get(s.base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return s
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("server not ready: %v; log:\n%s", err, log.String())
		}
	}
}

// call sends a request with a bearer token and returns the status and body.
func (s api) call(t *testing.T, method, path, secret string, body []byte) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, s.base+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+secret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

func (s api) ingest(t *testing.T, secret string, body []byte) {
	t.Helper()
	if code, b := s.call(t, "POST", "/api/v1/ingest/cloudtrail", secret, body); code != 200 {
		t.Fatalf("ingest: %d %s", code, b)
	}
}

// newToken creates a token with attest token create and returns its secret.
func newToken(t *testing.T, db, scope string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"token", "create", "--db", db, "--scope", scope, "--name", scope + "-token"}, nil, &out, &errOut); code != 0 {
		t.Fatalf("token create --scope %s: exit %d: %s", scope, code, errOut.String())
	}
	return strings.TrimSpace(out.String())
}

type apiAlert struct {
	attest.Alert
	Events []struct {
		Seq   int64  `json:"seq"`
		Actor string `json:"actor"`
	} `json:"events"`
}

// alerts returns every alert the server lists.
func (s api) alerts(t *testing.T, secret, query string) []apiAlert {
	t.Helper()
	code, b := s.call(t, "GET", "/api/v1/alerts?limit=1000&"+query, secret, nil)
	if code != 200 {
		t.Fatalf("list alerts: %d %s", code, b)
	}
	var page struct{ Alerts []apiAlert }
	if err := json.Unmarshal(b, &page); err != nil {
		t.Fatal(err)
	}
	return page.Alerts
}

// settled waits until every stored event is evaluated (the lag metric is
// 0 on each server) and returns the alerts by rule.
func settled(t *testing.T, secret string, servers ...api) map[string][]apiAlert {
	t.Helper()
	for _, s := range servers {
		for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
			_, m := s.call(t, "GET", "/metrics", secret, nil)
			if strings.Contains(string(m), "\nattest_detect_lag_events 0\n") {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("events not evaluated in time; log:\n%s", s.log.String())
			}
		}
	}
	out := map[string][]apiAlert{}
	for _, a := range servers[0].alerts(t, secret, "") {
		out[a.Rule] = append(out[a.Rule], a)
	}
	return out
}

func eventFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("../../testdata/events", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestRun_serveDetections is issue 9's "done when" without notifications:
// attest serve with a user rule folder receives a CloudTrail file with a
// StopLogging by a user without MFA, raises the alerts, and a respond token
// acknowledges and resolves them through the API; attest events scan on the
// same file prints them.
func TestRun_serveDetections(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { testServeDetections(t, filepath.Join(t.TempDir(), "attest.db")) })
	t.Run("postgres", func(t *testing.T) { testServeDetections(t, freshPostgres(t)) })
}

func testServeDetections(t *testing.T, db string) {
	initDB(t, db)
	admin, respond, read := newToken(t, db, "admin"), newToken(t, db, "respond"), newToken(t, db, "read")
	s := serveHere(t, db, "--detections", "testdata/detections")
	file := eventFile(t, "cloudtrail-stoplogging.json")
	s.ingest(t, admin, file)
	byRule := settled(t, admin, s.api)
	tamper := byRule["aws-cloudtrail-tampering"]
	if len(tamper) != 1 || tamper[0].Count != 2 || tamper[0].Severity != "critical" || tamper[0].Status != attest.AlertOpen ||
		tamper[0].Actor != "arn:aws:iam::111122223333:user/mallory" || tamper[0].Hint == "" {
		t.Fatalf("tampering alerts: %+v (all: %v)", tamper, byRule)
	}
	if own := byRule["team-trail-described"]; len(own) != 1 || own[0].Severity != "low" {
		t.Errorf("the user folder's rule: %+v", own)
	}
	id := tamper[0].ID
	code, b := s.call(t, "GET", fmt.Sprintf("/api/v1/alerts/%d", id), read, nil)
	var detail apiAlert
	json.Unmarshal(b, &detail)
	if code != 200 || len(detail.Events) != 2 || detail.Events[0].Actor == "" {
		t.Errorf("alert detail: %d %s", code, b)
	}
	if code, _ := s.call(t, "POST", fmt.Sprintf("/api/v1/alerts/%d/ack", id), read, nil); code != 403 {
		t.Errorf("ack with a read token: %d, want 403", code)
	}
	for _, step := range []struct{ path, status string }{{"ack", attest.AlertAcknowledged}, {"resolve", attest.AlertResolved}} {
		code, b := s.call(t, "POST", fmt.Sprintf("/api/v1/alerts/%d/%s", id, step.path), respond, []byte(`{"note":"trail owner paged"}`))
		var a attest.Alert
		json.Unmarshal(b, &a)
		if code != 200 || a.Status != step.status || a.StatusBy != "respond-token" {
			t.Fatalf("%s: %d %s", step.path, code, b)
		}
	}
	// The changes are records of the audit log; the server evaluates them
	// too (no rule reads source attest) and the lag returns to 0.
	code, b = s.call(t, "GET", "/api/v1/events?source=attest&action=alert.resolve", read, nil)
	if code != 200 || !strings.Contains(string(b), `"actor":"respond-token"`) {
		t.Errorf("audit record of the resolution: %d %s", code, b)
	}
	settled(t, admin, s.api)
	_, metrics := s.call(t, "GET", "/metrics", read, nil)
	for _, want := range []string{
		`attest_detect_matches_total{rule="aws-cloudtrail-tampering"} 2`,
		`attest_detect_rule_errors_total{rule="aws-cloudtrail-tampering"} 0`,
		`attest_detect_evaluation_seconds_count`,
	} {
		if !strings.Contains(string(metrics), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	s.stop()

	var out, errOut bytes.Buffer
	path := filepath.Join("../../testdata/events", "cloudtrail-stoplogging.json")
	code = run(context.Background(), []string{"events", "scan", "--format", "json", path}, nil, &out, &errOut)
	var scanned struct {
		Alerts []struct {
			Rule  string
			Count int
		}
	}
	json.Unmarshal(out.Bytes(), &scanned)
	if code != exitFindings || len(scanned.Alerts) != 1 || scanned.Alerts[0].Rule != "aws-cloudtrail-tampering" || scanned.Alerts[0].Count != 2 {
		t.Errorf("events scan: exit %d, %s %s", code, out.String(), errOut.String())
	}
}

// TestRun_serveReplicas runs two attest serve processes over one
// PostgreSQL: events
// of one group that reach either replica make one alert, and a correlation
// (five failed sign-ins by one user in five minutes) counts the sign-ins
// that reached both.
func TestRun_serveReplicas(t *testing.T) {
	db := freshPostgres(t)
	initDB(t, db)
	admin := newToken(t, db, "admin")
	pa, pb := startServe(t, db), startServe(t, db)
	a, b := api{base: pa.base, log: pa.log}, api{base: pb.base, log: pb.log}
	replicas := []api{a, b}

	// The same file delivered to both (a retrying sender) and the same
	// StopLogging calls again under new ids, half to each, at once.
	stop := eventFile(t, "cloudtrail-stoplogging.json")
	again := bytes.ReplaceAll(stop, []byte(`"9b1f3c7e-0000`), []byte(`"9b1f3c7e-2222`))
	var wg sync.WaitGroup
	for _, c := range []struct {
		s    api
		body []byte
	}{{a, stop}, {b, stop}, {b, again}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.s.ingest(t, admin, c.body)
		}()
	}
	// The sign-ins one at a time, alternating between the replicas.
	logins, err := source.Read("cloudtrail", eventFile(t, "cloudtrail-console-failures.json"))
	if err != nil {
		t.Fatal(err)
	}
	for i, ev := range logins {
		replicas[i%2].ingest(t, admin, ev.Raw)
	}
	wg.Wait()
	byRule := settled(t, admin, a, b)
	if got := byRule["aws-cloudtrail-tampering"]; len(got) != 1 || got[0].Count != 4 {
		t.Errorf("tampering: %+v, want one alert of 4 (2 calls, then 2 more)", got)
	}
	corr := byRule["aws-console-login-failures"]
	if len(corr) != 1 || corr[0].Count != 1 {
		t.Fatalf("correlation across replicas: %+v (all %v); logs:\n%s\n%s", corr, byRule, a.log.String(), b.log.String())
	}
	full := a.alerts(t, admin, "rule=aws-console-login-failures")
	code, body := b.call(t, "GET", fmt.Sprintf("/api/v1/alerts/%d", full[0].ID), admin, nil)
	var detail apiAlert
	json.Unmarshal(body, &detail)
	if code != 200 || len(detail.Seqs) != 5 {
		t.Errorf("correlation events: %d %s, want 5 seqs", code, body)
	}
	// Each event was evaluated by one replica: the matches of the tampering
	// rule across both add up to 4, not 8.
	total := 0
	for _, s := range replicas {
		_, m := s.call(t, "GET", "/metrics", admin, nil)
		var n int
		for _, line := range strings.Split(string(m), "\n") {
			if _, err := fmt.Sscanf(line, `attest_detect_matches_total{rule="aws-cloudtrail-tampering"} %d`, &n); err == nil {
				total += n
			}
		}
	}
	if total != 4 {
		t.Errorf("tampering matched %d times across the replicas, want 4 (each event once)", total)
	}
}

// TestRun_detectReplay stores events with the detections off, then
// replays them: the alerts appear once, and a second replay raises nothing.
func TestRun_detectReplay(t *testing.T) {
	db := filepath.Join(t.TempDir(), "attest.db")
	initDB(t, db)
	admin := newToken(t, db, "admin")
	config := filepath.Join(t.TempDir(), "serve.yaml")
	if err := os.WriteFile(config, []byte("detections:\n  enabled: false\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s := serveHere(t, db, "--config", config)
	s.ingest(t, admin, eventFile(t, "cloudtrail-stoplogging.json"))
	s.ingest(t, admin, eventFile(t, "cloudtrail-console-failures.json"))
	if got := s.alerts(t, admin, ""); len(got) != 0 {
		t.Fatalf("alerts with detections off: %+v", got)
	}
	// The first start records and prints a sign-in link after it is ready:
	// stopping before that, which a loaded machine allows, leaves no record
	// for the replay to count.
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(s.log.String(), "sign in to the dashboard once as admin"); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("serve printed no sign-in link; log:\n%s", s.log.String())
		}
	}
	s.stop()

	now := func() time.Time { return time.Date(2026, 3, 20, 0, 0, 0, 0, time.UTC) }
	replay := func(args ...string) string {
		t.Helper()
		var out, errOut bytes.Buffer
		p := detectReplayParams{DB: db, Since: 720 * time.Hour, Now: now, setDB: true}
		for i := 0; i+1 < len(args); i += 2 {
			switch args[i] {
			case "--since":
				p.Since, _ = time.ParseDuration(args[i+1])
			case "--detections":
				p.Detections, p.setDetections = []string{args[i+1]}, true
			}
		}
		if err := runDetectReplay(context.Background(), p, &out, &errOut); err != nil {
			t.Fatalf("replay: %v %s", err, errOut.String())
		}
		return out.String()
	}
	// 24h before "now" reaches none of the March 1 events (only the token's
	// creation, which happened in real time).
	if out := replay("--since", "24h"); !strings.Contains(out, " 0 matches") {
		t.Errorf("replay --since 24h: %s", out)
	}
	// Nine events and the record of the one-time sign-in link that the
	// first start of serve printed.
	if out := replay("--detections", "testdata/detections"); !strings.Contains(out, "10 events replayed") || !strings.Contains(out, "4 matches: 4 new, 3 alerts opened") {
		t.Errorf("first replay: %s", out)
	}
	if out := replay("--detections", "testdata/detections"); !strings.Contains(out, "4 matches: 0 new, 0 alerts opened") {
		t.Errorf("second replay: %s", out)
	}
	// The command line as a user types it.
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"detect", "replay", "--db", db, "--since", "0"}, nil, &out, &errOut); code != 0 ||
		!strings.Contains(out.String(), "3 matches: 0 new") {
		t.Errorf("attest detect replay: exit %d: %s %s", code, out.String(), errOut.String())
	}
	s = serveHere(t, db)
	byRule := map[string]int{}
	for _, a := range s.alerts(t, admin, "") {
		byRule[a.Rule]++
	}
	if len(byRule) != 3 || byRule["aws-cloudtrail-tampering"] != 1 || byRule["aws-console-login-failures"] != 1 || byRule["team-trail-described"] != 1 {
		t.Errorf("alerts after the replays: %v", byRule)
	}
}

// TestExampleServeConfig loads examples/serve/attest-serve.yaml as attest
// serve does, from the repository root: the configuration parses, its rule
// folder loads, and its grouping windows name loaded rules.
func TestExampleServeConfig(t *testing.T) {
	t.Chdir("../..")
	var f serveFlags
	fs := pflag.NewFlagSet("serve", pflag.ContinueOnError)
	f.register(fs)
	if err := fs.Parse([]string{"--config", "examples/serve/attest-serve.yaml"}); err != nil {
		t.Fatal(err)
	}
	c, err := loadServeConfig(fs, &f, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	st, err := openStore(context.Background(), filepath.Join(t.TempDir(), "example.db"), quietLogger())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var log bytes.Buffer
	w, err := newDetectionWorker(c.Detections, st, slog.New(slog.NewTextHandler(&log, nil)))
	if err != nil || w == nil {
		t.Fatalf("detections of the example: %v", err)
	}
	if strings.Contains(log.String(), "not loaded") && !strings.Contains(log.String(), "not_loaded=0") {
		t.Errorf("a rule of the example did not load:\n%s", log.String())
	}
	set, _ := loadRules(c.Detections.Dirs)
	r, ok := set.Rule("break-glass-used")
	if !ok || w.Windows.For(r) != 4*time.Hour {
		t.Errorf("break-glass-used: loaded %v, window %v; want its own 4h", ok, w.Windows.For(r))
	}
	if root, _ := set.Rule("aws-root-account-use"); w.Windows.For(root) != 24*time.Hour {
		t.Errorf("aws-root-account-use window %v, want 24h from rule_windows", w.Windows.For(root))
	}
	// A misspelt rule in rule_windows stops the start.
	c.Detections.RuleWindows["aws-root-acount-use"] = "1h"
	if _, err := newDetectionWorker(c.Detections, st, quietLogger()); err == nil || !strings.Contains(err.Error(), "aws-root-acount-use") {
		t.Errorf("misspelt rule window: %v", err)
	}
}

func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }
