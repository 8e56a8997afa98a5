package alerting

import (
	"slices"
	"testing"
	"time"

	"github.com/attest-dev/attest"
)

func TestHeldEvents_take(t *testing.T) {
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	ev := func(seq int64, dup bool) *attest.Event {
		return &attest.Event{Seq: seq, Source: "cloudtrail", Received: now, Raw: []byte(`{}`), DedupKey: "k", Duplicate: dup}
	}
	var h heldEvents
	h.add([]*attest.Event{ev(5, false), ev(6, false), ev(2, true), ev(7, false)})
	h.add([]*attest.Event{ev(9, false), ev(1, false)})
	seqs := func(es []*attest.Event) []int64 {
		var out []int64
		for _, e := range es {
			if e.DedupKey != "" || e.Duplicate {
				t.Errorf("event %d held as handed over, not as stored", e.Seq)
			}
			out = append(out, e.Seq)
		}
		return out
	}
	for _, tc := range []struct {
		from, to int64
		want     []int64
		end      int64
	}{
		{3, 12, nil, 5},          // 1 is dropped (below the claim); read 3 and 4 from the store
		{5, 7, []int64{5, 6}, 7}, // up to the end of the claim
		{7, 12, []int64{7}, 8},   // 8 was never handed over
		{8, 12, nil, 9},          // read 8 from the store
		{9, 12, []int64{9}, 10},  //
		{10, 12, nil, 12},        // nothing held any more
		{12, 20, nil, 20},        //
	} {
		got, end := h.take(tc.from, tc.to)
		if !slices.Equal(seqs(got), tc.want) || end != tc.end {
			t.Errorf("take(%d, %d) = %v, %d; want %v, %d", tc.from, tc.to, seqs(got), end, tc.want, tc.end)
		}
	}
	if len(h.events) != 0 || h.bytes != 0 {
		t.Errorf("after every take: %d events, %d bytes held", len(h.events), h.bytes)
	}

	// Past maxHeldBytes, events are not held: they are read from the store.
	big := make([]byte, maxHeldBytes/4)
	for seq := int64(20); seq < 30; seq++ {
		e := ev(seq, false)
		e.Raw = big
		h.add([]*attest.Event{e})
	}
	if n := len(h.events); n != 3 || h.bytes > maxHeldBytes {
		t.Errorf("%d events of %d bytes held, %d bytes in all; want 3 within %d", n, len(big), h.bytes, maxHeldBytes)
	}
	h.clear()
	if got, end := h.take(20, 30); got != nil || end != 30 {
		t.Errorf("after clear: take = %v, %d", seqs(got), end)
	}
}
