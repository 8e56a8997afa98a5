package sqlite

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/auditlog"
	"github.com/attest-dev/attest/storetest"
)

// TestKeyHash pins keyHash: the hashes of stored keys are kept in the
// database, so the function may never change. The values were computed
// independently (Python's hashlib: the first seven bytes of the SHA-256 of
// the source's length byte, the source and the key), and the SQL function
// of migration 00012 must agree.
func TestKeyHash(t *testing.T) {
	db := openInternalTest(t)
	for _, tc := range []struct {
		source, key string
		want        int64
	}{
		{"", "", 31019471921460090},
		{"cloudtrail", "6e3a1c2f-0001-4f1e-9b7a-000000000001", 3444063905291946},
		{"k8s-audit", "a#ResponseComplete", 59770905125974419},
	} {
		if got := keyHash(tc.source, tc.key); got != tc.want {
			t.Errorf("keyHash(%q, %q) = %d, want %d", tc.source, tc.key, got, tc.want)
		}
		var got int64
		if err := db.db.QueryRow(`SELECT attest_key_hash(?, ?)`, tc.source, tc.key).Scan(&got); err != nil || got != tc.want {
			t.Errorf("attest_key_hash(%q, %q) = %d, %v; want %d", tc.source, tc.key, got, err, tc.want)
		}
	}
	// The source and the key are told apart: moving bytes from one to the
	// other changes the hash.
	if keyHash("ab", "c") == keyHash("a", "bc") {
		t.Error("keyHash(ab, c) = keyHash(a, bc)")
	}
	if err := db.db.QueryRow(`SELECT attest_key_hash(1, 'x')`).Scan(new(int64)); err == nil {
		t.Error("attest_key_hash of a number: no error")
	}
}

