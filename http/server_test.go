package http_test

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/attest-dev/attest"
	attesthttp "github.com/attest-dev/attest/http"
	"github.com/google/go-cmp/cmp"
)

func gz(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// lines returns n newline-delimited records for the line normaliser.
func lines(n int, actor string) []byte {
	var b bytes.Buffer
	for i := range n {
		fmt.Fprintf(&b, `{"time":"2026-03-01T10:%02d:%02dZ","actor":%q,"action":"act-%d","outcome":"success"}`+"\n", i/60%60, i%60, actor, i)
	}
	return b.Bytes()
}

// basic returns the credentials of HTTP Basic authentication.
func basic(user, password string) string {
	return base64.StdEncoding.EncodeToString([]byte(user + ":" + password))
}

func TestServer_Probes(t *testing.T) {
	st := newMemStore()
	e := newEnv(t, st)
	if r := e.do(t, "GET", "/healthz", "", nil); r.status != http.StatusOK {
		t.Errorf("healthz: %d %s", r.status, r.body)
	}
	if r := e.do(t, "GET", "/readyz", "", nil); r.status != http.StatusOK {
		t.Errorf("readyz: %d %s", r.status, r.body)
	}
	st.setDown(true)
	if r := e.do(t, "GET", "/readyz", "", nil); r.status != http.StatusServiceUnavailable {
		t.Errorf("readyz with the store down: %d %s, want 503", r.status, r.body)
	}
	if r := e.do(t, "GET", "/healthz", "", nil); r.status != http.StatusOK {
		t.Errorf("healthz with the store down: %d %s, want 200 (the process is up)", r.status, r.body)
	}
	st.setDown(false)
	if r := e.do(t, "GET", "/readyz", "", nil); r.status != http.StatusOK {
		t.Errorf("readyz after recovery: %d %s", r.status, r.body)
	}
}

func TestServer_Auth(t *testing.T) {
	st := newMemStore()
	e := newEnv(t, st)
	createToken(t, st, attesthttp.NewToken{Name: "gone", Scope: attest.ScopeAdmin})
	e.secrets["gone"] = createToken(t, st, attesthttp.NewToken{Name: "gone2", Scope: attest.ScopeAdmin})
	st.revoke("gone2")

	body := lines(1, "alice")
	tokenBody := []byte(`{"name":"ci","scope":"read"}`)
	tests := []struct {
		name   string
		method string
		path   string
		body   []byte
		token  string
		want   int
	}{
		{"ingest without token", "POST", "/api/v1/ingest/okta", body, "", 401},
		{"ingest with unknown token", "POST", "/api/v1/ingest/okta", body, "att_nope", 401},
		{"ingest with a non-attest token", "POST", "/api/v1/ingest/okta", body, "Basic x", 401},
		{"ingest with basic auth, wrong password", "POST", "/api/v1/ingest/okta", body, "Basic " + basic("falco", "att_nope"), 401},
		{"ingest with basic auth, token as password", "POST", "/api/v1/ingest/falco", body, "Basic " + basic("falco", e.secrets["ingest"]), 200},
		{"query with basic auth, ingest token", "GET", "/api/v1/events", nil, "Basic " + basic("x", e.secrets["ingest"]), 403},
		{"ingest with revoked token", "POST", "/api/v1/ingest/okta", body, "gone", 401},
		{"ingest with read token", "POST", "/api/v1/ingest/okta", body, "read", 403},
		{"ingest with ingest token", "POST", "/api/v1/ingest/okta", body, "ingest", 200},
		{"ingest with admin token", "POST", "/api/v1/ingest/falco", body, "admin", 200},
		{"bound token, own source", "POST", "/api/v1/ingest/okta", body, "okta-only", 200},
		{"bound token, no source in path", "POST", "/api/v1/ingest", body, "okta-only", 200},
		{"bound token, other source", "POST", "/api/v1/ingest/github", body, "okta-only", 403},
		{"bound token, dedicated endpoint", "POST", "/api/v1/ingest/cloudtrail", body, "okta-only", 403},
		{"unbound token, no source in path", "POST", "/api/v1/ingest", body, "ingest", 400},
		{"reserved source attest", "POST", "/api/v1/ingest/attest", body, "admin", 403},
		{"bad source name", "POST", "/api/v1/ingest/Bad%20Name", body, "ingest", 400},
		{"query without token", "GET", "/api/v1/events", nil, "", 401},
		{"query with ingest token", "GET", "/api/v1/events", nil, "ingest", 403},
		{"query with read token", "GET", "/api/v1/events", nil, "read", 200},
		{"query with admin token", "GET", "/api/v1/events", nil, "admin", 200},
		{"timeline with ingest token", "GET", "/api/v1/actors/alice/timeline", nil, "ingest", 403},
		{"timeline with read token", "GET", "/api/v1/actors/alice/timeline", nil, "read", 200},
		{"metrics without token", "GET", "/metrics", nil, "", 401},
		{"metrics with ingest token", "GET", "/metrics", nil, "ingest", 403},
		{"metrics with read token", "GET", "/metrics", nil, "read", 200},
		{"checkpoint without token", "GET", "/api/v1/log/checkpoint", nil, "", 401},
		{"create token with read token", "POST", "/api/v1/tokens", tokenBody, "read", 403},
		{"create token with ingest token", "POST", "/api/v1/tokens", tokenBody, "ingest", 403},
		{"create token with admin token", "POST", "/api/v1/tokens", tokenBody, "admin", 201},
		{"healthz without token", "GET", "/healthz", nil, "", 200},
		{"readyz without token", "GET", "/readyz", nil, "", 200},
		{"unknown path", "GET", "/api/v1/nothing", nil, "admin", 404},
		{"GET on an ingest endpoint", "GET", "/api/v1/ingest/okta", nil, "admin", 405},
		{"DELETE on events", "DELETE", "/api/v1/events", nil, "admin", 405},
		{"POST on healthz", "POST", "/healthz", nil, "", 405},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r response
			if strings.HasPrefix(tt.token, "Basic ") {
				r = e.do(t, tt.method, tt.path, "", tt.body, "Authorization", tt.token)
			} else {
				r = e.do(t, tt.method, tt.path, tt.token, tt.body)
			}
			if r.status != tt.want {
				t.Fatalf("status %d, want %d; body %s", r.status, tt.want, r.body)
			}
			if r.status == 405 && r.header.Get("Allow") == "" {
				t.Error("405 without Allow")
			}
			if r.status == 401 {
				// Every authentication failure reads the same.
				if got := decode[errorAnswer](t, r, 401).Error; got != "missing or invalid API token" {
					t.Errorf("401 message %q", got)
				}
				if r.header.Get("WWW-Authenticate") == "" {
					t.Error("401 without WWW-Authenticate")
				}
			}
		})
	}
}

