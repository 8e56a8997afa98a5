package http_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/rand"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	attesthttp "github.com/attest-dev/attest/http"
	"github.com/attest-dev/attest/ingest"
	"github.com/attest-dev/attest/ingest/k8saudit"
)

// fuzzPaths are the ingest endpoints the fuzzer picks from.
var fuzzPaths = []string{"/api/v1/ingest/k8s-audit", "/api/v1/ingest/okta", "/api/v1/ingest/falco", "/api/v1/ingest/Bad"}

// FuzzServer_Ingest sends arbitrary bodies through the whole ingest handler
// (auth, size limits, gzip, normalising, storing). Whatever the body, the
// answer is JSON with a 2xx or 4xx status, never 5xx, and a refused batch
// stores nothing while an accepted one stores exactly what it acknowledges.
func FuzzServer_Ingest(f *testing.F) {
	for _, name := range []string{"k8s-audit-eventlist.json", "k8s-audit-event.json", "falco-alert.json"} {
		b, err := os.ReadFile(filepath.Join("..", "testdata", "events", name))
		if err == nil {
			f.Add(b, uint8(0), false)
			f.Add(b[:len(b)/2], uint8(0), false)
			f.Add(b, uint8(0), true)
		}
	}
	f.Add(lines(3, "alice"), uint8(1), false)
	f.Add(lines(3, "alice"), uint8(1), true)
	f.Add([]byte(`{"action":"a"}`+"\n"+`{"actor":1}`), uint8(1), false)
	f.Add([]byte{0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff, 0x01}, uint8(1), false)
	f.Add([]byte(`{"kind":"EventList","items":[{"auditID":7}]}`), uint8(0), false)
	f.Add([]byte(""), uint8(2), false)
	f.Add([]byte("[]"), uint8(3), false)
	// The attack probe's: many bad records, many tiny records (gzipped on
	// the wire), a number that overflows, invalid UTF-8.
	f.Add(manyNumbers(2000), uint8(1), false)
	f.Add(bytes.Repeat([]byte("{}\n"), 20000), uint8(1), true)
	f.Add([]byte(`{"action":"a","n":1e999}`), uint8(1), false)
	f.Add([]byte("{\"action\":\"\xff\"}"), uint8(1), false)

	st := newMemStore()
	srv := attesthttp.NewServer()
	srv.Events, srv.Tokens = st, st
	srv.Now = func() time.Time { return testNow }
	srv.MaxBodyBytes = 64 << 10
	srv.MaxDecodedBytes = 256 << 10
	srv.Normalisers = []ingest.Normaliser{k8saudit.New(), lineNormaliser{"falco"}}
	srv.Generic = func(s string) ingest.Normaliser { return lineNormaliser{s} }
	_, secret, err := attesthttp.CreateToken(context.Background(), st, attesthttp.NewToken{Name: "fuzz", Scope: attest.ScopeIngest}, testNow, rand.Reader)
	if err != nil {
		f.Fatal(err)
	}
	h := srv.Handler()

	f.Fuzz(func(t *testing.T, body []byte, path uint8, gzipped bool) {
		p := fuzzPaths[int(path)%len(fuzzPaths)]
		req := httptest.NewRequest("POST", p, bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+secret)
		if gzipped {
			var buf bytes.Buffer
			zw := gzip.NewWriter(&buf)
			zw.Write(body)
			zw.Close()
			req = httptest.NewRequest("POST", p, &buf)
			req.Header.Set("Authorization", "Bearer "+secret)
			req.Header.Set("Content-Encoding", "gzip")
		}
		before := st.count()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		after := st.count()

		if rec.Code >= 500 {
			t.Fatalf("%s: status %d for body %q: %s", p, rec.Code, body, rec.Body)
		}
		if rec.Code == http.StatusOK {
			var ack struct {
				Accepted   int    `json:"accepted"`
				Duplicates int    `json:"duplicates"`
				FirstSeq   *int64 `json:"first_seq"`
				LastSeq    *int64 `json:"last_seq"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &ack); err != nil {
				t.Fatalf("ack %q: %v", rec.Body, err)
			}
			if after-before != ack.Accepted-ack.Duplicates {
				t.Fatalf("acknowledged %d events (%d duplicates), stored %d", ack.Accepted, ack.Duplicates, after-before)
			}
			if ack.Accepted > 0 && ack.Duplicates == 0 && (*ack.FirstSeq != int64(before) || *ack.LastSeq != int64(after-1)) {
				t.Fatalf("ack seqs %d..%d, stored %d..%d", *ack.FirstSeq, *ack.LastSeq, before, after-1)
			}
			return
		}
		if after != before {
			t.Fatalf("status %d but %d events stored", rec.Code, after-before)
		}
		var e struct {
			Error string `json:"error"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Error == "" {
			t.Fatalf("status %d with body %q, want a JSON error", rec.Code, rec.Body)
		}
	})
}

// FuzzDecodeTimeCursor checks that any timeline cursor either decodes to a
// time and seq that encode back to it, or is refused with EINVALID.
func FuzzDecodeTimeCursor(f *testing.F) {
	f.Add(attesthttp.EncodeTimeCursor(testNow, 0))
	f.Add(attesthttp.EncodeTimeCursor(time.Unix(0, -5), 9))
	f.Add(attesthttp.EncodeCursor(3))
	f.Add("")
	f.Fuzz(func(t *testing.T, c string) {
		at, seq, err := attesthttp.DecodeTimeCursor(c)
		if err != nil {
			if attest.ErrorCode(err) != attest.EINVALID {
				t.Fatalf("cursor %q: %v, want EINVALID", c, err)
			}
			return
		}
		if seq < 0 {
			t.Fatalf("cursor %q decodes to negative seq %d", c, seq)
		}
		if at2, seq2, err := attesthttp.DecodeTimeCursor(attesthttp.EncodeTimeCursor(at, seq)); err != nil || seq2 != seq || !at2.Equal(at) {
			t.Fatalf("cursor %q does not round-trip: %v %d %v", c, at2, seq2, err)
		}
	})
}

// FuzzDecodeCursor checks that any cursor either decodes to a seq that
// encodes back to the same cursor, or is refused with EINVALID.
func FuzzDecodeCursor(f *testing.F) {
	f.Add(attesthttp.EncodeCursor(0))
	f.Add(attesthttp.EncodeCursor(123456789))
	f.Add("c2VxOi0x")
	f.Add("c2VxOjAx")
	f.Add("!!")
	f.Add("")
	f.Fuzz(func(t *testing.T, c string) {
		seq, err := attesthttp.DecodeCursor(c)
		if err != nil {
			if attest.ErrorCode(err) != attest.EINVALID {
				t.Fatalf("cursor %q: %v, want EINVALID", c, err)
			}
			return
		}
		if seq < 0 {
			t.Fatalf("cursor %q decodes to negative seq %d", c, seq)
		}
		if back, err := attesthttp.DecodeCursor(attesthttp.EncodeCursor(seq)); err != nil || back != seq {
			t.Fatalf("seq %d of cursor %q does not round-trip: %d, %v", seq, c, back, err)
		}
	})
}

// FuzzServer_Query sends arbitrary query strings to the events list and the
// timeline: the answer is always JSON, 200 or 400, never 5xx.
func FuzzServer_Query(f *testing.F) {
	for _, q := range []string{
		"limit=5", "from=2026-03-01T10:00:10Z&to=2026-03-01T10:00:20Z", "cursor=" + attesthttp.EncodeCursor(2),
		"limit=1001", "from=x", "outcome=maybe", "actor=alice&source=okta", "limit=-1&cursor=%zz", "a=b",
		// The attack probe's: a filter that does not parse, a repeated one,
		// a timeline cursor on the events list.
		"action=a;b", "action=a&action=b", "cursor=" + attesthttp.EncodeTimeCursor(testNow, 3),
	} {
		f.Add(q, false)
		f.Add(q, true)
	}
	st := newMemStore()
	srv := attesthttp.NewServer()
	srv.Events, srv.Tokens = st, st
	srv.Identities = attesthttp.IdentityMap{{Name: "alice", Aliases: []string{"alice@corp.com"}}}
	_, secret, err := attesthttp.CreateToken(context.Background(), st, attesthttp.NewToken{Name: "r", Scope: attest.ScopeRead}, testNow, rand.Reader)
	if err != nil {
		f.Fatal(err)
	}
	for i := range 30 {
		st.AppendEvents(context.Background(), []*attest.Event{{
			Time: testNow.Add(time.Duration(i) * time.Minute), Received: testNow, Source: "okta",
			Actor: []string{"alice", "alice@corp.com", "bob"}[i%3], Action: "login", Outcome: attest.OutcomeSuccess, Raw: []byte(`{}`),
		}})
	}
	h := srv.Handler()
	f.Fuzz(func(t *testing.T, query string, timeline bool) {
		path := "/api/v1/events"
		if timeline {
			path = "/api/v1/actors/alice/timeline"
		}
		req := httptest.NewRequest("GET", path, nil)
		req.URL.RawQuery = query
		req.Header.Set("Authorization", "Bearer "+secret)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 && rec.Code != 400 {
			t.Fatalf("query %q: status %d: %s", query, rec.Code, rec.Body)
		}
		if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("query %q: body %q is not JSON", query, rec.Body)
		}
	})
}

// FuzzServer_Headers sends arbitrary values of the headers the server reads
// (Content-Type, Content-Encoding, Authorization, Idempotency-Key, Okta's
// challenge) with bodies that may be gzip, through the whole handler: the
// answer is never a 5xx and always JSON.
func FuzzServer_Headers(f *testing.F) {
	f.Add("application/json", "gzip", "", "key-1", "", []byte(`{"action":"a"}`), true)
	f.Add("multipart/form-data; boundary=x", "", "", "", "", []byte(`{}`), false)
	f.Add("application/json; charset=\"", "x-gzip", "Basic Zm9vOmJhcg==", "", "", []byte{0x1f, 0x8b, 0x08}, false)
	f.Add("", "deflate", "Bearer att_x", "", "chal", []byte(`[1,1,1]`), false)
	f.Add("", "GZIP", "", "", "", []byte("{}\n{}"), true)
	f.Add("", "", "", strings.Repeat("k", 300), "", []byte(`{"n":1e999}`), false)

	st := newMemStore()
	srv := attesthttp.NewServer()
	srv.Events, srv.Tokens = st, st
	srv.Now = func() time.Time { return testNow }
	srv.MaxBodyBytes = 64 << 10
	srv.MaxDecodedBytes = 256 << 10
	realNormalisers(srv)
	_, secret, err := attesthttp.CreateToken(context.Background(), st, attesthttp.NewToken{Name: "fuzz", Scope: attest.ScopeIngest}, testNow, rand.Reader)
	if err != nil {
		f.Fatal(err)
	}
	h := srv.Handler()
	f.Fuzz(func(t *testing.T, ctype, cenc, auth, idem, challenge string, body []byte, gzipped bool) {
		if gzipped {
			var buf bytes.Buffer
			zw := gzip.NewWriter(&buf)
			zw.Write(body)
			zw.Close()
			body = buf.Bytes()
		}
		method := "POST"
		if challenge != "" {
			method = "GET"
		}
		req := httptest.NewRequest(method, "/api/v1/ingest/myapp", bytes.NewReader(body))
		if auth == "" {
			auth = "Bearer " + secret
		}
		for k, v := range map[string]string{"Content-Type": ctype, "Content-Encoding": cenc, "Authorization": auth,
			"Idempotency-Key": idem, "X-Okta-Verification-Challenge": challenge} {
			if v != "" {
				req.Header.Set(k, v)
			}
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("answer %d is not JSON: %q", rec.Code, rec.Body)
		}
	})
}
