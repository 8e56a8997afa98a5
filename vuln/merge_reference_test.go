package vuln

import (
	"cmp"
	"slices"
	"strings"

	"github.com/attest-dev/attest"
)

// This file keeps the merge as it was before occurrences were collected in
// a compact form (Collector): it indexed attest.Occurrence values directly,
// with maps keyed by artifacts, packages and strings. It is the reference
// that TestMerge_matchesReference and FuzzMerge hold the current merge to:
// both must give the same findings for the same occurrences.

// refMerger holds the interning tables of one referenceMergeParts call.
type refMerger struct {
	artOf map[attest.Artifact]int32
	arts  []attest.Artifact
	artUF unionFind
	// digestOwner maps "repository-base@digest" to the first artifact seen
	// with it.
	digestOwner map[string]int32

	pkgOf map[attest.Package]int32
	pkgID map[string]int32
	pkgs  []attest.Package
	// pkgNV is the normalised "name\x00version" of each identity, set
	// only for identities without an ecosystem.
	pkgNV map[int32]string

	idOf map[string]int32
	ids  []string
	idUF unionFind
}

// referenceMergeParts is MergeParts as it was before the Collector.
func referenceMergeParts(parts [][]attest.Occurrence) []attest.Vulnerability {
	m := &refMerger{
		artOf:       make(map[attest.Artifact]int32),
		digestOwner: make(map[string]int32),
		pkgOf:       make(map[attest.Package]int32),
		pkgID:       make(map[string]int32),
		pkgNV:       make(map[int32]string),
		idOf:        make(map[string]int32),
	}
	entries := m.index(parts)
	m.joinTags()
	return m.build(parts, entries)
}

// artifact interns an artifact value and joins it with every artifact that
// shares one of its digests.
func (m *refMerger) artifact(a attest.Artifact) int32 {
	if i, ok := m.artOf[a]; ok {
		return i
	}
	i := m.artUF.add()
	m.artOf[a] = i
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
func (m *refMerger) joinTags() {
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

// pkg interns a package value and returns its identity.
func (m *refMerger) pkg(p attest.Package) int32 {
	if i, ok := m.pkgOf[p]; ok {
		return i
	}
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
	m.pkgOf[p] = i
	return i
}

// node interns a vulnerability id.
func (m *refMerger) node(raw string) int32 {
	if i, ok := m.idOf[raw]; ok {
		return i
	}
	id := NormalizeID(raw)
	i, ok := m.idOf[id]
	if !ok {
		i = m.idUF.add()
		m.idOf[id] = i
		m.ids = append(m.ids, id)
	}
	m.idOf[raw] = i
	return i
}

// index interns every occurrence and joins the ids seen together.
func (m *refMerger) index(parts [][]attest.Occurrence) []entry {
	n := 0
	for _, occs := range parts {
		n += len(occs)
	}
	entries := make([]entry, 0, n)
	var cves []int32
	for pi, occs := range parts {
		for i := range occs {
			o := &occs[i]
			a := m.artifact(o.Artifact)
			p := m.pkg(o.Package)
			v := m.node(o.VulnID)
			cves = cves[:0]
			if IsCVE(m.ids[v]) {
				cves = append(cves, v)
			}
			for _, al := range o.Aliases {
				n := m.node(al)
				if IsCVE(m.ids[n]) && !slices.Contains(cves, n) {
					cves = append(cves, n)
				}
			}
			if len(cves) <= 1 {
				for _, al := range o.Aliases {
					m.idUF.union(v, m.node(al))
				}
				entries = append(entries, entry{part: int32(pi), occ: int32(i), art: a, pkg: p, vid: v})
				continue
			}
			for _, c := range cves {
				entries = append(entries, entry{part: int32(pi), occ: int32(i), art: a, pkg: p, vid: c, multi: true})
			}
		}
	}
	return entries
}

// build groups the entries by identity and makes the merged findings.
func (m *refMerger) build(parts [][]attest.Occurrence, entries []entry) []attest.Vulnerability {
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

	// Assign each entry to its finding.
	index := make(map[findingKey]int32, len(entries)/2+1)
	keys := make([]findingKey, 0, len(entries)/2+1)
	of := make([]int32, len(entries))
	for i, e := range entries {
		k := findingKey{m.artUF.find(e.art), e.pkg, m.idUF.find(e.vid)}
		f, ok := index[k]
		if !ok {
			f = int32(len(keys))
			index[k] = f
			keys = append(keys, k)
		}
		of[i] = f
		if g, sc := artRep[k.art], parts[e.part][e.occ].Scanner; !slices.Contains(g.scanners, sc) {
			g.scanners = append(g.scanners, sc)
		}
	}
	index = nil

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
	slab := make([]attest.VulnSource, 0, len(entries))
	for oi, rk := range ranked {
		f := rk.f
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
			o := &parts[e.part][e.occ]
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
	return out
}

// adoptEcosystems joins a package that a scanner named without an
// ecosystem (SARIF results carry only name and version) to the package of
// the same name and version in the same artifact, when exactly one
// ecosystem has it there.
func (m *refMerger) adoptEcosystems(entries []entry) {
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
