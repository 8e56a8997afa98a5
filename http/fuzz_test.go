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

	st := newMemStore()
	srv := attesthttp.NewServer()
	srv.Events, srv.Tokens = st, st
	srv.Now = func() time.Time { return testNow }
	srv.MaxBodyBytes = 64 << 10
	srv.MaxDecodedBytes = 256 << 10
	srv.Normalisers = []ingest.Normaliser{k8saudit.New(), lineNormaliser{"falco"}}
	srv.Generic = func(s string) ingest.Normaliser { return lineNormaliser{s} }
	_, secret, err := attesthttp.CreateToken(context.Background(), st, st, attesthttp.NewToken{Name: "fuzz", Scope: attest.ScopeIngest}, testNow, rand.Reader)
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
				Accepted int    `json:"accepted"`
				FirstSeq *int64 `json:"first_seq"`
				LastSeq  *int64 `json:"last_seq"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &ack); err != nil {
				t.Fatalf("ack %q: %v", rec.Body, err)
			}
			if after-before != ack.Accepted {
				t.Fatalf("acknowledged %d events, stored %d", ack.Accepted, after-before)
			}
			if ack.Accepted > 0 && (*ack.FirstSeq != int64(before) || *ack.LastSeq != int64(after-1)) {
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
