package report

import (
	"cmp"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/attest-dev/attest"
)

// JUnit writes the report as JUnit XML as CI systems read it: one testsuite
// per rule that ran, one testcase per (rule, resource). A testcase fails when
// any finding of the rule on the resource fails, is an error when the rule's
// evaluation failed on it, and is skipped when the rule was waived for the
// resource or could not decide (unknown).
func JUnit(w io.Writer, r *Report) error {
	type caseKey struct{ rule, root, addr string }
	groups := make(map[caseKey][]attest.Finding)
	var keys []caseKey
	for _, f := range r.Findings {
		k := caseKey{f.RuleID, f.Root, f.Resource}
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], f)
	}
	slices.SortFunc(keys, func(a, b caseKey) int {
		return cmp.Or(cmp.Compare(a.rule, b.rule), cmp.Compare(a.root, b.root), cmp.Compare(a.addr, b.addr))
	})

	rules := ruleIndex(r.Rules)
	ruleIDs := make([]string, 0, len(r.Rules))
	for _, rl := range r.Rules {
		if !slices.Contains(ruleIDs, rl.ID) {
			ruleIDs = append(ruleIDs, rl.ID)
		}
	}
	// Findings of rules the report does not list still get a suite.
	for _, k := range keys {
		if !slices.Contains(ruleIDs, k.rule) {
			ruleIDs = append(ruleIDs, k.rule)
		}
	}
	slices.Sort(ruleIDs)

	suites := junitSuites{Name: orDefault(r.Tool.Name, "attest"), Suites: []junitSuite{}}
	timestamp := ""
	if !r.Started.IsZero() {
		timestamp = r.Started.UTC().Format("2006-01-02T15:04:05")
	}
	ki := 0
	for _, id := range ruleIDs {
		suite := junitSuite{Name: id, Timestamp: timestamp, Time: "0"}
		if rl := rules[id]; rl != nil {
			suite.Properties = &junitProperties{Properties: []junitProperty{
				{Name: "title", Value: rl.Title},
				{Name: "severity", Value: rl.Severity},
				{Name: "controls", Value: strings.Join(controlTags(rl), " ")},
			}}
		}
		for ; ki < len(keys) && keys[ki].rule == id; ki++ {
			k := keys[ki]
			tc := junitCase(k.rule, qualified(k.root, k.addr, len(r.Roots) > 1), groups[k], rules[id])
			switch {
			case tc.Failure != nil:
				suite.Failures++
			case tc.Error != nil:
				suite.Errors++
			case tc.Skipped != nil:
				suite.Skipped++
			}
			suite.Cases = append(suite.Cases, tc)
		}
		suite.Tests = len(suite.Cases)
		suites.Tests += suite.Tests
		suites.Failures += suite.Failures
		suites.Errors += suite.Errors
		suites.Skipped += suite.Skipped
		suites.Suites = append(suites.Suites, suite)
	}
	// Input errors are errors of the run, not of a rule: one suite holds
	// them so that CI shows them.
	if errs := inputErrors(r.Diagnostics); len(errs) > 0 {
		suite := junitSuite{Name: "input", Timestamp: timestamp, Time: "0"}
		for _, d := range errs {
			suite.Cases = append(suite.Cases, junitTestCase{
				Name:      d.Pos.String(),
				ClassName: "input",
				File:      d.Pos.File,
				Line:      d.Pos.Line,
				Time:      "0",
				Error:     &junitProblem{Message: d.Summary, Type: d.Severity, Text: d.String()},
			})
		}
		suite.Tests = len(suite.Cases)
		suite.Errors = len(suite.Cases)
		suites.Tests += suite.Tests
		suites.Errors += suite.Errors
		suites.Suites = append(suites.Suites, suite)
	}
	// Coverage gaps are what the scan could not check: skipped cases, or
	// errors when the scan is strict.
	if gaps := r.Diagnostics.Gaps(); len(gaps) > 0 {
		suite := junitSuite{Name: "coverage-gaps", Timestamp: timestamp, Time: "0"}
		for _, d := range gaps {
			tc := junitTestCase{Name: d.Pos.String(), ClassName: "coverage-gaps", File: d.Pos.File, Line: d.Pos.Line, Time: "0"}
			if r.Strict {
				tc.Error = &junitProblem{Message: gapText(d), Type: d.Severity, Text: d.Pos.String() + ": " + gapText(d)}
				suite.Errors++
			} else {
				tc.Skipped = &junitSkipped{Message: "not checked: " + gapText(d)}
				suite.Skipped++
			}
			suite.Cases = append(suite.Cases, tc)
		}
		suite.Tests = len(suite.Cases)
		suites.Tests += suite.Tests
		suites.Errors += suite.Errors
		suites.Skipped += suite.Skipped
		suites.Suites = append(suites.Suites, suite)
	}
	if len(r.StaleExceptions) > 0 {
		suite := junitSuite{Name: "stale-exceptions", Timestamp: timestamp, Time: "0"}
		for _, st := range r.StaleExceptions {
			e := st.Exception
			suite.Cases = append(suite.Cases, junitTestCase{
				Name: e.RuleID + " " + e.Resource, ClassName: "stale-exceptions", File: e.Source.File, Line: e.Source.Line, Time: "0",
				Skipped: &junitSkipped{Message: "stale exception at " + e.Source.String() + ": " + st.Reason},
			})
		}
		suite.Tests = len(suite.Cases)
		suite.Skipped = len(suite.Cases)
		suites.Tests += suite.Tests
		suites.Skipped += suite.Skipped
		suites.Suites = append(suites.Suites, suite)
	}
	suites.Time = "0"

	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("write junit report: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(suites); err != nil {
		return fmt.Errorf("write junit report: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("write junit report: %w", err)
	}
	return nil
}

