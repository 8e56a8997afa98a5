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

	// LogHead returns the stored tree state.
	LogHead(ctx context.Context) (Head, error)
	// LeafHashes returns the stored leaf hashes of the records with seq in
	// [from, to), in order. A missing record is an error.
	LeafHashes(ctx context.Context, from, to uint64) ([][]byte, error)
	// TreeNodes returns the stored hashes of the nodes at level (see
	// KeepNode) with index in [from, to), in order. A missing node is an
	// error.
	TreeNodes(ctx context.Context, level uint, from, to uint64) ([][]byte, error)
	// ScanRecords calls fn for every stored record in ascending seq order,
	// starting after seq afterSeq (negative: from the start), whatever the
	// tree head says; Verify uses it to find changed, missing and extra
	// records. fn must not keep r.Event or r.LeafHash after it returns.
	ScanRecords(ctx context.Context, afterSeq int64, fn func(r Record) error) error

	// AddCheckpoint stores a signed checkpoint note of a tree of size size.
	AddCheckpoint(ctx context.Context, size uint64, signedNote []byte) error
	// Checkpoints returns every stored checkpoint, in the order stored.
	Checkpoints(ctx context.Context) ([]StoredCheckpoint, error)
	// LatestCheckpoint returns the stored checkpoint of the largest tree, or
	// ENOTFOUND when there is none.
	LatestCheckpoint(ctx context.Context) (StoredCheckpoint, error)

	// PrunePayloads deletes the payload (raw record and normalised fields
	// other than time, received and source) of the records with seq below
	// belowSeq received before before; their leaf hashes stay. It returns
	// how many records it pruned.
	PrunePayloads(ctx context.Context, before time.Time, belowSeq uint64) (int64, error)
}

// Record is one stored record of the log as Verify reads it.
type Record struct {
	Seq int64
	// Event is the stored event; for a pruned record only Seq, Time,
	// Received and Source are set.
	Event *attest.Event
	// LeafHash is the leaf hash stored when the record was appended.
	LeafHash []byte
	// Pruned says that retention deleted the payload; only the stored leaf
	// hash can be checked.
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
