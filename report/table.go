package report

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/attest-dev/attest"
)

// Table writes the report for a terminal: failures grouped by severity (most
// severe first) with their remediation, then checks in other states (rule
// errors), unknown and waived checks, input errors, coverage gaps, warnings,
// stale and expired exceptions, the per-control summary when frameworks were
// selected, and the totals. A rule that returned several findings for one
// resource is one entry, as in JUnit. It is plain text without colours;
// columns are aligned with spaces so that the layout depends only on the
// content.
func Table(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	rules := ruleIndex(r.Rules)
	many := len(r.Roots) > 1
	checks := checksOf(r.Findings)

	fails := withStatus(checks, attest.StatusFail)
	if len(fails) == 0 {
		fmt.Fprintln(bw, "No failures.")
	}
	for i := 0; i < len(fails); {
		sev := fails[i].severity
		j := i
		for j < len(fails) && fails[j].severity == sev {
			j++
		}
		if i > 0 {
			fmt.Fprintln(bw)
		}
		fmt.Fprintf(bw, "%s (%d)\n", strings.ToUpper(orUnknown(sev)), j-i)
		for _, c := range fails[i:j] {
			rl := rules[c.rule]
			title := ""
			if rl != nil {
				title = rl.Title
			}
			fmt.Fprintf(bw, "  %s  %s\n", c.rule, oneLine(title))
			writeCheckPlace(bw, c, many)
			writeMessages(bw, c)
			if rl != nil && rl.RemediationFor(c.format) != "" {
				fmt.Fprintf(bw, "    fix:      %s\n", oneLine(rl.RemediationFor(c.format)))
			}
			if c.known() {
				fmt.Fprintf(bw, "    known:    in the baseline, does not fail the scan\n")
			}
		}
		i = j
	}

	for _, st := range otherStatuses(checks) {
		cs := withStatus(checks, st)
		if st == attest.StatusError {
			fmt.Fprintf(bw, "\nRule errors (%d): these rules could not be evaluated on these resources\n", len(cs))
		} else {
			fmt.Fprintf(bw, "\n%s (%d)\n", strings.ToUpper(st), len(cs))
		}
		for _, c := range cs {
			fmt.Fprintf(bw, "  %s\n", c.rule)
			writeCheckPlace(bw, c, many)
			writeMessages(bw, c)
		}
	}

	if cs := withStatus(checks, attest.StatusUnknown); len(cs) > 0 {
		fmt.Fprintf(bw, "\nUnknown (%d): a value the rule reads is not known statically\n", len(cs))
		for _, c := range cs {
			fmt.Fprintf(bw, "  %s\n", c.rule)
			writeCheckPlace(bw, c, many)
			writeMessages(bw, c)
		}
	}

	if cs := withStatus(checks, attest.StatusWaived); len(cs) > 0 {
		fmt.Fprintf(bw, "\nWaived (%d)\n", len(cs))
		for _, c := range cs {
			fmt.Fprintf(bw, "  %s\n", c.rule)
			writeCheckPlace(bw, c, many)
			if e := c.findings[0].Exception; e != nil {
				fmt.Fprintf(bw, "    why:      %s\n", oneLine(e.Justification))
				if terms := exceptionTerms(e); terms != "" {
					fmt.Fprintf(bw, "    terms:    %s\n", terms)
				}
				fmt.Fprintf(bw, "    by:       %s\n", e.Source)
			}
		}
	}

	if ds := diagsOf(r.Diagnostics, attest.DiagError); len(ds) > 0 {
		fmt.Fprintf(bw, "\nInput errors (%d)\n", len(ds))
		for _, d := range ds {
			fmt.Fprintf(bw, "  %s\n", oneLine(d.String()))
		}
	}
	if ds := diagsOf(r.Diagnostics, attest.DiagGap); len(ds) > 0 {
		fmt.Fprintf(bw, "\nCoverage gaps (%d): not checked, or checked in part\n", len(ds))
		for _, d := range ds {
			fmt.Fprintf(bw, "  %s: %s\n", d.Pos, gapText(d))
		}
	}
	var others attest.Diagnostics
	for _, d := range r.Diagnostics {
		if d.Severity != attest.DiagError && d.Severity != attest.DiagGap {
			others = append(others, d)
		}
	}
	if len(others) > 0 {
		fmt.Fprintf(bw, "\nWarnings (%d)\n", len(others))
		for _, d := range others {
			fmt.Fprintf(bw, "  %s\n", oneLine(d.String()))
		}
	}

	if len(r.StaleExceptions) > 0 {
		fmt.Fprintf(bw, "\nStale exceptions (%d): they match nothing\n", len(r.StaleExceptions))
		var buf bytes.Buffer
		tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  RULE\tRESOURCE\tWHY STALE\tDECLARED AT")
		for _, s := range r.StaleExceptions {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", s.Exception.RuleID, s.Exception.Resource, oneLine(s.Reason), s.Exception.Source)
		}
		flushTrimmed(bw, tw, &buf)
	}

	if len(r.ExpiredExceptions) > 0 {
		fmt.Fprintf(bw, "\nExpired exceptions (%d)\n", len(r.ExpiredExceptions))
		var buf bytes.Buffer
		tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  RULE\tRESOURCE\tEXPIRED ON\tOWNER\tDECLARED AT")
		for _, e := range r.ExpiredExceptions {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", e.RuleID, e.Resource, e.Expires.Format("2006-01-02"), orDash(e.Owner), e.Source)
		}
		flushTrimmed(bw, tw, &buf)
	}

	if len(r.Controls) > 0 {
		fmt.Fprintf(bw, "\nControls (%d)\n", len(r.Controls))
		var buf bytes.Buffer
		tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  FRAMEWORK\tCONTROL\tSTATUS\tPASSED\tFAILED\tWAIVED\tUNKNOWN\tERRORS\tTITLE")
		for _, c := range r.Controls {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t%s\n", c.Framework, c.ID, c.Status, c.Passed, c.Failed, c.Waived, c.Unknown, c.Errored, oneLine(c.Title))
		}
		flushTrimmed(bw, tw, &buf)
	}

	t := totals(checks)
	fmt.Fprintf(bw, "\n%d rules, %d resources, %d checks: %d passed, %d failed", r.Summary.Rules, r.Summary.Resources, len(checks), t.byStatus[attest.StatusPass], t.byStatus[attest.StatusFail])
	if by := t.failedBySeverity(); by != "" {
		fmt.Fprintf(bw, " (%s)", by)
	}
	fmt.Fprintf(bw, ", %d waived, %d unknown", t.byStatus[attest.StatusWaived], t.byStatus[attest.StatusUnknown])
	for _, st := range otherStatuses(checks) {
		if st == attest.StatusError {
			fmt.Fprintf(bw, ", %s", plural(t.byStatus[st], "rule error", "rule errors"))
			continue
		}
		fmt.Fprintf(bw, ", %d %s", t.byStatus[st], st)
	}
	fmt.Fprintln(bw)
	s := r.Summary
	if s.Errors+s.Gaps+s.Warnings > 0 {
		fmt.Fprintf(bw, "%s, %s, %s\n", plural(s.Errors, "input error", "input errors"), plural(s.Gaps, "coverage gap", "coverage gaps"), plural(s.Warnings, "warning", "warnings"))
	}
	fmt.Fprintf(bw, "Result: %s (%s)\n", r.Verdict(), resultReason(r, t.known))
	return bw.Flush()
}

