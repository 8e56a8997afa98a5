// Package cyclonedx reads the vulnerabilities of a CycloneDX 1.4–1.6 JSON
// document (as `grype -o cyclonedx-json` and `trivy image -f cyclonedx` write
// it) into occurrences: one per vulnerability and affected component.
//
// It decodes with its own structs rather than cyclonedx-go's, because
// scanners write values the specification does not list (Grype's EPSS
// rating method) and a strict enum would refuse them. Unknown rating methods
// are ignored; an EPSS rating becomes Occurrence.EPSS. A vulnerability's
// analysis (its VEX state) is not applied here: VEX is the enrich step's job.
package cyclonedx

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/vuln/formats/imageref"
	"github.com/attest-dev/attest/vuln/formats/jsonstream"
	"github.com/attest-dev/attest/vuln/formats/purl"
	"github.com/attest-dev/attest/vuln/formats/severity"
	"github.com/package-url/packageurl-go"
)

// Scanner is the scanner name when the document does not name Grype or
// Trivy as its tool.
const Scanner = "cyclonedx"

// Detect reports whether head, the opening bytes of a file, looks like a
// CycloneDX JSON document.
func Detect(head []byte) bool {
	return jsonstream.FirstKey(head) != "" && bytes.Contains(head, []byte(`"bomFormat"`)) && bytes.Contains(head, []byte(`"CycloneDX"`))
}

// Parse reads a CycloneDX JSON document from r; name is the file name used in
// occurrences and errors. Every error is a *jsonstream.Error naming the
// file, the offset and the JSON path, and unwraps to an attest.Error with
// code attest.EINVALID.
func Parse(name string, r io.Reader) ([]attest.Occurrence, error) {
	return ParseWarn(name, r, nil)
}

