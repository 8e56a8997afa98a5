// Package report holds the result of `attest scan` (Report) and renders it
// in the formats people and CI systems read: a terminal table, JSON, SARIF
// 2.1.0 for code scanning, JUnit XML for CI test views and Markdown for pull
// request comments.
//
// The scan service fills a Report; Lookup gives the renderer of a format.
// Renderers only read the report and write nothing but their output, so the
// same report can be rendered in several formats.
package report

import (
	"cmp"
	"io"
	"slices"
	"sort"
	"time"

	"github.com/attest-dev/attest"
)

// SchemaVersion is the version of the JSON form of Report. It changes when a
// field is removed or changes meaning; new fields keep the version.
const SchemaVersion = "1"

// Report is the result of one scan: every rule that ran, every verdict
// (passes included, as evidence), the problems met while reading input, and
// summaries per control and in total.
type Report struct {
	SchemaVersion string    `json:"schema_version"`
	Tool          Tool      `json:"tool"`
	Started       time.Time `json:"started"`
	// Roots are the root modules and input files scanned.
	Roots []string `json:"roots"`
	// Rules are the rules that ran.
	Rules []attest.Rule `json:"rules"`
	// Findings are the verdicts: pass, fail, waived and unknown.
	Findings    []attest.Finding   `json:"findings"`
	Diagnostics attest.Diagnostics `json:"diagnostics"`
	// Controls summarise the findings per control of the selected
	// frameworks; empty when no framework was selected.
	Controls []ControlSummary `json:"controls"`
	// ExpiredExceptions are exceptions that no longer waive anything
	// because their expiry has passed.
	ExpiredExceptions []attest.Exception `json:"expired_exceptions,omitempty"`
	// StaleExceptions are register entries that matched nothing: a rule
	// that did not run, or a resource pattern that no resource matched.
	StaleExceptions []StaleException `json:"stale_exceptions,omitempty"`
	Summary         Summary          `json:"summary"`
	// FailOn is the severity threshold: a failure at or above it fails the
	// scan.
	FailOn string `json:"fail_on"`
	// Strict makes coverage gaps fail the scan like input errors.
	Strict bool `json:"strict,omitempty"`
	// Baseline is the previous report whose failures were marked known.
	Baseline string `json:"baseline,omitempty"`
}

// Tool names the program that made the report.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	// InformationURI is the tool's home page.
	InformationURI string `json:"information_uri,omitempty"`
}

// ControlSummary is the status of one framework control: how many resources
// the rules supporting it passed, failed, waived, could not decide or could
// not evaluate. A resource counts once per control, by the worst verdict of
// the control's rules on it: failed if any rule failed it, else errored if a
// rule's evaluation failed on it, else unknown if a rule could not decide,
// else waived if any rule was waived for it, else passed.
type ControlSummary struct {
	Framework string   `json:"framework"`
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Rules     []string `json:"rules"`
	Passed    int      `json:"passed"`
	Failed    int      `json:"failed"`
	Waived    int      `json:"waived"`
	Unknown   int      `json:"unknown"`
	Errored   int      `json:"errored"`
	// Status is "fail" when a resource failed; ControlIncomplete when none
	// failed but some could not be decided or evaluated; ControlNoEvidence
	// when no resource in scope was checked by the control's rules; else
	// "pass".
	Status string `json:"status"`
}

// Control statuses besides pass and fail.
const (
	// ControlNoEvidence is the status of a control whose rules checked no
	// resource: the scan gives no evidence for it either way.
	ControlNoEvidence = "no-evidence"
	// ControlIncomplete is the status of a control that nothing failed but
	// whose rules could not decide (unknown) or evaluate (error) on some
	// resource: it is not shown to pass.
	ControlIncomplete = "incomplete"
)

// Summary counts the findings by status and the failures by severity.
type Summary struct {
	Rules     int `json:"rules"`
	Resources int `json:"resources"`
	Findings  int `json:"findings"`
	Passed    int `json:"passed"`
	Failed    int `json:"failed"`
	Waived    int `json:"waived"`
	Unknown   int `json:"unknown"`
	// RuleErrors counts the findings with status error: a rule whose
	// evaluation failed on a resource.
	RuleErrors int `json:"rule_errors"`
	// FailedBySeverity counts failures per severity; every severity is
	// present, zero or not.
	FailedBySeverity map[string]int `json:"failed_by_severity"`
	// Errors, Gaps and Warnings count the diagnostics of each severity.
	Errors   int `json:"errors"`
	Gaps     int `json:"gaps"`
	Warnings int `json:"warnings"`
	// Known counts the failures a baseline report already had.
	Known int `json:"known,omitempty"`
}

