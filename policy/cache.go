package policy

import (
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// virtualCache is the cache of rule and function values of one evaluation
// (topdown.VirtualCache), kept by a worker from one evaluation to the next:
// reset empties it but keeps its memory. OPA's own cache is a tree with a
// node, and a map per inner node, for every element of every reference it
// holds, made afresh for each evaluation; on a scan that is a tenth of all
// the memory evaluation allocates.
//
// A frame is a hash table from the hash of a reference to a chain of entries;
// the references are copied into the frame's arena, as the interpreter may
// reuse the slice it passed.
//
// The values of the references in keep (constantRules: rules whose value is
// the same for every resource) go to a frame of their own, which reset
// leaves alone: each worker evaluates such a rule once rather than once per
// resource.
type virtualCache struct {
	frames []*cacheFrame // frames[depth] is the active frame
	depth  int
	keep   *refSet
	kept   *cacheFrame
}

type cacheFrame struct {
	first   map[int]int32 // reference hash → index of the first entry + 1
	entries []cacheEntry
	arena   []*ast.Term
}

type cacheEntry struct {
	start, end int32 // the reference is arena[start:end]
	next       int32 // index of the next entry of the same hash + 1, or 0
	value      *ast.Term
	undefined  bool
}

var _ topdown.VirtualCache = (*virtualCache)(nil)

func newVirtualCache(keep *refSet) *virtualCache {
	return &virtualCache{frames: []*cacheFrame{newCacheFrame()}, keep: keep, kept: newCacheFrame()}
}

func newCacheFrame() *cacheFrame {
	return &cacheFrame{first: map[int]int32{}}
}

// reset empties the cache for the next evaluation, but for the values kept.
func (c *virtualCache) reset() {
	for _, f := range c.frames[:c.depth+1] {
		f.clear()
	}
	c.depth = 0
}

// dropKept forgets the kept values: an evaluation that failed may have left
// one that the rule's full evaluation would not have given.
func (c *virtualCache) dropKept() {
	c.kept.clear()
}

func (f *cacheFrame) clear() {
	clear(f.first)
	clear(f.entries) // drop the values for the collector
	f.entries = f.entries[:0]
	clear(f.arena)
	f.arena = f.arena[:0]
}

// Push starts a new, empty frame (the interpreter does so for a with
// statement).
func (c *virtualCache) Push() {
	c.depth++
	if c.depth == len(c.frames) {
		c.frames = append(c.frames, newCacheFrame())
	}
}

// Pop drops the active frame and its entries.
func (c *virtualCache) Pop() {
	c.frames[c.depth].clear()
	c.depth--
}

// Get returns the value cached for ref: (value, false) when it is defined,
// (nil, true) when it is cached as undefined, (nil, false) when it is not
// cached.
func (c *virtualCache) Get(ref ast.Ref) (*ast.Term, bool) {
	h := ref.Hash()
	if e := c.frame(ref, h).find(ref, h); e != nil {
		if e.undefined {
			return nil, true
		}
		return e.value, false
	}
	return nil, false
}

// Put caches value for ref; a nil value marks ref as undefined. As in OPA's
// cache, a reference once marked undefined stays so.
func (c *virtualCache) Put(ref ast.Ref, value *ast.Term) {
	h := ref.Hash()
	f := c.frame(ref, h)
	e := f.find(ref, h)
	if e == nil {
		start := len(f.arena)
		f.arena = append(f.arena, ref...)
		f.entries = append(f.entries, cacheEntry{start: int32(start), end: int32(len(f.arena)), next: f.first[h]})
		f.first[h] = int32(len(f.entries))
		e = &f.entries[len(f.entries)-1]
	}
	if value != nil {
		e.value = value
	} else {
		e.undefined = true
	}
}

// frame is the frame that holds ref, whose hash is h: the kept one for a
// reference of keep outside any with statement, else the active one.
func (c *virtualCache) frame(ref ast.Ref, h int) *cacheFrame {
	if c.depth == 0 && c.keep.has(ref, h) {
		return c.kept
	}
	return c.frames[c.depth]
}

// Keys returns the references that have a value in the active frame (and,
// outside any with statement, the kept ones).
func (c *virtualCache) Keys() []ast.Ref {
	var keys []ast.Ref
	frames := []*cacheFrame{c.frames[c.depth]}
	if c.depth == 0 {
		frames = append(frames, c.kept)
	}
	for _, f := range frames {
		for i := range f.entries {
			if e := &f.entries[i]; e.value != nil {
				keys = append(keys, append(ast.Ref(nil), f.arena[e.start:e.end]...))
			}
		}
	}
	return keys
}

func (f *cacheFrame) find(ref ast.Ref, h int) *cacheEntry {
	for i := f.first[h]; i != 0; {
		e := &f.entries[i-1]
		if f.equal(e, ref) {
			return e
		}
		i = e.next
	}
	return nil
}

func (f *cacheFrame) equal(e *cacheEntry, ref ast.Ref) bool {
	key := f.arena[e.start:e.end]
	if len(key) != len(ref) {
		return false
	}
	for i := range key {
		if !key[i].Equal(ref[i]) {
			return false
		}
	}
	return true
}
