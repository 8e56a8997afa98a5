package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/attest-dev/attest"
)

// SARIF writes the report as a SARIF 2.1.0 log as GitHub code scanning reads
// it: one run whose driver lists every rule that ran, and a result for every
// failure and every waived finding (the latter with a suppression, so that
// code scanning shows it as dismissed). Locations are relative to
// %SRCROOT%; a finding without a known line points at line 1, because code
// scanning rejects results whose region has no start line.
func SARIF(w io.Writer, r *Report) error {
	rules := ruleIndex(r.Rules)
	drv := sarifDriver{
		Name:           orDefault(r.Tool.Name, "attest"),
		Version:        r.Tool.Version,
		InformationURI: orDefault(r.Tool.InformationURI, "https://github.com/attest-dev/attest"),
		Rules:          []sarifRule{},
	}
	index := make(map[string]int, len(r.Rules))
	for i := range r.Rules {
		rl := &r.Rules[i]
		if _, dup := index[rl.ID]; dup {
			continue
		}
		index[rl.ID] = len(drv.Rules)
		drv.Rules = append(drv.Rules, sarifRuleOf(rl))
	}

	results := []sarifResult{}
	for _, f := range sortedFindings(r.Findings, attest.StatusFail, attest.StatusWaived) {
		res := sarifResult{
			RuleID:    f.RuleID,
			RuleIndex: -1,
			Level:     sarifLevel(f.Severity),
			Message:   sarifMessage{Text: resultText(f, rules[f.RuleID])},
			Locations: []sarifLocation{{
				PhysicalLocation: physicalLocation(f.Range, f.Root),
				LogicalLocations: []sarifLogicalLocation{{FullyQualifiedName: f.Resource, Kind: "resource"}},
			}},
			PartialFingerprints: map[string]string{"attestFinding/v1": fingerprint(f)},
		}
		if i, ok := index[f.RuleID]; ok {
			res.RuleIndex = i
		}
		for i, c := range f.ModuleCalls {
			res.RelatedLocations = append(res.RelatedLocations, sarifLocation{
				ID:               i + 1,
				PhysicalLocation: physicalLocation(c, f.Root),
				Message:          &sarifMessage{Text: "module call leading to the resource"},
			})
		}
		if f.Status == attest.StatusWaived {
			res.Suppressions = []sarifSuppression{suppression(f)}
		}
		results = append(results, res)
	}

	inv := sarifInvocation{ExecutionSuccessful: !r.Diagnostics.HasErrors()}
	if !r.Started.IsZero() {
		inv.StartTimeUTC = r.Started.UTC().Format("2006-01-02T15:04:05.000Z")
	}
	for _, d := range r.Diagnostics {
		n := sarifNotification{
			Level:   "warning",
			Message: sarifMessage{Text: d.Summary},
		}
		if d.Severity == attest.DiagError {
			n.Level = "error"
		}
		if d.Detail != "" {
			n.Message.Text += ": " + d.Detail
		}
		if d.Pos.File != "" {
			pl := physicalLocation(attest.Range{File: d.Pos.File, StartLine: d.Pos.Line}, "")
			if d.Pos.Column > 0 && pl.Region != nil {
				pl.Region.StartColumn = d.Pos.Column
			}
			n.Locations = []sarifLocation{{PhysicalLocation: pl}}
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n)
	}

	log := sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs: []sarifRun{{
			Tool:        sarifTool{Driver: drv},
			Invocations: []sarifInvocation{inv},
			Results:     results,
			ColumnKind:  "unicodeCodePoints",
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(log); err != nil {
		return fmt.Errorf("write sarif report: %w", err)
	}
	return nil
}

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	Results     []sarifResult     `json:"results"`
	ColumnKind  string            `json:"columnKind"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string              `json:"id"`
	Name                 string              `json:"name"`
	ShortDescription     sarifText           `json:"shortDescription"`
	FullDescription      sarifText           `json:"fullDescription"`
	Help                 sarifText           `json:"help"`
	DefaultConfiguration sarifConfiguration  `json:"defaultConfiguration"`
	Properties           sarifRuleProperties `json:"properties"`
}

// sarifText is a multiformatMessageString.
type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifRuleProperties struct {
	SecuritySeverity string   `json:"security-severity"`
	Severity         string   `json:"severity"`
	Tags             []string `json:"tags"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifMessage       `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	RelatedLocations    []sarifLocation    `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifLocation struct {
	ID               int                    `json:"id,omitempty"`
	PhysicalLocation sarifPhysicalLocation  `json:"physicalLocation"`
	LogicalLocations []sarifLogicalLocation `json:"logicalLocations,omitempty"`
	Message          *sarifMessage          `json:"message,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
}

type sarifLogicalLocation struct {
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Status        string `json:"status"`
	Justification string `json:"justification,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	StartTimeUTC               string              `json:"startTimeUtc,omitempty"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

func sarifRuleOf(rl *attest.Rule) sarifRule {
	full := rl.Description
	if full == "" {
		full = rl.Title
	}
	help := sarifText{Text: rl.Remediation, Markdown: rl.Remediation}
	if help.Text == "" {
		help = sarifText{Text: full, Markdown: full}
	}
	tags := append([]string{"security", "compliance"}, controlTags(rl)...)
	return sarifRule{
		ID:                   rl.ID,
		Name:                 ruleName(rl.ID),
		ShortDescription:     sarifText{Text: orDefault(rl.Title, rl.ID)},
		FullDescription:      sarifText{Text: orDefault(full, rl.ID)},
		Help:                 help,
		DefaultConfiguration: sarifConfiguration{Level: sarifLevel(rl.Severity)},
		Properties: sarifRuleProperties{
			SecuritySeverity: securitySeverity(rl.Severity),
			Severity:         rl.Severity,
			Tags:             tags,
		},
	}
}

// ruleName turns a rule id into the PascalCase name SARIF viewers show:
// aws-s3-tls-only becomes AwsS3TlsOnly.
func ruleName(id string) string {
	var b strings.Builder
	upper := true
	for _, r := range id {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			upper = true
			continue
		}
		if upper {
			r = unicode.ToUpper(r)
			upper = false
		}
		b.WriteRune(r)
	}
	return b.String()
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

// securitySeverity is the CVSS-like score GitHub code scanning reads to
// rank security results.
func securitySeverity(sev string) string {
	switch sev {
	case attest.SeverityCritical:
		return "9.0"
	case attest.SeverityHigh:
		return "7.0"
	case attest.SeverityMedium:
		return "5.0"
	case attest.SeverityLow:
		return "3.0"
	}
	return "0.0"
}

func resultText(f attest.Finding, rl *attest.Rule) string {
	msg := f.Message
	if msg == "" && rl != nil {
		msg = rl.Title
	}
	if msg == "" {
		msg = f.RuleID
	}
	return f.Resource + ": " + msg
}

// physicalLocation points at a range of a file, relative to %SRCROOT% when
// the path is relative. The start line falls back to 1.
func physicalLocation(rg attest.Range, root string) sarifPhysicalLocation {
	file := rg.File
	if file == "" {
		file = root
	}
	region := &sarifRegion{StartLine: max(rg.StartLine, 1)}
	if rg.EndLine >= region.StartLine {
		region.EndLine = rg.EndLine
	}
	return sarifPhysicalLocation{ArtifactLocation: artifactLocation(file), Region: region}
}

func artifactLocation(file string) sarifArtifactLocation {
	if filepath.IsAbs(file) {
		u := url.URL{Scheme: "file", Path: filepath.ToSlash(file)}
		return sarifArtifactLocation{URI: u.String()}
	}
	p := path.Clean(filepath.ToSlash(file))
	u := url.URL{Path: p}
	return sarifArtifactLocation{URI: u.String(), URIBaseID: "%SRCROOT%"}
}

// fingerprint identifies a finding across runs independently of line
// numbers, so that code scanning tracks an alert when code moves.
func fingerprint(f attest.Finding) string {
	h := sha256.New()
	for _, s := range []string{f.RuleID, f.Root, f.Resource, f.Message} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// suppression records an exception: in source when it was declared in the
// file of the resource (an inline attest:ignore comment), external when it
// came from the project config.
func suppression(f attest.Finding) sarifSuppression {
	s := sarifSuppression{Kind: "external", Status: "accepted"}
	if e := f.Exception; e != nil {
		s.Justification = e.Justification
		if e.Source.File != "" && e.Source.File == f.Range.File {
			s.Kind = "inSource"
		}
	}
	return s
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
