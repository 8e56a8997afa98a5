package vuln

import (
	"encoding/binary"
	"hash/maphash"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/attest-dev/attest"
)

// Collector keeps the occurrences of many reports, in a compact form, until
// they are merged. Every distinct string that the merge compares (ids,
// scanners, files, artifacts, packages, severities), CVSS score, EPSS score
// and alias list is stored once, and each occurrence becomes a row of
// integer ids with no pointers: the merge compares and indexes integers
// where it would hash strings. The text that the merge only copies into the
// findings (titles, descriptions, fixed versions, URLs, locations) is not
// looked up at all: it is appended to its report's Part, once for a run of
// occurrences that share it. A million occurrences take some 130 MB that
// the garbage collector need not scan.
//
// A Collector is safe for concurrent use by the goroutines that parse
// reports, each adding its own files' occurrences; Merge runs once they are
// done.
type Collector struct {
	strs      table[string]
	arts      table[[5]uint32] // kind, name, tag, manifest digest, config digest
	pkgs      table[[4]uint32] // purl, ecosystem, name, version
	cvss      table[cvssKey]   // scores, not keyed: cvssLists are
	epss      table[epssKey]
	strLists  table[string] // lists of string ids, packed little-endian
	cvssLists table[string] // lists of CVSS ids, packed little-endian
}

