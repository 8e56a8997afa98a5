package auditlog

import "github.com/attest-dev/attest"

// Key names a record among every record of the log: its Source and the
// source's own id for it (attest.Event.DedupKey).
type Key struct {
	Source, DedupKey string
}

// BatchKeys returns the distinct keys of a prepared batch, in order of first
// appearance, for the store to look up; rows without a DedupKey have none.
func BatchKeys(rows []attest.Event) []Key {
	seen := make(map[Key]bool)
	var keys []Key
	for i := range rows {
		if rows[i].DedupKey == "" {
			continue
		}
		k := Key{rows[i].Source, rows[i].DedupKey}
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	return keys
}

// Dedup is a prepared batch split into the rows to append and the rows that
// repeat a record: one already stored (its key is in the stored map given to
// SplitBatch) or an earlier row of the same batch.
type Dedup struct {
	// Fresh are the rows to append, in batch order. Sequence numbers them.
	Fresh []attest.Event
	// FreshKeys are the keys of the fresh rows that have one, with the
	// index of the row in Fresh: the store records them once the rows have
	// their Seq.
	FreshKeys []FreshKey
	// FreshFrom holds, for each row of Fresh, its index in the batch, so
	// that what was computed for the batch's rows before the split (such
	// as RawHashes) follows them.
	FreshFrom []int

	rows  []attest.Event
	fresh []int   // for each row: its index in Fresh, or -1
	seqs  []int64 // for each row that repeats a stored record: its seq
	first []int   // for each row that repeats an earlier row: that row
}

// FreshKey is the key of Fresh[Index].
type FreshKey struct {
	Key
	Index int
}

// SplitBatch splits a prepared batch given the seqs of the keys that are
// already stored (the result of looking up BatchKeys).
func SplitBatch(rows []attest.Event, stored map[Key]int64) *Dedup {
	d := &Dedup{rows: rows, fresh: make([]int, len(rows)), seqs: make([]int64, len(rows)), first: make([]int, len(rows))}
	firstOf := make(map[Key]int)
	for i := range rows {
		d.fresh[i], d.first[i] = -1, -1
		k := Key{rows[i].Source, rows[i].DedupKey}
		if k.DedupKey != "" {
			if seq, ok := stored[k]; ok {
				d.seqs[i] = seq
				continue
			}
			if j, ok := firstOf[k]; ok {
				d.first[i] = j
				continue
			}
			firstOf[k] = i
			d.FreshKeys = append(d.FreshKeys, FreshKey{Key: k, Index: len(d.Fresh)})
		}
		d.fresh[i] = len(d.Fresh)
		d.Fresh = append(d.Fresh, rows[i])
		d.FreshFrom = append(d.FreshFrom, i)
	}
	return d
}

// Seq returns the seq of row i of the batch, once Fresh has been sequenced.
func (d *Dedup) Seq(i int) int64 {
	if j := d.first[i]; j >= 0 {
		return d.Seq(j)
	}
	if j := d.fresh[i]; j >= 0 {
		return d.Fresh[j].Seq
	}
	return d.seqs[i]
}

// Finish reports the outcome to the caller's events after the commit: each
// gets its Seq, its Received (set when it was zero) and whether it was a
// duplicate.
func (d *Dedup) Finish(events []*attest.Event) {
	for i, e := range events {
		e.Seq = d.Seq(i)
		e.Received = d.rows[i].Received
		e.Duplicate = d.fresh[i] < 0
	}
}
