package vuln

import (
	"cmp"
	"math"
	"runtime"
	"sync"

	"slices"
	"strings"

	"github.com/attest-dev/attest"
)

// SeverityUnknown is the severity of an occurrence whose scanner gave none.
const SeverityUnknown = "unknown"

// NormalizeSeverity maps a scanner's severity word to one of attest's
// severities, or "unknown".
func NormalizeSeverity(s string) string {
	switch s {
	case attest.SeverityCritical, attest.SeverityHigh, attest.SeverityMedium, attest.SeverityLow, attest.SeverityInfo:
		return s
	}
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "critical":
		return attest.SeverityCritical
	case "high", "important":
		return attest.SeverityHigh
	case "medium", "moderate":
		return attest.SeverityMedium
	case "low":
		return attest.SeverityLow
	case "info", "informational", "negligible", "none":
		return attest.SeverityInfo
	}
	return SeverityUnknown
}

// severityFromScore maps a CVSS base score to a severity as CVSS v3 does.
func severityFromScore(s float64) string {
	switch {
	case s >= 9:
		return attest.SeverityCritical
	case s >= 7:
		return attest.SeverityHigh
	case s >= 4:
		return attest.SeverityMedium
	case s > 0:
		return attest.SeverityLow
	}
	return SeverityUnknown
}

// entry is one occurrence counted under one vulnerability node (an
// advisory that lists several CVEs gives one entry per CVE).
type entry struct {
	part, occ, art, pkg, vid int32
	// multi is set for the entries of an advisory that lists several CVEs.
	multi bool
}

// merger holds the tables of one Merge call. Artifacts, packages and ids
// get dense merge ids in the order the occurrences first name them, so the
// result does not depend on the order in which a Collector met them.
type merger struct {
	c *Collector
	// parts are the parts indexed so far, in order, and entries their
	// entries.
	parts   []Part
	entries []entry
	cves    []int32 // scratch space of add

	// The Collector's tables, indexed by its ids, read whole once every
	// part is in (tables). Until then the index reads from c the values
	// of the ids it meets for the first time; idLists holds the lists of
	// ids it has met (nil for one not yet met, but for the empty list 0).
	strs      []string
	idLists   [][]uint32
	strLists  [][]string
	cvssLists [][]attest.CVSS
	epss      []attest.EPSS

	artOf []int32 // merge artifact of each Collector artifact, -1 until met
	arts  []attest.Artifact
	artUF unionFind
	// digestOwner maps "repository-base@digest" to the first artifact seen
	// with it.
	digestOwner map[string]int32

	pkgOf []int32 // merge package of each Collector package, -1 until met
	pkgID map[string]int32
	pkgs  []attest.Package
	// pkgNV is the normalised "name\x00version" of each identity, set
	// only for identities without an ecosystem.
	pkgNV map[int32]string

	nodeOf []int32 // node of each Collector string used as an id, -1 until met
	idOf   map[string]int32
	ids    []string
	idUF   unionFind
}

// Merge folds occurrences from any number of scanners and reports into one
// attest.Vulnerability per (artifact, package, vulnerability); the package
// documentation says how each identity is decided. The result is sorted by
// artifact, package and id (Rank orders it by priority).
func Merge(occs []attest.Occurrence) []attest.Vulnerability {
	c := NewCollector()
	return c.Merge([]Part{c.Add(occs)})
}

// MergeParts is Merge over occurrences held in several slices (one per
// report file, say).
func MergeParts(parts [][]attest.Occurrence) []attest.Vulnerability {
	c := NewCollector()
	ps := make([]Part, len(parts))
	for i, occs := range parts {
		ps[i] = c.Add(occs)
	}
	return c.Merge(ps)
}

// Merge is vuln.Merge over parts that were added to c, in the order given.
// It must not run concurrently with Add.
func (c *Collector) Merge(parts []Part) []attest.Vulnerability {
	g := c.NewMerging()
	for _, p := range parts {
		g.Add(p)
	}
	return g.Finish()
}

// Merging is Collector.Merge fed one part at a time, so that indexing the
// occurrences (the merge's first step, which runs on one goroutine) overlaps
// the parsing of the reports that come after.
type Merging struct{ m *merger }

