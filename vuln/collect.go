package vuln

import (
	"encoding/binary"
	"hash/maphash"
	"math"
	"sync"

	"github.com/attest-dev/attest"
)

// Collector keeps the occurrences of many reports, in a compact form, until
// they are merged. Every distinct string, artifact, package, CVSS score,
// EPSS score and list is stored once, and each occurrence becomes a row of
// integer ids with no pointers: a million occurrences take some 60 MB that
// the garbage collector need not scan, and the merge compares and indexes
// integers where it would hash strings.
//
// A Collector is safe for concurrent use by the goroutines that parse
// reports, each adding its own files' occurrences; Merge runs once they are
// done.
type Collector struct {
	strs      table[string]
	arts      table[[5]uint32] // kind, name, tag, manifest digest, config digest
	pkgs      table[[4]uint32] // purl, ecosystem, name, version
	cvss      table[cvssKey]
	epss      table[epssKey]
	strLists  listTable // lists of string ids
	cvssLists listTable // lists of CVSS ids
}

// row is one occurrence as ids into a Collector's tables; 0 stands for the
// empty string, the empty list and no EPSS score.
type row struct {
	scanner, file, art, pkg, vulnID uint32
	aliases                         uint32 // list of strings
	severity                        uint32
	cvss                            uint32 // list of CVSS scores
	fixed                           uint32 // list of strings
	fixState, title, description    uint32
	urls, locations                 uint32 // lists of strings
	epss                            uint32 // id+1 in the EPSS table; 0 for none
}

type cvssKey struct {
	source, version, vector uint32
	// score holds the bits of the float, so that -0 and 0 stay apart.
	score uint64
}

type epssKey struct {
	score, percentile uint64 // float bits
	date              uint32
}

// Part is the occurrences of one report as a Collector holds them.
type Part struct{ rows []row }

// Len returns the number of occurrences in p.
func (p Part) Len() int { return len(p.rows) }

// NewCollector returns an empty Collector.
func NewCollector() *Collector {
	c := &Collector{}
	c.strs.init()
	c.arts.init()
	c.pkgs.init()
	c.cvss.init()
	c.epss.init()
	c.strLists.init()
	c.cvssLists.init()
	return c
}

// Add stores occs and returns them as a Part for Merge. occs is only read:
// the caller may drop it once Add returns.
func (c *Collector) Add(occs []attest.Occurrence) Part {
	rows := make([]row, len(occs))
	var (
		buf                     []byte
		lastArt                 attest.Artifact
		lastPkg                 attest.Package
		lastFile                string
		artID, pkgID, fileID    uint32
		lastScanner             string
		scannerID               uint32
		haveArt, havePkg, first = false, false, true
	)
	for i := range occs {
		o := &occs[i]
		r := &rows[i]
		// Occurrences of one report mostly share their scanner, file,
		// artifact and package with the one before: comparing is cheaper
		// than looking up.
		if first || o.Scanner != lastScanner {
			lastScanner, scannerID = o.Scanner, c.str(o.Scanner)
		}
		if first || o.File != lastFile {
			lastFile, fileID = o.File, c.str(o.File)
		}
		first = false
		if !haveArt || o.Artifact != lastArt {
			a := &o.Artifact
			artID = c.arts.id([5]uint32{c.str(a.Kind), c.str(a.Name), c.str(a.Tag), c.str(a.ManifestDigest), c.str(a.ConfigDigest)})
			lastArt, haveArt = *a, true
		}
		if !havePkg || o.Package != lastPkg {
			p := &o.Package
			pkgID = c.pkgs.id([4]uint32{c.str(p.PURL), c.str(p.Ecosystem), c.str(p.Name), c.str(p.Version)})
			lastPkg, havePkg = *p, true
		}
		r.scanner, r.file, r.art, r.pkg = scannerID, fileID, artID, pkgID
		r.vulnID = c.str(o.VulnID)
		r.aliases, buf = c.strList(o.Aliases, buf)
		r.severity = c.str(o.Severity)
		if len(o.CVSS) > 0 {
			buf = buf[:0]
			for _, s := range o.CVSS {
				id := c.cvss.id(cvssKey{c.str(s.Source), c.str(s.Version), c.str(s.Vector), math.Float64bits(s.Score)})
				buf = binary.LittleEndian.AppendUint32(buf, id)
			}
			r.cvss = c.cvssLists.id(buf)
		}
		r.fixed, buf = c.strList(o.FixedVersions, buf)
		r.fixState = c.str(o.FixState)
		r.title = c.str(o.Title)
		r.description = c.str(o.Description)
		r.urls, buf = c.strList(o.URLs, buf)
		r.locations, buf = c.strList(o.Locations, buf)
		if e := o.EPSS; e != nil {
			// Stored as id+1: 0 is "no score", and a score whose fields
			// are all zero has id 0 in the table.
			r.epss = c.epss.id(epssKey{math.Float64bits(e.Score), math.Float64bits(e.Percentile), c.str(e.Date)}) + 1
		}
	}
	return Part{rows: rows}
}

