package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/auditlog"
)

// keyed returns NewEvent(i) carrying the source id key.
func keyed(i int, key string) *attest.Event {
	e := NewEvent(i)
	e.Source = "cloudtrail"
	e.DedupKey = key
	return e
}

// testDedup checks idempotent ingest: a record whose Source and DedupKey were
// stored before, or earlier in the same batch, gets the stored seq and is not
// stored again; on one database and across two replicas appending the same
// records at once.
func testDedup(t *testing.T, open func(t *testing.T) *Harness) {
	ctx := context.Background()
	t.Run("Batches", func(t *testing.T) {
		s := open(t).Store
		mustAppend(t, s, []*attest.Event{keyed(0, "k0"), keyed(1, "k1"), keyed(2, "k2")})
		other := keyed(6, "k1")
		other.Source = "k8s-audit" // same key, another source: a different record
		batch := []*attest.Event{
			keyed(3, "k1"), // stored before
			keyed(4, "k3"), // new
			keyed(5, "k3"), // repeats the previous one of this batch
			NewEvent(7),    // no key: always stored
			other,
			keyed(8, "k1"),
		}
		mustAppend(t, s, batch)
		want := []struct {
			seq int64
			dup bool
		}{{1, true}, {3, false}, {3, true}, {4, false}, {5, false}, {1, true}}
		for i, w := range want {
			if batch[i].Seq != w.seq || batch[i].Duplicate != w.dup {
				t.Errorf("event %d: Seq %d, Duplicate %v; want %d, %v", i, batch[i].Seq, batch[i].Duplicate, w.seq, w.dup)
			}
		}
		all, err := s.FindEvents(ctx, attest.EventFilter{AfterSeq: -1})
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 6 {
			t.Errorf("%d events stored, want 6 (3, then 3 of the 6 sent)", len(all))
		}
		// A batch of nothing but duplicates stores nothing and succeeds.
		again := []*attest.Event{keyed(9, "k0"), keyed(10, "k2")}
		mustAppend(t, s, again)
		if again[0].Seq != 0 || again[1].Seq != 2 || !again[0].Duplicate || !again[1].Duplicate {
			t.Errorf("all-duplicate batch: seqs %d, %d, duplicates %v, %v; want 0, 2, true, true",
				again[0].Seq, again[1].Seq, again[0].Duplicate, again[1].Duplicate)
		}
		if all, _ := s.FindEvents(ctx, attest.EventFilter{AfterSeq: -1}); len(all) != 6 {
			t.Errorf("after an all-duplicate batch %d events stored, want 6", len(all))
		}
		l := newLog(t, s)
		publish(t, l)
		if rep, err := auditlog.Verify(ctx, s, l.Verifier, auditlog.VerifyOptions{}); err != nil || !rep.OK() {
			t.Fatalf("Verify after duplicates = %+v, %v", rep, err)
		}
	})
	t.Run("UniqueKey", func(t *testing.T) {
		// The database itself refuses a second row for a key: what decides
		// is the unique key, not the lookup before the insert.
		h := open(t)
		mustAppend(t, h.Store, []*attest.Event{keyed(0, "only-once")})
		if err := h.Exec(h.KeyRow("cloudtrail", "only-once", 7)); err == nil {
			t.Error("a second row for a stored key was inserted")
		}
		if err := h.Exec(h.KeyRow("falco", "only-once", 7)); err != nil {
			t.Errorf("the same key of another source: %v", err)
		}
	})
	t.Run("Replicas", func(t *testing.T) {
		h := open(t)
		replicas := []Store{h.Store, h.Reopen(t)}
		const writers, keys = 4, 40
		// Every writer on every replica sends the same records, each batch
		// also repeating a key inside itself, in a different order.
		var wg sync.WaitGroup
		seqs := make([][]int64, len(replicas)*writers)
		errs := make(chan error, len(seqs))
		for r, s := range replicas {
			for w := range writers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					n := r*writers + w
					seqs[n] = make([]int64, keys)
					for b := 0; b < keys; b += 5 {
						var batch []*attest.Event
						for j := b; j < b+5; j++ {
							k := (j + n*5) % keys
							batch = append(batch, keyed(k, fmt.Sprintf("key-%d", k)))
						}
						batch = append(batch, keyed((b+n*5)%keys, batch[0].DedupKey))
						if err := s.AppendEvents(ctx, batch); err != nil {
							errs <- err
							return
						}
						for _, e := range batch {
							var k int
							fmt.Sscanf(e.DedupKey, "key-%d", &k)
							seqs[n][k] = e.Seq
						}
					}
				}()
			}
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatalf("concurrent AppendEvents: %v", err)
		}
		all, err := h.Store.FindEvents(ctx, attest.EventFilter{AfterSeq: -1})
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != keys {
			t.Fatalf("%d events stored, want %d: one per key", len(all), keys)
		}
		for n := 1; n < len(seqs); n++ {
			for k := range keys {
				if seqs[n][k] != seqs[0][k] {
					t.Fatalf("key-%d: writer %d was given seq %d, writer 0 seq %d", k, n, seqs[n][k], seqs[0][k])
				}
			}
		}
	})
	t.Run("LargeBatches", func(t *testing.T) {
		// Batches of more rows and keys than a store writes or looks up
		// in one statement, repeats falling across those bounds and keys
		// of two sources in one batch.
		s := open(t).Store
		first := make([]*attest.Event, 700)
		for i := range first {
			first[i] = keyed(i, fmt.Sprintf("key-%d", i))
		}
		mustAppend(t, s, first)
		var batch []*attest.Event
		// want maps the index of a repeat to the seq of the stored record it
		// repeats, or to minus the index of the row of the batch it repeats.
		want := map[int]int64{}
		for i := range 1300 {
			switch {
			case i%5 == 0: // stored by the first batch
				want[len(batch)] = int64(i % 700)
				batch = append(batch, keyed(i, fmt.Sprintf("key-%d", i%700)))
			case i%7 == 0 && len(batch) > 300: // repeats a record 300 rows earlier in this batch
				want[len(batch)] = -int64(len(batch) - 300)
				e := keyed(i, batch[len(batch)-300].DedupKey)
				e.Source = batch[len(batch)-300].Source
				batch = append(batch, e)
			default:
				e := keyed(i, fmt.Sprintf("new-%d", i))
				if i%2 == 0 {
					e.Source = "k8s-audit"
				}
				batch = append(batch, e)
			}
		}
		mustAppend(t, s, batch)
		next, fresh := int64(700), 0
		for j, e := range batch {
			w, dup := want[j]
			switch {
			case !dup:
				if e.Seq != next || e.Duplicate {
					t.Fatalf("event %d: Seq %d, Duplicate %v; want %d, false", j, e.Seq, e.Duplicate, next)
				}
				next++
				fresh++
			case w >= 0:
				if e.Seq != w || !e.Duplicate {
					t.Fatalf("event %d: Seq %d, Duplicate %v; want %d, true", j, e.Seq, e.Duplicate, w)
				}
			default:
				if e.Seq != batch[-w].Seq || !e.Duplicate {
					t.Fatalf("event %d: Seq %d, Duplicate %v; want %d (event %d), true", j, e.Seq, e.Duplicate, batch[-w].Seq, -w)
				}
			}
		}
		all, err := s.FindEvents(ctx, attest.EventFilter{AfterSeq: -1})
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 700+fresh {
			t.Errorf("%d events stored, want %d", len(all), 700+fresh)
		}
		for i, e := range all {
			if e.Seq != int64(i) {
				t.Fatalf("stored event %d has seq %d", i, e.Seq)
			}
		}
		l := newLog(t, s)
		publish(t, l)
		if rep, err := auditlog.Verify(ctx, s, l.Verifier, auditlog.VerifyOptions{}); err != nil || !rep.OK() {
			t.Fatalf("Verify after large batches = %+v, %v", rep, err)
		}
	})
}