// NewMerging starts a merge of parts of c.
func (c *Collector) NewMerging() *Merging {
	return &Merging{m: &merger{
		c:           c,
		digestOwner: make(map[string]int32),
		pkgID:       make(map[string]int32),
		pkgNV:       make(map[int32]string),
		idOf:        make(map[string]int32),
	}}
}

// Add indexes p, the next part in order. It may run while the Collector
// adds other parts, but not concurrently with itself or Finish.
func (g *Merging) Add(p Part) { g.m.add(p) }

// Finish returns what Collector.Merge returns for the parts given to Add,
// in the order given. It must not run concurrently with Collector.Add.
func (g *Merging) Finish() []attest.Vulnerability {
	m := g.m
	m.tables()
	m.joinTags()
	return m.build(m.parts, m.entries)
}

// tables takes the tables of m.c in the form the merge's build reads them.
func (m *merger) tables() {
	c := m.c
	m.strs = c.strs.dense()
	m.idLists = unpack(c.strLists.dense())
	m.strLists = make([][]string, len(m.idLists))
	for i, ids := range m.idLists {
		if len(ids) == 0 {
			continue
		}
		l := make([]string, len(ids))
		for j, id := range ids {
			l[j] = m.strs[id]
		}
		m.strLists[i] = l
	}
	cvss := c.cvss.dense()
	cvssLists := unpack(c.cvssLists.dense())
	m.cvssLists = make([][]attest.CVSS, len(cvssLists))
	for i, ids := range cvssLists {
		if len(ids) == 0 {
			continue
		}
		l := make([]attest.CVSS, len(ids))
		for j, id := range ids {
			k := cvss[id]
			l[j] = attest.CVSS{Source: m.strs[k.source], Version: m.strs[k.version], Vector: m.strs[k.vector], Score: math.Float64frombits(k.score)}
		}
		m.cvssLists[i] = l
	}
	epss := c.epss.dense()
	m.epss = make([]attest.EPSS, len(epss))
	for i, k := range epss {
		m.epss[i] = attest.EPSS{Score: math.Float64frombits(k.score), Percentile: math.Float64frombits(k.percentile), Date: m.strs[k.date]}
	}
}

// grown returns s with room for index id, new elements set to -1.
func grown(s []int32, id uint32) []int32 {
	n := len(s)
	if int(id) < n {
		return s
	}
	s = slices.Grow(s, int(id)+1-n)[:id+1]
	for i := n; i < len(s); i++ {
		s[i] = -1
	}
	return s
}

// str returns the string a Collector string id stands for.
func (m *merger) str(id uint32) string {
	if int(id) < len(m.strs) {
		return m.strs[id]
	}
	return m.c.strs.get(id)
}

// idList returns the list of string ids a Collector list id stands for.
func (m *merger) idList(id uint32) []uint32 {
	if id == 0 {
		return nil
	}
	if int(id) < len(m.idLists) && m.idLists[id] != nil {
		return m.idLists[id]
	}
	l := unpack([]string{m.c.strLists.get(id)})[0]
	if int(id) >= len(m.idLists) {
		m.idLists = slices.Grow(m.idLists, int(id)+1-len(m.idLists))[:id+1]
	}
	m.idLists[id] = l
	return l
}

// artifactOf returns the artifact a Collector artifact id stands for.
func (m *merger) artifactOf(id uint32) attest.Artifact {
	a := m.c.arts.get(id)
	return attest.Artifact{Kind: m.str(a[0]), Name: m.str(a[1]), Tag: m.str(a[2]), ManifestDigest: m.str(a[3]), ConfigDigest: m.str(a[4])}
}

// packageOf returns the package a Collector package id stands for.
func (m *merger) packageOf(id uint32) attest.Package {
	p := m.c.pkgs.get(id)
	return attest.Package{PURL: m.str(p[0]), Ecosystem: m.str(p[1]), Name: m.str(p[2]), Version: m.str(p[3])}
}

// occurrence returns the occurrence that row i of p stands for, but for
// its artifact and package, which its finding takes from its identity; tr
// reads its text. Its lists are shared with other occurrences and must not
// be changed.
func (m *merger) occurrence(p *Part, i int32, tr *textReader) attest.Occurrence {
	r := &p.rows[i]
	o := attest.Occurrence{
		Scanner:  m.strs[r.scanner],
		File:     m.strs[r.file],
		VulnID:   m.strs[r.vulnID],
		Aliases:  m.strLists[r.aliases],
		Severity: m.strs[r.severity],
		CVSS:     m.cvssLists[r.cvss],
		FixState: m.strs[r.fixState],
	}
	tr.read(&o, p.text, r.text)
	if r.epss != 0 {
		o.EPSS = &m.epss[r.epss-1]
	}
	return o
}

