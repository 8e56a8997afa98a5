package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/vuln"
)

// SARIF 2.1.0 as GitHub code scanning reads it: one rule per vulnerability
// id with a security-severity, one result per merged vulnerability,
// suppressed ones carrying a SARIF suppression.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifMessage struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID               string            `json:"id"`
	Name             string            `json:"name,omitempty"`
	ShortDescription sarifMessage      `json:"shortDescription"`
	FullDescription  sarifMessage      `json:"fullDescription"`
	HelpURI          string            `json:"helpUri,omitempty"`
	Help             sarifMessage      `json:"help"`
	Properties       sarifRuleProperty `json:"properties"`
}

type sarifRuleProperty struct {
	SecuritySeverity string   `json:"security-severity"`
	Tags             []string `json:"tags"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifMessage      `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Suppressions        []sarifSuppress   `json:"suppressions,omitempty"`
	Properties          map[string]any    `json:"properties,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
	Message          *sarifMessage `json:"message,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           sarifRegion           `json:"region"`
}

type sarifArtifactLocation struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine int `json:"startLine"`
}

type sarifSuppress struct {
	Kind          string `json:"kind"`
	Status        string `json:"status"`
	Justification string `json:"justification,omitempty"`
}

// SARIF writes the report as SARIF 2.1.0.
func SARIF(w io.Writer, r *vuln.Report) error {
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "attest",
			InformationURI: "https://github.com/attest-dev/attest",
			Rules:          []sarifRule{},
		}},
		Results: []sarifResult{},
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
	if err := enc.Encode(sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{run},
	}); err != nil {
		return err
	}
	return bw.Flush()
}

func sarifRuleOf(v *attest.Vulnerability) sarifRule {
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
	rule := sarifRule{
		ID:               v.ID,
		Name:             "Vulnerability",
		ShortDescription: sarifMessage{Text: title},
		FullDescription:  sarifMessage{Text: desc},
		Help:             sarifMessage{Text: help},
		Properties: sarifRuleProperty{
			SecuritySeverity: securitySeverity(v),
			Tags:             []string{"security", "vulnerability", v.Severity},
		},
	}
	if len(v.URLs) > 0 {
		rule.HelpURI = v.URLs[0]
	}
	return rule
}

func sarifResultOf(v *attest.Vulnerability, ruleIndex int) sarifResult {
	ref := vuln.ArtifactRef(v.Artifact)
	msg := fmt.Sprintf("%s %s in package %s %s (%s); fixed in: %s", v.Severity, v.ID, v.Package.Name, v.Package.Version, ref, fixedIn(v))
	if v.KEV != nil {
		msg += "; listed in CISA KEV"
	}
	if v.EPSS != nil {
		msg += "; EPSS " + epss(v)
	}
	res := sarifResult{
		RuleID:    v.ID,
		RuleIndex: ruleIndex,
		Level:     sarifLevel(v.Severity),
		Message:   sarifMessage{Text: msg},
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
		res.Locations = append(res.Locations, sarifLocation{
			PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifactLocation{URI: uri}, Region: sarifRegion{StartLine: 1}},
			Message:          &sarifMessage{Text: ref},
		})
	}
	if s := v.Suppression; s != nil {
		res.Suppressions = []sarifSuppress{{Kind: "external", Status: "accepted", Justification: strings.TrimSpace(s.Status + ": " + suppressedWhy(s))}}
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
