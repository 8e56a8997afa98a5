package report

import (
	"crypto/sha256"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"

	cdx "github.com/CycloneDX/cyclonedx-go"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/vuln"
)

// CycloneDXVEX writes the report as a CycloneDX 1.6 VEX document: the
// artifacts and packages as components, and one vulnerability entry per
// merged vulnerability with its ratings per source and its analysis:
// suppressed ones with the VEX state and justification (an ignore rule is
// an accepted risk: exploitable, will_not_fix, with the reason as detail);
// active ones with their VEX status when there is one, otherwise in_triage.
func CycloneDXVEX(w io.Writer, r *vuln.Report) error {
	bom := cdx.NewBOM()
	bom.SerialNumber = serialNumber(r)
	bom.Metadata = &cdx.Metadata{
		Timestamp: r.Generated.UTC().Format("2006-01-02T15:04:05Z"),
		Tools: &cdx.ToolsChoice{Components: &[]cdx.Component{{
			Type: cdx.ComponentTypeApplication, Name: "attest", Group: "attest-dev",
		}}},
	}
	var comps []cdx.Component
	refs := map[string]bool{}
	var vulns []cdx.Vulnerability
	for i := range r.Vulnerabilities {
		v := &r.Vulnerabilities[i]
		artRef := vuln.ArtifactRef(v.Artifact)
		if !refs[artRef] {
			refs[artRef] = true
			comps = append(comps, artifactComponent(v.Artifact, artRef))
		}
		pkgRef := packageRef(v, artRef)
		if !refs[pkgRef] {
			refs[pkgRef] = true
			comps = append(comps, cdx.Component{
				BOMRef:     pkgRef,
				Type:       cdx.ComponentTypeLibrary,
				Name:       v.Package.Name,
				Version:    v.Package.Version,
				PackageURL: v.Package.PURL,
			})
		}
		vulns = append(vulns, cdxVulnerability(v, pkgRef, i))
	}
	slices.SortStableFunc(comps, func(a, b cdx.Component) int { return strings.Compare(a.BOMRef, b.BOMRef) })
	bom.Components = &comps
	bom.Vulnerabilities = &vulns
	enc := cdx.NewBOMEncoder(w, cdx.BOMFileFormatJSON)
	enc.SetPretty(true)
	enc.SetEscapeHTML(false)
	return enc.EncodeVersion(bom, cdx.SpecVersion1_6)
}