// artifact gives a merge id to a Collector artifact and joins it with every
// artifact that shares one of its digests.
func (m *merger) artifact(id uint32) int32 {
	if int(id) < len(m.artOf) && m.artOf[id] >= 0 {
		return m.artOf[id]
	}
	m.artOf = grown(m.artOf, id)
	a := m.artifactOf(id)
	i := m.artUF.add()
	m.artOf[id] = i
	m.arts = append(m.arts, a)
	switch a.Kind {
	case attest.ArtifactImage, "":
		base := repositoryBase(a.Name)
		for _, d := range []string{a.ManifestDigest, a.ConfigDigest} {
			if d == "" {
				continue
			}
			k := base + "@" + strings.ToLower(d)
			if o, ok := m.digestOwner[k]; ok {
				m.artUF.union(i, o)
			} else {
				m.digestOwner[k] = i
			}
		}
	default:
		k := ArtifactLineKey(a)
		if o, ok := m.digestOwner[k]; ok {
			m.artUF.union(i, o)
		} else {
			m.digestOwner[k] = i
		}
	}
	return i
}

// joinTags joins each image that has no digest with the digested image of
// the same repository and tag, when exactly one such image (after digest
// joining) exists, and digest-less images of the same repository:tag with
// each other.
func (m *merger) joinTags() {
	const ambiguous = -1
	owner := make(map[string]int32)
	for i, a := range m.arts {
		if (a.Kind != attest.ArtifactImage && a.Kind != "") || (a.ManifestDigest == "" && a.ConfigDigest == "") {
			continue
		}
		k := NormalizeRepository(a.Name) + ":" + a.Tag
		r := m.artUF.find(int32(i))
		if o, ok := owner[k]; !ok {
			owner[k] = r
		} else if o != ambiguous && m.artUF.find(o) != r {
			owner[k] = ambiguous
		}
	}
	bare := make(map[string]int32)
	for i, a := range m.arts {
		if (a.Kind != attest.ArtifactImage && a.Kind != "") || a.ManifestDigest != "" || a.ConfigDigest != "" {
			continue
		}
		k := NormalizeRepository(a.Name) + ":" + a.Tag
		if o, ok := owner[k]; ok && o != ambiguous {
			m.artUF.union(int32(i), o)
			continue
		}
		if o, ok := bare[k]; ok {
			m.artUF.union(int32(i), o)
		} else {
			bare[k] = int32(i)
		}
	}
}

// pkg gives a Collector package its package identity.
func (m *merger) pkg(id uint32) int32 {
	if int(id) < len(m.pkgOf) && m.pkgOf[id] >= 0 {
		return m.pkgOf[id]
	}
	m.pkgOf = grown(m.pkgOf, id)
	p := m.packageOf(id)
	eco, name, ver := packageParts(p)
	k := eco + "\x00" + name + "\x00" + ver
	i, ok := m.pkgID[k]
	if !ok {
		i = int32(len(m.pkgs))
		m.pkgID[k] = i
		if eco == "" {
			m.pkgNV[i] = name + "\x00" + ver
		}
		rep := p
		rep.Version = normalizeVersion(rep.Version)
		rep.Ecosystem = NormalizeEcosystem(rep.Ecosystem)
		if rep.Ecosystem == "" {
			if u, ok := ParsePURL(p.PURL); ok {
				rep.Ecosystem = NormalizeEcosystem(u.Type)
			}
		}
		m.pkgs = append(m.pkgs, rep)
	} else if m.pkgs[i].PURL == "" && p.PURL != "" {
		m.pkgs[i].PURL = p.PURL
	}
	m.pkgOf[id] = i
	return i
}

// node gives the vulnerability id that a Collector string spells its node.
func (m *merger) node(str uint32) int32 {
	if int(str) < len(m.nodeOf) && m.nodeOf[str] >= 0 {
		return m.nodeOf[str]
	}
	m.nodeOf = grown(m.nodeOf, str)
	id := NormalizeID(m.str(str))
	i, ok := m.idOf[id]
	if !ok {
		i = m.idUF.add()
		m.idOf[id] = i
		m.ids = append(m.ids, id)
	}
	m.nodeOf[str] = i
	return i
}

