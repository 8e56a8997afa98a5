package storetest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/auditlog"
	"github.com/google/go-cmp/cmp"
	"golang.org/x/mod/sumdb/note"
)

const origin = "attest.test/log"

func newLog(t *testing.T, s Store) *auditlog.Log {
	t.Helper()
	keys, err := auditlog.LoadOrCreateKey(context.Background(), s.KeyStore(), origin)
	if err != nil {
		t.Fatalf("LoadOrCreateKey: %v", err)
	}
	l := auditlog.NewLog(s, keys)
	l.Now = func() time.Time { return base }
	l.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	return l
}

func leafHashes(events []*attest.Event) [][]byte {
	out := make([][]byte, len(events))
	for i, e := range events {
		out[i] = auditlog.EventLeafHash(e)
	}
	return out
}

func publish(t *testing.T, l *auditlog.Log) auditlog.Checkpoint {
	t.Helper()
	signed, err := l.Publish(context.Background())
	if err != nil {
		t.Fatalf("Publish: %v", err)
	}
	c, err := auditlog.ParseCheckpoint(signed, l.Verifier)
	if err != nil {
		t.Fatalf("ParseCheckpoint: %v", err)
	}
	return c
}

func testLog(t *testing.T, open func(t *testing.T) *Harness) {
	ctx := context.Background()
	s := open(t).Store
	l := newLog(t, s)
	if c := publish(t, l); c.Size != 0 || !bytes.Equal(c.Root, auditlog.EmptyRoot()) {
		t.Errorf("empty log checkpoint = size %d root %x, want 0 and the empty hash", c.Size, c.Root)
	}
	// Batches of odd sizes cross many subtree boundaries, including the
	// stored levels 4 and 8 (16 and 256 leaves).
	var all []*attest.Event
	var cps []auditlog.Checkpoint
	for _, n := range []int{1, 2, 13, 40, 250, 1, 7} {
		batch := NewEvents(len(all), len(all)+n)
		mustAppend(t, s, batch)
		all = append(all, batch...)
		cps = append(cps, publish(t, l))
	}
	leaves := leafHashes(all)
	head, err := s.LogHead(ctx)
	if err != nil {
		t.Fatalf("LogHead: %v", err)
	}
	if head.Size != uint64(len(all)) || !bytes.Equal(head.Root, auditlog.RootOf(leaves)) {
		t.Fatalf("head = size %d root %x, want %d and %x", head.Size, head.Root, len(all), auditlog.RootOf(leaves))
	}
	stored, err := s.LeafHashes(ctx, 0, head.Size)
	if err != nil {
		t.Fatalf("LeafHashes: %v", err)
	}
	for i := range leaves {
		if !bytes.Equal(stored[i], leaves[i]) {
			t.Fatalf("stored leaf hash %d = %x, want %x", i, stored[i], leaves[i])
		}
	}
	if again, err := l.Publish(ctx); err != nil {
		t.Fatal(err)
	} else if c, _ := auditlog.ParseCheckpoint(again, l.Verifier); c.Size != head.Size {
		t.Errorf("Publish without new events gave size %d", c.Size)
	}
	if n, err := s.Checkpoints(ctx); err != nil || len(n) != 1+len(cps) {
		t.Errorf("Checkpoints = %d, %v; want %d (no duplicate for an unchanged head)", len(n), err, 1+len(cps))
	}

	t.Run("Inclusion", func(t *testing.T) {
		for _, c := range cps {
			for _, seq := range []uint64{0, c.Size / 2, c.Size - 1} {
				p, err := l.InclusionProof(ctx, seq, c.Size)
				if err != nil {
					t.Fatalf("InclusionProof(%d, %d): %v", seq, c.Size, err)
				}
				if err := auditlog.VerifyInclusion(seq, c.Size, leaves[seq], p, c.Root); err != nil {
					t.Errorf("inclusion of %d in %d: %v", seq, c.Size, err)
				}
				if err := auditlog.VerifyInclusion(seq, c.Size, leaves[(seq+1)%c.Size], p, c.Root); err == nil && c.Size > 1 {
					t.Errorf("inclusion of %d in %d accepted the wrong leaf", seq, c.Size)
				}
			}
		}
		if _, err := l.InclusionProof(ctx, 5, head.Size+1); attest.ErrorCode(err) != attest.EINVALID {
			t.Errorf("proof past the head: %v, want EINVALID", err)
		}
	})
	t.Run("Consistency", func(t *testing.T) {
		for i, a := range cps {
			for _, b := range cps[i:] {
				p, err := l.ConsistencyProof(ctx, a.Size, b.Size)
				if err != nil {
					t.Fatalf("ConsistencyProof(%d, %d): %v", a.Size, b.Size, err)
				}
				if err := auditlog.VerifyConsistency(a.Size, b.Size, p, a.Root, b.Root); err != nil {
					t.Errorf("consistency %d -> %d: %v", a.Size, b.Size, err)
				}
				if a.Size < b.Size {
					forged := bytes.Clone(a.Root)
					forged[0] ^= 1
					if err := auditlog.VerifyConsistency(a.Size, b.Size, p, forged, b.Root); err == nil {
						t.Errorf("consistency %d -> %d accepted a forged old root", a.Size, b.Size)
					}
				}
			}
		}
	})
	t.Run("Verify", func(t *testing.T) {
		rep, err := auditlog.Verify(ctx, s, l.Verifier, auditlog.VerifyOptions{})
		if err != nil {
			t.Fatalf("Verify: %v", err)
		}
		if !rep.OK() || rep.Records != int64(len(all)) || rep.Checkpoints != 1+len(cps) {
			t.Errorf("Verify = %+v, want OK over %d records and %d checkpoints", rep, len(all), 1+len(cps))
		}
	})
	t.Run("KeyShared", func(t *testing.T) {
		again := newLog(t, s)
		if again.Verifier.KeyHash() != l.Verifier.KeyHash() {
			t.Error("second LoadOrCreateKey made a new key")
		}
	})
}