func TestServer_Ingest(t *testing.T) {
	st := newMemStore()
	e := newEnv(t, st)
	before := st.count()

	got := decode[ingestAnswer](t, e.do(t, "POST", "/api/v1/ingest/okta", "ingest", lines(3, "alice")), 200)
	if got.Accepted != 3 || got.FirstSeq == nil || *got.FirstSeq != int64(before) || *got.LastSeq != int64(before+2) {
		t.Fatalf("answer %+v, want 3 accepted from seq %d", got, before)
	}

	// The bound token's source wins over whatever the normaliser said.
	decode[ingestAnswer](t, e.do(t, "POST", "/api/v1/ingest", "okta-only", lines(1, "bob")), 200)

	// gzip on the wire, and a gzip file sent as is.
	decode[ingestAnswer](t, e.do(t, "POST", "/api/v1/ingest/cloudtrail", "ingest", gz(t, lines(2, "carol")), "Content-Encoding", "gzip"), 200)
	decode[ingestAnswer](t, e.do(t, "POST", "/api/v1/ingest/cloudtrail", "ingest", gz(t, lines(2, "dave")), "Content-Type", "application/gzip"), 200)

	events := e.allEvents(t, "/api/v1/events?source=cloudtrail", 100)
	if len(events) != 4 {
		t.Fatalf("%d cloudtrail events, want 4", len(events))
	}
	for _, ev := range events {
		if !ev.Received.Equal(testNow) {
			t.Errorf("received %v, want the server clock %v", ev.Received, testNow)
		}
		var raw map[string]any
		if err := json.Unmarshal(ev.Raw, &raw); err != nil || raw["action"] != ev.Action {
			t.Errorf("raw %s is not the record of action %s", ev.Raw, ev.Action)
		}
	}
	okta := e.allEvents(t, "/api/v1/events?source=okta", 100)
	if len(okta) != 4 || okta[3].Actor != "bob" {
		t.Errorf("okta events %+v, want 4 ending with bob's", okta)
	}

	// A body of only white space is refused.
	decode[errorAnswer](t, e.do(t, "POST", "/api/v1/ingest/okta", "ingest", []byte("  \n")), 400)
}