// add gives every occurrence of p, the next part, its merge ids and joins
// the ids seen together.
func (m *merger) add(p Part) {
	pi := int32(len(m.parts))
	m.parts = append(m.parts, p)
	entries, cves := m.entries, m.cves
	if cap(entries)-len(entries) < len(p.rows) {
		// Double the room rather than let append grow it by a quarter at
		// a time: the entries of a million occurrences would be copied
		// some five times over, each time into fresh memory.
		entries = slices.Grow(entries, max(len(p.rows), cap(entries)))
	}
	for i := range p.rows {
		r := &p.rows[i]
		a := m.artifact(r.art)
		pk := m.pkg(r.pkg)
		v := m.node(r.vulnID)
		aliases := m.idList(r.aliases)
		cves = cves[:0]
		if IsCVE(m.ids[v]) {
			cves = append(cves, v)
		}
		for _, al := range aliases {
			n := m.node(al)
			if IsCVE(m.ids[n]) && !slices.Contains(cves, n) {
				cves = append(cves, n)
			}
		}
		if len(cves) <= 1 {
			for _, al := range aliases {
				m.idUF.union(v, m.node(al))
			}
			entries = append(entries, entry{part: pi, occ: int32(i), art: a, pkg: pk, vid: v})
			continue
		}
		for _, c := range cves {
			entries = append(entries, entry{part: pi, occ: int32(i), art: a, pkg: pk, vid: c, multi: true})
		}
	}
	m.entries, m.cves = entries, cves
}

// group is a set of ids that name one vulnerability.
type group struct {
	name    string
	aliases []string
}

// findingKey is the identity of a merged vulnerability.
type findingKey struct{ art, pkg, vid int32 }

// packed returns k as one integer, when its artifact and package are below
// 1<<21 and its id below 1<<22.
func (k findingKey) packed() uint64 {
	return uint64(k.art)<<43 | uint64(k.pkg)<<22 | uint64(k.vid)
}