// row is one occurrence as ids into a Collector's tables, where 0 stands
// for the empty string, the empty list and no EPSS score, and the offset of
// its text in its Part.
type row struct {
	scanner, file, art, pkg, vulnID uint32
	aliases                         uint32 // list of strings
	severity                        uint32
	cvss                            uint32 // list of CVSS scores
	fixState                        uint32
	epss                            uint32 // id+1 in the EPSS table; 0 for none
	// text is the offset in Part.text of the occurrence's title,
	// description, fixed versions, URLs and locations (textRecord).
	text uint64
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
type Part struct {
	rows []row
	// text holds the text records of rows, one after another.
	text string
}

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

// Add stores occs and returns them as a Part for Merge. occs is only read,
// and every string that Add keeps is copied: once Add returns, the caller
// may drop occs and reuse the memory its strings share (formats.Reader's
// Shared).
func (c *Collector) Add(occs []attest.Occurrence) Part {
	rows := make([]row, len(occs))
	var (
		key                               []byte // scratch space for table keys
		lastArt                           attest.Artifact
		lastPkg                           attest.Package
		artID, pkgID                      uint32
		scanner, file, severity, fixState lastString
		aliases                           lastList
		haveArt, havePkg                  bool
		textSize                          uint64
		lastText                          *attest.Occurrence // whose text record was counted last
	)
	for i := range occs {
		o := &occs[i]
		r := &rows[i]
		// Occurrences of one report mostly share their scanner, file,
		// artifact and package, severity and fix state with the one
		// before: comparing is cheaper than looking up.
		r.scanner = scanner.get(c, o.Scanner)
		r.file = file.get(c, o.File)
		if !haveArt || o.Artifact != lastArt {
			artID, key = c.artifact(&o.Artifact, key)
			lastArt, haveArt = o.Artifact, true
		}
		if !havePkg || o.Package != lastPkg {
			pkgID, key = c.pkg(&o.Package, key)
			lastPkg, havePkg = o.Package, true
		}
		r.art, r.pkg = artID, pkgID
		r.vulnID = c.str(o.VulnID)
		r.aliases, key = aliases.get(c, o.Aliases, key)
		r.severity = severity.get(c, o.Severity)
		r.cvss, key = c.cvssList(o.CVSS, key)
		r.fixState = fixState.get(c, o.FixState)
		// The text records are counted here and written below, into
		// memory of their exact size.
		if lastText == nil || !sameText(o, lastText) {
			r.text = textSize
			textSize += textRecordSize(o)
			lastText = o
		} else {
			r.text = rows[i-1].text
		}
		if e := o.EPSS; e != nil {
			// Stored as id+1: 0 is "no score", and a score whose fields
			// are all zero has id 0 in the table.
			key = binary.LittleEndian.AppendUint64(binary.LittleEndian.AppendUint64(key[:0], math.Float64bits(e.Score)), math.Float64bits(e.Percentile))
			key = append(key, e.Date...)
			id, ok := c.epss.lookup(key)
			if !ok {
				id = c.epss.add(string(key), epssKey{math.Float64bits(e.Score), math.Float64bits(e.Percentile), c.str(e.Date)})
			}
			r.epss = id + 1
		}
	}
	var text strings.Builder
	text.Grow(int(textSize))
	for i := range occs {
		// A record is at least 5 bytes long: rows that start a new one
		// have a new offset.
		if i == 0 || rows[i].text != rows[i-1].text {
			writeTextRecord(&text, &occs[i])
		}
	}
	return Part{rows: rows, text: text.String()}
}

// A text record is an occurrence's title, description, fixed versions,
// URLs and locations: each string its length (uvarint) and bytes, each list
// its length (uvarint) and strings. An empty list reads as nil.

// sameText reports whether a and b have the same text record.
func sameText(a, b *attest.Occurrence) bool {
	return a.Title == b.Title && a.Description == b.Description && slices.Equal(a.FixedVersions, b.FixedVersions) &&
		slices.Equal(a.URLs, b.URLs) && slices.Equal(a.Locations, b.Locations)
}

// textRecordSize returns the length of the text record of o.
func textRecordSize(o *attest.Occurrence) uint64 {
	n := textStringSize(o.Title) + textStringSize(o.Description)
	for _, l := range [...][]string{o.FixedVersions, o.URLs, o.Locations} {
		n += uvarintSize(uint64(len(l)))
		for _, s := range l {
			n += textStringSize(s)
		}
	}
	return n
}

func textStringSize(s string) uint64 { return uvarintSize(uint64(len(s))) + uint64(len(s)) }

// uvarintSize returns the length of x as a uvarint.
func uvarintSize(x uint64) uint64 {
	n := uint64(1)
	for ; x >= 0x80; x >>= 7 {
		n++
	}
	return n
}

// writeTextRecord writes the text record of o to b.
func writeTextRecord(b *strings.Builder, o *attest.Occurrence) {
	writeTextString(b, o.Title)
	writeTextString(b, o.Description)
	for _, l := range [...][]string{o.FixedVersions, o.URLs, o.Locations} {
		writeUvarint(b, uint64(len(l)))
		for _, s := range l {
			writeTextString(b, s)
		}
	}
}

func writeTextString(b *strings.Builder, s string) {
	writeUvarint(b, uint64(len(s)))
	b.WriteString(s)
}

func writeUvarint(b *strings.Builder, x uint64) {
	for ; x >= 0x80; x >>= 7 {
		b.WriteByte(byte(x) | 0x80)
	}
	b.WriteByte(byte(x))
}

// textReader reads the text records of a Part. Its lists are carved from
// a slab of its own: the strings of many lists take one allocation.
type textReader struct {
	slab []string
}

// read fills the text fields of o from the record at off in text. The
// strings share text's memory.
func (tr *textReader) read(o *attest.Occurrence, text string, off uint64) {
	pos := int(off)
	o.Title, pos = readTextString(text, pos)
	o.Description, pos = readTextString(text, pos)
	o.FixedVersions, pos = tr.readList(text, pos)
	o.URLs, pos = tr.readList(text, pos)
	o.Locations, _ = tr.readList(text, pos)
}

// readTextString reads a string of a text record at pos.
func readTextString(text string, pos int) (string, int) {
	n, w := uvarint(text, pos)
	pos += w
	return text[pos : pos+int(n)], pos + int(n)
}

// textSlab is how many strings a textReader's slab holds.
const textSlab = 4096

func (tr *textReader) readList(text string, pos int) ([]string, int) {
	n, w := uvarint(text, pos)
	pos += w
	if n == 0 {
		return nil, pos
	}
	if cap(tr.slab)-len(tr.slab) < int(n) {
		tr.slab = make([]string, 0, max(textSlab, int(n)))
	}
	from := len(tr.slab)
	for range n {
		var s string
		s, pos = readTextString(text, pos)
		tr.slab = append(tr.slab, s)
	}
	return tr.slab[from:len(tr.slab):len(tr.slab)], pos
}

// uvarint decodes the uvarint at text[pos:] and returns it and its width;
// the records are written by appendTextRecord, so it is well formed.
func uvarint(text string, pos int) (uint64, int) {
	var x uint64
	for i, shift := 0, uint(0); ; i, shift = i+1, shift+7 {
		b := text[pos+i]
		if b < 0x80 {
			return x | uint64(b)<<shift, i + 1
		}
		x |= uint64(b&0x7f) << shift
	}
}

// lastString remembers the id of the string met last.
type lastString struct {
	s  string
	id uint32
	ok bool
}

func (l *lastString) get(c *Collector, s string) uint32 {
	if !l.ok || s != l.s {
		l.s, l.id, l.ok = s, c.str(s), true
	}
	return l.id
}

// lastList remembers the id of the list of strings met last.
type lastList struct {
	ss []string
	id uint32
	ok bool
}

func (l *lastList) get(c *Collector, ss []string, key []byte) (uint32, []byte) {
	if !l.ok || !slices.Equal(ss, l.ss) {
		l.ss, l.ok = ss, true
		l.id, key = c.strList(ss, key)
	}
	return l.id, key
}

func (c *Collector) str(s string) uint32 {
	if s == "" {
		return 0
	}
	if id, ok := c.strs.lookupString(s); ok {
		return id
	}
	s = strings.Clone(s) // s may share memory the caller reuses
	return c.strs.add(s, s)
}

// appendField appends s to a table key, prefixed with its length so that
// the fields of a key cannot run into each other.
func appendField(key []byte, s string) []byte {
	return append(binary.AppendUvarint(key, uint64(len(s))), s...)
}

// artifact stores an artifact, using key as scratch space. A known
// artifact costs one lookup; its strings are stored only when it is new.
func (c *Collector) artifact(a *attest.Artifact, key []byte) (uint32, []byte) {
	key = appendField(appendField(appendField(appendField(appendField(key[:0], a.Kind), a.Name), a.Tag), a.ManifestDigest), a.ConfigDigest)
	if id, ok := c.arts.lookup(key); ok {
		return id, key
	}
	return c.arts.add(string(key), [5]uint32{c.str(a.Kind), c.str(a.Name), c.str(a.Tag), c.str(a.ManifestDigest), c.str(a.ConfigDigest)}), key
}

// pkg stores a package as artifact stores an artifact.
func (c *Collector) pkg(p *attest.Package, key []byte) (uint32, []byte) {
	key = appendField(appendField(appendField(appendField(key[:0], p.PURL), p.Ecosystem), p.Name), p.Version)
	if id, ok := c.pkgs.lookup(key); ok {
		return id, key
	}
	return c.pkgs.add(string(key), [4]uint32{c.str(p.PURL), c.str(p.Ecosystem), c.str(p.Name), c.str(p.Version)}), key
}

// strList stores a list of strings as artifact stores an artifact.
func (c *Collector) strList(ss []string, key []byte) (uint32, []byte) {
	if len(ss) == 0 {
		return 0, key
	}
	key = key[:0]
	for _, s := range ss {
		key = appendField(key, s)
	}
	if id, ok := c.strLists.lookup(key); ok {
		return id, key
	}
	ids := make([]byte, 0, 4*len(ss))
	for _, s := range ss {
		ids = binary.LittleEndian.AppendUint32(ids, c.str(s))
	}
	return c.strLists.add(string(key), string(ids)), key
}

// cvssList stores a list of CVSS scores as artifact stores an artifact.
func (c *Collector) cvssList(cs []attest.CVSS, key []byte) (uint32, []byte) {
	if len(cs) == 0 {
		return 0, key
	}
	key = key[:0]
	for _, s := range cs {
		key = appendField(appendField(appendField(key, s.Source), s.Version), s.Vector)
		key = binary.LittleEndian.AppendUint64(key, math.Float64bits(s.Score))
	}
	if id, ok := c.cvssLists.lookup(key); ok {
		return id, key
	}
	ids := make([]byte, 0, 4*len(cs))
	for _, s := range cs {
		ids = binary.LittleEndian.AppendUint32(ids, c.cvss.add("", cvssKey{c.str(s.Source), c.str(s.Version), c.str(s.Vector), math.Float64bits(s.Score)}))
	}
	return c.cvssLists.add(string(key), string(ids)), key
}

// tableShards is how many independently locked maps a table has, so that
// the goroutines adding reports seldom wait for each other. The shard of a
// value is its id modulo tableShards.
const tableShards = 32

// table gives each distinct key a uint32 id and keeps a value for it; id 0
// is reserved for the zero value (the empty string or list, no score),
// which callers give without a lookup.
type table[V any] struct {
	seed   maphash.Seed
	shards [tableShards]tableShard[V]
}

type tableShard[V any] struct {
	mu   sync.Mutex
	ids  map[string]uint32
	vals []V
}

func (t *table[V]) init() {
	t.seed = maphash.MakeSeed()
	for i := range t.shards {
		t.shards[i].ids = make(map[string]uint32)
	}
	var zero V
	t.shards[0].vals = append(t.shards[0].vals, zero)
}

// lookup returns the id of key, if it has one.
func (t *table[V]) lookup(key []byte) (uint32, bool) {
	sh := &t.shards[maphash.Bytes(t.seed, key)%tableShards]
	sh.mu.Lock()
	id, ok := sh.ids[string(key)]
	sh.mu.Unlock()
	return id, ok
}

// lookupString is lookup of a string key.
func (t *table[V]) lookupString(key string) (uint32, bool) {
	sh := &t.shards[maphash.String(t.seed, key)%tableShards]
	sh.mu.Lock()
	id, ok := sh.ids[key]
	sh.mu.Unlock()
	return id, ok
}

// add gives key an id with value v, unless another goroutine gave it one
// first, and returns its id. A key of "" gives v an id of its own without
// keying it.
func (t *table[V]) add(key string, v V) uint32 {
	s := uint32(maphash.String(t.seed, key) % tableShards)
	sh := &t.shards[s]
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if key != "" {
		if id, ok := sh.ids[key]; ok {
			return id
		}
	}
	id := uint32(len(sh.vals))*tableShards + s
	if key != "" {
		sh.ids[key] = id
	}
	sh.vals = append(sh.vals, v)
	return id
}

// get returns the value of id, which add returned.
func (t *table[V]) get(id uint32) V {
	sh := &t.shards[id%tableShards]
	sh.mu.Lock()
	v := sh.vals[id/tableShards]
	sh.mu.Unlock()
	return v
}

// dense returns the values indexed by id (ids that no value has read as the
// zero value). It must not run concurrently with add.
func (t *table[V]) dense() []V {
	n := 0
	for i := range t.shards {
		n = max(n, len(t.shards[i].vals))
	}
	out := make([]V, n*tableShards)
	for s := range t.shards {
		for i, v := range t.shards[s].vals {
			out[i*tableShards+s] = v
		}
	}
	return out
}

// unpack returns each list of a table of packed uint32 ids (little-endian)
// indexed by id; the empty list is nil.
func unpack(lists []string) [][]uint32 {
	total := 0
	for _, v := range lists {
		total += len(v) / 4
	}
	out := make([][]uint32, len(lists))
	flat := make([]uint32, 0, total)
	for i, v := range lists {
		if v == "" {
			continue
		}
		from := len(flat)
		for j := 0; j < len(v); j += 4 {
			flat = append(flat, uint32(v[j])|uint32(v[j+1])<<8|uint32(v[j+2])<<16|uint32(v[j+3])<<24)
		}
		out[i] = flat[from:len(flat):len(flat)]
	}
	return out
}
