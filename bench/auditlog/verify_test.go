// Package auditlog_test measures verification of a large audit log on
// SQLite: BenchmarkVerify builds a log of ATTEST_BENCH_LEAVES events
// (default 1,000,000) in a temporary file, then times auditlog.Verify over it.
//
//	go test -run=^$ -bench=Verify -benchtime=1x ./bench/auditlog
package auditlog_test

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/attest-dev/attest/auditlog"
	"github.com/attest-dev/attest/sqlite"
	"github.com/attest-dev/attest/storetest"
)

func BenchmarkVerify(b *testing.B) {
	leaves := 1_000_000
	if v := os.Getenv("ATTEST_BENCH_LEAVES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			b.Fatalf("ATTEST_BENCH_LEAVES=%q: want a positive number", v)
		}
		leaves = n
	}
	ctx := context.Background()
	db := sqlite.NewDB(filepath.Join(b.TempDir(), "attest.db"))
	db.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	db.Synchronous = "NORMAL" // building the fixture only
	if err := db.Open(ctx); err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	keys, err := auditlog.LoadOrCreateKey(ctx, db.KeyStore(), "attest.bench/log")
	if err != nil {
		b.Fatal(err)
	}
	l := auditlog.NewLog(db, keys)
	start := time.Now()
	const batch = 10_000
	for i := 0; i < leaves; i += batch {
		if err := db.AppendEvents(ctx, storetest.NewEvents(i, min(i+batch, leaves))); err != nil {
			b.Fatal(err)
		}
		if _, err := l.Publish(ctx); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("built a log of %d events in %s", leaves, time.Since(start).Round(time.Millisecond))
	for b.Loop() {
		rep, err := auditlog.Verify(ctx, db, keys.Verifier, auditlog.VerifyOptions{})
		if err != nil || !rep.OK() || rep.Records != int64(leaves) {
			b.Fatalf("Verify = %+v, %v", rep, err)
		}
	}
	b.ReportMetric(float64(leaves), "leaves")
}