// build groups the entries by identity and makes the merged findings.
func (m *merger) build(parts []Part, entries []entry) []attest.Vulnerability {
	// Name each id group by its best id; the rest are aliases.
	groups := make(map[int32]*group)
	for n, id := range m.ids {
		r := m.idUF.find(int32(n))
		g := groups[r]
		if g == nil {
			g = &group{name: id}
			groups[r] = g
		} else if betterID(id, g.name) {
			g.aliases = append(g.aliases, g.name)
			g.name = id
		} else {
			g.aliases = append(g.aliases, id)
		}
	}
	for _, g := range groups {
		slices.Sort(g.aliases)
		g.aliases = slices.Clip(g.aliases)
	}

	// Merge the artifacts of each digest group and note which scanners
	// reported on each.
	artRep := make(map[int32]*artifactGroup)
	for i, a := range m.arts {
		r := m.artUF.find(int32(i))
		g := artRep[r]
		if g == nil {
			g = &artifactGroup{a: a}
			artRep[r] = g
			continue
		}
		g.add(a)
	}

	m.adoptEcosystems(entries)

	// Assign each entry to its finding, keyed by one integer when the
	// three ids fit in one.
	of := make([]int32, len(entries))
	var keys []findingKey
	if len(m.arts) <= 1<<21 && len(m.pkgs) <= 1<<21 && len(m.ids) <= 1<<22 {
		keys = assignFindings(m, entries, of, findingKey.packed)
	} else {
		keys = assignFindings(m, entries, of, func(k findingKey) findingKey { return k })
	}
	// Note which scanners reported on each artifact group: entries of one
	// report mostly share their artifact and scanner with the one before.
	lastArt, lastScanner := int32(-1), uint32(0)
	for _, e := range entries {
		a, sc := e.art, parts[e.part].rows[e.occ].scanner
		if a == lastArt && sc == lastScanner {
			continue
		}
		lastArt, lastScanner = a, sc
		if g, name := artRep[m.artUF.find(a)], m.strs[sc]; !slices.Contains(g.scanners, name) {
			g.scanners = append(g.scanners, name)
		}
	}

	// Order entries by finding (counting sort).
	start := make([]int32, len(keys)+1)
	for _, f := range of {
		start[f+1]++
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	order := make([]int32, len(entries))
	fill := slices.Clone(start[:len(keys)])
	for i, f := range of {
		order[fill[f]] = int32(i)
		fill[f]++
	}
	fill, of = nil, nil

	// Build the findings in identity order (artifact, package, id): sort
	// the keys by precomputed ranks, which compares integers instead of
	// strings.
	artRank := make(map[int32]int32, len(artRep))
	{
		roots := make([]int32, 0, len(artRep))
		for r := range artRep {
			roots = append(roots, r)
		}
		slices.SortFunc(roots, func(a, b int32) int {
			x, y := &artRep[a].a, &artRep[b].a
			return cmp.Or(cmp.Compare(x.Name, y.Name), cmp.Compare(x.ManifestDigest, y.ManifestDigest), cmp.Compare(x.ConfigDigest, y.ConfigDigest), cmp.Compare(a, b))
		})
		for i, r := range roots {
			artRank[r] = int32(i)
		}
	}
	pkgRank := make([]int32, len(m.pkgs))
	{
		idx := make([]int32, len(m.pkgs))
		for i := range idx {
			idx[i] = int32(i)
		}
		slices.SortFunc(idx, func(a, b int32) int {
			x, y := &m.pkgs[a], &m.pkgs[b]
			return cmp.Or(cmp.Compare(x.Name, y.Name), cmp.Compare(x.Version, y.Version), cmp.Compare(x.PURL, y.PURL), cmp.Compare(a, b))
		})
		for i, p := range idx {
			pkgRank[p] = int32(i)
		}
	}
	idRank := make(map[int32]int32, len(groups))
	{
		roots := make([]int32, 0, len(groups))
		for r := range groups {
			roots = append(roots, r)
		}
		slices.SortFunc(roots, func(a, b int32) int { return cmp.Or(cmp.Compare(groups[a].name, groups[b].name), cmp.Compare(a, b)) })
		for i, r := range roots {
			idRank[r] = int32(i)
		}
	}
	type rankedKey struct{ art, pkg, id, f int32 }
	ranked := make([]rankedKey, len(keys))
	for f, k := range keys {
		ranked[f] = rankedKey{artRank[k.art], pkgRank[k.pkg], idRank[k.vid], int32(f)}
	}
	slices.SortFunc(ranked, func(a, b rankedKey) int {
		return cmp.Or(cmp.Compare(a.art, b.art), cmp.Compare(a.pkg, b.pkg), cmp.Compare(a.id, b.id))
	})

	out := make([]attest.Vulnerability, len(keys))
	// makeFindings builds out[lo:hi]. The findings are independent, so
	// each CPU builds a run of them, taking their sources from slabs of
	// its own. A slab holds the sources of slabFindings findings: small
	// enough to fit in memory the heap has freed (the reports' buffers and
	// garbage) where one slab per CPU would need fresh pages, which cost
	// more than the allocations.
	makeFindings := func(lo, hi int) {
		var slab []attest.VulnSource
		var tr textReader
		for oi := lo; oi < hi; oi++ {
			if (oi-lo)%slabFindings == 0 {
				n := 0
				for _, rk := range ranked[oi:min(oi+slabFindings, hi)] {
					n += int(start[rk.f+1] - start[rk.f])
				}
				slab = make([]attest.VulnSource, 0, n)
			}
			f := ranked[oi].f
			k := keys[f]
			es := order[start[f]:start[f+1]]
			g := groups[k.vid]
			ag := artRep[k.art]
			v := &out[oi]
			v.ID = g.name
			v.Aliases = g.aliases
			v.Artifact = ag.a
			v.Package = m.pkgs[k.pkg]
			from := len(slab)
			var extra []string
			for _, ei := range es {
				e := entries[ei]
				occ := m.occurrence(&parts[e.part], e.occ, &tr)
				o := &occ
				slab = addSource(slab, from, o)
				if e.multi {
					for _, id := range append([]string{o.VulnID}, o.Aliases...) {
						id = NormalizeID(id)
						if !IsCVE(id) && !slices.Contains(extra, id) && !slices.Contains(g.aliases, id) {
							extra = append(extra, id)
						}
					}
				}
				mergeDetails(v, o)
			}
			if len(extra) > 0 {
				v.Aliases = append(slices.Clone(g.aliases), extra...)
				slices.Sort(v.Aliases)
			}
			v.Sources = slab[from:len(slab):len(slab)]
			finishFinding(v, ag.scanners)
		}
	}
	workers := max(1, min(runtime.GOMAXPROCS(0), len(ranked)/minFindingsPerWorker))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() { makeFindings(w*len(ranked)/workers, (w+1)*len(ranked)/workers) })
	}
	wg.Wait()
	return out
}

