// Package auditlog is the tamper-evident audit log of attest serve: every
// stored event is a leaf of an RFC 6962 Merkle tree (leaf i is event seq i),
// and attest signs checkpoints of the tree (C2SP tlog-checkpoint notes signed
// with an Ed25519 note key), so that an auditor holding the public key and
// any checkpoint can prove that no record was changed, deleted, inserted or
// reordered since.
//
// The tree is built with github.com/transparency-dev/merkle and the notes
// with golang.org/x/mod/sumdb/note. The stores (packages sqlite and
// postgres) keep each record's leaf hash, the compact range of the tree in
// their head row, and the interior nodes at every fourth level, which makes
// appends O(log n) and any proof a few dozen small reads.
package auditlog

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/attest-dev/attest"
	"github.com/transparency-dev/merkle/proof"
	"github.com/transparency-dev/merkle/rfc6962"
	"golang.org/x/mod/sumdb/note"
)

// Log signs checkpoints of the tree kept in Store and serves proofs. The
// checkpoint origin is the signer's key name.
type Log struct {
	Store    LogStore
	Signer   note.Signer
	Verifier note.Verifier
	Now      func() time.Time
	Logger   *slog.Logger
	// AllowShortRetention lets Retain delete payloads younger than
	// MinRetention. PCI DSS 10.5.1 asks for twelve months.
	AllowShortRetention bool
}

// NewLog returns a Log over store signing with keys, with the system clock
// and the default logger.
func NewLog(store LogStore, keys Keys) *Log {
	return &Log{Store: store, Signer: keys.Signer, Verifier: keys.Verifier, Now: time.Now, Logger: slog.Default()}
}

func (l *Log) now() time.Time {
	if l.Now == nil {
		return time.Now()
	}
	return l.Now()
}

// Publish signs a checkpoint of the current head and stores it, returning the
// signed note. When the latest stored checkpoint is already of the current
// size it returns that one instead of storing another, so calling Publish
// after every batch and on a timer is cheap.
func (l *Log) Publish(ctx context.Context) ([]byte, error) {
	if l.Signer == nil {
		return nil, errors.New("publish checkpoint: no signer")
	}
	latest, err := l.Store.LatestCheckpoint(ctx)
	if err != nil && attest.ErrorCode(err) != attest.ENOTFOUND {
		return nil, fmt.Errorf("publish checkpoint: %w", err)
	}
	found := err == nil
	head, err := l.Store.LogHead(ctx)
	if err != nil {
		return nil, fmt.Errorf("publish checkpoint: %w", err)
	}
	if found && latest.Size > head.Size {
		return nil, fmt.Errorf("publish checkpoint: log head of size %d is behind the latest checkpoint of size %d", head.Size, latest.Size)
	}
	if found && latest.Size == head.Size {
		return latest.Note, nil
	}
	c := Checkpoint{Origin: l.Signer.Name(), Size: head.Size, Root: head.Root, Time: l.now().UTC()}
	signed, err := note.Sign(&note.Note{Text: string(c.Marshal())}, l.Signer)
	if err != nil {
		return nil, fmt.Errorf("publish checkpoint: %w", err)
	}
	if err := l.Store.AddCheckpoint(ctx, c.Size, signed); err != nil {
		return nil, fmt.Errorf("publish checkpoint: %w", err)
	}
	return signed, nil
}

// Latest returns the latest signed checkpoint, or ENOTFOUND before the first
// Publish.
func (l *Log) Latest(ctx context.Context) ([]byte, error) {
	c, err := l.Store.LatestCheckpoint(ctx)
	if err != nil {
		return nil, err
	}
	return c.Note, nil
}

