package auditlog_test

import (
	"bytes"
	"slices"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/auditlog"
)

// TestSequenceHashed checks that numbering rows with their raw hashes
// computed beforehand (RawHashes, as the stores do before they take their
// writer) gives the leaves of Sequence.
func TestSequenceHashed(t *testing.T) {
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	rows := []attest.Event{
		{Source: "cloudtrail", Received: now, Actor: "alice", Raw: []byte(`{"eventName":"StopLogging"}`)},
		{Source: "falco", Received: now, Raw: nil},
		{Source: "k8s-audit", Received: now, Time: now, Raw: []byte(`{}`)},
	}
	want := slices.Clone(rows)
	wantLeaves, wantRaw := auditlog.Sequence(want, 41)

	raw := auditlog.RawHashes(rows)
	leaves := auditlog.SequenceHashed(rows, 41, raw)
	for i := range rows {
		if rows[i].Seq != int64(41+i) {
			t.Errorf("row %d: seq %d, want %d", i, rows[i].Seq, 41+i)
		}
		if !bytes.Equal(raw[i], wantRaw[i]) || !bytes.Equal(raw[i], auditlog.RawHash(rows[i].Raw)) {
			t.Errorf("row %d: raw hash %x, want %x", i, raw[i], wantRaw[i])
		}
		if !bytes.Equal(leaves[i], wantLeaves[i]) || !bytes.Equal(leaves[i], auditlog.EventLeafHash(&rows[i])) {
			t.Errorf("row %d: leaf %x, want %x", i, leaves[i], wantLeaves[i])
		}
	}
}

// TestSplitBatch_FreshFrom checks that each fresh row of a split batch
// names its row in the batch, past rows that repeat a stored record or an
// earlier row.
func TestSplitBatch_FreshFrom(t *testing.T) {
	row := func(key, actor string) attest.Event {
		return attest.Event{Source: "cloudtrail", DedupKey: key, Actor: actor}
	}
	rows := []attest.Event{row("a", "0"), row("b", "1"), row("a", "2"), row("", "3"), row("c", "4"), row("", "5")}
	d := auditlog.SplitBatch(rows, map[auditlog.Key]int64{{Source: "cloudtrail", DedupKey: "b"}: 7})
	if want := []int{0, 3, 4, 5}; !slices.Equal(d.FreshFrom, want) {
		t.Fatalf("FreshFrom = %v, want %v", d.FreshFrom, want)
	}
	for j, i := range d.FreshFrom {
		if d.Fresh[j].Actor != rows[i].Actor {
			t.Errorf("Fresh[%d] is row %q, FreshFrom says row %d", j, d.Fresh[j].Actor, i)
		}
	}
}