// assignFindings sets of[i] to the finding of entries[i], numbering the
// findings in the order their first entry comes, and returns the key of
// each finding. pack turns a key into the map key that identifies it.
func assignFindings[K comparable](m *merger, entries []entry, of []int32, pack func(findingKey) K) []findingKey {
	index := make(map[K]int32, len(entries)/2+1)
	keys := make([]findingKey, 0, len(entries)/2+1)
	for i, e := range entries {
		k := findingKey{m.artUF.find(e.art), e.pkg, m.idUF.find(e.vid)}
		pk := pack(k)
		f, ok := index[pk]
		if !ok {
			f = int32(len(keys))
			index[pk] = f
			keys = append(keys, k)
		}
		of[i] = f
	}
	return keys
}

// minFindingsPerWorker is the fewest findings worth a goroutine of their
// own.
const minFindingsPerWorker = 4096

// slabFindings is how many findings share a slab of sources.
const slabFindings = 1024

// adoptEcosystems joins a package that a scanner named without an
// ecosystem (SARIF results carry only name and version) to the package of
// the same name and version in the same artifact, when exactly one
// ecosystem has it there.
func (m *merger) adoptEcosystems(entries []entry) {
	if len(m.pkgNV) == 0 {
		return
	}
	type nvKey struct {
		art int32
		nv  string
	}
	want := make(map[nvKey]int32) // -1 until seen, -2 when ambiguous
	for _, e := range entries {
		if nv, ok := m.pkgNV[e.pkg]; ok {
			want[nvKey{m.artUF.find(e.art), nv}] = -1
		}
	}
	nvOf := make(map[int32]string)
	for _, e := range entries {
		if _, bare := m.pkgNV[e.pkg]; bare {
			continue
		}
		nv, ok := nvOf[e.pkg]
		if !ok {
			_, name, ver := packageParts(m.pkgs[e.pkg])
			nv = name + "\x00" + ver
			nvOf[e.pkg] = nv
		}
		k := nvKey{m.artUF.find(e.art), nv}
		switch cur, ok := want[k]; {
		case !ok:
		case cur == -1:
			want[k] = e.pkg
		case cur >= 0 && cur != e.pkg:
			want[k] = -2
		}
	}
	for i := range entries {
		e := &entries[i]
		if nv, ok := m.pkgNV[e.pkg]; ok {
			if p := want[nvKey{m.artUF.find(e.art), nv}]; p >= 0 {
				e.pkg = p
			}
		}
	}
}

// artifactGroup is the merged view of the artifacts joined by digest.
type artifactGroup struct {
	a        attest.Artifact
	scanners []string
}

// add folds another artifact of the group in: the longest (most qualified)
// name wins, and missing tag and digests are filled.
func (g *artifactGroup) add(a attest.Artifact) {
	if len(a.Name) > len(g.a.Name) {
		g.a.Name = a.Name
	}
	if g.a.Kind == "" {
		g.a.Kind = a.Kind
	}
	if g.a.Tag == "" {
		g.a.Tag = a.Tag
	}
	if g.a.ManifestDigest == "" {
		g.a.ManifestDigest = a.ManifestDigest
	}
	if g.a.ConfigDigest == "" {
		g.a.ConfigDigest = a.ConfigDigest
	}
}

// addSource appends what o says as a source of the finding whose sources
// start at from, folding it into an existing source of the same scanner,
// report and id.
func addSource(slab []attest.VulnSource, from int, o *attest.Occurrence) []attest.VulnSource {
	sev := NormalizeSeverity(o.Severity)
	for i := from; i < len(slab); i++ {
		s := &slab[i]
		if s.Scanner == o.Scanner && s.File == o.File && s.VulnID == o.VulnID {
			if attest.SeverityRank(sev) > attest.SeverityRank(s.Severity) {
				s.Severity = sev
			}
			s.FixedVersions = unionStrings(s.FixedVersions, o.FixedVersions)
			s.CVSS = unionCVSS(s.CVSS, o.CVSS)
			if st := fixStateOf(o.FixState, o.FixedVersions); fixRank(st) > fixRank(s.FixState) {
				s.FixState = st
			}
			return slab
		}
	}
	return append(slab, attest.VulnSource{
		Scanner:       o.Scanner,
		File:          o.File,
		VulnID:        o.VulnID,
		Severity:      sev,
		CVSS:          o.CVSS,
		FixState:      fixStateOf(o.FixState, o.FixedVersions),
		FixedVersions: o.FixedVersions,
	})
}

