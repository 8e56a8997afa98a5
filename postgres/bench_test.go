package postgres_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/attest-dev/attest/storetest"
	"github.com/jackc/pgx/v5"
)

// BenchmarkAppend appends batches with the Merkle tree maintained (tree) and,
// for comparison in the same run, copies the same rows into a plain table
// with the same indexes and no hashing or head lock (plain).
func BenchmarkAppend(b *testing.B) {
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprintf("tree/batch=%d", n), func(b *testing.B) {
			db := openTest(b, testDSN(b))
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
			ctx := context.Background()
			conn, err := pgx.Connect(ctx, testDSN(b))
			if err != nil {
				b.Fatal(err)
			}
			defer conn.Close(ctx)
			if _, err := conn.Exec(ctx, `CREATE TABLE plain (seq bigint PRIMARY KEY, time_ns bigint, received_ns bigint NOT NULL,
				source text NOT NULL, external_id text, actor text, action text, target text, outcome text, mfa boolean,
				source_ip text, user_agent text, severity text, raw bytea);
				CREATE INDEX ON plain (time_ns); CREATE INDEX ON plain (received_ns);
				CREATE INDEX ON plain (source, seq); CREATE INDEX ON plain (actor, seq)`); err != nil {
				b.Fatal(err)
			}
			i := 0
			for b.Loop() {
				events := storetest.NewEvents(i, i+n)
				tx, err := conn.Begin(ctx)
				if err != nil {
					b.Fatal(err)
				}
				_, err = tx.CopyFrom(ctx, pgx.Identifier{"plain"}, []string{"seq", "time_ns", "received_ns", "source", "external_id",
					"actor", "action", "target", "outcome", "mfa", "source_ip", "user_agent", "severity", "raw"},
					pgx.CopyFromSlice(n, func(j int) ([]any, error) {
						e := events[j]
						return []any{int64(i + j), e.Time.UnixNano(), e.Received.UnixNano(), e.Source, e.ExternalID, e.Actor,
							e.Action, e.Target, e.Outcome, e.MFA, e.SourceIP, e.UserAgent, e.Severity, e.Raw}, nil
					}))
				if err != nil {
					b.Fatal(err)
				}
				if err := tx.Commit(ctx); err != nil {
					b.Fatal(err)
				}
				i += n
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(i), "ns/event")
		})
	}
}
