package sqlite

import (
	"context"
	"fmt"
	"math/bits"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/auditlog"
	"github.com/attest-dev/attest/storetest"
)

func TestChunkRows(t *testing.T) {
	for _, tc := range []struct{ n, limit, want int }{
		{1, 256, 1},
		{2, 256, 2},
		{3, 256, 2},
		{255, 256, 128},
		{256, 256, 256},
		{257, 256, 256},
		{10_000, 256, 256},
		{500, 512, 256},
		{512, 512, 512},
	} {
		if got := chunkRows(tc.n, tc.limit); got != tc.want {
			t.Errorf("chunkRows(%d, %d) = %d, want %d", tc.n, tc.limit, got, tc.want)
		}
	}
}

// TestDB_AppendStatementSizes appends batches of many sizes, around and
// across the sizes of the statements of many rows, each batch repeating
// some records of the one before, and checks that every record is stored
// once under the seq it was given, that the log verifies, and that the
// statements kept for the writer are of power-of-two sizes only (a few per
// table), not one per batch size.
func TestDB_AppendStatementSizes(t *testing.T) {
	ctx := context.Background()
	db := openInternalTest(t)

	sizes := []int{1, 2, 3, 7, 31, 127, 128, 129, 255, 256, 257, 300, 511, 512, 513, 1000}
	for n := 4; n < 40; n++ {
		sizes = append(sizes, n)
	}
	next, stored := 0, 0
	want := make(map[int64]string) // seq -> DedupKey
	for _, n := range sizes {
		// The batch starts with the last two records of the one before:
		// they are answered with their seqs, not stored again.
		repeat := min(2, next)
		batch := make([]*attest.Event, 0, n)
		for i := next - repeat; len(batch) < n; i++ {
			e := storetest.NewEvent(i)
			e.DedupKey = fmt.Sprintf("key-%d", i)
			batch = append(batch, e)
		}
		if err := db.AppendEvents(ctx, batch); err != nil {
			t.Fatalf("batch of %d: %v", n, err)
		}
		for i, e := range batch {
			if dup := i < repeat; e.Duplicate != dup {
				t.Fatalf("batch of %d, event %d: Duplicate %v, want %v", n, i, e.Duplicate, dup)
			}
			if k, ok := want[e.Seq]; e.Duplicate && (!ok || k != e.DedupKey) {
				t.Fatalf("batch of %d, event %d: repeat of %s given seq %d, which holds %q", n, i, e.DedupKey, e.Seq, k)
			}
			if !e.Duplicate {
				if e.Seq != int64(stored) {
					t.Fatalf("batch of %d, event %d: seq %d, want %d", n, i, e.Seq, stored)
				}
				want[e.Seq] = e.DedupKey
				stored++
			}
		}
		next += n - repeat
	}

	all, err := db.FindEvents(ctx, attest.EventFilter{AfterSeq: -1})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != stored {
		t.Fatalf("%d events stored, want %d", len(all), stored)
	}
	for _, e := range all {
		if got, wantID := e.ExternalID, storetest.NewEvent(int(e.Seq)).ExternalID; got != wantID {
			t.Fatalf("event %d: external id %s, want %s", e.Seq, got, wantID)
		}
	}
	keys, err := auditlog.LoadOrCreateKey(ctx, db.KeyStore(), "attest.test/log")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := auditlog.NewLog(db, keys).Publish(ctx); err != nil {
		t.Fatal(err)
	}
	rep, err := auditlog.Verify(ctx, db, keys.Verifier, auditlog.VerifyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() || rep.Records != int64(stored) {
		t.Fatalf("Verify: %d records, want %d; %d problems, the first %v", rep.Records, stored,
			len(rep.Problems)+rep.MoreProblems, rep.Problems[:min(3, len(rep.Problems))])
	}

	db.wmu.Lock()
	defer db.wmu.Unlock()
	perHead := make(map[string]int)
	for k := range db.stmts {
		if k.rows == 0 {
			continue // a statement of no rows (the savepoint of recordKeys, ...)
		}
		if bits.OnesCount(uint(k.rows)) != 1 {
			t.Errorf("statement of %d rows kept: %.60s", k.rows, k.head)
		}
		perHead[k.head+k.tail]++
	}
	for head, n := range perHead {
		// Sizes 1 to 512: at most ten powers of two.
		if n > 10 {
			t.Errorf("%d statements kept for %.60s", n, head)
		}
	}
	if len(perHead) < 3 {
		t.Errorf("statements kept for %d kinds of statement, want those of events, the key tables and the lookup", len(perHead))
	}
}

// TestDB_AppendRecordKeys checks the two ways recordKeys records a batch's
// keys: a batch that repeats no stored record has its keys recorded
// without a lookup, and a batch that does (here its first record, so that
// the keys recorded before the repeat was seen would have had the wrong
// seqs) is rolled back to the savepoint and recorded after the lookup. A
// later batch repeating the records gets their seqs, and event_key_names
// and event_key_hashes hold one row per record, with its seq.
func TestDB_AppendRecordKeys(t *testing.T) {
	ctx := context.Background()
	db := openInternalTest(t)

	n := 0
	batch := func(keys ...string) []*attest.Event {
		var b []*attest.Event
		for _, k := range keys {
			e := storetest.NewEvent(n)
			e.Source, e.DedupKey = "cloudtrail", k
			b = append(b, e)
			n++
		}
		return b
	}
	seqs := func(b []*attest.Event) string {
		s := ""
		for _, e := range b {
			s += fmt.Sprintf("%s:%d/%v ", e.DedupKey, e.Seq, e.Duplicate)
		}
		return s
	}
	for _, tc := range []struct {
		keys []string
		want string
	}{
		{[]string{"a", "b", "c"}, "a:0/false b:1/false c:2/false "},
		{[]string{"a", "d", "e", "d"}, "a:0/true d:3/false e:4/false d:3/true "},
		{[]string{"e", "d", "f"}, "e:4/true d:3/true f:5/false "},
		{[]string{"g", "h", "c"}, "g:6/false h:7/false c:2/true "},
		{[]string{"h", "g"}, "h:7/true g:6/true "},
	} {
		b := batch(tc.keys...)
		if err := db.AppendEvents(ctx, b); err != nil {
			t.Fatal(err)
		}
		if got := seqs(b); got != tc.want {
			t.Errorf("batch %v: %s, want %s", tc.keys, got, tc.want)
		}
	}
	rows, err := db.db.QueryContext(ctx, `SELECT n.dedup_key, n.seq FROM event_key_names AS n
		JOIN event_key_hashes AS h ON h.seq = n.seq AND h.hash = attest_key_hash(n.source, n.dedup_key) ORDER BY n.seq`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := ""
	for rows.Next() {
		var k string
		var seq int64
		if err := rows.Scan(&k, &seq); err != nil {
			t.Fatal(err)
		}
		got += fmt.Sprintf("%s:%d ", k, seq)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if want := "a:0 b:1 c:2 d:3 e:4 f:5 g:6 h:7 "; got != want {
		t.Errorf("event_key_names and event_key_hashes: %s, want %s", got, want)
	}
}
