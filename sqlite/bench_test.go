package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/attest-dev/attest/storetest"
)

// BenchmarkAppend appends batches with the Merkle tree maintained (tree) and,
// for comparison in the same run, inserts the same rows into a plain table
// with the same pragmas and indexes and no hashing (plain). tree/plain is the cost of
// the audit log.
func BenchmarkAppend(b *testing.B) {
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprintf("tree/batch=%d", n), func(b *testing.B) {
			db := openTest(b, filepath.Join(b.TempDir(), "attest.db"))
			ctx := context.Background()
			i := 0
			for b.Loop() {
				if err := db.AppendEvents(ctx, storetest.NewEvents(i, i+n)); err != nil {
					b.Fatal(err)
				}
				i += n
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(i), "ns/event")
		})
		b.Run(fmt.Sprintf("plain/batch=%d", n), func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "plain.db")
			db, err := sql.Open("sqlite", path+"?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_txlock=immediate")
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Exec(`CREATE TABLE events (seq INTEGER PRIMARY KEY, time_ns INTEGER, received_ns INTEGER NOT NULL,
				source TEXT NOT NULL, external_id TEXT, actor TEXT, action TEXT, target TEXT, outcome TEXT, mfa INTEGER,
				source_ip TEXT, user_agent TEXT, severity TEXT, raw BLOB);
				CREATE INDEX events_source ON events (source, seq); CREATE INDEX events_actor ON events (actor, seq);
				CREATE INDEX events_actor_time ON events (actor, COALESCE(time_ns, received_ns), seq);
				CREATE INDEX events_event_time ON events (COALESCE(time_ns, received_ns))`); err != nil {
				b.Fatal(err)
			}
			i := 0
			for b.Loop() {
				tx, err := db.Begin()
				if err != nil {
					b.Fatal(err)
				}
				st, err := tx.Prepare(`INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
				if err != nil {
					b.Fatal(err)
				}
				for _, e := range storetest.NewEvents(i, i+n) {
					if _, err := st.Exec(int64(i), e.Time.UnixNano(), e.Received.UnixNano(), e.Source, e.ExternalID, e.Actor,
						e.Action, e.Target, e.Outcome, e.MFA != nil && *e.MFA, e.SourceIP, e.UserAgent, e.Severity, e.Raw); err != nil {
						b.Fatal(err)
					}
					i++
				}
				st.Close()
				if err := tx.Commit(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(i), "ns/event")
		})
	}
}
