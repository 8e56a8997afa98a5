package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/url"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/report/sarif"
)

// SARIF writes the report as a SARIF 2.1.0 log as GitHub code scanning reads
// it: one run whose driver lists every rule that ran, and a result for every
// failure and every waived finding (the latter with a suppression, so that
// code scanning shows it as dismissed). Locations are relative to
// %SRCROOT%; a finding without a known line points at line 1, because code
// scanning rejects results whose region has no start line.
func SARIF(w io.Writer, r *Report) error {
	rules := ruleIndex(r.Rules)
	drv := sarif.Driver{
		Name:           orDefault(r.Tool.Name, "attest"),
		Version:        r.Tool.Version,
		InformationURI: orDefault(r.Tool.InformationURI, "https://github.com/attest-dev/attest"),
		Rules:          []sarif.Rule{},
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

	results := []sarif.Result{}
	for _, f := range sortedFindings(r.Findings, attest.StatusFail, attest.StatusWaived) {
		res := sarif.Result{
			RuleID:    f.RuleID,
			RuleIndex: -1,
			Level:     sarifLevel(f.Severity),
			Message:   sarif.Message{Text: resultText(f, rules[f.RuleID])},
			Locations: []sarif.Location{{
				PhysicalLocation: physicalLocation(f.Range, f.Root),
				LogicalLocations: []sarif.LogicalLocation{{FullyQualifiedName: f.Resource, Kind: "resource"}},
			}},
			PartialFingerprints: map[string]string{"attestFinding/v1": fingerprint(f)},
		}
		if i, ok := index[f.RuleID]; ok {
			res.RuleIndex = i
		}
		for i, c := range f.ModuleCalls {
			res.RelatedLocations = append(res.RelatedLocations, sarif.Location{
				ID:               i + 1,
				PhysicalLocation: physicalLocation(c, f.Root),
				Message:          &sarif.Message{Text: "module call leading to the resource"},
			})
		}
		if f.Status == attest.StatusWaived {
			res.Suppressions = []sarif.Suppression{suppression(f)}
		}
		if r.Baseline != "" && f.Status == attest.StatusFail {
			res.BaselineState = "new"
			if f.Known {
				res.BaselineState = "unchanged"
			}
		}
		results = append(results, res)
	}

	inv := sarif.Invocation{ExecutionSuccessful: !r.Diagnostics.HasErrors()}
	if !r.Started.IsZero() {
		inv.StartTimeUTC = r.Started.UTC().Format("2006-01-02T15:04:05.000Z")
	}
	for _, d := range r.Diagnostics {
		n := sarif.Notification{
			Level:   "warning",
			Message: sarif.Message{Text: d.Summary},
		}
		switch d.Severity {
		case attest.DiagError:
			n.Level = "error"
		case attest.DiagGap:
			n.Message.Text = "coverage gap: " + gapText(d)
		}
		if d.Detail != "" && d.Severity != attest.DiagGap {
			n.Message.Text += ": " + d.Detail
		}
		if d.Pos.File != "" {
			pl := physicalLocation(attest.Range{File: d.Pos.File, StartLine: d.Pos.Line}, "")
			if d.Pos.Column > 0 && pl.Region != nil {
				pl.Region.StartColumn = d.Pos.Column
			}
			n.Locations = []sarif.Location{{PhysicalLocation: pl}}
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n)
	}
	// A rule that could not be evaluated on a resource is a problem of the
	// run, not a result: code scanning would otherwise show nothing for it.
	for _, f := range sortedFindings(r.Findings, attest.StatusError) {
		inv.ExecutionSuccessful = false
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarif.Notification{
			Level:     "error",
			Message:   sarif.Message{Text: fmt.Sprintf("rule %s on %s: %s", f.RuleID, f.Resource, f.Message)},
			Locations: []sarif.Location{{PhysicalLocation: physicalLocation(f.Range, f.Root)}},
		})
	}
	for _, st := range r.StaleExceptions {
		e := st.Exception
		n := sarif.Notification{Level: "warning", Message: sarif.Message{Text: fmt.Sprintf("stale exception for %s on %s: %s", e.RuleID, e.Resource, st.Reason)}}
		if e.Source.File != "" {
			n.Locations = []sarif.Location{{PhysicalLocation: physicalLocation(attest.Range{File: e.Source.File, StartLine: e.Source.Line}, "")}}
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n)
	}

	log := sarif.Log{
		Schema:  sarif.SchemaURI,
		Version: sarif.Version,
		Runs: []sarif.Run{{
			Tool:        sarif.Tool{Driver: drv},
			Invocations: []sarif.Invocation{inv},
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

func sarifRuleOf(rl *attest.Rule) sarif.Rule {
	full := rl.Description
	if full == "" {
		full = rl.Title
	}
	help := sarif.Message{Text: rl.Remediation, Markdown: rl.Remediation}
	// A rule over several input formats shows the fix in each.
	for _, format := range slices.Sorted(maps.Keys(rl.RemediationByFormat)) {
		fix := rl.RemediationByFormat[format]
		help.Text = strings.TrimSpace(help.Text + "\n\n" + format + ": " + fix)
		help.Markdown = strings.TrimSpace(help.Markdown + "\n\n**" + format + "**: " + fix)
	}
	if help.Text == "" {
		help = sarif.Message{Text: full, Markdown: full}
	}
	tags := append([]string{"security", "compliance"}, controlTags(rl)...)
	return sarif.Rule{
		ID:                   rl.ID,
		Name:                 ruleName(rl.ID),
		ShortDescription:     sarif.Message{Text: orDefault(rl.Title, rl.ID)},
		FullDescription:      sarif.Message{Text: orDefault(full, rl.ID)},
		Help:                 help,
		DefaultConfiguration: &sarif.Configuration{Level: sarifLevel(rl.Severity)},
		Properties: sarif.RuleProperties{
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
func physicalLocation(rg attest.Range, root string) sarif.PhysicalLocation {
	file := rg.File
	if file == "" {
		file = root
	}
	region := &sarif.Region{StartLine: max(rg.StartLine, 1)}
	if rg.EndLine >= region.StartLine {
		region.EndLine = rg.EndLine
	}
	return sarif.PhysicalLocation{ArtifactLocation: artifactLocation(file), Region: region}
}

func artifactLocation(file string) sarif.ArtifactLocation {
	if filepath.IsAbs(file) {
		u := url.URL{Scheme: "file", Path: filepath.ToSlash(file)}
		return sarif.ArtifactLocation{URI: u.String()}
	}
	p := path.Clean(filepath.ToSlash(file))
	u := url.URL{Path: p}
	return sarif.ArtifactLocation{URI: u.String(), URIBaseID: "%SRCROOT%"}
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
func suppression(f attest.Finding) sarif.Suppression {
	s := sarif.Suppression{Kind: "external", Status: "accepted"}
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
