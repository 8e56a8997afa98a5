package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/attest-dev/attest"
)

// StaleException is a register entry that matched nothing in the scan, and
// why: it waives nothing and is probably a typo or left over.
type StaleException struct {
	Exception attest.Exception `json:"exception"`
	Reason    string           `json:"reason"`
}

// Verdicts of a scan, as the result line states them.
const (
	VerdictPass       = "PASS"
	VerdictFail       = "FAIL"
	VerdictIncomplete = "INCOMPLETE"
)

// Verdict is the one-word result of the scan: FAIL when a failure at or
// above the threshold is not known from a baseline; otherwise INCOMPLETE when
// some input could not be read or checked (input errors, coverage gaps,
// findings whose status is neither a verdict nor unknown, such as a rule
// that errored) or a check at or above the threshold could not be decided
// (an unknown finding: it might be a failure); PASS only when nothing of that
// kind happened.
func (r *Report) Verdict() string {
	switch {
	case r.FailsThreshold():
		return VerdictFail
	case r.Incomplete():
		return VerdictIncomplete
	}
	return VerdictPass
}

// Incomplete reports whether part of the input was not checked: an input
// error, a coverage gap, a finding with a status other than pass, fail,
// waived and unknown (a rule that could not be evaluated), or an unknown
// finding at or above the threshold.
func (r *Report) Incomplete() bool {
	for _, d := range r.Diagnostics {
		if d.Severity == attest.DiagError || d.Severity == attest.DiagGap {
			return true
		}
	}
	return slices.ContainsFunc(r.Findings, func(f attest.Finding) bool { return !knownStatus(f.Status) }) ||
		r.UndecidedAtThreshold() > 0
}

// UndecidedAtThreshold counts the unknown findings at or above the --fail-on
// threshold: checks that would fail the build if their value turned out
// wrong. With --fail-on none there are none.
func (r *Report) UndecidedAtThreshold() int {
	if r.FailOn == FailOnNone {
		return 0
	}
	min := attest.SeverityRank(r.FailOn)
	n := 0
	for _, f := range r.Findings {
		if f.Status == attest.StatusUnknown && attest.SeverityRank(f.Severity) >= min {
			n++
		}
	}
	return n
}

// knownStatus reports whether s is one of the statuses this package renders
// in their own sections; others are rendered under their name.
func knownStatus(s string) bool {
	switch s {
	case attest.StatusPass, attest.StatusFail, attest.StatusWaived, attest.StatusUnknown:
		return true
	}
	return false
}

// check is one rule on one resource: the unit JUnit calls a testcase and the
// table and Markdown list once, however many findings the rule returned for
// the resource. Its status is the worst of the findings'.
type check struct {
	rule, root, addr string
	// format is the input format of the resource, for its remediation.
	format   string
	severity string
	status   string
	findings []*attest.Finding
}

// checkWeight orders statuses for a check: a failure decides it, then a
// status this package does not know (a rule error), then unknown, waived
// and pass. What could not be decided outweighs what was waived or passed.
func checkWeight(s string) int {
	switch s {
	case attest.StatusFail:
		return 5
	case attest.StatusUnknown:
		return 3
	case attest.StatusWaived:
		return 2
	case attest.StatusPass:
		return 1
	}
	return 4
}

// checksOf groups findings by (rule, root, resource). The checks that did
// not pass come first, most severe first, then by rule, root and resource;
// the passed ones follow in no particular order (no renderer lists them).
// The checks point into fs.
func checksOf(fs []attest.Finding) []check {
	type key struct{ rule, root, addr string }
	index := make(map[key]int32, len(fs))
	group := make([]int32, len(fs))
	out := make([]check, 0, len(fs))
	sizes := make([]int32, 0, len(fs))
	for i := range fs {
		f := &fs[i]
		k := key{f.RuleID, f.Root, f.Resource}
		j, ok := index[k]
		if !ok {
			j = int32(len(out))
			index[k] = j
			out = append(out, check{rule: f.RuleID, root: f.Root, addr: f.Resource, format: f.Format, severity: f.Severity, status: f.Status})
			sizes = append(sizes, 0)
		}
		group[i] = j
		sizes[j]++
		c := &out[j]
		if checkWeight(f.Status) > checkWeight(c.status) {
			c.status = f.Status
		}
		if attest.SeverityRank(f.Severity) > attest.SeverityRank(c.severity) {
			c.severity = f.Severity
		}
	}
	// One array holds every check's findings, each check a full slice of
	// it, so that grouping costs no allocation per check.
	flat := make([]*attest.Finding, len(fs))
	next := 0
	for j := range out {
		n := int(sizes[j])
		out[j].findings = flat[next : next : next+n]
		next += n
	}
	for i := range fs {
		c := &out[group[i]]
		c.findings = append(c.findings, &fs[i])
	}
	passed := 0
	for i := range out {
		if out[i].status != attest.StatusPass {
			out[passed], out[i] = out[i], out[passed]
			passed++
		}
	}
	// Keys are distinct, so an unstable sort gives one order.
	slices.SortFunc(out[:passed], func(a, b check) int {
		return cmp.Or(
			-cmp.Compare(attest.SeverityRank(a.severity), attest.SeverityRank(b.severity)),
			cmp.Compare(a.rule, b.rule),
			cmp.Compare(a.root, b.root),
			cmp.Compare(a.addr, b.addr),
		)
	})
	return out
}

