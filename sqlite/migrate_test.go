package sqlite

import (
	"context"
	"database/sql"
	"io"
	"io/fs"
	"log/slog"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/auditlog"
	"github.com/attest-dev/attest/storetest"
	"github.com/pressly/goose/v3"
	"golang.org/x/mod/sumdb/note"
)

// TestDB_MigrateLeafV1 opens a log written before leaf version 2 (schema
// 00001, version 1 leaves, one record pruned by the retention of that time)
// and checks that the migration carries it over: the old checkpoint still
// verifies, old records are checked with their version 1 leaves and never
// pruned again, new records are version 2, and tampering with either kind is
// named by seq.
func TestDB_MigrateLeafV1(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "attest.db")
	raw, p := migrationProvider(t, path)
	if _, err := p.UpTo(ctx, 1); err != nil {
		t.Fatal(err)
	}

	// Six records as the old code wrote them; record 1 pruned by the old
	// retention, which cleared every field but time, received and source.
	old := storetest.NewEvents(0, 6)
	var leaves [][]byte
	for i, e := range old {
		e.Seq = int64(i)
		leaves = append(leaves, auditlog.LeafHash(auditlog.LeafDataV1(e)))
		if _, err := raw.Exec(`INSERT INTO events (seq, time_ns, received_ns, source, external_id, actor, action, target,
			outcome, mfa, source_ip, user_agent, severity, raw, leaf_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			e.Seq, e.Time.UnixNano(), e.Received.UnixNano(), e.Source, e.ExternalID, e.Actor, e.Action, e.Target, e.Outcome,
			mfaValue(e.MFA), e.SourceIP, e.UserAgent, e.Severity, e.Raw, leaves[i]); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := raw.Exec(`UPDATE events SET external_id = NULL, actor = NULL, action = NULL, target = NULL, outcome = NULL,
		mfa = NULL, source_ip = NULL, user_agent = NULL, severity = NULL, raw = NULL, pruned = 1 WHERE seq = 1`); err != nil {
		t.Fatal(err)
	}
	var head auditlog.Head
	if _, err := head.Append(leaves); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE log_head SET size = ?, root = ?, compact_range = ? WHERE id = 1`,
		int64(head.Size), head.Root, head.MarshalRange()); err != nil {
		t.Fatal(err)
	}
	keys, err := auditlog.LoadOrCreateKey(ctx, auditlog.KeyFile{Path: path + ".key"}, "attest.test/log")
	if err != nil {
		t.Fatal(err)
	}
	oldCheckpoint, err := note.Sign(&note.Note{Text: string(auditlog.Checkpoint{
		Origin: "attest.test/log", Size: head.Size, Root: head.Root, Time: time.Unix(1700000000, 0)}.Marshal())}, keys.Signer)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`INSERT INTO checkpoints (size, note, created_ns) VALUES (?, ?, 0)`, int64(head.Size), oldCheckpoint); err != nil {
		t.Fatal(err)
	}

	db := NewDB(path)
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
	if err := db.AppendEvents(ctx, storetest.NewEvents(6, 9)); err != nil {
		t.Fatal(err)
	}
	l := auditlog.NewLog(db, keys)
	l.Logger = db.Logger
	l.Now = func() time.Time { return time.Now().Add(50 * 365 * 24 * time.Hour) }
	n, err := l.Retain(ctx, 0, "admin-laptop")
	if err != nil {
		t.Fatal(err)
	}
	if n != 3 {
		t.Errorf("retention pruned %d, want the 3 version 2 records only", n)
	}
	if _, err := l.Publish(ctx); err != nil {
		t.Fatal(err)
	}
	verify := func() *auditlog.VerifyReport {
		t.Helper()
		rep, err := auditlog.Verify(ctx, db, keys.Verifier, auditlog.VerifyOptions{Checkpoints: [][]byte{oldCheckpoint}})
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	if rep := verify(); !rep.OK() || rep.Records != 10 || rep.Pruned != 3 || rep.LegacyPruned != 1 || rep.Checkpoints != 3 {
		t.Fatalf("Verify after the migration = %+v, want OK, 10 records, 3 pruned, 1 legacy pruned, 3 checkpoints", rep)
	}
	if _, err := raw.Exec(`UPDATE events SET raw = NULL, pruned = 1 WHERE seq = 3`); err == nil {
		t.Error("the guards let a version 1 record be pruned")
	}

	for _, trg := range []string{"events_only_prune", "events_insert_v2", "events_no_delete"} {
		if _, err := raw.Exec("DROP TRIGGER " + trg); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{
		`UPDATE events SET actor = 'mallory' WHERE seq = 1`, // legacy pruned: fields were cleared
		`UPDATE events SET target = 'secrets/other' WHERE seq = 2`,
		`UPDATE events SET raw_hash = NULL WHERE seq = 7`, // a version 2 record passed off as version 1
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	rep := verify()
	want := map[int64]bool{1: true, 2: true, 7: true}
	for _, p := range rep.Problems {
		if p.Kind == auditlog.ProblemChanged {
			delete(want, p.Seq)
		}
	}
	if len(want) > 0 {
		t.Errorf("no changed problem at seq %v; report: %v", want, rep.Problems)
	}
	if e, err := db.EventBySeq(ctx, 7); err != nil || e.Actor == "" || e.Raw != nil {
		t.Errorf("pruned version 2 record = %+v, %v; want its fields without raw", e, err)
	}
}

// TestDB_MigrateEvidenceRoots stores scans as the schema before 00011 did
// (no roots table) and checks that the migration reads each scan's roots
// from its body: sorted, each once, none empty; a body that is not JSON
// and a vulnerability report get none, and do not stop the migration.
func TestDB_MigrateEvidenceRoots(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "attest.db")
	raw, p := migrationProvider(t, path)
	if _, err := p.UpTo(ctx, 9); err != nil {
		t.Fatal(err)
	}
	for i, row := range []struct{ kind, body string }{
		{"scan", `{"schema_version":"1","roots":["stacks/web","examples/<b>","stacks/web",""],"findings":[]}`},
		{"scan", `{"roots":["a"`},
		{"vulns", `{"roots":["x"]}`},
		{"scan", `{"roots":"not a list"}`},
	} {
		if _, err := raw.Exec(`INSERT INTO evidence (kind, received_ns, sha256, seq, body) VALUES (?, ?, ?, ?, ?)`,
			row.kind, i, "00", i, []byte(row.body)); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	db := NewDB(path)
	db.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := db.Open(ctx); err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer db.Close()
	got, err := db.FindEvidence(ctx, attest.EvidenceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[int64][]string{1: {"examples/<b>", "stacks/web"}}
	for _, e := range got {
		if !slices.Equal(e.Roots, want[e.ID]) {
			t.Errorf("evidence %d (%s): roots %q, want %q", e.ID, e.Kind, e.Roots, want[e.ID])
		}
	}
	if len(got) != 4 {
		t.Errorf("%d pieces of evidence after the migration, want 4", len(got))
	}
}

// migrationProvider opens the SQLite database at path without attest's
// own migration step, and returns it with a goose provider of attest's
// migrations, so that a test can stop the schema at an old version, write
// rows as the code of that time did, and migrate on from there. The
// database is closed when the test ends.
func migrationProvider(t *testing.T, path string) (*sql.DB, *goose.Provider) {
	t.Helper()
	raw, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	fsys, err := fs.Sub(migrations, "migrations")
	if err != nil {
		t.Fatal(err)
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, raw, fsys, goose.WithLogger(goose.NopLogger()))
	if err != nil {
		t.Fatal(err)
	}
	return raw, p
}
