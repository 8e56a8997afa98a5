package vuln

import "github.com/attest-dev/attest"

// Interner makes equal strings of occurrences share one copy. Scanner
// reports repeat the same artifact, package, id, severity and description
// strings thousands of times; a parser allocates each anew. Interning each
// file's occurrences as it is read lets the parser's copies be collected, so
// memory grows with the distinct strings, not with the occurrences.
//
// An Interner is not safe for concurrent use.
type Interner struct {
	strs map[string]string
	one  map[string][]string
	// The artifact and package of the previous occurrence, as given and
	// as interned: a report lists many occurrences of one artifact, and
	// comparing with the last one is cheaper than hashing.
	lastArt, lastArtIn   attest.Artifact
	lastPkg, lastPkgIn   attest.Package
	lastFile, lastFileIn string
}

// NewInterner returns an empty Interner.
func NewInterner() *Interner {
	return &Interner{strs: make(map[string]string), one: make(map[string][]string)}
}

// String returns the shared copy of s.
func (in *Interner) String(s string) string {
	if s == "" {
		return ""
	}
	if c, ok := in.strs[s]; ok {
		return c
	}
	in.strs[s] = s
	return s
}

// strings interns a list in place; a one-element list is shared whole.
func (in *Interner) strings(ss []string) []string {
	switch len(ss) {
	case 0:
		return ss
	case 1:
		if c, ok := in.one[ss[0]]; ok {
			return c
		}
		c := []string{in.String(ss[0])}
		in.one[c[0]] = c
		return c
	}
	for i, s := range ss {
		ss[i] = in.String(s)
	}
	return ss
}

// Occurrences interns the strings of occs in place.
func (in *Interner) Occurrences(occs []attest.Occurrence) {
	for i := range occs {
		o := &occs[i]
		o.Scanner = in.String(o.Scanner)
		if o.File != in.lastFile {
			in.lastFile, in.lastFileIn = o.File, in.String(o.File)
		}
		o.File = in.lastFileIn
		if o.Artifact == in.lastArt {
			o.Artifact = in.lastArtIn
		} else {
			in.lastArt = o.Artifact
			a := &o.Artifact
			a.Kind, a.Name, a.Tag = in.String(a.Kind), in.String(a.Name), in.String(a.Tag)
			a.ManifestDigest, a.ConfigDigest = in.String(a.ManifestDigest), in.String(a.ConfigDigest)
			in.lastArtIn = *a
		}
		if o.Package == in.lastPkg {
			o.Package = in.lastPkgIn
		} else {
			in.lastPkg = o.Package
			p := &o.Package
			p.PURL, p.Ecosystem, p.Name, p.Version = in.String(p.PURL), in.String(p.Ecosystem), in.String(p.Name), in.String(p.Version)
			in.lastPkgIn = *p
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