// Summarize counts the findings and diagnostics of a scan. Resources counts
// distinct (root, address) pairs among the findings.
func Summarize(rules []attest.Rule, findings []attest.Finding, diags attest.Diagnostics) Summary {
	s := Summary{
		Rules:            len(rules),
		Findings:         len(findings),
		FailedBySeverity: make(map[string]int, len(attest.Severities)),
	}
	for _, sev := range attest.Severities {
		s.FailedBySeverity[sev] = 0
	}
	type key struct{ root, addr string }
	seen := make(map[key]bool)
	for _, f := range findings {
		seen[key{f.Root, f.Resource}] = true
		switch f.Status {
		case attest.StatusPass:
			s.Passed++
		case attest.StatusFail:
			s.Failed++
			s.FailedBySeverity[f.Severity]++
			if f.Known {
				s.Known++
			}
		case attest.StatusWaived:
			s.Waived++
		case attest.StatusUnknown:
			s.Unknown++
		case attest.StatusError:
			s.RuleErrors++
		}
	}
	s.Resources = len(seen)
	for _, d := range diags {
		switch d.Severity {
		case attest.DiagError:
			s.Errors++
		case attest.DiagGap:
			s.Gaps++
		case attest.DiagWarning:
			s.Warnings++
		}
	}
	return s
}

// SummarizeControls builds the per-control summaries of the given
// frameworks from the rules' control mappings and the findings. title gives
// a control's title from the catalog (it may be nil). The result is sorted
// by framework, then by control id in natural order (CC6.2 before CC6.10).
func SummarizeControls(rules []attest.Rule, findings []attest.Finding, frameworks []string, title func(framework, id string) string) []ControlSummary {
	type ctl struct{ fw, id string }
	rulesOf := make(map[ctl][]string)
	for _, r := range rules {
		for fw, ids := range r.Controls {
			if !slices.Contains(frameworks, fw) {
				continue
			}
			for _, id := range ids {
				c := ctl{fw, id}
				if !slices.Contains(rulesOf[c], r.ID) {
					rulesOf[c] = append(rulesOf[c], r.ID)
				}
			}
		}
	}
	// The worst verdict of each rule on each resource.
	type res struct{ root, addr string }
	verdicts := make(map[string]map[res]string)
	for _, f := range findings {
		m := verdicts[f.RuleID]
		if m == nil {
			m = make(map[res]string)
			verdicts[f.RuleID] = m
		}
		k := res{f.Root, f.Resource}
		if statusWeight(f.Status) > statusWeight(m[k]) {
			m[k] = f.Status
		}
	}
	out := make([]ControlSummary, 0, len(rulesOf))
	for c, ids := range rulesOf {
		sort.Strings(ids)
		worst := make(map[res]string)
		for _, id := range ids {
			for k, st := range verdicts[id] {
				if statusWeight(st) > statusWeight(worst[k]) {
					worst[k] = st
				}
			}
		}
		s := ControlSummary{Framework: c.fw, ID: c.id, Rules: ids, Status: attest.StatusPass}
		if title != nil {
			s.Title = title(c.fw, c.id)
		}
		for _, st := range worst {
			switch st {
			case attest.StatusFail:
				s.Failed++
			case attest.StatusWaived:
				s.Waived++
			case attest.StatusPass:
				s.Passed++
			case attest.StatusUnknown:
				s.Unknown++
			case attest.StatusError:
				s.Errored++
			}
		}
		switch {
		case s.Failed > 0:
			s.Status = attest.StatusFail
		case s.Unknown+s.Errored > 0:
			s.Status = ControlIncomplete
		case s.Passed+s.Waived == 0:
			// No resource was checked: no evidence either way.
			s.Status = ControlNoEvidence
		}
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b ControlSummary) int {
		return cmp.Or(cmp.Compare(a.Framework, b.Framework), compareNatural(a.ID, b.ID))
	})
	return out
}