// writeCheckPlace writes the resource of a check and where it is declared.
func writeCheckPlace(w io.Writer, c check, many bool) {
	fmt.Fprintf(w, "    resource: %s\n", qualified(c.root, c.addr, many))
	loc, via := location(*c.findings[0])
	fmt.Fprintf(w, "    at:       %s\n", loc)
	if via != "" {
		fmt.Fprintf(w, "    via module call %s\n", via)
	}
}

// writeMessages writes the distinct messages of a check's findings.
func writeMessages(w io.Writer, c check) {
	var seen []string
	for _, f := range c.findings {
		if f.Message == "" || slices.Contains(seen, f.Message) {
			continue
		}
		seen = append(seen, f.Message)
		fmt.Fprintf(w, "    %s\n", oneLine(f.Message))
	}
}

// flushTrimmed flushes a tabwriter that wrote into buf and copies the lines
// to w without the spaces tabwriter pads an empty last column with.
func flushTrimmed(w io.Writer, tw *tabwriter.Writer, buf *bytes.Buffer) {
	tw.Flush()
	for _, l := range bytes.SplitAfter(buf.Bytes(), []byte{'\n'}) {
		if len(l) == 0 {
			continue
		}
		w.Write(bytes.TrimRight(l, " \n"))
		w.Write([]byte{'\n'})
	}
}

// qualified prefixes an address with its root when the scan had several.
func qualified(root, addr string, many bool) string {
	if many && root != "" {
		return root + ":" + addr
	}
	return addr
}

// oneLine keeps multi-line text on one line of the table.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// threshold says in words which failures fail the scan.
func threshold(failOn string) string {
	switch {
	case failOn == FailOnNone:
		return "no failure fails the scan"
	case attest.SeverityRank(failOn) == 0:
		return "fail on any severity and above"
	}
	return "fail on " + failOn + " and above"
}