func (c *Collector) str(s string) uint32 {
	if s == "" {
		return 0
	}
	return c.strs.id(s)
}

// strList stores a list of strings, using buf as scratch space.
func (c *Collector) strList(ss []string, buf []byte) (uint32, []byte) {
	if len(ss) == 0 {
		return 0, buf
	}
	buf = buf[:0]
	for _, s := range ss {
		buf = binary.LittleEndian.AppendUint32(buf, c.str(s))
	}
	return c.strLists.id(buf), buf
}

// tableShards is how many independently locked maps a table has, so that
// the goroutines adding reports seldom wait for each other. The shard of a
// value is its id modulo tableShards.
const tableShards = 32

// table gives each distinct value of K a uint32 id; id 0 is the zero value.
type table[K comparable] struct {
	seed   maphash.Seed
	shards [tableShards]tableShard[K]
}

type tableShard[K comparable] struct {
	mu   sync.Mutex
	ids  map[K]uint32
	vals []K
}

func (t *table[K]) init() {
	t.seed = maphash.MakeSeed()
	for i := range t.shards {
		t.shards[i].ids = make(map[K]uint32)
	}
	var zero K
	t.shards[0].vals = append(t.shards[0].vals, zero)
}

// id returns the id of k, giving it one if it has none yet.
func (t *table[K]) id(k K) uint32 {
	var zero K
	if k == zero {
		return 0
	}
	s := uint32(maphash.Comparable(t.seed, k) % tableShards)
	sh := &t.shards[s]
	sh.mu.Lock()
	id, ok := sh.ids[k]
	if !ok {
		id = uint32(len(sh.vals))*tableShards + s
		sh.ids[k] = id
		sh.vals = append(sh.vals, k)
	}
	sh.mu.Unlock()
	return id
}

// dense returns the values indexed by id (ids that no value has read as the
// zero value). It must not run concurrently with id.
func (t *table[K]) dense() []K {
	n := 0
	for i := range t.shards {
		n = max(n, len(t.shards[i].vals))
	}
	out := make([]K, n*tableShards)
	for s := range t.shards {
		for i, v := range t.shards[s].vals {
			out[i*tableShards+s] = v
		}
	}
	return out
}

// listTable gives each distinct list of uint32 ids, packed little-endian
// into bytes, a uint32 id; id 0 is the empty list.
type listTable struct {
	seed   maphash.Seed
	shards [tableShards]listShard
}

type listShard struct {
	mu   sync.Mutex
	ids  map[string]uint32
	vals []string
}

func (t *listTable) init() {
	t.seed = maphash.MakeSeed()
	for i := range t.shards {
		t.shards[i].ids = make(map[string]uint32)
	}
	t.shards[0].vals = append(t.shards[0].vals, "")
}

func (t *listTable) id(packed []byte) uint32 {
	if len(packed) == 0 {
		return 0
	}
	s := uint32(maphash.Bytes(t.seed, packed) % tableShards)
	sh := &t.shards[s]
	sh.mu.Lock()
	id, ok := sh.ids[string(packed)]
	if !ok {
		id = uint32(len(sh.vals))*tableShards + s
		k := string(packed)
		sh.ids[k] = id
		sh.vals = append(sh.vals, k)
	}
	sh.mu.Unlock()
	return id
}

// dense returns the lists indexed by id, unpacked.
func (t *listTable) dense() [][]uint32 {
	n, total := 0, 0
	for i := range t.shards {
		n = max(n, len(t.shards[i].vals))
		for _, v := range t.shards[i].vals {
			total += len(v) / 4
		}
	}
	out := make([][]uint32, n*tableShards)
	flat := make([]uint32, 0, total)
	for s := range t.shards {
		for i, v := range t.shards[s].vals {
			from := len(flat)
			for j := 0; j < len(v); j += 4 {
				flat = append(flat, uint32(v[j])|uint32(v[j+1])<<8|uint32(v[j+2])<<16|uint32(v[j+3])<<24)
			}
			out[i*tableShards+s] = flat[from:len(flat):len(flat)]
		}
	}
	return out
}
