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
// The values of constant rules (constantRules), put while no with statement
// is active, are kept across reset: they are the same for every resource.
type virtualCache struct {
	frames []*cacheFrame // frames[depth] is the active frame
	depth  int
	keep   *refSet     // the refs of the constant rules, or nil
	kept   []keptEntry // the constant rules cached, and their entries while reset runs
}

type keptEntry struct {
	ref              ast.Ref
	value            *ast.Term
	undefined, found bool
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

func newVirtualCache() *virtualCache {
	return &virtualCache{frames: []*cacheFrame{newCacheFrame()}}
}

// newKeepingCache is a cache that keeps the values of the rules of keep
// across reset.
func newKeepingCache(keep *refSet) *virtualCache {
	c := newVirtualCache()
	if keep != nil && keep.n > 0 {
		c.keep = keep
	}
	return c
}

func newCacheFrame() *cacheFrame {
	return &cacheFrame{first: map[int]int32{}}
}

// reset empties the cache for the next evaluation, but for the entries of
// constant rules in the bottom frame.
func (c *virtualCache) reset() {
	f := c.frames[0]
	for i := range c.kept {
		k := &c.kept[i]
		e := f.find(k.ref, k.ref.Hash())
		k.found = e != nil
		if e != nil {
			k.value, k.undefined = e.value, e.undefined
		}
	}
	for _, f := range c.frames[:c.depth+1] {
		f.clear()
	}
	c.depth = 0
	for i := range c.kept {
		k := &c.kept[i]
		if !k.found {
			continue
		}
		e := f.put(k.ref, k.ref.Hash(), k.value)
		e.undefined = k.undefined
		k.value = nil
	}
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
	f := c.frames[c.depth]
	if e := f.find(ref, ref.Hash()); e != nil {
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
	if c.depth == 0 && c.keep.contains(ref, h) && !c.isKept(ref) {
		c.kept = append(c.kept, keptEntry{ref: ref.Copy()})
	}
	c.frames[c.depth].put(ref, h, value)
}

// isKept reports whether ref is among the kept values already (a value
// put again, or undefined marked after a value).
func (c *virtualCache) isKept(ref ast.Ref) bool {
	for _, k := range c.kept {
		if k.ref.Equal(ref) {
			return true
		}
	}
	return false
}

// put caches value for ref, whose hash is h, and returns its entry.
func (f *cacheFrame) put(ref ast.Ref, h int, value *ast.Term) *cacheEntry {
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
	return e
}

// Keys returns the references that have a value in the active frame.
func (c *virtualCache) Keys() []ast.Ref {
	f := c.frames[c.depth]
	var keys []ast.Ref
	for i := range f.entries {
		if e := &f.entries[i]; e.value != nil {
			keys = append(keys, append(ast.Ref(nil), f.arena[e.start:e.end]...))
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
