package vuln

import (
	"hash/maphash"
	"sync"

	"github.com/attest-dev/attest"
)

// internShards is how many independently locked maps an Interner has, so
// that the goroutines parsing reports seldom wait for each other.
const internShards = 64

// Interner makes equal strings of occurrences share one copy. Scanner
// reports repeat the same artifact, package, id, severity and description
// strings thousands of times; a parser allocates each anew. Interning each
// file's occurrences as it is read lets the parser's copies be collected, so
// memory grows with the distinct strings, not with the occurrences.
//
// An Interner is safe for concurrent use: the goroutines that parse reports
// intern their own files' occurrences.
type Interner struct {
	seed   maphash.Seed
	shards [internShards]internShard
}

type internShard struct {
	mu   sync.Mutex
	strs map[string]string
	one  map[string][]string
}

// NewInterner returns an empty Interner.
func NewInterner() *Interner {
	in := &Interner{seed: maphash.MakeSeed()}
	for i := range in.shards {
		in.shards[i].strs = make(map[string]string)
		in.shards[i].one = make(map[string][]string)
	}
	return in
}

func (in *Interner) shard(s string) *internShard {
	return &in.shards[maphash.String(in.seed, s)%internShards]
}

// String returns the shared copy of s.
func (in *Interner) String(s string) string {
	if s == "" {
		return ""
	}
	sh := in.shard(s)
	sh.mu.Lock()
	c, ok := sh.strs[s]
	if !ok {
		sh.strs[s], c = s, s
	}
	sh.mu.Unlock()
	return c
}

// strings interns a list in place; a one-element list is shared whole.
func (in *Interner) strings(ss []string) []string {
	switch len(ss) {
	case 0:
		return ss
	case 1:
		s := in.String(ss[0])
		sh := in.shard(s)
		sh.mu.Lock()
		c, ok := sh.one[s]
		if !ok {
			c = []string{s}
			sh.one[s] = c
		}
		sh.mu.Unlock()
		return c
	}
	for i, s := range ss {
		ss[i] = in.String(s)
	}
	return ss
}

// Occurrences interns the strings of occs in place. Occurrences of one
// report mostly share their file, artifact and package with the previous
// one; comparing with it is cheaper than hashing.
func (in *Interner) Occurrences(occs []attest.Occurrence) {
	var (
		lastArt, lastArtIn   attest.Artifact
		lastPkg, lastPkgIn   attest.Package
		lastFile, lastFileIn string
	)
	for i := range occs {
		o := &occs[i]
		o.Scanner = in.String(o.Scanner)
		if o.File != lastFile || lastFileIn == "" {
			lastFile, lastFileIn = o.File, in.String(o.File)
		}
		o.File = lastFileIn
		if i > 0 && o.Artifact == lastArt {
			o.Artifact = lastArtIn
		} else {
			lastArt = o.Artifact
			a := &o.Artifact
			a.Kind, a.Name, a.Tag = in.String(a.Kind), in.String(a.Name), in.String(a.Tag)
			a.ManifestDigest, a.ConfigDigest = in.String(a.ManifestDigest), in.String(a.ConfigDigest)
			lastArtIn = *a
		}
		if i > 0 && o.Package == lastPkg {
			o.Package = lastPkgIn
		} else {
			lastPkg = o.Package
			p := &o.Package
			p.PURL, p.Ecosystem, p.Name, p.Version = in.String(p.PURL), in.String(p.Ecosystem), in.String(p.Name), in.String(p.Version)
			lastPkgIn = *p
		}
		o.VulnID = in.String(o.VulnID)
		o.Aliases = in.strings(o.Aliases)
		o.Severity = in.String(o.Severity)
		for j := range o.CVSS {
			c := &o.CVSS[j]
			c.Source, c.Version, c.Vector = in.String(c.Source), in.String(c.Version), in.String(c.Vector)
		}
		o.FixedVersions = in.strings(o.FixedVersions)
		o.FixState = in.String(o.FixState)
		o.Title = in.String(o.Title)
		o.Description = in.String(o.Description)
		o.URLs = in.strings(o.URLs)
		o.Locations = in.strings(o.Locations)
		if o.EPSS != nil {
			o.EPSS.Date = in.String(o.EPSS.Date)
		}
	}
}
