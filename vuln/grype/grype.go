// Package grype reads the JSON report of Anchore Grype (`grype -o json`) into
// occurrences.
//
// The report is walked as a stream: each element of "matches" is decoded and
// converted on its own, so a report of any size needs memory only for the
// occurrences. "ignoredMatches" are skipped: they are what the user told
// Grype to ignore.
package grype

import (
	"cmp"
	"encoding/json"
	"errors"
	"io"
	"slices"
	"strings"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/vuln/formats/imageref"
	"github.com/attest-dev/attest/vuln/formats/jsonstream"
	"github.com/attest-dev/attest/vuln/formats/purl"
	"github.com/attest-dev/attest/vuln/formats/severity"
)

// Scanner is the scanner name of the occurrences this package returns.
const Scanner = "grype"

// Detect reports whether head, the opening bytes of a file, looks like a
// Grype JSON report: an object whose first key is "matches".
func Detect(head []byte) bool {
	return jsonstream.FirstKey(head) == "matches"
}

// Parse reads a Grype JSON report from r; name is the file name used in
// occurrences and errors. Every error is a *jsonstream.Error naming the
// file, the offset and the JSON path, and unwraps to an attest.Error with
// code attest.EINVALID.
func Parse(name string, r io.Reader) ([]attest.Occurrence, error) {
	d := jsonstream.NewDecoder(name, r)
	var (
		occs        []attest.Occurrence
		src         source
		sawMatches  bool
		sawSource   bool
		sawDescript bool
	)
	err := d.Object(func(key string) error {
		switch key {
		case "matches":
			sawMatches = true
			return jsonstream.Elements(d, func(m *match) error {
				o, err := m.occurrence()
				if err != nil {
					return d.Errorf("%v", err)
				}
				o.File = name
				// Double the slice when full: append grows a large slice by a
				// quarter, copying these large structs over and over.
				if cap(occs)-len(occs) < 1 {
					occs = slices.Grow(occs, max(len(occs), 1))
				}
				occs = append(occs, o)
				return nil
			})
		case "source":
			sawSource = true
			return d.Decode(&src)
		case "descriptor":
			sawDescript = true
			return d.Skip()
		}
		return d.Skip()
	})
	if err != nil {
		return nil, err
	}
	if err := d.End(); err != nil {
		return nil, err
	}
	if !sawMatches || !(sawSource || sawDescript) {
		return nil, d.Errorf("not a Grype JSON report: no \"matches\" with a \"source\" or \"descriptor\"")
	}
	art, err := src.artifact()
	if err != nil {
		return nil, d.Errorf("source: %v", err)
	}
	for i := range occs {
		occs[i].Artifact = art
	}
	return occs, nil
}

type match struct {
	Vulnerability          vulnerability   `json:"vulnerability"`
	RelatedVulnerabilities []vulnerability `json:"relatedVulnerabilities"`
	Artifact               artifact        `json:"artifact"`
}

type vulnerability struct {
	ID          string   `json:"id"`
	DataSource  string   `json:"dataSource"`
	Namespace   string   `json:"namespace"`
	Severity    string   `json:"severity"`
	URLs        []string `json:"urls"`
	Description string   `json:"description"`
	CVSS        []cvss   `json:"cvss"`
	Fix         struct {
		Versions []string `json:"versions"`
		State    string   `json:"state"`
	} `json:"fix"`
	EPSS []epss `json:"epss"`
}

type cvss struct {
	Source  string `json:"source"`
	Version string `json:"version"`
	Vector  string `json:"vector"`
	Metrics struct {
		BaseScore float64 `json:"baseScore"`
	} `json:"metrics"`
}

type epss struct {
	CVE        string  `json:"cve"`
	EPSS       float64 `json:"epss"`
	Percentile float64 `json:"percentile"`
	Date       string  `json:"date"`
}

type artifact struct {
	Name      string `json:"name"`
	Version   string `json:"version"`
	Type      string `json:"type"`
	PURL      string `json:"purl"`
	Locations []struct {
		Path string `json:"path"`
	} `json:"locations"`
}

func (m *match) occurrence() (attest.Occurrence, error) {
	v := &m.Vulnerability
	switch {
	case v.ID == "":
		return attest.Occurrence{}, errors.New("vulnerability.id is empty")
	case m.Artifact.Name == "":
		return attest.Occurrence{}, errors.New("artifact.name is empty")
	case m.Artifact.Version == "":
		return attest.Occurrence{}, errors.New("artifact.version is empty")
	}
	eco := purl.Ecosystem(m.Artifact.PURL)
	if eco == "" {
		eco = purl.FromType(m.Artifact.Type)
	}
	o := attest.Occurrence{
		Scanner: Scanner,
		Package: attest.Package{
			PURL:      m.Artifact.PURL,
			Ecosystem: eco,
			Name:      m.Artifact.Name,
			Version:   m.Artifact.Version,
		},
		VulnID:        v.ID,
		Severity:      severity.Normalize(v.Severity),
		FixedVersions: nonEmpty(v.Fix.Versions),
		FixState:      fixState(v.Fix.State, len(v.Fix.Versions) > 0),
		Description:   v.Description,
	}
	for _, rv := range m.RelatedVulnerabilities {
		if rv.ID != "" && rv.ID != v.ID && !slices.Contains(o.Aliases, rv.ID) {
			o.Aliases = append(o.Aliases, rv.ID)
		}
	}
	// The match's own vulnerability, then the related ones.
	for i := -1; i < len(m.RelatedVulnerabilities); i++ {
		rv := v
		if i >= 0 {
			rv = &m.RelatedVulnerabilities[i]
		}
		if o.Description == "" {
			o.Description = rv.Description
		}
		for _, u := range rv.URLs {
			if u != "" && !slices.Contains(o.URLs, u) {
				o.URLs = append(o.URLs, u)
			}
		}
		for _, c := range rv.CVSS {
			cv := attest.CVSS{Source: cvssSource(c.Source, rv.Namespace), Version: c.Version, Vector: c.Vector, Score: c.Metrics.BaseScore}
			if !slices.Contains(o.CVSS, cv) {
				o.CVSS = append(o.CVSS, cv)
			}
		}
		if o.EPSS == nil {
			for _, e := range rv.EPSS {
				if e.CVE == "" || e.CVE == v.ID || e.CVE == rv.ID || slices.Contains(o.Aliases, e.CVE) {
					o.EPSS = &attest.EPSS{Score: e.EPSS, Percentile: e.Percentile, Date: e.Date}
					break
				}
			}
		}
	}
	for _, l := range m.Artifact.Locations {
		if l.Path != "" && !slices.Contains(o.Locations, l.Path) {
			o.Locations = append(o.Locations, l.Path)
		}
	}
	return o, nil
}

