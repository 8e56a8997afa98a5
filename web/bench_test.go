package web_test

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/auditlog"
	"github.com/attest-dev/attest/evidence"
	et "github.com/attest-dev/attest/evidence/evidencetest"
	"github.com/attest-dev/attest/internal/cputime"
	"github.com/attest-dev/attest/sqlite"
	"github.com/attest-dev/attest/web"
)

// benchEvents is how many events BenchmarkPages stores: ATTEST_BENCH_EVENTS,
// default 1,000,000 (the figure).
func benchEvents(b *testing.B) int {
	if v := os.Getenv("ATTEST_BENCH_EVENTS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			b.Fatalf("ATTEST_BENCH_EVENTS=%q: want a whole number from 1", v)
		}
		return n
	}
	return 1_000_000
}

// BenchmarkPages renders each page of the dashboard, server side (the
// handler, no network), over a SQLite store holding benchEvents events
// spread over 90 days across four sources and 500 actors, 1,000 alerts,
// and evidence: two scans of the example, two scans of 5,000 findings
// each over four roots (10,000 findings; a tenth failing, some waived by
// exceptions) and two releases. The seeding is not timed. Besides wall
// time per page (ns/op) it reports the process's CPU time per page
// (cpu-ms/op), which says more on a shared machine.
//
// ATTEST_BENCH_DB names a database file to keep: seeded when it does not
// exist, reused as it is when it does (seeding a million events takes
// minutes), so that two builds can be measured over the same data.
func BenchmarkPages(b *testing.B) {
	n := benchEvents(b)
	ctx := context.Background()
	path, reuse := os.Getenv("ATTEST_BENCH_DB"), false
	if path == "" {
		path = filepath.Join(b.TempDir(), "attest.db")
	} else if _, err := os.Stat(path); err == nil {
		reuse = true
	}
	db := sqlite.NewDB(path)
	db.Synchronous = "NORMAL"
	opening := time.Now()
	if err := db.Open(ctx); err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	b.Logf("opened %s (migrations included) in %s", path, time.Since(opening).Round(time.Millisecond))
	now := time.Now().UTC()
	if !reuse {
		seedPages(b, db, n, now)
	} else {
		b.Logf("reusing %s", path)
	}
	keys, err := auditlog.LoadOrCreateKey(ctx, db.KeyStore(), "attest-bench")
	if err != nil {
		b.Fatal(err)
	}
	log := auditlog.NewLog(db, keys)
	// newHandler returns a dashboard as serve wires it, with nothing
	// decoded or derived yet.
	newHandler := func() *web.Handler {
		h := web.New(db, db, db)
		h.Counter, h.Log, h.Alerts, h.Evidence = db, log, db, db
		if h.Controls, err = evidence.NewSnapshotter(db, db); err != nil {
			b.Fatal(err)
		}
		h.Controls.Alerts, h.Controls.Scans = db, h.Scan
		return h
	}
	h := newHandler()

	// A session made straight in the store.
	secret := rand.Text()
	sess := &attest.Session{ID: "ses_" + rand.Text(), User: "bench", Role: attest.ScopeAdmin, Via: web.ViaToken, Created: now, Expires: now.Add(time.Hour)}
	rec := &attest.Event{Time: now, Received: now, Source: "attest", Actor: "bench", Action: web.ActionSignIn, Outcome: attest.OutcomeSuccess, Raw: []byte(`{}`)}
	if err := db.CreateSession(ctx, sess, hashSecretForBench(secret), nil, rec); err != nil {
		b.Fatal(err)
	}
	releases, err := db.FindEvidence(ctx, attest.EvidenceFilter{Kind: attest.EvidenceVulns, Limit: 1})
	if err != nil || len(releases) != 1 {
		b.Fatal("no release", err)
	}
	for _, page := range []string{
		"/", "/?days=90", "/events", "/events?source=falco", "/events?actor=user-7%40example.com", "/events?outcome=failure",
		"/events?action=action.3", "/events/500000", "/actors/user-7@example.com", "/alerts", "/alerts?status=open&severity=high",
		"/alerts/1", "/log", "/posture", "/vulns", fmt.Sprintf("/vulns/%d", releases[0].ID), "/controls", "/exceptions",
	} {
		if page == "/events/500000" && n <= 500000 {
			page = fmt.Sprintf("/events/%d", n/2)
		}
		// Pages with derived figures are measured cold too: every request
		// computes them (SummaryTTL 0) instead of reusing them. Pages that
		// read scans are measured first too: a dashboard just started,
		// with no scan decoded yet (a new Handler each time, whose
		// templates are parsed in the time measured).
		const first = -1
		ttls := []time.Duration{web.DefaultSummaryTTL}
		if page == "/" || page == "/?days=90" || page == "/controls" {
			ttls = append(ttls, 0)
		}
		if page == "/" || page == "/posture" || page == "/controls" || page == "/exceptions" {
			ttls = append(ttls, first)
		}
		for _, ttl := range ttls {
			name := page
			switch ttl {
			case 0:
				name += " (cold)"
			case first:
				name += " (first)"
			}
			b.Run(name, func(b *testing.B) {
				if ttl >= 0 {
					h.SummaryTTL = ttl
				}
				var cpu time.Duration
				_, cpuOK := cputime.Process()
				for b.Loop() {
					req := httptest.NewRequest(http.MethodGet, page, nil)
					req.AddCookie(&http.Cookie{Name: "attest_session", Value: secret})
					w := httptest.NewRecorder()
					if ttl == first {
						b.StopTimer()
						h = newHandler()
						b.StartTimer()
					}
					cpu0, _ := cputime.Process()
					h.ServeHTTP(w, req)
					cpu1, _ := cputime.Process()
					cpu += cpu1 - cpu0
					if w.Code != http.StatusOK {
						b.Fatalf("%s: %d\n%s", page, w.Code, w.Body.String())
					}
				}
				if cpuOK {
					b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
				}
			})
		}
	}
}

