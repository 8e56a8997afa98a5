package http_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/attest-dev/attest/auditlog"
	attesthttp "github.com/attest-dev/attest/http"
	"github.com/attest-dev/attest/ingest"
	"github.com/attest-dev/attest/ingest/cloudtrail"
	"github.com/attest-dev/attest/ingest/falco"
	"github.com/attest-dev/attest/ingest/generic"
	"github.com/attest-dev/attest/ingest/k8saudit"
	"github.com/google/go-cmp/cmp"
)

// realNormalisers gives a server the ingest package's normalisers.
func realNormalisers(s *attesthttp.Server) {
	s.Normalisers = []ingest.Normaliser{k8saudit.New(), falco.New(), cloudtrail.New()}
	s.Generic = func(source string) ingest.Normaliser { return generic.New(source) }
}

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "events", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// alice is one person under three names.
var alice = attesthttp.Identity{Name: "alice", Aliases: []string{
	"alice@example.com", "arn:aws:iam::111122223333:user/alice", "alice", "octo-alice",
}}

// TestServer_EndToEnd sends the real payloads of each source over loopback
// HTTP into a real store, then reads them back through the query API, the
// timeline and the audit-log endpoints.
func TestServer_EndToEnd(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			st := b.open(t)
			log, keys := withAuditLog(t, st)
			e := newEnv(t, st, realNormalisers, func(s *attesthttp.Server) {
				s.Log, s.LogKey = log, keys.VerifierKey
				s.Identities = attesthttp.IdentityMap{alice}
			})

			sends := []struct {
				path    string
				file    string
				headers []string
			}{
				{"/api/v1/ingest/k8s-audit", "k8s-audit-eventlist.json", nil},
				{"/api/v1/ingest/k8s-audit", "k8s-audit-event.json", nil},
				{"/api/v1/ingest/falco", "falco-alert.json", nil},
				{"/api/v1/ingest/falco", "falcosidekick-alert.json", nil},
				{"/api/v1/ingest/cloudtrail", "cloudtrail-log.json.gz", []string{"Content-Type", "application/gzip"}},
				{"/api/v1/ingest/cloudtrail", "eventbridge-cloudtrail-batch.json", nil},
				{"/api/v1/ingest/okta", "okta-systemlog.json", nil},
				{"/api/v1/ingest/github", "github-audit.json", nil},
			}
			want := map[string]int{}
			for _, s := range sends {
				ack := decode[ingestAnswer](t, e.do(t, "POST", s.path, "ingest", fixture(t, s.file), s.headers...), 200)
				if ack.Accepted == 0 || ack.Duplicates == 0 && *ack.LastSeq-*ack.FirstSeq != int64(ack.Accepted-1) {
					t.Fatalf("%s: ack %+v", s.file, ack)
				}
				want[strings.TrimPrefix(s.path, "/api/v1/ingest/")] += ack.Accepted - ack.Duplicates
			}
			// The same CloudTrail file again, compressed on the wire: every
			// record is acknowledged with the seq it got the first time, and
			// none is stored twice.
			plain := fixture(t, "cloudtrail-log.json")
			first := e.allEvents(t, "/api/v1/events?source=cloudtrail", 1000)
			ack := decode[ingestAnswer](t, e.do(t, "POST", "/api/v1/ingest/cloudtrail", "ingest", gz(t, plain), "Content-Encoding", "gzip"), 200)
			if ack.Accepted == 0 || ack.Duplicates != ack.Accepted || len(ack.Seqs) != ack.Accepted {
				t.Fatalf("cloudtrail file sent again: ack %+v, want every record a duplicate", ack)
			}
			for i, seq := range ack.Seqs {
				if seq != first[i].Seq {
					t.Errorf("cloudtrail file sent again: record %d acknowledged with seq %d, first stored as %d", i, seq, first[i].Seq)
				}
			}

			all := e.allEvents(t, "/api/v1/events?", 1000)
			for i, ev := range all {
				if ev.Seq != int64(i) {
					t.Fatalf("event %d has seq %d: want every seq from 0 without gaps", i, ev.Seq)
				}
				if !json.Valid(ev.Raw) || ev.RawEncoding != "" {
					t.Errorf("seq %d: raw %q is not inline JSON", ev.Seq, ev.Raw)
				}
				if !ev.Received.Equal(testNow) {
					t.Errorf("seq %d: received %v, want the server clock", ev.Seq, ev.Received)
				}
			}
			for source, n := range want {
				if got := len(e.allEvents(t, "/api/v1/events?source="+source, 1000)); got != n {
					t.Errorf("source %s: %d events, want %d", source, got, n)
				}
			}

			// Raw is the record as sent: the Falco alert is the whole body.
			fa := e.allEvents(t, "/api/v1/events?source=falco", 1)[0]
			if !jsonEqual(t, fa.Raw, fixture(t, "falco-alert.json")) {
				t.Errorf("falco raw %s differs from the alert sent", fa.Raw)
			}

			// Pages of any size give the same events in the same order.
			for _, limit := range []int{1, 4, 13} {
				if diff := cmp.Diff(all, e.allEvents(t, "/api/v1/events?", limit)); diff != "" {
					t.Errorf("limit %d (-one page +pages):\n%s", limit, diff)
				}
			}

			// The timeline joins alice's names across sources, in the order
			// the events happened (then by seq), not the order they came in.
			var wantTL []int64
			var mine []eventJSON
			sources := map[string]bool{}
			for _, ev := range all {
				if slices.Contains(alice.Aliases, ev.Actor) {
					mine = append(mine, ev)
					sources[ev.Source] = true
				}
			}
			slices.SortStableFunc(mine, func(a, b eventJSON) int { return a.Time.Compare(b.Time) })
			for _, ev := range mine {
				wantTL = append(wantTL, ev.Seq)
			}
			if slices.IsSortedFunc(wantTL, func(a, b int64) int { return int(a - b) }) {
				t.Errorf("alice's events happened in the order they came in (%v): the fixtures do not test the timeline's order", wantTL)
			}
			for _, src := range []string{"k8s-audit", "cloudtrail", "okta", "github"} {
				if !sources[src] {
					t.Errorf("no event of alice from %s: the fixtures' actors are %v", src, actors(all, src))
				}
			}
			var gotTL []int64
			cursor := ""
			for {
				p := "/api/v1/actors/alice%40example.com/timeline?limit=5"
				if cursor != "" {
					p += "&cursor=" + cursor
				}
				page := decode[pageJSON](t, e.do(t, "GET", p, "read", nil), 200)
				if page.Actor != "alice" {
					t.Errorf("timeline of alice@example.com is of %q", page.Actor)
				}
				for _, ev := range page.Events {
					gotTL = append(gotTL, ev.Seq)
				}
				if cursor = page.NextCursor; cursor == "" {
					break
				}
			}
			if diff := cmp.Diff(wantTL, gotTL); diff != "" {
				t.Errorf("timeline seqs (-want +got):\n%s", diff)
			}

			testAuditLog(t, e, st, log, keys)
		})
	}
}

