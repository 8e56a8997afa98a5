package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/auditlog"
	"github.com/attest-dev/attest/storetest"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
)

// TestDB_MigrateLeafV1 is the PostgreSQL twin of the sqlite test of the same
// name: a log written with version 1 leaves (schema 00001) is carried over by
// migration 00002. Its records keep their leaves, the checkpoint signed
// before still verifies, retention leaves them whole, the guards refuse to
// prune them, and tampering is named by seq.
func TestDB_MigrateLeafV1(t *testing.T) {
	ctx := context.Background()
	dsn, raw := migratedSchema(t, 1)

	old := storetest.NewEvents(0, 6)
	var leaves [][]byte
	for i, e := range old {
		e.Seq = int64(i)
		leaves = append(leaves, auditlog.LeafHash(auditlog.LeafDataV1(e)))
		if _, err := raw.Exec(ctx, `INSERT INTO events (seq, time_ns, received_ns, source, external_id, actor, action, target,
			outcome, mfa, source_ip, user_agent, severity, raw, leaf_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
			e.Seq, e.Time.UnixNano(), e.Received.UnixNano(), e.Source, e.ExternalID, e.Actor, e.Action, e.Target, e.Outcome,
			e.MFA, e.SourceIP, e.UserAgent, e.Severity, e.Raw, leaves[i]); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := raw.Exec(ctx, `UPDATE events SET external_id = NULL, actor = NULL, action = NULL, target = NULL, outcome = NULL,
		mfa = NULL, source_ip = NULL, user_agent = NULL, severity = NULL, raw = NULL, pruned = true WHERE seq = 1`); err != nil {
		t.Fatal(err)
	}
	var head auditlog.Head
	if _, err := head.Append(leaves); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(ctx, `UPDATE log_head SET size = $1, root = $2, compact_range = $3 WHERE id = 1`,
		int64(head.Size), head.Root, head.MarshalRange()); err != nil {
		t.Fatal(err)
	}

	db := NewDB(dsn)
	db.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := db.Open(ctx); err != nil {
		t.Fatalf("Open of a version 1 log: %v", err)
	}
	defer db.Close()
	// Migration 00009 counted the records stored before it, the pruned
	// one (outcome cleared) among them.
	if got := storetest.CountAll(t, db); got[""] != 1 || got["*"] != 6 {
		t.Errorf("daily counts after the migration = %v, want 6 records, 1 without an outcome", got)
	}
	keys, err := auditlog.LoadOrCreateKey(ctx, db.KeyStore(), "attest.test/log")
	if err != nil {
		t.Fatal(err)
	}
	l := auditlog.NewLog(db, keys)
	l.Logger = db.Logger
	before, err := l.Publish(ctx) // a checkpoint of the version 1 tree
	if err != nil {
		t.Fatal(err)
	}
	if err := db.AppendEvents(ctx, storetest.NewEvents(6, 9)); err != nil {
		t.Fatal(err)
	}
	l.Now = func() time.Time { return time.Now().Add(50 * 365 * 24 * time.Hour) }
	if n, err := l.Retain(ctx, 0, "admin-laptop"); err != nil || n != 3 {
		t.Fatalf("Retain = %d, %v; want the 3 version 2 records only", n, err)
	}
	if _, err := l.Publish(ctx); err != nil {
		t.Fatal(err)
	}
	verify := func() *auditlog.VerifyReport {
		t.Helper()
		rep, err := auditlog.Verify(ctx, db, keys.Verifier, auditlog.VerifyOptions{Checkpoints: [][]byte{before}})
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	if rep := verify(); !rep.OK() || rep.Records != 10 || rep.Pruned != 3 || rep.LegacyPruned != 1 {
		t.Fatalf("Verify after the migration = %+v, want OK, 10 records, 3 pruned, 1 legacy pruned", rep)
	}
	if _, err := raw.Exec(ctx, `UPDATE events SET raw = NULL, pruned = true WHERE seq = 3`); err == nil {
		t.Error("the guards let a version 1 record be pruned")
	}
	if _, err := raw.Exec(ctx, `ALTER TABLE events DISABLE TRIGGER USER`); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`UPDATE events SET actor = 'mallory' WHERE seq = 1`,
		`UPDATE events SET target = 'secrets/other' WHERE seq = 2`,
		`UPDATE events SET raw_hash = NULL WHERE seq = 7`,
	} {
		if _, err := raw.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	want := map[int64]bool{1: true, 2: true, 7: true}
	rep := verify()
	for _, p := range rep.Problems {
		if p.Kind == auditlog.ProblemChanged {
			delete(want, p.Seq)
		}
	}
	if len(want) > 0 {
		t.Errorf("no changed problem at seq %v; report: %v", want, rep.Problems)
	}
}

// TestDB_MigrateEvidenceRoots is the PostgreSQL twin of the sqlite test of
// the same name: migration 00011 reads the roots of the scans stored before
// it from their bodies, and a body it cannot read stops nothing.
func TestDB_MigrateEvidenceRoots(t *testing.T) {
	ctx := context.Background()
	dsn, raw := migratedSchema(t, 9)
	var ids []int64
	for i, row := range []struct{ kind, body string }{
		{"scan", `{"schema_version":"1","roots":["stacks/web","examples/<b>","stacks/web",""],"findings":[]}`},
		{"scan", `{"roots":["a"`},
		{"vulns", `{"roots":["x"]}`},
		{"scan", `{"roots":"not a list"}`},
		{"scan", "{\"roots\":[\"\xff\"]}"},
	} {
		var id int64
		if err := raw.QueryRow(ctx, `INSERT INTO evidence (kind, received_ns, sha256, seq, body) VALUES ($1, $2, '00', $3, $4) RETURNING id`,
			row.kind, i, i, []byte(row.body)).Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	db := NewDB(dsn)
	db.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := db.Open(ctx); err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer db.Close()
	got, err := db.FindEvidence(ctx, attest.EvidenceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[int64][]string{ids[0]: {"examples/<b>", "stacks/web"}}
	for _, e := range got {
		if !slices.Equal(e.Roots, want[e.ID]) {
			t.Errorf("evidence %d (%s): roots %q, want %q", e.ID, e.Kind, e.Roots, want[e.ID])
		}
	}
	if len(got) != 5 {
		t.Errorf("%d pieces of evidence after the migration, want 5", len(got))
	}
}

// migratedSchema makes a schema of its own on ATTEST_TEST_POSTGRES (dropped
// when the test ends), migrates it up to version, and returns its DSN and a
// connection to it (closed when the test ends), for a test that writes rows
// the way an older attest did before opening the store on them.
func migratedSchema(t *testing.T, version int64) (string, *pgx.Conn) {
	t.Helper()
	ctx := context.Background()
	base := os.Getenv("ATTEST_TEST_POSTGRES")
	if base == "" {
		t.Fatal("ATTEST_TEST_POSTGRES is not set: run `export ATTEST_TEST_POSTGRES=$(scripts/postgres.sh)` from the repository root")
	}
	admin, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close(context.Background()) })
	b := make([]byte, 6)
	rand.Read(b)
	schema := "m_" + hex.EncodeToString(b)
	if _, err := admin.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE") })
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	dsn := u.String()
	raw, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close(context.Background()) })
	sdb := stdlib.OpenDB(*raw.Config())
	t.Cleanup(func() { sdb.Close() })
	fsys, err := fs.Sub(migrations, "migrations")
	if err != nil {
		t.Fatal(err)
	}
	p, err := goose.NewProvider(goose.DialectPostgres, sdb, fsys, goose.WithLogger(goose.NopLogger()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.UpTo(ctx, version); err != nil {
		t.Fatal(err)
	}
	return dsn, raw
}
