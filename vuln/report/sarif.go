package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/report/sarif"
	"github.com/attest-dev/attest/vuln"
)

// SARIF writes the report as SARIF 2.1.0, as GitHub code scanning reads it:
// one rule per vulnerability id with a security-severity, one result per
// merged vulnerability, suppressed ones carrying a SARIF suppression.
func SARIF(w io.Writer, r *vuln.Report) error {
	run := sarif.Run{
		Tool: sarif.Tool{Driver: sarif.Driver{
			Name:           "attest",
			InformationURI: "https://github.com/attest-dev/attest",
			Rules:          []sarif.Rule{},
		}},
		Results: []sarif.Result{},
	}
	ruleIndex := map[string]int{}
	for i := range r.Vulnerabilities {
		v := &r.Vulnerabilities[i]
		ri, ok := ruleIndex[v.ID]
		if !ok {
			ri = len(run.Tool.Driver.Rules)
			ruleIndex[v.ID] = ri
			run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRuleOf(v))
		} else if s := securitySeverity(v); parseScore(s) > parseScore(run.Tool.Driver.Rules[ri].Properties.SecuritySeverity) {
			// The rule carries the worst rating of its results.
			run.Tool.Driver.Rules[ri].Properties.SecuritySeverity = s
		}
		run.Results = append(run.Results, sarifResultOf(v, ri))
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(sarif.Log{
		Schema:  sarif.SchemaURI,
		Version: sarif.Version,
		Runs:    []sarif.Run{run},
	}); err != nil {
		return err
	}
	return bw.Flush()
}

func sarifRuleOf(v *attest.Vulnerability) sarif.Rule {
	title := v.Title
	if title == "" {
		title = v.ID + " in " + v.Package.Name
	}
	desc := v.Description
	if desc == "" {
		desc = title
	}
	help := v.ID
	if len(v.URLs) > 0 {
		help += "\n" + strings.Join(v.URLs, "\n")
	}
	rule := sarif.Rule{
		ID:               v.ID,
		Name:             "Vulnerability",
		ShortDescription: sarif.Message{Text: title},
		FullDescription:  sarif.Message{Text: desc},
		Help:             sarif.Message{Text: help},
		Properties: sarif.RuleProperties{
			SecuritySeverity: securitySeverity(v),
			Tags:             []string{"security", "vulnerability", v.Severity},
		},
	}
	if len(v.URLs) > 0 {
		rule.HelpURI = v.URLs[0]
	}
	return rule
}

func sarifResultOf(v *attest.Vulnerability, ruleIndex int) sarif.Result {
	ref := vuln.ArtifactRef(v.Artifact)
	msg := fmt.Sprintf("%s %s in package %s %s (%s); fixed in: %s", v.Severity, v.ID, v.Package.Name, v.Package.Version, ref, fixedIn(v))
	if v.KEV != nil {
		msg += "; listed in CISA KEV"
	}
	if v.EPSS != nil {
		msg += "; EPSS " + epss(v)
	}
	res := sarif.Result{
		RuleID:    v.ID,
		RuleIndex: ruleIndex,
		Level:     sarifLevel(v.Severity),
		Message:   sarif.Message{Text: msg},
		PartialFingerprints: map[string]string{
			// Stable across releases: the repository, not the digest.
			"attestVulnerability/v1": vuln.ArtifactLineKey(v.Artifact) + "|" + strings.ReplaceAll(vuln.PackageLineKey(v.Package), "\x00", "/") + "|" + v.ID,
		},
		Properties: map[string]any{"scanners": scanners(v)},
	}
	locs := v.Locations
	if len(locs) == 0 {
		locs = []string{v.Artifact.Name}
	}
	for _, l := range locs {
		uri := strings.TrimPrefix(l, "/")
		if uri == "" {
			uri = v.Package.Name
		}
		res.Locations = append(res.Locations, sarif.Location{
			PhysicalLocation: sarif.PhysicalLocation{ArtifactLocation: sarif.ArtifactLocation{URI: uri}, Region: &sarif.Region{StartLine: 1}},
			Message:          &sarif.Message{Text: ref},
		})
	}
	if s := v.Suppression; s != nil {
		res.Suppressions = []sarif.Suppression{{Kind: "external", Status: "accepted", Justification: strings.TrimSpace(s.Status + ": " + suppressedWhy(s))}}
	}
	return res
}

// sarifLevel maps a severity to a SARIF level.
func sarifLevel(sev string) string {
	switch sev {
	case attest.SeverityCritical, attest.SeverityHigh:
		return "error"
	case attest.SeverityMedium:
		return "warning"
	}
	return "note"
}

// securitySeverity is the score GitHub sorts code scanning alerts by: the
// highest CVSS score, else a score in the middle of the severity's band.
func securitySeverity(v *attest.Vulnerability) string {
	var best float64
	for _, c := range v.CVSS {
		best = max(best, c.Score)
	}
	if best == 0 {
		switch v.Severity {
		case attest.SeverityCritical:
			best = 9.5
		case attest.SeverityHigh:
			best = 8.0
		case attest.SeverityMedium:
			best = 5.5
		case attest.SeverityLow:
			best = 2.0
		}
	}
	return strconv.FormatFloat(best, 'f', 1, 64)
}

func parseScore(s string) float64 {
	f, _ := strconv.ParseFloat(s, 64)
	return f
}