// openInternalTest opens a fresh database for a test of the package's
// internals, closed when the test ends.
func openInternalTest(t *testing.T) *DB {
	t.Helper()
	db := NewDB(filepath.Join(t.TempDir(), "attest.db"))
	db.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := db.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// keyed returns events of cloudtrail with the given dedup keys.
func keyed(keys ...string) []*attest.Event {
	var out []*attest.Event
	for i, k := range keys {
		e := storetest.NewEvent(i)
		e.Source, e.DedupKey = "cloudtrail", k
		out = append(out, e)
	}
	return out
}

// outcome renders the seqs of an appended batch: key:seq, and a * for a
// duplicate.
func outcome(events []*attest.Event) string {
	var b strings.Builder
	for _, e := range events {
		fmt.Fprintf(&b, "%s:%d", e.DedupKey, e.Seq)
		if e.Duplicate {
			b.WriteString("*")
		}
		b.WriteString(" ")
	}
	return b.String()
}

// TestDB_KeyCollision makes the hash of key k2 taken by the record of k1,
// as a collision of keyHash would (any two keys share a hash with a chance
// of 2^-56, so the test plants the row a collision leaves), and checks
// that k2 is stored as a record of its own, not merged into k1's; that a
// repeat of k2, in the same batch and later, is answered with k2's seq
// (found among the collisions); and that k1 is still found under its own
// hash.
func TestDB_KeyCollision(t *testing.T) {
	ctx := context.Background()
	db := openInternalTest(t)
	for i, step := range []struct {
		keys []string
		want string
	}{
		{[]string{"k1"}, "k1:0 "},
		{[]string{"k2", "k3", "k2"}, "k2:1 k3:2 k2:1* "},
		{[]string{"k2", "k1", "k4"}, "k2:1* k1:0* k4:3 "},
		{[]string{"k3", "k2"}, "k3:2* k2:1* "},
	} {
		batch := keyed(step.keys...)
		if err := db.AppendEvents(ctx, batch); err != nil {
			t.Fatal(err)
		}
		if got := outcome(batch); got != step.want {
			t.Errorf("batch %v: %s, want %s", step.keys, got, step.want)
		}
		if i == 0 {
			if _, err := db.db.Exec(`INSERT INTO event_key_hashes (hash, seq) VALUES (?, 0)`, keyHash("cloudtrail", "k2")); err != nil {
				t.Fatal(err)
			}
		}
	}
	var got string
	if err := db.db.QueryRow(`SELECT group_concat(dedup_key || ':' || seq, ' ') FROM event_key_collisions`).Scan(&got); err != nil {
		t.Fatal(err)
	}
	if got != "k2:1" {
		t.Errorf("collisions: %q, want k2:1", got)
	}
	if err := db.db.QueryRow(`SELECT group_concat(dedup_key || ':' || seq, ' ') FROM (SELECT * FROM event_key_names ORDER BY seq)`).Scan(&got); err != nil {
		t.Fatal(err)
	}
	if want := "k1:0 k2:1 k3:2 k4:3"; got != want {
		t.Errorf("names: %q, want %q", got, want)
	}
	// The primary key of the collisions stands behind the lookup.
	if _, err := db.db.Exec(`INSERT INTO event_key_collisions (source, dedup_key, seq) VALUES ('cloudtrail', 'k2', 9)`); err == nil {
		t.Error("a second collision row for k2 was inserted")
	}
}

// TestDB_MigrateEventKeyHashes stores keyed records, takes the database
// back to the schema before 00012 (its down migration rebuilds event_keys
// from the names), adds a key as migration 00003 did for records stored
// before it, and opens it again: every key, old and new, is found under its
// hash (a repeat is answered with its record's seq), the tables hold one
// row per key, and the log still verifies.
func TestDB_MigrateEventKeyHashes(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "attest.db")
	db := NewDB(path)
	db.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := db.Open(ctx); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for i := range 600 {
		keys = append(keys, fmt.Sprintf("%08x-old", i*7919))
	}
	if err := db.AppendEvents(ctx, keyed(keys[:300]...)); err != nil {
		t.Fatal(err)
	}
	if err := db.AppendEvents(ctx, keyed(keys[300:]...)); err != nil {
		t.Fatal(err)
	}
	// Record 600 without a key; migration 00003 gave such records of the
	// time their external id as key.
	if err := db.AppendEvents(ctx, []*attest.Event{storetest.NewEvent(600)}); err != nil {
		t.Fatal(err)
	}
	db.Close()

	raw, p := migrationProvider(t, path)
	if _, err := p.DownTo(ctx, 11); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`INSERT INTO event_keys (source, dedup_key, seq) VALUES ('cloudtrail', 'from-00003', 600)`); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := raw.QueryRow(`SELECT count(*) FROM event_keys`).Scan(&n); err != nil || n != 601 {
		t.Fatalf("before the migration: %d keys, %v; want 601", n, err)
	}
	raw.Close()

	db = NewDB(path)
	db.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := db.Open(ctx); err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer db.Close()
	for _, tc := range []struct{ table, want string }{
		{"event_key_names", "601"},
		{"event_key_hashes", "601"},
		{"event_key_collisions", "0"},
	} {
		var got string
		if err := db.db.QueryRow(`SELECT count(*) FROM ` + tc.table).Scan(&got); err != nil || got != tc.want {
			t.Errorf("%s: %s rows, %v; want %s", tc.table, got, err, tc.want)
		}
	}
	again := keyed(keys[598], "new-1", "from-00003", keys[0], "new-2", keys[301])
	if err := db.AppendEvents(ctx, again); err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("%s:598* new-1:601 from-00003:600* %s:0* new-2:602 %s:301* ", keys[598], keys[0], keys[301])
	if got := outcome(again); got != want {
		t.Errorf("after the migration: %s, want %s", got, want)
	}
	every := keyed(keys...)
	if err := db.AppendEvents(ctx, every); err != nil {
		t.Fatal(err)
	}
	for i, e := range every {
		if !e.Duplicate || e.Seq != int64(i) {
			t.Fatalf("key %s: seq %d, duplicate %v; want %d, true", e.DedupKey, e.Seq, e.Duplicate, i)
		}
	}
	lk, err := auditlog.LoadOrCreateKey(ctx, db.KeyStore(), "attest.test/log")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := auditlog.NewLog(db, lk).Publish(ctx); err != nil {
		t.Fatal(err)
	}
	rep, err := auditlog.Verify(ctx, db, lk.Verifier, auditlog.VerifyOptions{})
	if err != nil || !rep.OK() || rep.Records != 603 {
		t.Fatalf("Verify: %+v, %v; want 603 records, no problems", rep, err)
	}
}
