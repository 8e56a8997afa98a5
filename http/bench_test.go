package http_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	attesthttp "github.com/attest-dev/attest/http"
)

// cloudTrailBatch returns a CloudTrail log file of n copies of the fixture's
// first record.
func cloudTrailBatch(b *testing.B, n int) []byte {
	b.Helper()
	file := fixture(b, "cloudtrail-log.json")
	start := bytes.Index(file, []byte(`[`)) + 1
	end := bytes.Index(file, []byte(`},{"eventVersion"`)) + 1
	rec := file[start:end]
	var buf bytes.Buffer
	buf.WriteString(`{"Records":[`)
	for i := range n {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.Write(rec)
	}
	buf.WriteString(`]}`)
	return buf.Bytes()
}

// BenchmarkServer_Ingest measures the ingest handler on a batch of 500
// CloudTrail records: with the in-memory store it is the HTTP layer and the
// normaliser alone; with SQLite it includes the durable append.
func BenchmarkServer_Ingest(b *testing.B) {
	body := cloudTrailBatch(b, 500)
	for _, bb := range []struct {
		name string
		open func(b *testing.B) store
	}{
		{"memory", func(b *testing.B) store { return newMemStore() }},
		{"sqlite", func(b *testing.B) store { return openSQLite(b, filepath.Join(b.TempDir(), "attest.db")) }},
	} {
		b.Run(bb.name, func(b *testing.B) {
			st := bb.open(b)
			srv := attesthttp.NewServer()
			srv.Events, srv.Tokens = st, st
			realNormalisers(srv)
			_, secret, err := attesthttp.CreateToken(context.Background(), st, attesthttp.NewToken{Name: "bench", Scope: attest.ScopeIngest}, time.Now(), rand.Reader)
			if err != nil {
				b.Fatal(err)
			}
			h := srv.Handler()
			b.SetBytes(int64(len(body)))
			b.ResetTimer()
			for b.Loop() {
				req := httptest.NewRequest("POST", "/api/v1/ingest/cloudtrail", bytes.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+secret)
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != 200 {
					b.Fatalf("status %d: %s", rec.Code, rec.Body)
				}
			}
			b.ReportMetric(float64(500*b.N)/b.Elapsed().Seconds(), "events/s")
		})
	}
}

// BenchmarkServer_IngestBadRecords sends the probe's batch of 200,000 bad
// records (400 KB of [1,1,...]); finding every record's line took time
// quadratic in their number.
func BenchmarkServer_IngestBadRecords(b *testing.B) {
	st := newMemStore()
	srv := attesthttp.NewServer()
	srv.Events, srv.Tokens = st, st
	srv.Limits.MaxRecords = 300000
	realNormalisers(srv)
	_, secret, err := attesthttp.CreateToken(context.Background(), st, attesthttp.NewToken{Name: "b", Scope: attest.ScopeIngest}, testNow, rand.Reader)
	if err != nil {
		b.Fatal(err)
	}
	h := srv.Handler()
	body := manyNumbers(200000)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		req := httptest.NewRequest("POST", "/api/v1/ingest/myapp", bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+secret)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 400 {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
