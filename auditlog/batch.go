package auditlog

import (
	"time"

	"github.com/attest-dev/attest"
)

// PrepareBatch is the first step of every store's append: it copies the
// events (the caller's stay unchanged until the append succeeds), gives a
// zero Received the time now, and checks each with CheckEvent. A nil or
// unstorable event is EINVALID, naming its index in the batch.
func PrepareBatch(events []*attest.Event, now time.Time) ([]attest.Event, error) {
	rows := make([]attest.Event, len(events))
	for i, e := range events {
		if e == nil {
			return nil, attest.Errorf(attest.EINVALID, "event %d: nil", i)
		}
		rows[i] = *e
		if rows[i].Received.IsZero() {
			rows[i].Received = now
		}
		if err := CheckEvent(&rows[i]); err != nil {
			return nil, attest.Errorf(attest.EINVALID, "event %d: %v", i, err)
		}
	}
	return rows, nil
}

// Sequence gives the rows the sequence numbers that follow a log of size
// leaves, in order, and returns their (version 2) leaf hashes and the hashes
// of their raw records, which the stores keep beside the leaf hash.
func Sequence(rows []attest.Event, size uint64) (leafHashes, rawHashes [][]byte) {
	rawHashes = RawHashes(rows)
	return SequenceHashed(rows, size, rawHashes), rawHashes
}

// RawHashes returns the RawHash of each row's raw record. They do not
// depend on the sequence numbers, so a store computes them before it takes
// its writer and passes them to SequenceHashed.
func RawHashes(rows []attest.Event) [][]byte {
	hashes := make([][]byte, len(rows))
	for i := range rows {
		hashes[i] = RawHash(rows[i].Raw)
	}
	return hashes
}

// SequenceHashed is Sequence with the hashes of the raw records given, as
// RawHashes returns them: it numbers the rows from size and returns their
// leaf hashes.
func SequenceHashed(rows []attest.Event, size uint64, rawHashes [][]byte) (leafHashes [][]byte) {
	leafHashes = make([][]byte, len(rows))
	for i := range rows {
		rows[i].Seq = int64(size) + int64(i)
		leafHashes[i] = LeafHash(LeafDataRawHash(&rows[i], rawHashes[i]))
	}
	return leafHashes
}
