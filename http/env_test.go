package http_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	attesthttp "github.com/attest-dev/attest/http"
)

// testNow is the server clock in tests.
var testNow = time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)

// store is what a test server needs of its backend.
type store interface {
	attest.EventStore
	attest.TokenStore
}

// env is a server listening on loopback with one token of each kind.
type env struct {
	t      *testing.T
	srv    *attesthttp.Server
	store  store
	url    string
	client *http.Client
	// secrets by token name: ingest, read, admin, okta-only (ingest bound to
	// source okta).
	secrets map[string]string
}

// newEnv opens a server over st on 127.0.0.1:0. Options adjust the server
// before it opens.
func newEnv(t *testing.T, st store, opts ...func(*attesthttp.Server)) *env {
	t.Helper()
	e := newEnvNoTokens(t, st, opts...)
	for _, nt := range []attesthttp.NewToken{
		{Name: "ingest", Scope: attest.ScopeIngest},
		{Name: "read", Scope: attest.ScopeRead},
		{Name: "admin", Scope: attest.ScopeAdmin},
		{Name: "okta-only", Scope: attest.ScopeIngest, Source: "okta"},
	} {
		e.secrets[nt.Name] = createToken(t, st, nt)
	}
	return e
}

// newEnvNoTokens is newEnv without creating tokens.
func newEnvNoTokens(t *testing.T, st store, opts ...func(*attesthttp.Server)) *env {
	t.Helper()
	srv := attesthttp.NewServer()
	srv.Addr = "127.0.0.1:0"
	srv.Events, srv.Tokens = st, st
	srv.Now = func() time.Time { return testNow }
	srv.Normalisers, srv.Generic = testNormalisers()
	for _, o := range opts {
		o(srv)
	}
	if err := srv.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return &env{t: t, srv: srv, store: st, url: srv.URL(), client: &http.Client{Timeout: 30 * time.Second}, secrets: map[string]string{}}
}

func createToken(t *testing.T, st store, nt attesthttp.NewToken) string {
	t.Helper()
	nt.Actor, nt.Via = "test", "cli"
	_, secret, err := attesthttp.CreateToken(context.Background(), st, nt, testNow, rand.Reader)
	if err != nil {
		t.Fatalf("create token %s: %v", nt.Name, err)
	}
	return secret
}

// response is an answer read whole.
type response struct {
	status int
	header http.Header
	body   []byte
}

// do sends a request with the named token ("" for none) and headers given as
// name, value pairs.
func (e *env) do(t testing.TB, method, path, token string, body []byte, headers ...string) response {
	t.Helper()
	req, err := http.NewRequest(method, e.url+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		secret, ok := e.secrets[token]
		if !ok {
			secret = token
		}
		req.Header.Set("Authorization", "Bearer "+secret)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := e.client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: read body: %v", method, path, err)
	}
	return response{status: resp.StatusCode, header: resp.Header, body: b}
}

// decode unmarshals a JSON answer, failing the test on a status other than
// want.
func decode[T any](t testing.TB, r response, want int) T {
	t.Helper()
	var v T
	if r.status != want {
		b := r.body
		if len(b) > 800 {
			b = append(b[:800:800], "..."...)
		}
		t.Fatalf("status %d, want %d; body %s", r.status, want, b)
	}
	if err := json.Unmarshal(r.body, &v); err != nil {
		t.Fatalf("decode %s: %v", r.body, err)
	}
	return v
}

// ingestAnswer is the JSON of a successful ingest.
type ingestAnswer struct {
	Accepted   int     `json:"accepted"`
	Duplicates int     `json:"duplicates"`
	FirstSeq   *int64  `json:"first_seq"`
	LastSeq    *int64  `json:"last_seq"`
	Seqs       []int64 `json:"seqs"`
}

// errorAnswer is the JSON of an error.
type errorAnswer struct {
	Error   string `json:"error"`
	Records []struct {
		Index  int    `json:"index"`
		Line   int    `json:"line"`
		Reason string `json:"reason"`
	} `json:"records"`
}

// eventJSON is an event as the query API shows it.
type eventJSON struct {
	Seq         int64           `json:"seq"`
	Time        time.Time       `json:"time"`
	Received    time.Time       `json:"received"`
	Source      string          `json:"source"`
	ExternalID  string          `json:"external_id"`
	Actor       string          `json:"actor"`
	Action      string          `json:"action"`
	Target      string          `json:"target"`
	Outcome     string          `json:"outcome"`
	SourceIP    string          `json:"source_ip"`
	Raw         json.RawMessage `json:"raw"`
	RawEncoding string          `json:"raw_encoding"`
}

type pageJSON struct {
	Actor      string      `json:"actor"`
	Aliases    []string    `json:"aliases"`
	Events     []eventJSON `json:"events"`
	NextCursor string      `json:"next_cursor"`
}

// allEvents pages through path (which has a query string) with limit per
// page and returns every event.
func (e *env) allEvents(t testing.TB, path string, limit int) []eventJSON {
	t.Helper()
	return e.allEventsFrom(t, path, limit, "")
}

// allEventsFrom is allEvents starting from a cursor.
func (e *env) allEventsFrom(t testing.TB, path string, limit int, cursor string) []eventJSON {
	t.Helper()
	var all []eventJSON
	for range 10000 {
		p := path + "&limit=" + strconv.Itoa(limit)
		if cursor != "" {
			p += "&cursor=" + cursor
		}
		page := decode[pageJSON](t, e.do(t, "GET", p, "read", nil), http.StatusOK)
		if len(page.Events) > limit {
			t.Fatalf("page of %d events over limit %d", len(page.Events), limit)
		}
		all = append(all, page.Events...)
		if page.NextCursor == "" {
			return all
		}
		cursor = page.NextCursor
	}
	t.Fatal("pagination does not end")
	return nil
}