// ParseWarn is Parse that passes what it skips to warn (nil drops them): a
// vulnerability's affects[].ref that names no component of the BOM is taken
// as the package itself when it is a package URL with a name and version,
// and otherwise skipped with a warning, a *jsonstream.Error at the
// vulnerability; the rest of the document is kept.
func ParseWarn(name string, r io.Reader, warn func(error)) ([]attest.Occurrence, error) {
	d := jsonstream.NewDecoder(name, r)
	var (
		bomFormat, specVersion string
		meta                   metadata
		comps                  = map[string]*component{}
		vulns                  []vulnerability
		vulnPaths              []string
		vulnOffsets            []int64
	)
	err := d.Object(func(key string) error {
		switch key {
		case "bomFormat":
			return d.Decode(&bomFormat)
		case "specVersion":
			return d.Decode(&specVersion)
		case "metadata":
			if err := d.Decode(&meta); err != nil {
				return err
			}
			if meta.Component != nil {
				index(comps, []component{*meta.Component})
			}
			return nil
		case "components":
			return jsonstream.Elements(d, func(c *component) error {
				index(comps, []component{*c})
				return nil
			})
		case "vulnerabilities":
			return jsonstream.Elements(d, func(v *vulnerability) error {
				vulns = append(vulns, *v)
				vulnPaths = append(vulnPaths, d.Path())
				vulnOffsets = append(vulnOffsets, d.Offset())
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
	if bomFormat != "CycloneDX" {
		return nil, d.Errorf("not a CycloneDX document: bomFormat is %q", bomFormat)
	}
	if !strings.HasPrefix(specVersion, "1.") {
		return nil, d.Errorf("unsupported CycloneDX specVersion %q", specVersion)
	}
	scanner := meta.scanner()
	art := meta.artifact(name)
	var occs []attest.Occurrence
	for i := range vulns {
		o, err := vulns[i].occurrences(comps, func(msg string) {
			if warn != nil {
				warn(d.ErrorAt(vulnOffsets[i], vulnPaths[i], "%s", msg))
			}
		})
		if err != nil {
			return nil, d.ErrorAt(vulnOffsets[i], vulnPaths[i], "%s", err)
		}
		for j := range o {
			o[j].Scanner, o[j].File, o[j].Artifact = scanner, name, art
		}
		occs = append(occs, o...)
	}
	return occs, nil
}

type property struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

type component struct {
	BOMRef     string      `json:"bom-ref"`
	Type       string      `json:"type"`
	Group      string      `json:"group"`
	Name       string      `json:"name"`
	Version    string      `json:"version"`
	PURL       string      `json:"purl"`
	Properties []property  `json:"properties"`
	Components []component `json:"components"`
}

func (c *component) property(name string) []string {
	var vals []string
	for _, p := range c.Properties {
		if p.Name == name && p.Value != "" {
			vals = append(vals, p.Value)
		}
	}
	return vals
}

// index adds components, nested ones included, by bom-ref.
func index(m map[string]*component, cs []component) {
	for i := range cs {
		c := &cs[i]
		if c.BOMRef != "" {
			m[c.BOMRef] = c
		}
		index(m, c.Components)
	}
}

type metadata struct {
	Tools     json.RawMessage `json:"tools"`
	Component *component      `json:"component"`
}

// scanner names the tool that wrote the document: grype, trivy, or
// cyclonedx. Tools are an array of {vendor, name} (1.4) or an object of
// components and services (1.5 and later).
func (m *metadata) scanner() string {
	var names []string
	var list []struct {
		Name string `json:"name"`
	}
	var obj struct {
		Components []struct {
			Name string `json:"name"`
		} `json:"components"`
		Services []struct {
			Name string `json:"name"`
		} `json:"services"`
	}
	if json.Unmarshal(m.Tools, &list) == nil {
		for _, t := range list {
			names = append(names, t.Name)
		}
	} else if json.Unmarshal(m.Tools, &obj) == nil {
		for _, t := range obj.Components {
			names = append(names, t.Name)
		}
		for _, t := range obj.Services {
			names = append(names, t.Name)
		}
	}
	for _, n := range names {
		switch n = strings.ToLower(n); {
		case strings.Contains(n, "grype"):
			return "grype"
		case strings.Contains(n, "trivy"):
			return "trivy"
		}
	}
	return Scanner
}

// artifact reads the scanned artifact from metadata.component. Without one
// the document itself is the artifact.
func (m *metadata) artifact(file string) attest.Artifact {
	c := m.Component
	if c == nil {
		return attest.Artifact{Kind: attest.ArtifactFilesystem, Name: file}
	}
	if c.Type != "container" {
		return attest.Artifact{Kind: attest.ArtifactFilesystem, Name: cmp.Or(c.Name, file)}
	}
	ref := imageref.Parse(c.Name)
	a := attest.Artifact{Kind: attest.ArtifactImage, Name: ref.Repository, Tag: ref.Tag, ManifestDigest: ref.Digest}
	// Trivy records the image id and repo digests as properties.
	if ids := c.property("aquasecurity:trivy:ImageID"); len(ids) > 0 {
		a.ConfigDigest = ids[0]
	}
	for _, rd := range c.property("aquasecurity:trivy:RepoDigest") {
		d := imageref.Parse(rd)
		if d.Digest != "" && (a.ManifestDigest == "" || d.Repository == a.Name) {
			a.ManifestDigest = d.Digest
		}
	}
	// Trivy's purl is pkg:oci/<name>@<manifest digest>; Syft writes the
	// manifest digest as the component version.
	if a.ManifestDigest == "" && strings.HasPrefix(c.PURL, "pkg:oci/") {
		if _, v, ok := strings.Cut(strings.SplitN(c.PURL, "?", 2)[0], "@"); ok {
			if u, err := url.PathUnescape(v); err == nil && strings.HasPrefix(u, "sha256:") {
				a.ManifestDigest = u
			}
		}
	}
	if a.ManifestDigest == "" && strings.HasPrefix(c.Version, "sha256:") {
		a.ManifestDigest = c.Version
	}
	if a.Tag == "" {
		for _, t := range c.property("aquasecurity:trivy:RepoTag") {
			if rt := imageref.Parse(t); rt.Repository == a.Name {
				a.Tag = rt.Tag
				break
			}
		}
	}
	return a
}

type source struct {
	Name string `json:"name"`
	URL  string `json:"url"`
}

type vulnerability struct {
	ID         string `json:"id"`
	Source     source `json:"source"`
	References []struct {
		ID     string `json:"id"`
		Source source `json:"source"`
	} `json:"references"`
	Ratings []struct {
		Source   source   `json:"source"`
		Score    *float64 `json:"score"`
		Severity string   `json:"severity"`
		Method   string   `json:"method"`
		Vector   string   `json:"vector"`
	} `json:"ratings"`
	Description    string `json:"description"`
	Detail         string `json:"detail"`
	Recommendation string `json:"recommendation"`
	Advisories     []struct {
		Title string `json:"title"`
		URL   string `json:"url"`
	} `json:"advisories"`
	Analysis struct {
		State    string   `json:"state"`
		Response []string `json:"response"`
	} `json:"analysis"`
	Affects []struct {
		Ref      string `json:"ref"`
		Versions []struct {
			Version string `json:"version"`
			Range   string `json:"range"`
			Status  string `json:"status"`
		} `json:"versions"`
	} `json:"affects"`
}

// cvssVersions maps rating methods onto CVSS versions.
var cvssVersions = map[string]string{"cvssv2": "2.0", "cvssv3": "3.0", "cvssv31": "3.1", "cvssv4": "4.0"}

// recommendation reads "Upgrade <name> to version <v>[, <v>...]" (Trivy) and
// "Upgrade to version <v>".
var recommendation = regexp.MustCompile(`(?i)^\s*upgrade\s+(?:(\S+)\s+)?to\s+(?:version\s+)?(.+?)\s*\.?\s*$`)

// occurrences returns one occurrence per component the vulnerability
// affects; warn is told of each affects entry skipped.
func (v *vulnerability) occurrences(comps map[string]*component, warn func(string)) ([]attest.Occurrence, error) {
	if v.ID == "" {
		return nil, fmt.Errorf("vulnerability has no id")
	}
	if len(v.Affects) == 0 {
		return nil, fmt.Errorf("vulnerability %s affects no component", v.ID)
	}
	base := attest.Occurrence{VulnID: v.ID, Severity: severity.Unknown, Description: cmp.Or(v.Description, v.Detail)}
	for _, r := range v.References {
		if r.ID != "" && r.ID != v.ID && !slices.Contains(base.Aliases, r.ID) {
			base.Aliases = append(base.Aliases, r.ID)
		}
	}
	for _, a := range v.Advisories {
		if a.URL != "" && !slices.Contains(base.URLs, a.URL) {
			base.URLs = append(base.URLs, a.URL)
		}
	}
	sourced := ""
	for _, r := range v.Ratings {
		method := strings.ToLower(r.Method)
		if method == "epss" || strings.EqualFold(r.Source.Name, "epss") {
			if r.Score != nil && base.EPSS == nil {
				base.EPSS = &attest.EPSS{Score: *r.Score}
			}
			continue
		}
		sev := severity.Normalize(r.Severity)
		if sev == severity.Unknown && r.Score != nil && cvssVersions[method] != "" {
			sev = severity.FromScore(*r.Score)
		}
		base.Severity = severity.Max(base.Severity, sev)
		if v.Source.Name != "" && strings.EqualFold(r.Source.Name, v.Source.Name) && sev != severity.Unknown && sourced == "" {
			sourced = sev
		}
		if ver := cvssVersions[method]; ver != "" {
			c := attest.CVSS{Source: strings.ToLower(r.Source.Name), Version: ver, Vector: r.Vector}
			if r.Score != nil {
				c.Score = *r.Score
			}
			base.CVSS = append(base.CVSS, c)
		}
	}
	// The rating of the vulnerability's own source decides, as the scanner
	// did; else the most severe rating.
	if sourced != "" {
		base.Severity = sourced
	}
	recName, recVersions := "", []string(nil)
	if m := recommendation.FindStringSubmatch(v.Recommendation); m != nil {
		recName = m[1]
		for _, s := range strings.Split(m[2], ",") {
			if s = strings.TrimSpace(s); s != "" {
				recVersions = append(recVersions, s)
			}
		}
	}
	var occs []attest.Occurrence
	for i, a := range v.Affects {
		c, ok := comps[a.Ref]
		if !ok {
			if c, ok = purlComponent(a.Ref); !ok {
				warn(fmt.Sprintf("affects[%d].ref %q names no component and is not a package URL with a name and version; %s skipped there", i, a.Ref, v.ID))
				continue
			}
		}
		if c.Name == "" || c.Version == "" {
			return nil, fmt.Errorf("affects[%d].ref %q names a component without name and version", i, a.Ref)
		}
		o := base
		o.Aliases, o.URLs, o.CVSS = slices.Clone(base.Aliases), slices.Clone(base.URLs), slices.Clone(base.CVSS)
		if base.EPSS != nil {
			e := *base.EPSS
			o.EPSS = &e
		}
		name := c.Name
		if c.Group != "" && purl.Ecosystem(c.PURL) == "maven" {
			name = c.Group + ":" + c.Name
		}
		o.Package = attest.Package{PURL: c.PURL, Ecosystem: purl.Ecosystem(c.PURL), Name: name, Version: c.Version}
		for _, ver := range a.Versions {
			if ver.Status == "unaffected" && ver.Version != "" && !slices.Contains(o.FixedVersions, ver.Version) {
				o.FixedVersions = append(o.FixedVersions, ver.Version)
			}
		}
		if len(o.FixedVersions) == 0 && (recName == "" || recName == c.Name || recName == name) {
			o.FixedVersions = slices.Clone(recVersions)
		}
		switch {
		case len(o.FixedVersions) > 0:
			o.FixState = attest.FixAvailable
		case slices.Contains(v.Analysis.Response, "will_not_fix"):
			o.FixState = attest.FixWontFix
		default:
			o.FixState = attest.FixUnknown
		}
		occs = append(occs, o)
	}
	return occs, nil
}

// purlComponent makes a component of a package URL with a name and version,
// for an affects ref that names no component of the BOM (some producers put
// the package's purl there directly).
func purlComponent(ref string) (*component, bool) {
	if !strings.HasPrefix(ref, "pkg:") {
		return nil, false
	}
	p, err := packageurl.FromString(ref)
	if err != nil || p.Name == "" || p.Version == "" {
		return nil, false
	}
	c := &component{Name: p.Name, Version: p.Version, PURL: ref}
	if p.Type == packageurl.TypeMaven {
		c.Group = p.Namespace
	}
	return c, true
}
