// Package sarif reads SARIF 2.1.0 logs written by vulnerability scanners
// (`trivy image -f sarif`, `grype -o sarif`) into occurrences, on a best
// effort basis: SARIF has no fields for a package, so the package name,
// installed version, fixed version and severity are read from the result's
// properties, from its message ("Package: x\nInstalled Version: y\n..." for
// Trivy, "... package: x, version y ..." for Grype) and from its rule's help
// text ("Package: x\nVersion: y\nFix Version: z" for Grype).
//
// A result that yields no package name and version fails the whole file,
// and the error lists every such result: a SARIF log from a code scanner is
// not a vulnerability report, and a partial report would read as a clean one.
//
// Severity comes from the "Severity:" line, else from the rule's
// security-severity score (CVSS bands), else from the result level (error
// high, warning medium, note low, none info).
package sarif

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/vuln/formats/imageref"
	"github.com/attest-dev/attest/vuln/formats/jsonstream"
	"github.com/attest-dev/attest/vuln/formats/purl"
	"github.com/attest-dev/attest/vuln/formats/severity"
)

// Scanner is the scanner name when the driver has no name.
const Scanner = "sarif"

// maxProblems caps the results listed in one error.
const maxProblems = 20

// Detect reports whether head, the opening bytes of a file, looks like a
// SARIF 2.1.0 log.
func Detect(head []byte) bool {
	k := jsonstream.FirstKey(head)
	return (k == "version" || k == "$schema" || k == "runs") &&
		(bytes.Contains(head, []byte(`"2.1.0"`)) || bytes.Contains(head, []byte("sarif-schema-2.1.0"))) &&
		bytes.Contains(head, []byte(`"runs"`))
}