// statusWeight orders statuses for "worst verdict wins": fail over error
// over unknown over waived over pass. What could not be decided outweighs
// what passed, so that a control is never shown to pass on a resource a
// rule could not check.
func statusWeight(s string) int {
	switch s {
	case attest.StatusFail:
		return 5
	case attest.StatusError:
		return 4
	case attest.StatusUnknown:
		return 3
	case attest.StatusWaived:
		return 2
	case attest.StatusPass:
		return 1
	}
	return 0
}

// compareNatural compares strings so that runs of digits compare as
// numbers: CC6.2 < CC6.10, 3.5.1 < 10.2.
func compareNatural(a, b string) int {
	for a != "" && b != "" {
		da, db := digitRun(a), digitRun(b)
		if da > 0 && db > 0 {
			na, nb := a[:da], b[:db]
			// Compare numerically without overflow: shorter (after leading
			// zeros) is smaller.
			ta, tb := trimZeros(na), trimZeros(nb)
			if c := cmp.Or(cmp.Compare(len(ta), len(tb)), cmp.Compare(ta, tb)); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return cmp.Compare(a[0], b[0])
		}
		a, b = a[1:], b[1:]
	}
	return cmp.Compare(len(a), len(b))
}

func digitRun(s string) int {
	i := 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	return i
}

func trimZeros(s string) string {
	for len(s) > 1 && s[0] == '0' {
		s = s[1:]
	}
	return s
}

// FailOnNone is the FailOn value that fails the scan on no finding.
const FailOnNone = "none"

// FailsThreshold reports whether any finding fails at or above the report's
// FailOn severity: the scan's exit code is 1 when it does. FailOnNone never
// fails; an empty or unknown FailOn counts every failure. Failures known
// from a baseline do not count.
func (r *Report) FailsThreshold() bool {
	if r.FailOn == FailOnNone {
		return false
	}
	min := attest.SeverityRank(r.FailOn)
	for _, f := range r.Findings {
		if f.Status == attest.StatusFail && !f.Known && attest.SeverityRank(f.Severity) >= min {
			return true
		}
	}
	return false
}

// Renderer writes a report in one format.
type Renderer func(w io.Writer, r *Report) error

// renderers maps format names to renderers.
var renderers = map[string]Renderer{
	"table":    Table,
	"json":     JSON,
	"sarif":    SARIF,
	"junit":    JUnit,
	"markdown": Markdown,
}

// Lookup returns the renderer of a format: table, json, sarif, junit or
// markdown.
func Lookup(format string) (Renderer, bool) {
	r, ok := renderers[format]
	return r, ok
}

// Formats lists the format names Lookup knows, sorted.
func Formats() []string {
	names := make([]string, 0, len(renderers))
	for name := range renderers {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// sortedFindings returns the findings with the given statuses, most severe
// first, then by rule, root, resource and message.
func sortedFindings(fs []attest.Finding, statuses ...string) []attest.Finding {
	var out []attest.Finding
	for _, f := range fs {
		if slices.Contains(statuses, f.Status) {
			out = append(out, f)
		}
	}
	slices.SortStableFunc(out, func(a, b attest.Finding) int {
		return cmp.Or(
			-cmp.Compare(attest.SeverityRank(a.Severity), attest.SeverityRank(b.Severity)),
			cmp.Compare(a.RuleID, b.RuleID),
			cmp.Compare(a.Root, b.Root),
			cmp.Compare(a.Resource, b.Resource),
			cmp.Compare(a.Message, b.Message),
		)
	})
	return out
}

// ruleIndex maps rule ids to rules.
func ruleIndex(rules []attest.Rule) map[string]*attest.Rule {
	m := make(map[string]*attest.Rule, len(rules))
	for i := range rules {
		m[rules[i].ID] = &rules[i]
	}
	return m
}

// location formats where a finding is: file:line, and the module calls that
// led there.
func location(f attest.Finding) (string, string) {
	loc := f.Range.String()
	if loc == "" {
		loc = f.Root
	}
	var via string
	for i, c := range f.ModuleCalls {
		if i > 0 {
			via += ", "
		}
		via += c.String()
	}
	return loc, via
}

// controlTags lists a rule's controls as framework/id, sorted.
func controlTags(r *attest.Rule) []string {
	if r == nil {
		return nil
	}
	var tags []string
	for fw, ids := range r.Controls {
		for _, id := range ids {
			tags = append(tags, fw+"/"+id)
		}
	}
	slices.SortFunc(tags, compareNatural)
	return tags
}