// fixStateOf is the fix state of an occurrence: its own, or "fixed" when
// it names fixed versions.
func fixStateOf(state string, fixed []string) string {
	if len(fixed) > 0 {
		return attest.FixAvailable
	}
	if state == "" {
		return attest.FixUnknown
	}
	return state
}

// fixRank orders fix states: a named fix beats wont-fix beats not-fixed
// beats unknown.
func fixRank(s string) int {
	switch s {
	case attest.FixAvailable:
		return 3
	case attest.FixWontFix:
		return 2
	case attest.FixNotFixed:
		return 1
	}
	return 0
}

// mergeDetails folds the descriptive fields of o into v.
func mergeDetails(v *attest.Vulnerability, o *attest.Occurrence) {
	v.FixedVersions = unionStrings(v.FixedVersions, o.FixedVersions)
	v.CVSS = unionCVSS(v.CVSS, o.CVSS)
	v.URLs = unionStrings(v.URLs, o.URLs)
	v.Locations = unionStrings(v.Locations, o.Locations)
	if v.Title == "" {
		v.Title = o.Title
	}
	if v.Description == "" {
		v.Description = o.Description
	}
	if o.EPSS != nil && (v.EPSS == nil || o.EPSS.Score > v.EPSS.Score) {
		e := *o.EPSS
		v.EPSS = &e
	}
}

// finishFinding sets the fields computed from all sources.
func finishFinding(v *attest.Vulnerability, artifactScanners []string) {
	v.Severity = SeverityUnknown
	v.FixState = attest.FixUnknown
	var seen []string
	for i, s := range v.Sources {
		if attest.SeverityRank(s.Severity) > attest.SeverityRank(v.Severity) {
			v.Severity = s.Severity
		}
		if i > 0 && s.Severity != v.Sources[0].Severity {
			v.SeverityDisagrees = true
		}
		if fixRank(s.FixState) > fixRank(v.FixState) {
			v.FixState = s.FixState
		}
		if !slices.Contains(seen, s.Scanner) {
			seen = append(seen, s.Scanner)
		}
	}
	if len(v.FixedVersions) > 0 {
		v.FixState = attest.FixAvailable
	}
	if v.Severity == SeverityUnknown {
		var best float64
		for _, c := range v.CVSS {
			best = max(best, c.Score)
		}
		v.Severity = severityFromScore(best)
	}
	for _, s := range artifactScanners {
		if !slices.Contains(seen, s) {
			v.MissedBy = append(v.MissedBy, s)
		}
	}
	slices.Sort(v.MissedBy)
}

// unionStrings appends the strings of b not yet in a. When a is empty it
// returns b itself (clipped), sharing its array.
func unionStrings(a, b []string) []string {
	if len(a) == 0 {
		return slices.Clip(b)
	}
	for _, s := range b {
		if !slices.Contains(a, s) {
			a = append(slices.Clip(a), s)
		}
	}
	return a
}

// unionCVSS appends the scores of b not yet in a.
func unionCVSS(a, b []attest.CVSS) []attest.CVSS {
	if len(a) == 0 {
		return slices.Clip(b)
	}
	for _, c := range b {
		if !slices.Contains(a, c) {
			a = append(slices.Clip(a), c)
		}
	}
	return a
}

// compareIdentity orders findings by artifact, package and id.
func compareIdentity(a, b *attest.Vulnerability) int {
	return cmp.Or(
		cmp.Compare(a.Artifact.Name, b.Artifact.Name),
		cmp.Compare(a.Artifact.ManifestDigest, b.Artifact.ManifestDigest),
		cmp.Compare(a.Artifact.ConfigDigest, b.Artifact.ConfigDigest),
		cmp.Compare(a.Package.Name, b.Package.Name),
		cmp.Compare(a.Package.Version, b.Package.Version),
		cmp.Compare(a.Package.PURL, b.Package.PURL),
		cmp.Compare(a.ID, b.ID),
	)
}