func TestServer_IngestFaults(t *testing.T) {
	st := newMemStore()
	e := newEnv(t, st, func(s *attesthttp.Server) {
		s.MaxBodyBytes = 4 << 10
		s.MaxDecodedBytes = 64 << 10
	})
	decode[ingestAnswer](t, e.do(t, "POST", "/api/v1/ingest/okta", "ingest", lines(5, "alice")), 200)
	stored := st.count()

	good := lines(2, "x")
	bomb := gz(t, bytes.Repeat([]byte(" "), 1<<20))
	full := gz(t, good)
	tests := []struct {
		name    string
		body    []byte
		headers []string
		want    int
		msg     string // in the error message
		records []int  // indexes of the records named
	}{
		{"malformed JSON", []byte(`{"action": "a",`), nil, 400, "batch refused", nil},
		{"one bad record of three", []byte(`{"action":"a"}` + "\n" + `{"actor":"b"}` + "\n" + `{"action":"c"}`), nil, 400, "1 of 3 records refused", []int{1}},
		{"wrong type of record", []byte(`{"action": 42}`), nil, 400, "record 0", []int{0}},
		{"truncated body", good[:len(good)-5], nil, 400, "batch refused", nil},
		{"oversized body", bytes.Repeat(good, 200), nil, 413, "over the limit of 4096 bytes", nil},
		{"gzip bomb", bomb, []string{"Content-Encoding", "gzip"}, 413, "decompressed size is over the limit", nil},
		{"Content-Encoding gzip on plain JSON", good, []string{"Content-Encoding", "gzip"}, 400, "Content-Encoding gzip body", nil},
		{"truncated gzip", full[:len(full)-10], []string{"Content-Encoding", "gzip"}, 400, "gzip stream is truncated", nil},
		{"corrupt gzip file", append(append([]byte{}, full[:12]...), bytes.Repeat([]byte{0xff}, 30)...), nil, 400, "gzip file in body", nil},
		{"unsupported encoding", good, []string{"Content-Encoding", "br"}, 415, `Content-Encoding "br"`, nil},
		{"form post", []byte("a=b"), []string{"Content-Type", "application/x-www-form-urlencoded"}, 415, "send the JSON", nil},
		{"empty body", nil, nil, 400, "empty", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.do(t, "POST", "/api/v1/ingest/okta", "ingest", tt.body, tt.headers...)
			got := decode[errorAnswer](t, r, tt.want)
			if !strings.Contains(got.Error, tt.msg) {
				t.Errorf("error %q does not say %q", got.Error, tt.msg)
			}
			var idx []int
			for _, rec := range got.Records {
				idx = append(idx, rec.Index)
				if rec.Reason == "" {
					t.Errorf("record %d without a reason", rec.Index)
				}
			}
			if diff := cmp.Diff(tt.records, idx); diff != "" {
				t.Errorf("records named (-want +got):\n%s", diff)
			}
			if n := st.count(); n != stored {
				t.Errorf("%d events stored after a refused batch, want %d", n, stored)
			}
		})
	}
	// What was accepted before is all still there.
	if evs := e.allEvents(t, "/api/v1/events?source=okta", 3); len(evs) != 5 {
		t.Errorf("%d okta events after the faults, want 5", len(evs))
	}
}

