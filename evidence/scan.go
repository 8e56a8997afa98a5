package evidence

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/report"
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// Scan is what the control statuses and the auditor reports read of one
// stored scan report: its rules with their control mappings, the verdicts of
// each rule, whether the scan was complete, and the exceptions it applied.
type Scan struct {
	Evidence *attest.Evidence
	Started  time.Time
	// Rules are the rules that ran, by id.
	Rules map[string]attest.Rule
	// Verdicts counts each rule's findings by status.
	Verdicts map[string]map[string]int
	// Failures are the failed findings (rule, resource, location).
	Failures []attest.Finding
	// Incomplete is set when the scan met input errors or coverage gaps:
	// what it did not read it could not check.
	Incomplete bool
	// Exceptions are the exceptions that waived something in the scan;
	// Expired those past their expiry, which waive nothing; Stale the
	// register entries that matched nothing (a rule that did not run, a
	// resource pattern that matched no resource), with why.
	Exceptions []attest.Exception
	Expired    []attest.Exception
	Stale      []report.StaleException
	// Waived are the waived findings, each with the exception that waived
	// it.
	Waived []attest.Finding
	// Roots are the roots the scan covered.
	Roots []string
}

// scanDoc is the part of a scan report's JSON that Scan keeps.
type scanDoc struct {
	Started     time.Time               `json:"started"`
	Rules       []attest.Rule           `json:"rules"`
	Findings    []attest.Finding        `json:"findings"`
	Diagnostics []attest.Diagnostic     `json:"diagnostics"`
	Expired     []attest.Exception      `json:"expired_exceptions"`
	Stale       []report.StaleException `json:"stale_exceptions"`
	Roots       []string                `json:"roots"`
}

// v1Leniency keeps what encoding/json (v1) accepted when the body was
// checked at upload: duplicate keys (the last wins), invalid UTF-8
// (replaced) and keys whose case differs. The v2 decoder reads a scan of
// thousands of findings several times faster, and every page that shows
// scans starts by reading them.
var v1Leniency = json.JoinOptions(
	jsontext.AllowDuplicateNames(true),
	jsontext.AllowInvalidUTF8(true),
	json.MatchCaseInsensitiveNames(true),
)

// ReadScan reads a stored scan (evidence of kind scan, with its body). The
// body was checked against the schema when it was uploaded, so it is only
// decoded here; a body that does not decode is an error, never an empty
// scan.
func ReadScan(e *attest.Evidence) (*Scan, error) {
	if e.Kind != attest.EvidenceScan {
		return nil, fmt.Errorf("evidence %d is a %s report, not a scan", e.ID, e.Kind)
	}
	var doc scanDoc
	if err := json.Unmarshal(e.Body, &doc, v1Leniency); err != nil {
		return nil, fmt.Errorf("read scan evidence %d: %w", e.ID, err)
	}
	s := &Scan{
		Evidence: e,
		Started:  doc.Started,
		Rules:    make(map[string]attest.Rule, len(doc.Rules)),
		Verdicts: make(map[string]map[string]int),
		Expired:  doc.Expired,
		Stale:    doc.Stale,
		Roots:    doc.Roots,
	}
	for _, r := range doc.Rules {
		s.Rules[r.ID] = r
	}
	type exKey struct{ rule, resource, source string }
	seen := map[exKey]bool{}
	for i := range doc.Findings {
		f := &doc.Findings[i]
		m := s.Verdicts[f.RuleID]
		if m == nil {
			m = map[string]int{}
			s.Verdicts[f.RuleID] = m
		}
		m[f.Status]++
		switch f.Status {
		case attest.StatusFail:
			s.Failures = append(s.Failures, *f)
		case attest.StatusWaived:
			s.Waived = append(s.Waived, *f)
			if x := f.Exception; x != nil {
				k := exKey{x.RuleID, x.Resource, x.Source.String()}
				if !seen[k] {
					seen[k] = true
					s.Exceptions = append(s.Exceptions, *x)
				}
			}
		}
	}
	for _, d := range doc.Diagnostics {
		if d.Severity == attest.DiagError || d.Severity == attest.DiagGap {
			s.Incomplete = true
		}
	}
	slices.SortFunc(s.Exceptions, func(a, b attest.Exception) int {
		return cmp.Or(cmp.Compare(a.RuleID, b.RuleID), cmp.Compare(a.Resource, b.Resource))
	})
	return s, nil
}

// RulesOf returns the ids of the rules of the scan that support a control,
// sorted.
func (s *Scan) RulesOf(framework, control string) []string {
	var out []string
	for id, r := range s.Rules {
		if slices.Contains(r.Controls[framework], control) {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// ControlStatus is the scan's verdict on a control, from the findings of
// the rules that support it: fail if any failed; incomplete if any could not
// be decided (unknown) or evaluated (error), or if they have verdicts but the
// scan met input errors or coverage gaps; pass if they passed (or were
// waived by an exception); no-evidence if they checked nothing.
func (s *Scan) ControlStatus(framework, control string) string {
	var pass, fail, undecided int
	for _, id := range s.RulesOf(framework, control) {
		v := s.Verdicts[id]
		pass += v[attest.StatusPass] + v[attest.StatusWaived]
		fail += v[attest.StatusFail]
		undecided += v[attest.StatusUnknown] + v[attest.StatusError]
	}
	switch {
	case fail > 0:
		return attest.StatusFail
	case undecided > 0, pass > 0 && s.Incomplete:
		return attest.ControlIncomplete
	case pass > 0:
		return attest.StatusPass
	}
	return attest.ControlNoEvidence
}

// statusRank orders control statuses, worst last.
func statusRank(s string) int {
	switch s {
	case attest.StatusPass:
		return 1
	case attest.ControlIncomplete:
		return 2
	case attest.StatusFail:
		return 3
	}
	return 0 // no-evidence
}

// Worse returns the worse of two control statuses: fail over incomplete
// over pass over no-evidence.
func Worse(a, b string) string {
	if statusRank(b) > statusRank(a) {
		return b
	}
	return a
}