// Parse reads a SARIF log from r; name is the file name used in occurrences
// and errors. Every error is a *jsonstream.Error (or several joined, one per
// result that could not be read) naming the file, the offset and the JSON
// path, and unwraps to an attest.Error with code attest.EINVALID.
func Parse(name string, r io.Reader) ([]attest.Occurrence, error) {
	d := jsonstream.NewDecoder(name, r)
	var (
		occs     []attest.Occurrence
		problems []error
		version  string
		sawRuns  bool
	)
	err := d.Object(func(key string) error {
		switch key {
		case "version":
			return d.Decode(&version)
		case "runs":
			sawRuns = true
			return d.Array(func(int) error {
				var (
					run     run
					results []result
					where   []jsonstream.Error
				)
				err := d.Object(func(key string) error {
					switch key {
					case "tool":
						return d.Decode(&run.Tool)
					case "properties":
						return d.Decode(&run.Properties)
					case "results":
						return jsonstream.Elements(d, func(res *result) error {
							results = append(results, *res)
							where = append(where, jsonstream.Error{File: name, Offset: d.Offset(), Path: d.Path()})
							return nil
						})
					}
					return d.Skip()
				})
				if err != nil {
					return err
				}
				for i := range results {
					o, err := run.occurrence(&results[i])
					if err != nil {
						e := where[i]
						e.Msg = err.Error()
						problems = append(problems, &e)
						continue
					}
					o.File = name
					if o.Artifact.Kind == attest.ArtifactFilesystem && o.Artifact.Name == "" {
						o.Artifact.Name = name
					}
					occs = append(occs, o)
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
	if !sawRuns {
		return nil, d.Errorf("not a SARIF log: no \"runs\"")
	}
	if version != "2.1.0" {
		return nil, d.Errorf("unsupported SARIF version %q, want 2.1.0", version)
	}
	if len(problems) > 0 {
		if n := len(problems); n > maxProblems {
			problems = append(problems[:maxProblems], &jsonstream.Error{File: name, Msg: fmt.Sprintf("and %d more results without a package", n-maxProblems)})
		}
		return nil, errors.Join(problems...)
	}
	return occs, nil
}

type text struct {
	Text string `json:"text"`
}

type rule struct {
	ID               string         `json:"id"`
	ShortDescription text           `json:"shortDescription"`
	FullDescription  text           `json:"fullDescription"`
	Help             text           `json:"help"`
	HelpURI          string         `json:"helpUri"`
	Properties       map[string]any `json:"properties"`
}

type run struct {
	Tool struct {
		Driver struct {
			Name  string `json:"name"`
			Rules []rule `json:"rules"`
		} `json:"driver"`
	}
	Properties struct {
		ImageName   string   `json:"imageName"`
		RepoDigests []string `json:"repoDigests"`
		RepoTags    []string `json:"repoTags"`
	}
}

type result struct {
	RuleID    string `json:"ruleId"`
	RuleIndex *int   `json:"ruleIndex"`
	Level     string `json:"level"`
	Message   text   `json:"message"`
	Locations []struct {
		PhysicalLocation struct {
			ArtifactLocation struct {
				URI string `json:"uri"`
			} `json:"artifactLocation"`
		} `json:"physicalLocation"`
	} `json:"locations"`
	Properties map[string]any `json:"properties"`
}

func (r *run) rule(res *result) *rule {
	rules := r.Tool.Driver.Rules
	if res.RuleIndex != nil && *res.RuleIndex >= 0 && *res.RuleIndex < len(rules) && (res.RuleID == "" || rules[*res.RuleIndex].ID == res.RuleID) {
		return &rules[*res.RuleIndex]
	}
	for i := range rules {
		if rules[i].ID == res.RuleID {
			return &rules[i]
		}
	}
	return &rule{ID: res.RuleID}
}

var (
	// linkURL reads the target of a markdown link.
	linkURL = regexp.MustCompile(`\]\((https?://[^)\s]+)\)`)
	// grypeMessage reads Grype's result message.
	grypeMessage = regexp.MustCompile(`(?i)package:\s*([^,\s]+),\s*version\s+(\S+?)[\s,]`)
	// grypeImage reads the image named in Grype's result message.
	grypeImage = regexp.MustCompile(`in image\s+(\S+?)\s+at:`)
)

// fields reads "Key: value" lines, and "Vulnerability X" lines, of texts,
// the earlier text winning.
func fields(texts ...string) map[string]string {
	m := map[string]string{}
	for _, t := range texts {
		for line := range strings.SplitSeq(t, "\n") {
			line = strings.TrimSpace(line)
			if id, ok := strings.CutPrefix(line, "Vulnerability "); ok && !strings.Contains(id, ":") {
				if _, seen := m["vulnerability"]; !seen {
					m["vulnerability"] = strings.Trim(id, "* ")
				}
				continue
			}
			k, v, ok := strings.Cut(line, ":")
			if !ok {
				continue
			}
			k = strings.ToLower(strings.TrimSpace(k))
			if _, seen := m[k]; !seen {
				m[k] = strings.TrimSpace(v)
			}
		}
	}
	return m
}

func prop(ps map[string]any, keys ...string) string {
	for _, k := range keys {
		switch v := ps[k].(type) {
		case string:
			if v != "" {
				return v
			}
		case float64:
			return strconv.FormatFloat(v, 'f', -1, 64)
		}
	}
	return ""
}

func (r *run) occurrence(res *result) (attest.Occurrence, error) {
	ru := r.rule(res)
	f := fields(res.Message.Text, ru.Help.Text)
	pkgName := firstOf(prop(res.Properties, "packageName", "PkgName", "package"), f["package"])
	version := firstOf(prop(res.Properties, "installedVersion", "InstalledVersion", "packageVersion", "version"), f["installed version"], f["version"])
	if m := grypeMessage.FindStringSubmatch(res.Message.Text); m != nil {
		pkgName, version = firstOf(pkgName, m[1]), firstOf(version, m[2])
	}
	vulnID := firstOf(prop(res.Properties, "vulnerabilityId", "VulnerabilityID"), f["vulnerability"], res.RuleID, ru.ID)
	switch {
	case vulnID == "":
		return attest.Occurrence{}, errors.New("result has no ruleId")
	case pkgName == "" || version == "":
		return attest.Occurrence{}, fmt.Errorf("result for rule %q names no package and installed version", firstOf(res.RuleID, ru.ID))
	}
	o := attest.Occurrence{
		Scanner:     firstOf(strings.ToLower(r.Tool.Driver.Name), Scanner),
		Artifact:    r.artifact(res),
		VulnID:      vulnID,
		Title:       ru.ShortDescription.Text,
		Description: ru.FullDescription.Text,
	}
	p := prop(res.Properties, "purl", "PURL")
	o.Package = attest.Package{PURL: p, Ecosystem: purl.Ecosystem(p), Name: pkgName, Version: version}
	if o.Package.Ecosystem == "" && f["type"] != "" {
		o.Package.Ecosystem = purl.FromType(f["type"])
	}
	fixed, haveFixField := f["fixed version"]
	if !haveFixField {
		fixed, haveFixField = f["fix version"]
	}
	fixed = firstOf(prop(res.Properties, "fixedVersion", "FixedVersion"), fixed)
	for _, v := range strings.Split(fixed, ",") {
		if v = strings.TrimSpace(v); v != "" && !slices.Contains(o.FixedVersions, v) {
			o.FixedVersions = append(o.FixedVersions, v)
		}
	}
	switch {
	case len(o.FixedVersions) > 0:
		o.FixState = attest.FixAvailable
	case haveFixField:
		o.FixState = attest.FixNotFixed
	default:
		o.FixState = attest.FixUnknown
	}
	o.Severity = severity.Normalize(firstOf(prop(res.Properties, "severity", "Severity"), f["severity"]))
	if o.Severity == severity.Unknown {
		if s, err := strconv.ParseFloat(prop(ru.Properties, "security-severity"), 64); err == nil {
			o.Severity = severity.FromScore(s)
		} else {
			o.Severity = levelSeverity(res.Level)
		}
	}
	urls := []string{ru.HelpURI}
	for _, m := range linkURL.FindAllStringSubmatch(res.Message.Text+"\n"+ru.Help.Text, -1) {
		urls = append(urls, m[1])
	}
	for _, u := range urls {
		if u != "" && !slices.Contains(o.URLs, u) {
			o.URLs = append(o.URLs, u)
		}
	}
	for _, l := range res.Locations {
		if u := l.PhysicalLocation.ArtifactLocation.URI; u != "" && !slices.Contains(o.Locations, u) {
			o.Locations = append(o.Locations, u)
		}
	}
	if loc := f["location"]; loc != "" && !slices.Contains(o.Locations, loc) {
		o.Locations = append(o.Locations, loc)
	}
	return o, nil
}

// artifact reads the scanned image from the run's properties (Trivy) or the
// result message (Grype); otherwise the scan was of a file system.
func (r *run) artifact(res *result) attest.Artifact {
	img := r.Properties.ImageName
	if img == "" {
		if m := grypeImage.FindStringSubmatch(res.Message.Text); m != nil {
			img = m[1]
		}
	}
	if img == "" {
		return attest.Artifact{Kind: attest.ArtifactFilesystem}
	}
	ref := imageref.Parse(img)
	a := attest.Artifact{Kind: attest.ArtifactImage, Name: ref.Repository, Tag: ref.Tag, ManifestDigest: ref.Digest}
	for _, rd := range r.Properties.RepoDigests {
		d := imageref.Parse(rd)
		if d.Digest != "" && (a.ManifestDigest == "" || d.Repository == a.Name) {
			a.ManifestDigest = d.Digest
		}
	}
	return a
}

func levelSeverity(level string) string {
	switch level {
	case "error":
		return severity.High
	case "warning", "":
		// SARIF's default level is warning.
		return severity.Medium
	case "note":
		return severity.Low
	case "none":
		return severity.Info
	}
	return severity.Unknown
}

func firstOf(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
