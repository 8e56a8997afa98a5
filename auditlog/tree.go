package auditlog

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/transparency-dev/merkle/compact"
	"github.com/transparency-dev/merkle/rfc6962"
)

// NodeStride says which interior nodes the stores keep: the perfect subtrees
// whose level is a positive multiple of NodeStride. Any node's hash is then at
// most 2^NodeStride stored hashes away, which keeps proofs cheap without
// storing the whole tree.
const NodeStride = 4

// KeepNode reports whether the node at level is one the stores keep.
func KeepNode(level uint) bool {
	return level > 0 && level%NodeStride == 0
}

var rangeFactory = &compact.RangeFactory{Hash: rfc6962.DefaultHasher.HashChildren}

// EmptyRoot is the root hash of the empty tree: SHA-256 of nothing.
func EmptyRoot() []byte {
	return rfc6962.DefaultHasher.EmptyRoot()
}

// Head is the state of the log's Merkle tree as the store keeps it: the size,
// the root hash, and the compact range of the whole tree (the roots of the
// perfect subtrees covering [0, Size), left to right), which is enough to
// extend the tree without reading old leaves.
type Head struct {
	Size  uint64
	Root  []byte
	Range [][]byte
}

// Node is an interior node the store keeps (see KeepNode).
type Node struct {
	Level uint
	Index uint64
	Hash  []byte
}

// Append extends the head by the leaf hashes and returns the interior nodes
// completed on the way that the store should keep.
func (h *Head) Append(leafHashes [][]byte) ([]Node, error) {
	r, err := rangeFactory.NewRange(0, h.Size, h.Range)
	if err != nil {
		return nil, fmt.Errorf("log head: %w", err)
	}
	var nodes []Node
	visit := func(id compact.NodeID, hash []byte) {
		if KeepNode(id.Level) {
			nodes = append(nodes, Node{Level: id.Level, Index: id.Index, Hash: hash})
		}
	}
	for _, lh := range leafHashes {
		if err := r.Append(lh, visit); err != nil {
			return nil, fmt.Errorf("append leaf: %w", err)
		}
	}
	root, err := r.GetRootHash(nil)
	if err != nil {
		return nil, fmt.Errorf("root: %w", err)
	}
	if root == nil {
		root = EmptyRoot()
	}
	h.Size, h.Root, h.Range = r.End(), root, r.Hashes()
	return nodes, nil
}

// MarshalRange encodes the compact range for storage: the hashes one after
// another.
func (h Head) MarshalRange() []byte {
	return bytes.Join(h.Range, nil)
}

// UnmarshalHead rebuilds a head from its stored size, root and encoded range,
// and checks that they agree.
func UnmarshalHead(size uint64, root, rng []byte) (Head, error) {
	want := compact.RangeSize(0, size)
	if len(rng) != want*HashSize {
		return Head{}, fmt.Errorf("log head: range of %d bytes for size %d, want %d", len(rng), size, want*HashSize)
	}
	hashes := make([][]byte, want)
	for i := range hashes {
		hashes[i] = bytes.Clone(rng[i*HashSize : (i+1)*HashSize])
	}
	r, err := rangeFactory.NewRange(0, size, hashes)
	if err != nil {
		return Head{}, fmt.Errorf("log head: %w", err)
	}
	got, err := r.GetRootHash(nil)
	if err != nil {
		return Head{}, fmt.Errorf("log head: %w", err)
	}
	if got == nil {
		got = EmptyRoot()
	}
	if !bytes.Equal(got, root) {
		return Head{}, errors.New("log head: stored root does not match the stored range")
	}
	return Head{Size: size, Root: bytes.Clone(root), Range: hashes}, nil
}