func actors(events []eventJSON, source string) []string {
	var out []string
	for _, ev := range events {
		if ev.Source == source && !slices.Contains(out, ev.Actor) {
			out = append(out, ev.Actor)
		}
	}
	return out
}

func jsonEqual(t testing.TB, a, b []byte) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal(a, &x); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &y); err != nil {
		t.Fatal(err)
	}
	return cmp.Equal(x, y)
}

// testAuditLog checks the audit-log endpoints: a signed checkpoint that
// verifies with the served key, and inclusion and consistency proofs that
// verify against it.
func testAuditLog(t *testing.T, e *env, st dbStore, log *auditlog.Log, keys auditlog.Keys) {
	ctx := context.Background()
	decode[errorAnswer](t, e.do(t, "GET", "/api/v1/log/checkpoint", "read", nil), 404) // none published yet
	if _, err := log.Publish(ctx); err != nil {
		t.Fatal(err)
	}
	first := e.do(t, "GET", "/api/v1/log/checkpoint", "read", nil)
	key := strings.TrimSpace(string(e.do(t, "GET", "/api/v1/log/key", "read", nil).body))
	if key != keys.VerifierKey {
		t.Fatalf("served key %q, want %q", key, keys.VerifierKey)
	}
	cp1, err := auditlog.ParseCheckpoint(first.body, keys.Verifier)
	if err != nil {
		t.Fatalf("checkpoint %q: %v", first.body, err)
	}

	decode[ingestAnswer](t, e.do(t, "POST", "/api/v1/ingest/myapp", "ingest", []byte(`{"id":"after-checkpoint","action":"x"}`)), 200)
	if _, err := log.Publish(ctx); err != nil {
		t.Fatal(err)
	}
	cp2, err := auditlog.ParseCheckpoint(e.do(t, "GET", "/api/v1/log/checkpoint", "read", nil).body, keys.Verifier)
	if err != nil {
		t.Fatal(err)
	}
	if cp2.Size != cp1.Size+1 {
		t.Fatalf("checkpoint sizes %d then %d", cp1.Size, cp2.Size)
	}

	for _, seq := range []uint64{0, cp1.Size / 2, cp2.Size - 1} {
		ev, err := st.EventBySeq(ctx, int64(seq))
		if err != nil {
			t.Fatal(err)
		}
		inc := decode[attesthttp.InclusionResponse](t, e.do(t, "GET", fmt.Sprintf("/api/v1/log/inclusion?seq=%d&size=%d", seq, cp2.Size), "read", nil), 200)
		if err := auditlog.VerifyInclusion(seq, cp2.Size, auditlog.EventLeafHash(ev), inc.Proof, cp2.Root); err != nil {
			t.Errorf("inclusion of seq %d: %v", seq, err)
		}
	}
	cons := decode[attesthttp.ConsistencyResponse](t, e.do(t, "GET", fmt.Sprintf("/api/v1/log/consistency?from=%d&to=%d", cp1.Size, cp2.Size), "read", nil), 200)
	if err := auditlog.VerifyConsistency(cp1.Size, cp2.Size, cons.Proof, cp1.Root, cp2.Root); err != nil {
		t.Errorf("consistency %d to %d: %v", cp1.Size, cp2.Size, err)
	}

	for _, bad := range []string{
		"/api/v1/log/inclusion?seq=5&size=5",
		"/api/v1/log/inclusion?seq=0",
		fmt.Sprintf("/api/v1/log/inclusion?seq=0&size=%d", cp2.Size+10),
		"/api/v1/log/consistency?from=3&to=2",
		"/api/v1/log/consistency?from=x&to=2",
	} {
		decode[errorAnswer](t, e.do(t, "GET", bad, "read", nil), 400)
	}

	// Retention is an admin action; a period under twelve months is refused.
	decode[errorAnswer](t, e.do(t, "POST", "/api/v1/admin/retention", "read", []byte(`{}`)), 403)
	r := decode[errorAnswer](t, e.do(t, "POST", "/api/v1/admin/retention", "admin", []byte(`{"older_than":"24h"}`)), 400)
	if !strings.Contains(r.Error, "PCI DSS") {
		t.Errorf("short retention refused with %q", r.Error)
	}
	got := decode[attesthttp.RetentionResponse](t, e.do(t, "POST", "/api/v1/admin/retention", "admin", []byte(`{}`)), 200)
	if got.Pruned != 0 {
		t.Errorf("retention pruned %d fresh events", got.Pruned)
	}
	// A period in days, as people write it.
	if r := decode[errorAnswer](t, e.do(t, "POST", "/api/v1/admin/retention", "admin", []byte(`{"older_than":"30d"}`)), 400); !strings.Contains(r.Error, "PCI DSS") {
		t.Errorf("30d refused with %q, want the PCI DSS minimum", r.Error)
	}
	for _, bad := range []string{"400days", "-400d", "0d", "d", "1.5d"} {
		if r := decode[errorAnswer](t, e.do(t, "POST", "/api/v1/admin/retention", "admin", []byte(`{"older_than":"`+bad+`"}`)), 400); !strings.Contains(r.Error, "400d") {
			t.Errorf("older_than %q refused with %q, want the accepted forms", bad, r.Error)
		}
	}
	got = decode[attesthttp.RetentionResponse](t, e.do(t, "POST", "/api/v1/admin/retention", "admin", []byte(`{"older_than":"400d"}`)), 200)
	if got.OlderThan != "400d" || got.Pruned != 0 {
		t.Errorf("retention of 400d = %+v", got)
	}
	// Each run is recorded with the admin token's name as actor.
	runs := e.allEvents(t, "/api/v1/events?source=attest&action="+auditlog.RetentionAction, 10)
	if len(runs) != 2 {
		t.Errorf("%d retention runs recorded, want 2", len(runs))
	}
	for _, run := range runs {
		if run.Actor != "admin" || !strings.Contains(string(run.Raw), `"older_than":"9600h0m0s"`) {
			t.Errorf("retention run record %+v, want actor admin and the period", run)
		}
	}
}