// InclusionProof returns the RFC 6962 audit path of leaf seq in the tree of
// treeSize leaves. It returns EINVALID unless seq < treeSize <= the log size.
func (l *Log) InclusionProof(ctx context.Context, seq, treeSize uint64) ([][]byte, error) {
	head, err := l.Store.LogHead(ctx)
	if err != nil {
		return nil, fmt.Errorf("inclusion proof: %w", err)
	}
	if treeSize > head.Size || seq >= treeSize {
		return nil, attest.Errorf(attest.EINVALID, "inclusion proof: want seq < tree size <= %d, got seq %d, tree size %d", head.Size, seq, treeSize)
	}
	nodes, err := proof.Inclusion(seq, treeSize)
	if err != nil {
		return nil, fmt.Errorf("inclusion proof: %w", err)
	}
	return l.build(ctx, nodes)
}

// ConsistencyProof returns the RFC 6962 consistency proof between the trees
// of sizes from and to. It returns EINVALID unless from <= to <= the log size.
func (l *Log) ConsistencyProof(ctx context.Context, from, to uint64) ([][]byte, error) {
	head, err := l.Store.LogHead(ctx)
	if err != nil {
		return nil, fmt.Errorf("consistency proof: %w", err)
	}
	if to > head.Size || from > to {
		return nil, attest.Errorf(attest.EINVALID, "consistency proof: want from <= to <= %d, got %d and %d", head.Size, from, to)
	}
	nodes, err := proof.Consistency(from, to)
	if err != nil {
		return nil, fmt.Errorf("consistency proof: %w", err)
	}
	return l.build(ctx, nodes)
}

func (l *Log) build(ctx context.Context, nodes proof.Nodes) ([][]byte, error) {
	hashes := make([][]byte, len(nodes.IDs))
	for i, id := range nodes.IDs {
		h, err := NodeHash(ctx, l.Store, id.Level, id.Index)
		if err != nil {
			return nil, fmt.Errorf("proof: %w", err)
		}
		hashes[i] = h
	}
	return nodes.Rehash(hashes, rfc6962.DefaultHasher.HashChildren)
}

// NodeHash returns the hash of the perfect subtree at level and index from
// the nearest stored level below it: at most 2^NodeStride stored hashes.
func NodeHash(ctx context.Context, s LogStore, level uint, index uint64) ([]byte, error) {
	base := level - level%NodeStride
	span := uint64(1) << (level - base)
	var hashes [][]byte
	var err error
	if base == 0 {
		hashes, err = s.LeafHashes(ctx, index*span, (index+1)*span)
	} else {
		hashes, err = s.TreeNodes(ctx, base, index*span, (index+1)*span)
	}
	if err != nil {
		return nil, err
	}
	for len(hashes) > 1 {
		next := hashes[:0:0]
		for i := 0; i < len(hashes); i += 2 {
			next = append(next, rfc6962.DefaultHasher.HashChildren(hashes[i], hashes[i+1]))
		}
		hashes = next
	}
	return hashes[0], nil
}

// VerifyInclusion checks an inclusion proof of a leaf hash against a root.
func VerifyInclusion(seq, treeSize uint64, leafHash []byte, p [][]byte, root []byte) error {
	return proof.VerifyInclusion(rfc6962.DefaultHasher, seq, treeSize, leafHash, p, root)
}

// VerifyConsistency checks a consistency proof between two roots. It fails
// unless the tree of size2 extends the tree of size1 (unlike immudb before
// GHSA-672p-m5jq-mrh8, nothing is taken on trust: every proof hash is used).
func VerifyConsistency(size1, size2 uint64, p [][]byte, root1, root2 []byte) error {
	if size1 == 0 && !bytes.Equal(root1, EmptyRoot()) {
		return errors.New("root of the empty tree is not the empty hash")
	}
	if len(root1) != HashSize || len(root2) != HashSize {
		return errors.New("root hash is not 32 bytes")
	}
	return proof.VerifyConsistency(rfc6962.DefaultHasher, size1, size2, p, root1, root2)
}

// RootOf returns the root hash of the tree with the given leaf hashes.
func RootOf(leafHashes [][]byte) []byte {
	r := rangeFactory.NewEmptyRange(0)
	for _, h := range leafHashes {
		_ = r.Append(h, nil)
	}
	root, _ := r.GetRootHash(nil)
	if root == nil {
		return EmptyRoot()
	}
	return root
}