// fixState maps Grype's fix.state (fixed, not-fixed, wont-fix, unknown).
func fixState(s string, haveVersions bool) string {
	switch strings.ToLower(s) {
	case "fixed":
		return attest.FixAvailable
	case "not-fixed":
		return attest.FixNotFixed
	case "wont-fix":
		return attest.FixWontFix
	}
	if haveVersions {
		return attest.FixAvailable
	}
	return attest.FixUnknown
}

// cvssSource names the source of a score: the cvss entry's own source
// (nvd@nist.gov) or else the namespace of the record that carries it.
func cvssSource(src, namespace string) string {
	s := strings.ToLower(src)
	if s == "" {
		s = strings.ToLower(namespace)
	}
	switch {
	case strings.Contains(s, "nvd"):
		return "nvd"
	case strings.HasPrefix(s, "github") || strings.Contains(s, "ghsa"):
		return "ghsa"
	}
	if i := strings.IndexAny(s, ":@"); i > 0 {
		return s[:i]
	}
	return s
}

type source struct {
	Type   string          `json:"type"`
	Target json.RawMessage `json:"target"`
}

type imageTarget struct {
	UserInput      string   `json:"userInput"`
	ImageID        string   `json:"imageID"`
	ManifestDigest string   `json:"manifestDigest"`
	Tags           []string `json:"tags"`
	RepoDigests    []string `json:"repoDigests"`
}

// artifact builds the scanned artifact from the report's source.
func (s *source) artifact() (attest.Artifact, error) {
	switch s.Type {
	case "image":
		var t imageTarget
		if err := json.Unmarshal(s.Target, &t); err != nil {
			return attest.Artifact{}, errors.New("target of an image source is not an image description")
		}
		return t.artifact(), nil
	case "directory", "file":
		var path string
		if json.Unmarshal(s.Target, &path) != nil {
			var t struct {
				Path string `json:"path"`
			}
			if err := json.Unmarshal(s.Target, &t); err != nil {
				return attest.Artifact{}, errors.New("target of a " + s.Type + " source has no path")
			}
			path = t.Path
		}
		return attest.Artifact{Kind: attest.ArtifactFilesystem, Name: path}, nil
	case "":
		return attest.Artifact{}, errors.New("missing or empty")
	}
	// Other source kinds (purl, sbom) name what they scanned in userInput or
	// as a plain string; keep it rather than drop the report.
	var t struct {
		UserInput string `json:"userInput"`
		Path      string `json:"path"`
	}
	var str string
	if json.Unmarshal(s.Target, &str) == nil {
		t.UserInput = str
	} else {
		_ = json.Unmarshal(s.Target, &t)
	}
	return attest.Artifact{Kind: attest.ArtifactFilesystem, Name: cmp.Or(t.UserInput, t.Path, s.Type)}, nil
}

func (t *imageTarget) artifact() attest.Artifact {
	in := imageref.Parse(t.UserInput)
	a := attest.Artifact{Kind: attest.ArtifactImage, ConfigDigest: t.ImageID, Tag: in.Tag}
	// A repo digest is the registry's manifest digest; prefer the one of the
	// repository the user asked for.
	for _, rd := range t.RepoDigests {
		ref := imageref.Parse(rd)
		if ref.Digest == "" {
			continue
		}
		if a.ManifestDigest == "" || ref.Repository == in.Repository {
			a.Name, a.ManifestDigest = ref.Repository, ref.Digest
		}
	}
	if a.ManifestDigest == "" {
		a.ManifestDigest = cmp.Or(in.Digest, t.ManifestDigest)
	}
	if in.Repository != "" && !strings.HasPrefix(in.Repository, "sha256") {
		a.Name = in.Repository
	}
	if a.Name == "" && len(t.Tags) > 0 {
		a.Name = imageref.Parse(t.Tags[0]).Repository
	}
	if a.Tag == "" && len(t.Tags) > 0 {
		a.Tag = imageref.Parse(t.Tags[0]).Tag
	}
	return a
}

// nonEmpty returns the non-empty strings of ss, or nil when there are none.
func nonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