// TestServer_IngestFaultsReal sends bad payloads of each kind to the real
// normalisers over a SQLite store: each gets a clear 4xx naming what is wrong,
// and nothing accepted before is lost.
func TestServer_IngestFaultsReal(t *testing.T) {
	st := openSQLite(t, filepath.Join(t.TempDir(), "attest.db"))
	e := newEnv(t, st, realNormalisers, func(s *attesthttp.Server) { s.MaxBodyBytes = 256 << 10 })
	decode[ingestAnswer](t, e.do(t, "POST", "/api/v1/ingest/k8s-audit", "ingest", fixture(t, "k8s-audit-eventlist.json")), 200)
	before := e.allEvents(t, "/api/v1/events?", 1000)

	ctGz := fixture(t, "cloudtrail-log.json.gz")
	ct := fixture(t, "cloudtrail-log.json")
	badRecord := strings.Replace(string(ct), `"eventTime":"`, `"eventTime":"yesterday`, 1)
	tests := []struct {
		name    string
		path    string
		body    []byte
		headers []string
		status  int
		records bool // the answer names the bad records
	}{
		{"falco alert to the k8s endpoint", "/api/v1/ingest/k8s-audit", fixture(t, "falco-alert.json"), nil, 400, true},
		{"k8s EventList to the falco endpoint", "/api/v1/ingest/falco", fixture(t, "k8s-audit-eventlist.json"), nil, 400, true},
		{"truncated k8s EventList", "/api/v1/ingest/k8s-audit", fixture(t, "k8s-audit-eventlist.json")[:900], nil, 400, false},
		{"truncated CloudTrail gzip file", "/api/v1/ingest/cloudtrail", ctGz[:len(ctGz)/2], nil, 400, false},
		{"plain JSON sent as gzip", "/api/v1/ingest/cloudtrail", ct, []string{"Content-Encoding", "gzip"}, 400, false},
		{"CloudTrail record with a bad time", "/api/v1/ingest/cloudtrail", []byte(badRecord), nil, 400, true},
		{"oversized", "/api/v1/ingest/okta", bytes.Repeat([]byte(" "), 300<<10), nil, 413, false},
		{"not JSON", "/api/v1/ingest/okta", []byte("<html>"), nil, 400, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := decode[errorAnswer](t, e.do(t, "POST", tt.path, "ingest", tt.body, tt.headers...), tt.status)
			if got.Error == "" {
				t.Error("no error message")
			}
			if tt.records != (len(got.Records) > 0) {
				t.Errorf("records %+v; want them listed: %v (error %q)", got.Records, tt.records, got.Error)
			}
			t.Logf("%d %s", tt.status, got.Error)
		})
	}
	if diff := cmp.Diff(before, e.allEvents(t, "/api/v1/events?", 1000)); diff != "" {
		t.Errorf("events changed by refused batches (-before +after):\n%s", diff)
	}
}