// withStatus returns the checks whose status is s, each with only its
// findings of that status.
func withStatus(cs []check, s string) []check {
	var out []check
	for _, c := range cs {
		if c.status != s {
			continue
		}
		if len(c.findings) > 1 {
			c.findings = slices.DeleteFunc(slices.Clone(c.findings), func(f *attest.Finding) bool { return f.Status != s })
		}
		out = append(out, c)
	}
	return out
}

// known reports whether every failure of the check is known from a baseline.
func (c check) known() bool {
	for _, f := range c.findings {
		if f.Status == attest.StatusFail && !f.Known {
			return false
		}
	}
	return c.status == attest.StatusFail
}

// otherStatuses lists, sorted, the statuses of checks that are none of
// pass, fail, waived and unknown.
func otherStatuses(cs []check) []string {
	var out []string
	for _, c := range cs {
		if !knownStatus(c.status) && !slices.Contains(out, c.status) {
			out = append(out, c.status)
		}
	}
	slices.Sort(out)
	return out
}

// checkTotals counts checks by status and failed checks by severity.
type checkTotals struct {
	byStatus map[string]int
	failed   map[string]int
	known    int
}

func totals(cs []check) checkTotals {
	t := checkTotals{byStatus: map[string]int{}, failed: map[string]int{}}
	for _, c := range cs {
		t.byStatus[c.status]++
		if c.status == attest.StatusFail {
			t.failed[c.severity]++
			if c.known() {
				t.known++
			}
		}
	}
	return t
}

// failedBySeverity says "1 critical, 2 low" for the failed checks.
func (t checkTotals) failedBySeverity() string {
	var parts []string
	for _, sev := range attest.Severities {
		if n := t.failed[sev]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, sev))
		}
	}
	return strings.Join(parts, ", ")
}

// diagsOf returns the diagnostics of one severity.
func diagsOf(ds attest.Diagnostics, severity string) attest.Diagnostics {
	var out attest.Diagnostics
	for _, d := range ds {
		if d.Severity == severity {
			out = append(out, d)
		}
	}
	return out
}

// DiagnosticLine formats a diagnostic on one line as file:line:col:
// severity: summary: detail, followed for a gap by how many resources it
// affects.
func DiagnosticLine(d attest.Diagnostic) string {
	return oneLine(d.String()) + affected(d.Affected)
}

// gapText says what a gap is and how many resources it leaves unchecked.
func gapText(d attest.Diagnostic) string {
	s := d.Summary
	if d.Detail != "" {
		s += ": " + d.Detail
	}
	return oneLine(s) + affected(d.Affected)
}

func affected(n int) string {
	switch {
	case n == 1:
		return " (affects 1 resource)"
	case n > 1:
		return fmt.Sprintf(" (affects %d resources)", n)
	}
	return ""
}

// exceptionTerms says who owns an exception, until when and under which
// ticket: "owner web-team, expires 2026-12-31, ticket SEC-142".
func exceptionTerms(e *attest.Exception) string {
	if e == nil {
		return ""
	}
	var parts []string
	if e.Owner != "" {
		parts = append(parts, "owner "+e.Owner)
	}
	if !e.Expires.IsZero() {
		parts = append(parts, "expires "+e.Expires.Format("2006-01-02"))
	}
	if e.Ticket != "" {
		parts = append(parts, "ticket "+e.Ticket)
	}
	return strings.Join(parts, ", ")
}

// resultReason explains the verdict in words for the result line; known
// is the number of failed checks known from a baseline.
func resultReason(r *Report, known int) string {
	var parts []string
	if n := r.Summary.Errors; n > 0 {
		parts = append(parts, plural(n, "input error", "input errors"))
	}
	if n := r.Summary.Gaps; n > 0 {
		parts = append(parts, plural(n, "coverage gap", "coverage gaps"))
	}
	other := 0
	for _, f := range r.Findings {
		if !knownStatus(f.Status) {
			other++
		}
	}
	if other > 0 {
		parts = append(parts, plural(other, "finding not evaluated", "findings not evaluated"))
	}
	if n := r.UndecidedAtThreshold(); n > 0 {
		parts = append(parts, plural(n, "unknown finding that could be a failure", "unknown findings that could be failures"))
	}
	if n := known; n > 0 {
		parts = append(parts, plural(n, "known failure from the baseline", "known failures from the baseline"))
	}
	parts = append(parts, threshold(r.FailOn))
	if r.Strict && (r.Summary.Gaps > 0 || r.UndecidedAtThreshold() > 0) {
		parts = append(parts, "strict: gaps and unknowns fail the scan")
	}
	return strings.Join(parts, "; ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