// seedPages stores what BenchmarkPages reads: n events, 1,000 alerts, a
// signed checkpoint and the evidence.
func seedPages(b *testing.B, db *sqlite.DB, n int, now time.Time) {
	b.Helper()
	ctx := context.Background()
	span := 90 * 24 * time.Hour
	sources := []string{"k8s-audit", "cloudtrail", "falco", "vcs"}
	outcomes := []string{attest.OutcomeSuccess, attest.OutcomeSuccess, attest.OutcomeSuccess, attest.OutcomeFailure, attest.OutcomeUnknown}
	const batch = 5000
	start := time.Now()
	for i := 0; i < n; i += batch {
		events := make([]*attest.Event, 0, batch)
		for j := i; j < min(i+batch, n); j++ {
			t := now.Add(-span + time.Duration(int64(span)/int64(n)*int64(j)))
			events = append(events, &attest.Event{
				Time: t, Received: t, Source: sources[j%len(sources)],
				Actor: fmt.Sprintf("user-%d@example.com", j%500), Action: fmt.Sprintf("action.%d", j%40),
				Target: fmt.Sprintf("resource/%d", j%10000), Outcome: outcomes[j%len(outcomes)],
				SourceIP: fmt.Sprintf("10.0.%d.%d", j/256%256, j%256), UserAgent: "bench/1.0",
				Raw: fmt.Appendf(nil, `{"n":%d,"actor":"user-%d@example.com","action":"action.%d"}`, j, j%500, j%40),
			})
		}
		if err := db.AppendEvents(ctx, events); err != nil {
			b.Fatal(err)
		}
	}
	for i := range 1000 {
		t := now.Add(-time.Duration(i) * time.Hour)
		a := &attest.Alert{Rule: fmt.Sprintf("rule-%d", i%20), Title: fmt.Sprintf("Rule %d", i%20), Severity: severitiesForBench[i%4],
			Group: fmt.Sprintf("group-%d", i), Source: "cloudtrail", FirstSeen: t, LastSeen: t, Count: 1, Seqs: []int64{int64(i)}, Status: attest.AlertOpen}
		if _, err := db.RaiseAlert(ctx, a, time.Minute); err != nil {
			b.Fatal(err)
		}
	}
	keys, err := auditlog.LoadOrCreateKey(ctx, db.KeyStore(), "attest-bench")
	if err != nil {
		b.Fatal(err)
	}
	log := auditlog.NewLog(db, keys)
	if _, err := log.Publish(ctx); err != nil {
		b.Fatal(err)
	}
	seedEvidenceStore(b, db)
	seedLargeScans(b, db)
	b.Logf("seeded %d events, 1000 alerts, 4 scans (10,128 findings), 2 releases in %s", n, time.Since(start).Round(time.Second))
}

var severitiesForBench = []string{"critical", "high", "medium", "low"}

// seedEvidenceStore stores the example scan and release twice each, the
// way the upload endpoints do.
func seedEvidenceStore(b *testing.B, db *sqlite.DB) {
	b.Helper()
	for _, u := range []struct{ kind, file, repo, release string }{
		{attest.EvidenceScan, "scan-aws-web.json", "github.com/acme/infra", ""},
		{attest.EvidenceScan, "scan-aws-web.json", "github.com/acme/infra", ""},
		{attest.EvidenceVulns, "vulns-release-1.5.0.json", "github.com/acme/shop", "1.4.0"},
		{attest.EvidenceVulns, "vulns-release-1.5.0.json", "github.com/acme/shop", "1.5.0"},
	} {
		body, err := os.ReadFile(filepath.Join("..", "testdata", "evidence", u.file))
		if err != nil {
			b.Fatal(err)
		}
		e, rec, err := evidence.New(u.kind, body, evidence.Meta{Repository: u.repo, Release: u.release}, "bench", time.Now())
		if err != nil {
			b.Fatal(err)
		}
		if err := db.AddEvidence(context.Background(), e, rec); err != nil {
			b.Fatal(err)
		}
	}
}

// seedLargeScans stores two scans of github.com/acme/platform, 5,000
// findings each over four roots: a tenth failing, one in fifty waived by an
// exception; the second scan fixes some failures and fails elsewhere.
func seedLargeScans(b *testing.B, db *sqlite.DB) {
	b.Helper()
	rules := []string{"aws-s3-encryption", "aws-cloudtrail-enabled", "k8s-privileged"}
	for s := range 2 {
		var vs []et.Verdict
		for i := range 5000 {
			v := et.Verdict{Rule: rules[i%len(rules)], Root: fmt.Sprintf("stacks/env-%d", i%4),
				Resource: fmt.Sprintf("resource.r%d", i), Status: attest.StatusPass}
			switch {
			case (i+s*7)%10 == 0:
				v.Status = attest.StatusFail
			case i%50 == 1:
				v.Status = attest.StatusWaived
				v.Exception = &attest.Exception{RuleID: v.Rule, Resource: v.Resource, Owner: "team-" + strconv.Itoa(i%7),
					Justification: "accepted until the migration", Expires: time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, i%90),
					Source: attest.Pos{File: ".attest.yaml", Line: 10 + i}}
			}
			vs = append(vs, v)
		}
		if _, err := et.AddScan(context.Background(), db, "github.com/acme/platform", time.Now().Add(time.Duration(s-2)*time.Hour), false, vs...); err != nil {
			b.Fatal(err)
		}
	}
}

func hashSecretForBench(secret string) []byte {
	sum := sha256.Sum256([]byte(secret))
	return sum[:]
}