func inputErrors(ds attest.Diagnostics) attest.Diagnostics {
	var out attest.Diagnostics
	for _, d := range ds {
		if d.Severity == attest.DiagError {
			out = append(out, d)
		}
	}
	return out
}

// junitCase builds the testcase of one rule on one resource from its
// findings: failed if any failed (skipped when every failure is known from
// a baseline), else an error if the rule's evaluation failed or a finding
// has a status this package does not know, else skipped if any was waived or
// unknown, else passed.
func junitCase(rule, name string, fs []attest.Finding, rl *attest.Rule) junitTestCase {
	tc := junitTestCase{Name: name, ClassName: rule, Time: "0"}
	if len(fs) > 0 {
		tc.File = fs[0].Range.File
		tc.Line = fs[0].Range.StartLine
	}
	var failed, errored, waived, unknown, other []attest.Finding
	known := true
	for _, f := range fs {
		switch f.Status {
		case attest.StatusFail:
			failed = append(failed, f)
			known = known && f.Known
		case attest.StatusWaived:
			waived = append(waived, f)
		case attest.StatusUnknown:
			unknown = append(unknown, f)
		case attest.StatusError:
			errored = append(errored, f)
		case attest.StatusPass:
		default:
			other = append(other, f)
		}
	}
	switch {
	case len(failed) > 0 && known:
		tc.Skipped = &junitSkipped{Message: "known failure, in the baseline: " + orDefault(failed[0].Message, rule)}
	case len(failed) > 0:
		var msgs []string
		for _, f := range failed {
			msgs = append(msgs, orDefault(f.Message, rule))
		}
		var body strings.Builder
		if rl != nil {
			fmt.Fprintf(&body, "%s\n", rl.Title)
		}
		loc, via := location(failed[0])
		fmt.Fprintf(&body, "resource: %s\nat: %s\n", name, loc)
		if via != "" {
			fmt.Fprintf(&body, "via module call: %s\n", via)
		}
		for _, m := range msgs {
			fmt.Fprintf(&body, "- %s\n", m)
		}
		if rl != nil && rl.RemediationFor(failed[0].Format) != "" {
			fmt.Fprintf(&body, "remediation: %s\n", rl.RemediationFor(failed[0].Format))
		}
		tc.Failure = &junitProblem{Message: strings.Join(msgs, "; "), Type: failed[0].Severity, Text: body.String()}
	case len(errored) > 0:
		loc, _ := location(errored[0])
		tc.Error = &junitProblem{Message: errored[0].Message, Type: attest.StatusError,
			Text: fmt.Sprintf("resource: %s\nat: %s\n%s\n", name, loc, errored[0].Message)}
	case len(other) > 0:
		f := other[0]
		tc.Error = &junitProblem{Message: f.Status + ": " + orDefault(f.Message, rule), Type: f.Status, Text: f.Status + ": " + orDefault(f.Message, rule)}
	case len(waived) > 0:
		msg := "waived"
		if e := waived[0].Exception; e != nil {
			msg += ": " + e.Justification
			if terms := exceptionTerms(e); terms != "" {
				msg += " (" + terms + ")"
			}
		}
		tc.Skipped = &junitSkipped{Message: msg}
	case len(unknown) > 0:
		tc.Skipped = &junitSkipped{Message: "unknown: " + orDefault(unknown[0].Message, "a value the rule reads is not known statically")}
	}
	return tc
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string           `xml:"name,attr"`
	Tests      int              `xml:"tests,attr"`
	Failures   int              `xml:"failures,attr"`
	Errors     int              `xml:"errors,attr"`
	Skipped    int              `xml:"skipped,attr"`
	Time       string           `xml:"time,attr"`
	Timestamp  string           `xml:"timestamp,attr,omitempty"`
	Properties *junitProperties `xml:"properties,omitempty"`
	Cases      []junitTestCase  `xml:"testcase"`
}

type junitProperties struct {
	Properties []junitProperty `xml:"property"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitTestCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Time      string        `xml:"time,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
	Skipped   *junitSkipped `xml:"skipped,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}