func TestServer_StoreDown(t *testing.T) {
	st := newMemStore()
	e := newEnv(t, st)
	decode[ingestAnswer](t, e.do(t, "POST", "/api/v1/ingest/okta", "ingest", lines(2, "a")), 200)

	st.setDown(true)
	r := e.do(t, "POST", "/api/v1/ingest/okta", "ingest", lines(2, "b"))
	if r.status != http.StatusServiceUnavailable || r.header.Get("Retry-After") == "" {
		t.Fatalf("ingest with the store down: %d %s, want 503 with Retry-After", r.status, r.body)
	}
	if r := e.do(t, "GET", "/readyz", "", nil); r.status != http.StatusServiceUnavailable {
		t.Errorf("readyz with the store down: %d", r.status)
	}
	if r := e.do(t, "GET", "/api/v1/events", "read", nil); r.status != http.StatusServiceUnavailable {
		t.Errorf("query with the store down: %d", r.status)
	}
	// Tokens still resolve (a cache, a replica) but appends fail.
	st.setDown(false)
	st.setAppendDown(true)
	if r := e.do(t, "POST", "/api/v1/ingest/okta", "ingest", lines(2, "b")); r.status != http.StatusServiceUnavailable {
		t.Fatalf("ingest with appends failing: %d %s, want 503", r.status, r.body)
	}
	st.setAppendDown(false)

	st.setDown(false)
	decode[ingestAnswer](t, e.do(t, "POST", "/api/v1/ingest/okta", "ingest", lines(2, "b")), 200)
	if r := e.do(t, "GET", "/readyz", "", nil); r.status != http.StatusOK {
		t.Errorf("readyz after recovery: %d", r.status)
	}
	evs := e.allEvents(t, "/api/v1/events?source=okta", 10)
	if len(evs) != 4 {
		t.Errorf("%d events after recovery, want 4", len(evs))
	}
	metrics := string(e.do(t, "GET", "/metrics", "read", nil).body)
	for _, want := range []string{
		`attest_ingest_requests_total{outcome="unavailable",source="okta"} 1`,
		`attest_ingest_requests_total{outcome="accepted",source="okta"} 2`,
		`attest_ingest_events_total{source="okta"} 4`,
		`attest_store_errors_total{code="unavailable",op="append_events"} 1`,
		`attest_store_errors_total{code="unavailable",op="token_by_secret_hash"} 2`,
		`attest_http_request_duration_seconds_count{code="503",method="POST",route="POST /api/v1/ingest/{source}"} 2`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func TestServer_Events(t *testing.T) {
	st := newMemStore()
	e := newEnv(t, st)
	for i := range 5 {
		decode[ingestAnswer](t, e.do(t, "POST", "/api/v1/ingest/okta", "ingest", lines(47, fmt.Sprint("user", i))), 200)
	}
	want := e.allEvents(t, "/api/v1/events?source=okta", 1000)
	if len(want) != 235 {
		t.Fatalf("%d events, want 235", len(want))
	}
	for i := 1; i < len(want); i++ {
		if want[i].Seq != want[i-1].Seq+1 {
			t.Fatalf("seq %d follows %d", want[i].Seq, want[i-1].Seq)
		}
	}
	for _, limit := range []int{1, 7, 47, 100, 235, 236} {
		t.Run(fmt.Sprint("limit ", limit), func(t *testing.T) {
			got := e.allEvents(t, "/api/v1/events?source=okta", limit)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("pages differ from one page (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("stable while ingesting", func(t *testing.T) {
		page := decode[pageJSON](t, e.do(t, "GET", "/api/v1/events?source=okta&limit=100", "read", nil), 200)
		decode[ingestAnswer](t, e.do(t, "POST", "/api/v1/ingest/okta", "ingest", lines(3, "late")), 200)
		rest := e.allEventsFrom(t, "/api/v1/events?source=okta", 100, page.NextCursor)
		got := append(page.Events, rest...)
		if len(got) != 238 || got[237].Actor != "late" {
			t.Fatalf("%d events, want 238 ending with the late ones", len(got))
		}
		if diff := cmp.Diff(want, got[:235]); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})

	filters := []struct {
		query string
		want  int
	}{
		{"actor=user3", 47},
		{"action=act-5", 5},
		{"outcome=success&source=okta", 238},
		{"from=2026-03-01T10:00:10Z&to=2026-03-01T10:00:20Z&source=okta", 50},
		{"source=attest", 4}, // the four token creations of newEnv
	}
	for _, f := range filters {
		t.Run(f.query, func(t *testing.T) {
			if got := e.allEvents(t, "/api/v1/events?"+f.query, 1000); len(got) != f.want {
				t.Errorf("%d events, want %d", len(got), f.want)
			}
		})
	}

	bad := []struct{ query, msg string }{
		{"limit=0", "limit"},
		{"limit=1001", "from 1 to 1000"},
		{"limit=x", "limit"},
		{"from=yesterday", "RFC 3339"},
		{"from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "is not before"},
		{"cursor=abc", "cursor"},
		{"cursor=c2VxOi0z", "cursor"}, // seq:-3
		{"outcome=maybe", "outcome"},
		{"colour=red", "unknown query parameter"},
	}
	for _, b := range bad {
		t.Run(b.query, func(t *testing.T) {
			got := decode[errorAnswer](t, e.do(t, "GET", "/api/v1/events?"+b.query, "read", nil), 400)
			if !strings.Contains(got.Error, b.msg) {
				t.Errorf("error %q does not say %q", got.Error, b.msg)
			}
		})
	}

	t.Run("one event", func(t *testing.T) {
		ev := decode[eventJSON](t, e.do(t, "GET", fmt.Sprintf("/api/v1/events/%d", want[10].Seq), "read", nil), 200)
		if diff := cmp.Diff(want[10], ev); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
		decode[errorAnswer](t, e.do(t, "GET", "/api/v1/events/99999", "read", nil), 404)
		decode[errorAnswer](t, e.do(t, "GET", "/api/v1/events/-1", "read", nil), 400)
	})
}

func TestCursor_Decode(t *testing.T) {
	for _, seq := range []int64{0, 1, 99, 1 << 40} {
		got, err := attesthttp.DecodeCursor(attesthttp.EncodeCursor(seq))
		if err != nil || got != seq {
			t.Errorf("round trip of %d: %d, %v", seq, got, err)
		}
	}
	for _, c := range []string{"", "!!", "c2VxOg", "c2VxOi0x", "MTIz"} {
		if _, err := attesthttp.DecodeCursor(c); attest.ErrorCode(err) != attest.EINVALID {
			t.Errorf("cursor %q: %v, want EINVALID", c, err)
		}
	}
}

func TestServer_Timeline(t *testing.T) {
	st := newMemStore()
	ids := attesthttp.IdentityMap{
		{Name: "alice", Aliases: []string{"alice@corp.com", "arn:aws:iam::123456789012:user/alice"}},
		{Name: "bob", Aliases: []string{"bob@corp.com"}},
	}
	e := newEnv(t, st, func(s *attesthttp.Server) { s.Identities = ids })
	post := func(source, actor, action string) {
		body := fmt.Sprintf(`{"time":"2026-03-01T10:00:00Z","actor":%q,"action":%q}`, actor, action)
		decode[ingestAnswer](t, e.do(t, "POST", "/api/v1/ingest/"+source, "ingest", []byte(body)), 200)
	}
	post("k8s-audit", "alice@corp.com", "pods.create")
	post("cloudtrail", "arn:aws:iam::123456789012:user/alice", "CreateUser")
	post("falco", "bob@corp.com", "shell")
	post("okta", "alice", "login")
	post("okta", "mallory", "login")

	for _, name := range []string{"alice", "alice@corp.com", "arn:aws:iam::123456789012:user/alice"} {
		page := decode[pageJSON](t, e.do(t, "GET", "/api/v1/actors/"+strings.ReplaceAll(name, "/", "%2F")+"/timeline", "read", nil), 200)
		var got []string
		for _, ev := range page.Events {
			got = append(got, ev.Source+":"+ev.Action)
		}
		if diff := cmp.Diff([]string{"k8s-audit:pods.create", "cloudtrail:CreateUser", "okta:login"}, got); diff != "" {
			t.Errorf("timeline of %s (-want +got):\n%s", name, diff)
		}
		if page.Actor != "alice" || len(page.Aliases) != 3 {
			t.Errorf("timeline of %s: actor %q aliases %q", name, page.Actor, page.Aliases)
		}
	}
	page := decode[pageJSON](t, e.do(t, "GET", "/api/v1/actors/mallory/timeline?source=okta", "read", nil), 200)
	if len(page.Events) != 1 || page.Events[0].Actor != "mallory" {
		t.Errorf("timeline of an unmapped name: %+v", page.Events)
	}
	decode[errorAnswer](t, e.do(t, "GET", "/api/v1/actors/alice/timeline?actor=bob", "read", nil), 400)
}

func TestIdentityMap_Validate(t *testing.T) {
	tests := []struct {
		name string
		m    attesthttp.IdentityMap
		err  string
	}{
		{"fine", attesthttp.IdentityMap{{Name: "a", Aliases: []string{"a@x", "a"}}, {Name: "b"}}, ""},
		{"no name", attesthttp.IdentityMap{{Aliases: []string{"x"}}}, "identities[0]: name is empty"},
		{"empty alias", attesthttp.IdentityMap{{Name: "a", Aliases: []string{""}}}, "alias 0 is empty"},
		{"shared alias", attesthttp.IdentityMap{{Name: "a", Aliases: []string{"x"}}, {Name: "b", Aliases: []string{"x"}}}, `identities[1] (b): "x" already belongs to a`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.m.Validate()
			if got := fmt.Sprint(err); (tt.err == "" && err != nil) || (tt.err != "" && !strings.Contains(got, tt.err)) {
				t.Errorf("error %v, want %q", err, tt.err)
			}
		})
	}
}

func TestServer_CreateToken(t *testing.T) {
	st := newMemStore()
	e := newEnv(t, st)
	r := e.do(t, "POST", "/api/v1/tokens", "admin", []byte(`{"name":"falco-prod","scope":"ingest","source":"falco"}`))
	got := decode[struct {
		Token  attest.Token `json:"token"`
		Secret string       `json:"secret"`
	}](t, r, 201)
	if !strings.HasPrefix(got.Secret, "att_") || got.Token.Scope != "ingest" || got.Token.Source != "falco" {
		t.Fatalf("answer %s", r.body)
	}
	e.secrets["falco-prod"] = got.Secret
	decode[ingestAnswer](t, e.do(t, "POST", "/api/v1/ingest/falco", "falco-prod", lines(1, "x")), 200)

	audit := e.allEvents(t, "/api/v1/events?source=attest&action=token.create", 100)
	last := audit[len(audit)-1]
	if last.Actor != "admin" || last.Target != "token/"+got.Token.ID {
		t.Errorf("audit event %+v", last)
	}
	if bytes.Contains(last.Raw, []byte(got.Secret)) {
		t.Error("the audit event holds the secret")
	}

	for _, body := range []string{
		`{"name":"x","scope":"root"}`,
		`{"name":"","scope":"read"}`,
		`{"name":"x","scope":"read","source":"falco"}`,
		`{"name":"x","scope":"ingest","source":"attest"}`,
		`{"name":"x","scope":"read","extra":1}`,
		`not json`,
	} {
		decode[errorAnswer](t, e.do(t, "POST", "/api/v1/tokens", "admin", []byte(body)), 400)
	}
}

func TestServer_MetricsListener(t *testing.T) {
	e := newEnv(t, newMemStore(), func(s *attesthttp.Server) { s.MetricsAddr = "127.0.0.1:0" })
	resp, err := http.Get(e.srv.MetricsURL() + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("metrics listener without token: %d, want 200", resp.StatusCode)
	}
}