// tamperFixture is a log of 40 events in four published batches of ten.
type tamperFixture struct {
	h      *Harness
	l      *auditlog.Log
	events []*attest.Event
}

func newTamperFixture(t *testing.T, open func(t *testing.T) *Harness) *tamperFixture {
	h := open(t)
	f := &tamperFixture{h: h, l: newLog(t, h.Store)}
	for b := range 4 {
		batch := NewEvents(b*10, b*10+10)
		mustAppend(t, h.Store, batch)
		f.events = append(f.events, batch...)
		publish(t, f.l)
	}
	return f
}

func (f *tamperFixture) verify(t *testing.T) *auditlog.VerifyReport {
	t.Helper()
	rep, err := auditlog.Verify(context.Background(), f.h.Store, f.l.Verifier, auditlog.VerifyOptions{})
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	return rep
}

// wantProblem fails unless the report names a problem of kind at seq.
func wantProblem(t *testing.T, rep *auditlog.VerifyReport, kind string, seq int64) {
	t.Helper()
	for _, p := range rep.Problems {
		if p.Kind == kind && p.Seq == seq {
			return
		}
	}
	t.Errorf("no %s problem at seq %d; report: %v", kind, seq, rep.Problems)
}

func testTamper(t *testing.T, open func(t *testing.T) *Harness) {
	t.Run("Clean", func(t *testing.T) {
		f := newTamperFixture(t, open)
		if rep := f.verify(t); !rep.OK() {
			t.Fatalf("untouched log has problems: %v", rep.Problems)
		}
	})
	t.Run("GuardsRefuse", func(t *testing.T) {
		f := newTamperFixture(t, open)
		for _, q := range []string{
			"DELETE FROM events WHERE seq = 3",
			"UPDATE events SET actor = 'mallory' WHERE seq = 3",
			"UPDATE checkpoints SET size = 0",
			"DELETE FROM checkpoints",
		} {
			if err := f.h.Exec(q); err == nil {
				t.Errorf("%s: accepted with guards on", q)
			}
		}
		if rep := f.verify(t); !rep.OK() {
			t.Errorf("refused statements left problems: %v", rep.Problems)
		}
	})
	t.Run("EditPayload", func(t *testing.T) {
		f := newTamperFixture(t, open)
		f.h.Tamper(t, "UPDATE events SET actor = 'mallory' WHERE seq = 17")
		f.h.Tamper(t, "UPDATE events SET raw = "+f.h.Blob([]byte(`{"kind":"Event"}`))+" WHERE seq = 33")
		rep := f.verify(t)
		wantProblem(t, rep, auditlog.ProblemChanged, 17)
		wantProblem(t, rep, auditlog.ProblemChanged, 33)
		if len(rep.Problems) != 2 {
			t.Errorf("problems = %v, want exactly seq 17 and 33", rep.Problems)
		}
	})
	t.Run("EditPayloadAndLeafHash", func(t *testing.T) {
		f := newTamperFixture(t, open)
		e := *f.events[23]
		e.Actor = "mallory"
		f.h.Tamper(t, fmt.Sprintf("UPDATE events SET actor = 'mallory', leaf_hash = %s WHERE seq = 23",
			f.h.Blob(auditlog.EventLeafHash(&e))))
		rep := f.verify(t)
		// The checkpoint of size 30 is the first that no longer matches:
		// the record is in 20..29.
		wantProblem(t, rep, auditlog.ProblemCheckpoint, 20)
		wantProblem(t, rep, auditlog.ProblemHead, -1)
	})
	t.Run("DeleteRow", func(t *testing.T) {
		f := newTamperFixture(t, open)
		f.h.Tamper(t, "DELETE FROM events WHERE seq = 12")
		rep := f.verify(t)
		wantProblem(t, rep, auditlog.ProblemDeleted, 12)
	})
	t.Run("InsertRow", func(t *testing.T) {
		f := newTamperFixture(t, open)
		e := NewEvent(99)
		e.Seq = 40
		f.h.Tamper(t, fmt.Sprintf(`INSERT INTO events (seq, received_ns, source, actor, raw, leaf_hash)
			VALUES (40, %d, 'k8s-audit', 'mallory', %s, %s)`, e.Received.UnixNano(), f.h.Blob(e.Raw), f.h.Blob(auditlog.EventLeafHash(e))))
		rep := f.verify(t)
		wantProblem(t, rep, auditlog.ProblemInserted, 40)
	})
	t.Run("SwapRows", func(t *testing.T) {
		f := newTamperFixture(t, open)
		f.h.Tamper(t, "UPDATE events SET seq = -1 WHERE seq = 5")
		f.h.Tamper(t, "UPDATE events SET seq = 5 WHERE seq = 6")
		f.h.Tamper(t, "UPDATE events SET seq = 6 WHERE seq = -1")
		rep := f.verify(t)
		wantProblem(t, rep, auditlog.ProblemReordered, 5)
		wantProblem(t, rep, auditlog.ProblemReordered, 6)
		for _, p := range rep.Problems {
			if p.Seq == 5 && !strings.Contains(p.Detail, "seq 6") {
				t.Errorf("seq 5: %q does not say it was appended as seq 6", p.Detail)
			}
		}
	})
	t.Run("TruncateTail", func(t *testing.T) {
		f := newTamperFixture(t, open)
		// A careful attacker also rewinds the head to a consistent state.
		var head auditlog.Head
		if _, err := head.Append(leafHashes(f.events[:35])); err != nil {
			t.Fatal(err)
		}
		f.h.Tamper(t, "DELETE FROM events WHERE seq >= 35")
		f.h.Tamper(t, fmt.Sprintf("UPDATE log_head SET size = 35, root = %s, compact_range = %s WHERE id = 1",
			f.h.Blob(head.Root), f.h.Blob(head.MarshalRange())))
		rep := f.verify(t)
		for seq := int64(35); seq < 40; seq++ {
			wantProblem(t, rep, auditlog.ProblemDeleted, seq)
		}
	})
	t.Run("ReplaceCheckpoint", func(t *testing.T) {
		f := newTamperFixture(t, open)
		// A checkpoint for a forged tree, signed by a key of the same
		// name that is not the log's.
		skey, _, err := auditlog.GenerateKey(origin)
		if err != nil {
			t.Fatal(err)
		}
		signer, err := note.NewSigner(skey)
		if err != nil {
			t.Fatal(err)
		}
		c := auditlog.Checkpoint{Origin: origin, Size: 40, Root: bytes.Repeat([]byte{7}, 32), Time: base}
		forged, err := note.Sign(&note.Note{Text: string(c.Marshal())}, signer)
		if err != nil {
			t.Fatal(err)
		}
		f.h.Tamper(t, "UPDATE checkpoints SET note = "+f.h.Blob(forged)+" WHERE size = 40")
		rep := f.verify(t)
		found := false
		for _, p := range rep.Problems {
			found = found || p.Kind == auditlog.ProblemCheckpoint && strings.Contains(p.Detail, "signature")
		}
		if !found {
			t.Errorf("forged checkpoint not reported: %v", rep.Problems)
		}
	})
	t.Run("ExternalCheckpoint", func(t *testing.T) {
		f := newTamperFixture(t, open)
		saved, err := f.l.Latest(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		// The attacker rewrites history and every stored checkpoint is
		// gone; the auditor's saved copy still catches it.
		f.h.Tamper(t, "DELETE FROM checkpoints")
		e := *f.events[2]
		e.Outcome = attest.OutcomeSuccess + "!"
		f.h.Tamper(t, fmt.Sprintf("UPDATE events SET outcome = %s, leaf_hash = %s WHERE seq = 2",
			"'"+e.Outcome+"'", f.h.Blob(auditlog.EventLeafHash(&e))))
		var head auditlog.Head
		leaves := leafHashes(f.events)
		leaves[2] = auditlog.EventLeafHash(&e)
		if _, err := head.Append(leaves); err != nil {
			t.Fatal(err)
		}
		f.h.Tamper(t, fmt.Sprintf("UPDATE log_head SET root = %s, compact_range = %s WHERE id = 1",
			f.h.Blob(head.Root), f.h.Blob(head.MarshalRange())))
		// Without the saved checkpoint only the loss of every checkpoint
		// shows.
		if rep := f.verify(t); len(rep.Problems) != 1 || rep.Problems[0].Kind != auditlog.ProblemCheckpoint ||
			!strings.Contains(rep.Problems[0].Detail, "no signed checkpoint") {
			t.Fatalf("without the saved checkpoint: %v, want one problem: no signed checkpoint", rep.Problems)
		}
		rep, err := auditlog.Verify(context.Background(), f.h.Store, f.l.Verifier, auditlog.VerifyOptions{Checkpoints: [][]byte{saved}})
		if err != nil {
			t.Fatalf("Verify: %v", err)
		}
		wantProblem(t, rep, auditlog.ProblemCheckpoint, 0)
	})
	t.Run("NoCheckpoint", func(t *testing.T) {
		f := newTamperFixture(t, open)
		f.h.Tamper(t, "DELETE FROM checkpoints")
		rep := f.verify(t)
		wantProblem(t, rep, auditlog.ProblemCheckpoint, -1)
	})
	t.Run("ForgeActorWhilePruning", func(t *testing.T) {
		// The attack of issue 8: give a fresh record another actor while
		// "pruning" it. The guards refuse it; without them Verify names
		// the record, because the leaf commits to every field.
		f := newTamperFixture(t, open)
		q := "UPDATE events SET actor = 'mallory', raw = NULL, pruned = " + f.h.True + " WHERE seq = 3"
		if err := f.h.Exec(q); err == nil {
			t.Errorf("%s: accepted with guards on", q)
		}
		f.h.Tamper(t, q)
		rep := f.verify(t)
		wantProblem(t, rep, auditlog.ProblemChanged, 3)
		for _, p := range rep.Problems {
			if p.Seq != 3 {
				t.Errorf("problem %v, want problems of seq 3 only", p)
			}
		}
	})
	t.Run("PruneFresh", func(t *testing.T) {
		// Deleting the raw record of a fresh record keeps every field, so
		// the guards let it through; no retention run allowed it, and
		// Verify names it.
		f := newTamperFixture(t, open)
		if err := f.h.Exec("UPDATE events SET raw = NULL, pruned = " + f.h.True + " WHERE seq = 14"); err != nil {
			t.Fatalf("clearing a payload alone: %v", err)
		}
		rep := f.verify(t)
		wantProblem(t, rep, auditlog.ProblemPruned, 14)
		if len(rep.Problems) != 1 {
			t.Errorf("problems = %v, want only seq 14 pruned", rep.Problems)
		}
	})
	t.Run("GuardsRefuseV2", func(t *testing.T) {
		f := newTamperFixture(t, open)
		for _, q := range []string{
			"UPDATE events SET actor = 'mallory', raw = NULL, pruned = " + f.h.True + " WHERE seq = 3",
			"UPDATE events SET raw_hash = " + f.h.Blob(make([]byte, 32)) + " WHERE seq = 3",
			"UPDATE events SET received_ns = 0, raw = NULL, pruned = " + f.h.True + " WHERE seq = 4",
			"UPDATE events SET seq = 99 WHERE seq = 5",
			"INSERT INTO events (seq, received_ns, source, raw, leaf_hash) VALUES (40, 1, 'x', " + f.h.Blob([]byte("{}")) + ", " + f.h.Blob(make([]byte, 32)) + ")",
		} {
			if err := f.h.Exec(q); err == nil {
				t.Errorf("%s: accepted with guards on", q)
			}
		}
		if rep := f.verify(t); !rep.OK() {
			t.Errorf("refused statements left problems: %v", rep.Problems)
		}
	})
	t.Run("RewritePrunedRecord", func(t *testing.T) {
		f := newTamperFixture(t, open)
		f.prune(t, 20)
		f.h.Tamper(t, "UPDATE events SET actor = 'mallory', outcome = 'success' WHERE seq = 7")
		f.h.Tamper(t, "UPDATE events SET raw_hash = "+f.h.Blob(auditlog.RawHash([]byte("forged")))+" WHERE seq = 8")
		rep := f.verify(t)
		wantProblem(t, rep, auditlog.ProblemChanged, 7)
		wantProblem(t, rep, auditlog.ProblemChanged, 8)
		if len(rep.Problems) != 2 {
			t.Errorf("problems = %v, want exactly seq 7 and 8", rep.Problems)
		}
	})
	t.Run("AttackerWithoutGuards", func(t *testing.T) {
		// Everything at once, guards dropped first: an edit, a deletion,
		// a swap and a rewritten pruned record, each named by seq.
		f := newTamperFixture(t, open)
		f.prune(t, 10)
		f.h.Tamper(t, "UPDATE events SET target = 'secrets/other' WHERE seq = 2")
		f.h.Tamper(t, "UPDATE events SET user_agent = 'curl' WHERE seq = 12")
		f.h.Tamper(t, "DELETE FROM events WHERE seq = 25")
		f.h.Tamper(t, "UPDATE events SET seq = -1 WHERE seq = 30")
		f.h.Tamper(t, "UPDATE events SET seq = 30 WHERE seq = 31")
		f.h.Tamper(t, "UPDATE events SET seq = 31 WHERE seq = -1")
		rep := f.verify(t)
		wantProblem(t, rep, auditlog.ProblemChanged, 2)
		wantProblem(t, rep, auditlog.ProblemChanged, 12)
		wantProblem(t, rep, auditlog.ProblemDeleted, 25)
		wantProblem(t, rep, auditlog.ProblemReordered, 30)
		wantProblem(t, rep, auditlog.ProblemReordered, 31)
	})
	t.Run("RewriteRecordAndLaterCheckpoints", func(t *testing.T) {
		// The attacker rewrites record 23 with a matching leaf hash, the
		// head, and every checkpoint from the first that covers it on. Re-
		// signed with a key of the same name that is not the log's: the
		// stored checkpoints no longer verify, from seq 20.
		f := newTamperFixture(t, open)
		f.rewrite(t, 23, signerOf(t, mustGenerate(t)))
		rep := f.verify(t)
		wantProblem(t, rep, auditlog.ProblemCheckpoint, 20)

		// Re-signed with the log's own key (on PostgreSQL it is in the
		// database): only a checkpoint kept outside, saved before the
		// rewrite, can tell, and it names the records from seq 20.
		// The auditor saved the checkpoints of sizes 20 and 40.
		g := newTamperFixture(t, open)
		var saved [][]byte
		for _, sc := range mustCheckpoints(t, g.h.Store) {
			if sc.Size == 20 || sc.Size == 40 {
				saved = append(saved, sc.Note)
			}
		}
		g.rewrite(t, 23, g.l.Signer)
		if rep := g.verify(t); !rep.OK() {
			t.Fatalf("re-signed with the log's key, the database alone cannot tell; got %v", rep.Problems)
		}
		rep, err := auditlog.Verify(context.Background(), g.h.Store, g.l.Verifier, auditlog.VerifyOptions{Checkpoints: saved})
		if err != nil {
			t.Fatal(err)
		}
		wantProblem(t, rep, auditlog.ProblemCheckpoint, 20)
		for _, p := range rep.Problems {
			if p.Seq != 20 && p.Seq != -1 {
				t.Errorf("problem %v: the saved checkpoints bound the rewrite to seq 20..39", p)
			}
		}
	})
}

// prune runs retention over the fixture's first n records, as the server
// would: the clock moves so that they are older than the default period.
func (f *tamperFixture) prune(t *testing.T, n int) {
	t.Helper()
	f.l.Now = func() time.Time {
		return f.events[n-1].Received.Add(auditlog.DefaultRetention + time.Nanosecond)
	}
	got, err := f.l.Retain(context.Background(), 0, "admin-laptop")
	if err != nil || got != int64(n) {
		t.Fatalf("Retain = %d, %v; want %d pruned", got, err, n)
	}
	publish(t, f.l)
	if rep := f.verify(t); !rep.OK() || rep.Pruned != int64(n) {
		t.Fatalf("Verify after retention = %+v", rep)
	}
}

// rewrite changes the actor of record seq with a consistent leaf hash and
// head, then replaces every stored checkpoint whose tree covers the record
// with one signed by signer.
func (f *tamperFixture) rewrite(t *testing.T, seq int, signer note.Signer) {
	t.Helper()
	ctx := context.Background()
	e := *f.events[seq]
	e.Actor = "mallory"
	leaves := leafHashes(f.events)
	leaves[seq] = auditlog.EventLeafHash(&e)
	f.h.Tamper(t, fmt.Sprintf("UPDATE events SET actor = 'mallory', leaf_hash = %s WHERE seq = %d", f.h.Blob(leaves[seq]), seq))
	var head auditlog.Head
	if _, err := head.Append(leaves); err != nil {
		t.Fatal(err)
	}
	f.h.Tamper(t, fmt.Sprintf("UPDATE log_head SET root = %s, compact_range = %s WHERE id = 1",
		f.h.Blob(head.Root), f.h.Blob(head.MarshalRange())))
	stored, err := f.h.Store.Checkpoints(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range stored {
		if sc.Size <= uint64(seq) {
			continue
		}
		c := auditlog.Checkpoint{Origin: origin, Size: sc.Size, Root: auditlog.RootOf(leaves[:sc.Size]), Time: base}
		forged, err := note.Sign(&note.Note{Text: string(c.Marshal())}, signer)
		if err != nil {
			t.Fatal(err)
		}
		f.h.Tamper(t, fmt.Sprintf("UPDATE checkpoints SET note = %s WHERE id = %d", f.h.Blob(forged), sc.ID))
	}
}

func mustCheckpoints(t *testing.T, s Store) []auditlog.StoredCheckpoint {
	t.Helper()
	cps, err := s.Checkpoints(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return cps
}

func mustGenerate(t *testing.T) string {
	t.Helper()
	skey, _, err := auditlog.GenerateKey(origin)
	if err != nil {
		t.Fatal(err)
	}
	return skey
}

func signerOf(t *testing.T, skey string) note.Signer {
	t.Helper()
	s, err := note.NewSigner(skey)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func testRetention(t *testing.T, open func(t *testing.T) *Harness) {
	ctx := context.Background()
	s := open(t).Store
	l := newLog(t, s)
	mustAppend(t, s, NewEvents(0, 10))
	publish(t, l)
	if _, err := l.Retain(ctx, 30*24*time.Hour, "admin-laptop"); attest.ErrorCode(err) != attest.EINVALID {
		t.Errorf("Retain(30 days) = %v, want EINVALID", err)
	}
	// The events were received at base + i seconds; a clock 400 days and 5
	// seconds later makes events 0..4 older than the default period.
	l.Now = func() time.Time { return base.Add(auditlog.DefaultRetention + 5*time.Second) }
	n, err := l.Retain(ctx, 0, "admin-laptop")
	if err != nil {
		t.Fatalf("Retain: %v", err)
	}
	if n != 5 {
		t.Errorf("Retain pruned %d, want 5", n)
	}
	want := NewEvents(0, 10)
	for seq := int64(0); seq < 10; seq++ {
		e, err := s.EventBySeq(ctx, seq)
		if err != nil {
			t.Fatal(err)
		}
		// Retention deletes the raw record only; the fields stay, and
		// the leaf still commits to them.
		w := *want[seq]
		w.Seq = seq
		if seq < 5 {
			w.Raw = nil
		}
		if diff := cmp.Diff(&w, e, eventCmp); diff != "" {
			t.Errorf("seq %d after retention (-want +got):\n%s", seq, diff)
		}
	}
	rec, err := s.EventBySeq(ctx, 10)
	if err != nil || rec.Source != auditlog.RetentionSource || rec.Action != auditlog.RetentionAction || rec.Actor != "admin-laptop" {
		t.Errorf("retention record = %+v, %v; want a retention.run by admin-laptop", rec, err)
	}
	publish(t, l)
	rep, err := auditlog.Verify(ctx, s, l.Verifier, auditlog.VerifyOptions{})
	if err != nil || !rep.OK() || rep.Pruned != 5 {
		t.Errorf("Verify after retention = %+v, %v; want OK with 5 pruned", rep, err)
	}
	if _, err := l.Retain(ctx, 0, ""); attest.ErrorCode(err) != attest.EINVALID {
		t.Errorf("Retain without an actor = %v, want EINVALID", err)
	}
	l.AllowShortRetention = true
	l.Now = func() time.Time { return base.Add(24 * time.Hour) }
	if n, err := l.Retain(ctx, time.Hour, "admin-laptop"); err != nil || n != 5 {
		t.Errorf("Retain(1h) with override = %d, %v; want the other 5", n, err)
	}
	publish(t, l)
	if rep, err := auditlog.Verify(ctx, s, l.Verifier, auditlog.VerifyOptions{}); err != nil || !rep.OK() || rep.Pruned != 10 {
		t.Errorf("Verify after the second run = %+v, %v; want OK with 10 pruned", rep, err)
	}
}

func testConcurrent(t *testing.T, open func(t *testing.T) *Harness) {
	ctx := context.Background()
	h := open(t)
	replicas := []Store{h.Store, h.Reopen(t)}
	const perWriter, batches = 4, 10
	var wg sync.WaitGroup
	errs := make(chan error, len(replicas)*perWriter)
	for r, s := range replicas {
		for w := range perWriter {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for b := range batches {
					i := ((r*perWriter+w)*batches + b) * 5
					if err := s.AppendEvents(ctx, NewEvents(i, i+5)); err != nil {
						errs <- err
						return
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
	total := len(replicas) * perWriter * batches * 5
	got, err := h.Store.FindEvents(ctx, attest.EventFilter{AfterSeq: -1})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != total {
		t.Fatalf("%d events stored, want %d", len(got), total)
	}
	seen := map[string]bool{}
	for i, e := range got {
		if e.Seq != int64(i) {
			t.Fatalf("event %d has seq %d: gap or duplicate", i, e.Seq)
		}
		if seen[e.ExternalID] {
			t.Fatalf("event %s stored twice", e.ExternalID)
		}
		seen[e.ExternalID] = true
	}
	l := newLog(t, replicas[1])
	publish(t, l)
	rep, err := auditlog.Verify(ctx, h.Store, l.Verifier, auditlog.VerifyOptions{})
	if err != nil || !rep.OK() {
		t.Fatalf("Verify after concurrent appends = %+v, %v", rep, err)
	}
}

// testVerifyLive verifies again and again while two replicas append and
// publish: every report must be clean, because Verify reads one snapshot
// (a batch committed between reading the head and the records used to be
// reported as inserted).
func testVerifyLive(t *testing.T, open func(t *testing.T) *Harness) {
	ctx := context.Background()
	h := open(t)
	replicas := []Store{h.Store, h.Reopen(t)}
	l := newLog(t, h.Store)
	mustAppend(t, h.Store, NewEvents(0, 50))
	publish(t, l)
	done := make(chan struct{})
	errs := make(chan error, len(replicas))
	var wg sync.WaitGroup
	for r, s := range replicas {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pl := auditlog.NewLog(s, auditlog.Keys{Signer: l.Signer, Verifier: l.Verifier})
			pl.Logger = l.Logger
			for i := 0; ; i++ {
				select {
				case <-done:
					return
				default:
				}
				from := 50 + (r*100000+i)*3
				if err := s.AppendEvents(ctx, NewEvents(from, from+3)); err != nil {
					errs <- err
					return
				}
				if i%4 == 0 {
					if _, err := pl.Publish(ctx); err != nil {
						errs <- err
						return
					}
				}
			}
		}()
	}
	var failed *auditlog.VerifyReport
	var verr error
	for range 30 {
		rep, err := auditlog.Verify(ctx, h.Store, l.Verifier, auditlog.VerifyOptions{})
		if err != nil || !rep.OK() {
			failed, verr = rep, err
			break
		}
	}
	close(done)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("append while verifying: %v", err)
	}
	if verr != nil {
		t.Fatalf("Verify while appending: %v", verr)
	}
	if failed != nil {
		t.Fatalf("Verify while appending reported problems: %v", failed.Problems)
	}
}
