// Package trivy reads the JSON report of Aqua Trivy (`trivy image -f json`,
// SchemaVersion 2) into occurrences.
//
// The report is walked as a stream: each element of Results[].Vulnerabilities
// is decoded and converted on its own. Misconfigurations, secrets and
// licenses in the same report are skipped: they are not vulnerabilities.
package trivy

import (
	"bytes"
	"cmp"
	"errors"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/vuln/formats/imageref"
	"github.com/attest-dev/attest/vuln/formats/jsonstream"
	"github.com/attest-dev/attest/vuln/formats/purl"
	"github.com/attest-dev/attest/vuln/formats/severity"
)

// Scanner is the scanner name of the occurrences this package returns.
const Scanner = "trivy"

// Detect reports whether head, the opening bytes of a file, looks like a
// Trivy JSON report: an object that starts with "SchemaVersion" and names an
// "ArtifactName".
func Detect(head []byte) bool {
	return jsonstream.FirstKey(head) == "SchemaVersion" && bytes.Contains(head, []byte(`"ArtifactName"`))
}

// Parse reads a Trivy JSON report from r; name is the file name used in
// occurrences and errors. Every error is a *jsonstream.Error naming the
// file, the offset and the JSON path, and unwraps to an attest.Error with
// code attest.EINVALID.
func Parse(name string, r io.Reader) ([]attest.Occurrence, error) {
	d := jsonstream.NewDecoder(name, r)
	var (
		occs         []attest.Occurrence
		schema       int
		artName      string
		artType      string
		meta         metadata
		sawSchema    bool
		sawArtifact  bool
		schemaOffset int64
	)
	err := d.Object(func(key string) error {
		switch key {
		case "SchemaVersion":
			sawSchema = true
			schemaOffset = d.Offset()
			return d.Decode(&schema)
		case "ArtifactName":
			sawArtifact = true
			return d.Decode(&artName)
		case "ArtifactType":
			return d.Decode(&artType)
		case "Metadata":
			return d.Decode(&meta)
		case "Results":
			return d.Array(func(int) error {
				var res result
				start := len(occs)
				err := d.Object(func(key string) error {
					switch key {
					case "Target":
						return d.Decode(&res.Target)
					case "Class":
						return d.Decode(&res.Class)
					case "Type":
						return d.Decode(&res.Type)
					case "Vulnerabilities":
						return jsonstream.Elements(d, func(v *vulnerability) error {
							o, err := v.occurrence()
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
					}
					return d.Skip()
				})
				if err != nil {
					return err
				}
				for i := start; i < len(occs); i++ {
					if occs[i].Package.Ecosystem == "" {
						occs[i].Package.Ecosystem = purl.FromType(res.Type)
					}
					if len(occs[i].Locations) == 0 && res.Class == "lang-pkgs" && res.Target != "" {
						occs[i].Locations = []string{res.Target}
					}
				}
				return nil
			})
		}
		return d.Skip()
	})
	if err != nil {
		return nil, err
	}
	if err := d.End(); err != nil {
		return nil, err
	}
	if !sawSchema || !sawArtifact {
		return nil, d.Errorf("not a Trivy JSON report: no \"SchemaVersion\" and \"ArtifactName\"")
	}
	if schema != 2 {
		return nil, &jsonstream.Error{File: name, Offset: schemaOffset, Path: "$.SchemaVersion", Msg: "unsupported Trivy report schema version " + strconv.Itoa(schema) + ", want 2"}
	}
	art := artifact(artName, artType, &meta)
	for i := range occs {
		occs[i].Artifact = art
	}
	return occs, nil
}

type metadata struct {
	ImageID     string   `json:"ImageID"`
	RepoTags    []string `json:"RepoTags"`
	RepoDigests []string `json:"RepoDigests"`
}

type result struct {
	Target string
	Class  string
	Type   string
}

type vulnerability struct {
	VulnerabilityID string   `json:"VulnerabilityID"`
	VendorIDs       []string `json:"VendorIDs"`
	PkgName         string   `json:"PkgName"`
	PkgPath         string   `json:"PkgPath"`
	PkgIdentifier   struct {
		PURL string `json:"PURL"`
	} `json:"PkgIdentifier"`
	InstalledVersion string                `json:"InstalledVersion"`
	FixedVersion     string                `json:"FixedVersion"`
	Status           string                `json:"Status"`
	Severity         string                `json:"Severity"`
	CVSS             map[string]cvssScores `json:"CVSS"`
	Title            string                `json:"Title"`
	Description      string                `json:"Description"`
	PrimaryURL       string                `json:"PrimaryURL"`
	References       []string              `json:"References"`
}

type cvssScores struct {
	V2Vector  string  `json:"V2Vector"`
	V3Vector  string  `json:"V3Vector"`
	V40Vector string  `json:"V40Vector"`
	V2Score   float64 `json:"V2Score"`
	V3Score   float64 `json:"V3Score"`
	V40Score  float64 `json:"V40Score"`
}

func (v *vulnerability) occurrence() (attest.Occurrence, error) {
	switch {
	case v.VulnerabilityID == "":
		return attest.Occurrence{}, errors.New("VulnerabilityID is empty")
	case v.PkgName == "":
		return attest.Occurrence{}, errors.New("PkgName is empty")
	case v.InstalledVersion == "":
		return attest.Occurrence{}, errors.New("InstalledVersion is empty")
	}
	o := attest.Occurrence{
		Scanner: Scanner,
		Package: attest.Package{
			PURL:      v.PkgIdentifier.PURL,
			Ecosystem: purl.Ecosystem(v.PkgIdentifier.PURL),
			Name:      v.PkgName,
			Version:   v.InstalledVersion,
		},
		VulnID:      v.VulnerabilityID,
		Severity:    severity.Normalize(v.Severity),
		Title:       v.Title,
		Description: v.Description,
	}
	for _, id := range v.VendorIDs {
		if id != "" && id != v.VulnerabilityID && !slices.Contains(o.Aliases, id) {
			o.Aliases = append(o.Aliases, id)
		}
	}
	for _, f := range strings.Split(v.FixedVersion, ",") {
		if f = strings.TrimSpace(f); f != "" && !slices.Contains(o.FixedVersions, f) {
			o.FixedVersions = append(o.FixedVersions, f)
		}
	}
	o.FixState = fixState(v.Status, len(o.FixedVersions) > 0)
	for _, u := range append([]string{v.PrimaryURL}, v.References...) {
		if u != "" && !slices.Contains(o.URLs, u) {
			o.URLs = append(o.URLs, u)
		}
	}
	sources := make([]string, 0, len(v.CVSS))
	for s := range v.CVSS {
		sources = append(sources, s)
	}
	sort.Strings(sources)
	for _, s := range sources {
		c := v.CVSS[s]
		if c.V40Vector != "" || c.V40Score != 0 {
			o.CVSS = append(o.CVSS, attest.CVSS{Source: s, Version: "4.0", Vector: c.V40Vector, Score: c.V40Score})
		}
		if c.V3Vector != "" || c.V3Score != 0 {
			o.CVSS = append(o.CVSS, attest.CVSS{Source: s, Version: v3Version(c.V3Vector), Vector: c.V3Vector, Score: c.V3Score})
		}
		if c.V2Vector != "" || c.V2Score != 0 {
			o.CVSS = append(o.CVSS, attest.CVSS{Source: s, Version: "2.0", Vector: c.V2Vector, Score: c.V2Score})
		}
	}
	if v.PkgPath != "" {
		o.Locations = []string{v.PkgPath}
	}
	return o, nil
}

// v3Version reads the minor version from a CVSS v3 vector (CVSS:3.1/...).
func v3Version(vector string) string {
	if rest, ok := strings.CutPrefix(vector, "CVSS:"); ok {
		if v, _, ok := strings.Cut(rest, "/"); ok {
			return v
		}
	}
	return "3"
}

// fixState maps Trivy's Status. fix_deferred and under_investigation mean
// no fix yet; end_of_life means none will come from the distribution.
func fixState(status string, haveFix bool) string {
	switch status {
	case "fixed":
		return attest.FixAvailable
	case "affected", "fix_deferred":
		return attest.FixNotFixed
	case "will_not_fix", "end_of_life":
		return attest.FixWontFix
	case "", "unknown":
		if haveFix {
			return attest.FixAvailable
		}
		if status == "" {
			return attest.FixNotFixed
		}
	}
	return attest.FixUnknown
}

// artifact builds the scanned artifact from ArtifactName, ArtifactType and
// Metadata.
func artifact(name, typ string, m *metadata) attest.Artifact {
	switch typ {
	case "filesystem":
		return attest.Artifact{Kind: attest.ArtifactFilesystem, Name: name}
	case "repository":
		return attest.Artifact{Kind: attest.ArtifactRepository, Name: name}
	case "vm":
		return attest.Artifact{Kind: attest.ArtifactHost, Name: name}
	case "container_image":
	default:
		if m.ImageID == "" && len(m.RepoDigests) == 0 {
			return attest.Artifact{Kind: attest.ArtifactFilesystem, Name: name}
		}
	}
	ref := imageref.Parse(name)
	a := attest.Artifact{Kind: attest.ArtifactImage, Name: ref.Repository, Tag: ref.Tag, ConfigDigest: m.ImageID}
	if ref.Tag == "" && ref.Digest == "" && len(m.RepoTags) > 0 {
		// A scan of an archive (--input web.tar) names the file; the tags
		// name the image.
		t := imageref.Parse(m.RepoTags[0])
		a.Name, a.Tag = t.Repository, t.Tag
	}
	for _, rd := range m.RepoDigests {
		d := imageref.Parse(rd)
		if d.Digest != "" && (a.ManifestDigest == "" || d.Repository == a.Name) {
			a.ManifestDigest = d.Digest
			if a.Name == "" {
				a.Name = d.Repository
			}
		}
	}
	a.ManifestDigest = cmp.Or(a.ManifestDigest, ref.Digest)
	return a
}
