package auditlog

import (
	"context"
	"time"

	"github.com/attest-dev/attest"
)

// LogStore is the storage the log needs; the sqlite and postgres DBs
// implement it. AppendEvents (of attest.EventStore) extends the tree in the
// same transaction as it stores the events.
type LogStore interface {
	attest.EventStore
	// LogReader reads the current state, each call on its own.
	LogReader

	// ReadSnapshot calls fn with a reader that sees one consistent state of
	// the log (one read transaction): records, head and checkpoints that
	// other connections commit while fn runs are not visible to it, so a
	// live server appending meanwhile never looks like tampering. The
	// reader must not be used after fn returns.
	ReadSnapshot(ctx context.Context, fn func(r LogReader) error) error

	// LeafHashes returns the stored leaf hashes of the records with seq in
	// [from, to), in order. A missing record is an error.
	LeafHashes(ctx context.Context, from, to uint64) ([][]byte, error)
	// TreeNodes returns the stored hashes of the nodes at level (see
	// KeepNode) with index in [from, to), in order. A missing node is an
	// error.
	TreeNodes(ctx context.Context, level uint, from, to uint64) ([][]byte, error)

	// AddCheckpoint stores a signed checkpoint note of a tree of size size.
	AddCheckpoint(ctx context.Context, size uint64, signedNote []byte) error
	// LatestCheckpoint returns the stored checkpoint of the largest tree, or
	// ENOTFOUND when there is none.
	LatestCheckpoint(ctx context.Context) (StoredCheckpoint, error)

	// PrunePayloads appends record (the record of the retention run, which
	// gets its Seq) and deletes, in the same transaction, the raw record of
	// every record below it received before before. The normalised fields,
	// the hash of the raw record and the leaf hash stay, so every pruned
	// record is still checked by Verify. Records of version 1 (written
	// before leaf version 2) are never pruned: their leaf needs the raw
	// bytes. It returns how many records it pruned.
	PrunePayloads(ctx context.Context, before time.Time, record *attest.Event) (int64, error)
}

// LogReader reads the log's records, tree head and checkpoints.
type LogReader interface {
	// LogHead returns the stored tree state.
	LogHead(ctx context.Context) (Head, error)
	// ScanRecords calls fn for every stored record in ascending seq order,
	// starting after seq afterSeq (negative: from the start), whatever the
	// tree head says; Verify uses it to find changed, missing and extra
	// records. Every record is freshly allocated: fn may keep it.
	ScanRecords(ctx context.Context, afterSeq int64, fn func(r Record) error) error
	// Checkpoints returns every stored checkpoint, in the order stored.
	Checkpoints(ctx context.Context) ([]StoredCheckpoint, error)
}

// Record is one stored record of the log as Verify reads it.
type Record struct {
	Seq int64
	// Event is the stored event. Retention deletes Raw of a version 2
	// record and keeps every other field; a version 1 record pruned
	// before leaf version 2 has only Seq, Time, Received and Source.
	Event *attest.Event
	// LeafHash is the leaf hash stored when the record was appended.
	LeafHash []byte
	// RawHash is the stored SHA-256 of the raw record; nil for a record of
	// leaf version 1, whose leaf holds the raw bytes themselves.
	RawHash []byte
	// Pruned says that retention deleted the raw record.
	Pruned bool
}

// StoredCheckpoint is a signed checkpoint as stored.
type StoredCheckpoint struct {
	ID   int64
	Size uint64
	Note []byte
}

// KeyStore keeps the log's signing key. The sqlite package stores it in a
// file next to the database (KeyFile); the postgres package stores it in the
// database so that every replica signs with the same key.
type KeyStore interface {
	// LoadKey returns the stored signer and verifier keys, or ENOTFOUND.
	LoadKey(ctx context.Context) (signerKey, verifierKey string, err error)
	// StoreKey stores the keys unless a key is stored already; either way it
	// returns the keys now stored, so that the first of several racing
	// replicas wins.
	StoreKey(ctx context.Context, signerKey, verifierKey string) (storedSigner, storedVerifier string, err error)
}
