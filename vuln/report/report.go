// Package report renders a merged vulnerability report (vuln.Report) as a
// terminal table, a Markdown release report, versioned JSON, SARIF 2.1.0,
// CycloneDX VEX and a single-file HTML page.
package report

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/vuln"
)

// Format names accepted by Render.
const (
	FormatTable        = "table"
	FormatMarkdown     = "markdown"
	FormatJSON         = "json"
	FormatSARIF        = "sarif"
	FormatCycloneDXVEX = "cyclonedx-vex"
	FormatHTML         = "html"
)

// Renderer writes a report in one format.
type Renderer func(w io.Writer, r *vuln.Report) error

// renderers is the registry of output formats.
var renderers = map[string]Renderer{
	FormatTable:        Table,
	FormatMarkdown:     Markdown,
	FormatJSON:         JSON,
	FormatSARIF:        SARIF,
	FormatCycloneDXVEX: CycloneDXVEX,
	FormatHTML:         HTML,
}

// Formats lists the output format names, sorted.
func Formats() []string {
	names := make([]string, 0, len(renderers))
	for n := range renderers {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Render writes r to w in the named format.
func Render(w io.Writer, format string, r *vuln.Report) error {
	fn, ok := renderers[format]
	if !ok {
		return fmt.Errorf("unknown output format %q (want one of %s)", format, strings.Join(Formats(), ", "))
	}
	return fn(w, r)
}

// fixedIn is the fixed versions of v, or what its fix state says.
func fixedIn(v *attest.Vulnerability) string {
	if len(v.FixedVersions) > 0 {
		return strings.Join(v.FixedVersions, ", ")
	}
	switch v.FixState {
	case attest.FixWontFix:
		return "won't fix"
	case attest.FixNotFixed:
		return "no fix yet"
	case attest.FixAvailable:
		return "fixed (version not given)"
	}
	return "unknown"
}

// epss formats the EPSS score as a percentage, or "-".
func epss(v *attest.Vulnerability) string {
	if v.EPSS == nil {
		return "-"
	}
	return strconv.FormatFloat(v.EPSS.Score*100, 'f', 2, 64) + "%"
}

// kev says whether v is in CISA KEV ("KEV", with "ransomware" when its
// entry says it is known to be used by ransomware campaigns).
func kev(v *attest.Vulnerability) string {
	switch {
	case v.KEV == nil:
		return "-"
	case v.KEV.RansomwareUse == "Known":
		return "KEV (ransomware)"
	}
	return "KEV"
}

// scanners lists the scanners that reported v.
func scanners(v *attest.Vulnerability) string {
	var names []string
	for _, s := range v.Sources {
		if !slices.Contains(names, s.Scanner) {
			names = append(names, s.Scanner)
		}
	}
	return strings.Join(names, ", ")
}

// disagreement says where the scanners disagree about v, or "".
func disagreement(v *attest.Vulnerability) string {
	var parts []string
	if v.SeverityDisagrees {
		var sev []string
		for _, s := range v.Sources {
			e := s.Scanner + " " + s.Severity
			if !slices.Contains(sev, e) {
				sev = append(sev, e)
			}
		}
		parts = append(parts, "severity differs: "+strings.Join(sev, ", "))
	}
	if len(v.MissedBy) > 0 {
		parts = append(parts, "not reported by "+strings.Join(v.MissedBy, ", "))
	}
	return strings.Join(parts, "; ")
}

// suppressedWhy says why v is suppressed.
func suppressedWhy(s *attest.Suppression) string {
	parts := []string{}
	switch {
	case s.Justification != "" && s.Detail != "":
		parts = append(parts, s.Justification+": "+s.Detail)
	case s.Justification != "":
		parts = append(parts, s.Justification)
	case s.Detail != "":
		parts = append(parts, s.Detail)
	}
	if s.Expires != "" {
		parts = append(parts, "until "+s.Expires)
	}
	if s.Source != "" {
		parts = append(parts, "("+s.Source+")")
	}
	return strings.Join(parts, " ")
}

// actFirst reports whether v needs action first: in KEV, or critical or
// high with a fix.
func actFirst(v *attest.Vulnerability) bool {
	if v.Suppression != nil {
		return false
	}
	return v.KEV != nil || (v.FixState == attest.FixAvailable && attest.SeverityRank(v.Severity) >= attest.SeverityRank(attest.SeverityHigh))
}

// artifactSection is the active vulnerabilities of one artifact.
type artifactSection struct {
	Ref   string
	Vulns []attest.Vulnerability
}

// byArtifact groups the active vulnerabilities by artifact, keeping their
// rank order within each and ordering artifacts by name.
func byArtifact(vs []attest.Vulnerability) []artifactSection {
	var out []artifactSection
	idx := map[string]int{}
	for _, v := range vs {
		if v.Suppression != nil {
			continue
		}
		ref := vuln.ArtifactRef(v.Artifact)
		i, ok := idx[ref]
		if !ok {
			i = len(out)
			idx[ref] = i
			out = append(out, artifactSection{Ref: ref})
		}
		out[i].Vulns = append(out[i].Vulns, v)
	}
	slices.SortStableFunc(out, func(a, b artifactSection) int { return strings.Compare(a.Ref, b.Ref) })
	return out
}

// inputsLine describes the inputs of a report in one sentence fragment.
func inputsLine(r *vuln.Report) string {
	var fmts []string
	for _, in := range r.Inputs {
		if !slices.Contains(fmts, in.Format) {
			fmts = append(fmts, in.Format)
		}
	}
	s := fmt.Sprintf("%d report", len(r.Inputs))
	if len(r.Inputs) != 1 {
		s += "s"
	}
	if len(fmts) > 0 {
		s += " (" + strings.Join(fmts, ", ") + ")"
	}
	if r.KEV != nil {
		s += "; CISA KEV catalog " + r.KEV.Version
	}
	if r.EPSS != nil {
		s += "; EPSS " + r.EPSS.Version + " scores of " + r.EPSS.Date
	}
	return s
}

// severityTitle capitalises a severity for headings.
func severityTitle(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