// serialNumber is a urn:uuid derived from the report's content, so that the
// same report gives the same document.
func serialNumber(r *vuln.Report) string {
	h := sha256.New()
	fmt.Fprintln(h, r.Generated.UTC().Format("2006-01-02T15:04:05Z"))
	for _, v := range r.Vulnerabilities {
		fmt.Fprintln(h, vuln.ArtifactRef(v.Artifact), v.Package.PURL, v.Package.Name, v.Package.Version, v.ID)
	}
	b := h.Sum(nil)[:16]
	b[6] = b[6]&0x0f | 0x50 // version 5 layout (name-based, SHA)
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

func artifactComponent(a attest.Artifact, ref string) cdx.Component {
	c := cdx.Component{BOMRef: ref, Name: a.Name, Version: a.Tag}
	switch a.Kind {
	case attest.ArtifactImage, "":
		c.Type = cdx.ComponentTypeContainer
		if d := cmpOr(a.ManifestDigest, a.ConfigDigest); d != "" {
			c.PackageURL = ociPURL(a, d)
		}
	case attest.ArtifactHost:
		c.Type = cdx.ComponentTypeDevice
	default:
		c.Type = cdx.ComponentTypeApplication
	}
	return c
}

// ociPURL is the pkg:oci package URL of an image digest.
func ociPURL(a attest.Artifact, digest string) string {
	name := a.Name
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	s := "pkg:oci/" + strings.ToLower(name) + "@" + strings.ReplaceAll(digest, ":", "%3A") + "?repository_url=" + url.QueryEscape(a.Name)
	if a.Tag != "" {
		s += "&tag=" + url.QueryEscape(a.Tag)
	}
	return s
}

func cmpOr(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// packageRef is the bom-ref of a package within an artifact.
func packageRef(v *attest.Vulnerability, artRef string) string {
	p := v.Package.PURL
	if p == "" {
		p = v.Package.Ecosystem + "/" + v.Package.Name + "@" + v.Package.Version
	}
	return artRef + "#" + p
}

func cdxVulnerability(v *attest.Vulnerability, pkgRef string, i int) cdx.Vulnerability {
	cv := cdx.Vulnerability{
		BOMRef:      fmt.Sprintf("vuln-%d", i+1),
		ID:          v.ID,
		Description: cmpOr(v.Title, v.Description),
		Affects:     &[]cdx.Affects{{Ref: pkgRef}},
	}
	if src := idSource(v.ID); src != nil {
		cv.Source = src
	}
	if len(v.Aliases) > 0 {
		refs := make([]cdx.VulnerabilityReference, 0, len(v.Aliases))
		for _, a := range v.Aliases {
			refs = append(refs, cdx.VulnerabilityReference{ID: a, Source: idSource(a)})
		}
		cv.References = &refs
	}
	var ratings []cdx.VulnerabilityRating
	for _, s := range v.Sources {
		ratings = append(ratings, cdx.VulnerabilityRating{Source: &cdx.Source{Name: s.Scanner}, Severity: cdx.Severity(s.Severity)})
	}
	for _, c := range v.CVSS {
		score := c.Score
		ratings = append(ratings, cdx.VulnerabilityRating{Source: &cdx.Source{Name: c.Source}, Score: &score, Method: cvssMethod(c), Vector: c.Vector})
	}
	if len(ratings) > 0 {
		cv.Ratings = &ratings
	}
	if len(v.FixedVersions) > 0 {
		cv.Recommendation = "Upgrade " + v.Package.Name + " to " + strings.Join(v.FixedVersions, " or ")
	}
	cv.Analysis = analysis(v)
	var props []cdx.Property
	if v.KEV != nil {
		props = append(props, cdx.Property{Name: "attest:kev:date_added", Value: v.KEV.DateAdded})
	}
	if v.EPSS != nil {
		props = append(props, cdx.Property{Name: "attest:epss:score", Value: fmt.Sprint(v.EPSS.Score)})
	}
	if len(props) > 0 {
		cv.Properties = &props
	}
	return cv
}

// idSource names the database an id comes from, where it is plain.
func idSource(id string) *cdx.Source {
	switch {
	case vuln.IsCVE(id):
		return &cdx.Source{Name: "NVD", URL: "https://nvd.nist.gov/vuln/detail/" + id}
	case strings.HasPrefix(id, "GHSA-"):
		return &cdx.Source{Name: "GitHub", URL: "https://github.com/advisories/" + id}
	}
	return nil
}

func cvssMethod(c attest.CVSS) cdx.ScoringMethod {
	switch {
	case strings.HasPrefix(c.Version, "4"):
		return cdx.ScoringMethodCVSSv4
	case c.Version == "3.1":
		return cdx.ScoringMethodCVSSv31
	case strings.HasPrefix(c.Version, "3"):
		return cdx.ScoringMethodCVSSv3
	case strings.HasPrefix(c.Version, "2"):
		return cdx.ScoringMethodCVSSv2
	}
	return cdx.ScoringMethodOther
}

// justifications maps OpenVEX justifications to CycloneDX's.
var justifications = map[string]cdx.ImpactAnalysisJustification{
	"component_not_present":                             cdx.IAJCodeNotPresent,
	"vulnerable_code_not_present":                       cdx.IAJCodeNotPresent,
	"vulnerable_code_not_in_execute_path":               cdx.IAJCodeNotReachable,
	"vulnerable_code_cannot_be_controlled_by_adversary": cdx.IAJProtectedByMitigatingControl,
	"inline_mitigations_already_exist":                  cdx.IAJProtectedByMitigatingControl,
}

var cdxJustifications = []cdx.ImpactAnalysisJustification{
	cdx.IAJCodeNotPresent, cdx.IAJCodeNotReachable, cdx.IAJRequiresConfiguration, cdx.IAJRequiresDependency,
	cdx.IAJRequiresEnvironment, cdx.IAJProtectedByCompiler, cdx.IAJProtectedAtRuntime, cdx.IAJProtectedAtPerimeter,
	cdx.IAJProtectedByMitigatingControl,
}

func analysis(v *attest.Vulnerability) *cdx.VulnerabilityAnalysis {
	s := v.Suppression
	if s == nil {
		switch v.VEXStatus {
		case vuln.VEXAffected, vuln.VEXExploitable:
			return &cdx.VulnerabilityAnalysis{State: cdx.IASExploitable}
		}
		return &cdx.VulnerabilityAnalysis{State: cdx.IASInTriage}
	}
	a := &cdx.VulnerabilityAnalysis{Detail: s.Detail}
	switch s.Status {
	case vuln.VEXNotAffected:
		a.State = cdx.IASNotAffected
	case vuln.VEXFixed, vuln.VEXResolved:
		a.State = cdx.IASResolved
	case vuln.VEXFalsePositive:
		a.State = cdx.IASFalsePositive
	default: // an ignore rule: a risk accepted until it expires
		a.State = cdx.IASExploitable
		a.Response = &[]cdx.ImpactAnalysisResponse{cdx.IARWillNotFix}
		a.Detail = strings.TrimSpace(s.Justification + " (accepted until " + s.Expires + ", " + s.Source + ")")
		return a
	}
	if j, ok := justifications[s.Justification]; ok {
		a.Justification = j
	} else if slices.Contains(cdxJustifications, cdx.ImpactAnalysisJustification(s.Justification)) {
		a.Justification = cdx.ImpactAnalysisJustification(s.Justification)
	} else if s.Justification != "" {
		a.Detail = strings.TrimSpace(s.Justification + ". " + a.Detail)
	}
	return a
}
