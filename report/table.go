package report

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/attest-dev/attest"
)

// Table writes the report for a terminal: failures grouped by severity (most
// severe first), then diagnostics, expired exceptions, the per-control
// summary when frameworks were selected, and the totals. It is plain text
// without colours; columns are aligned with spaces so that the layout depends
// only on the content.
func Table(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	rules := ruleIndex(r.Rules)

	fails := sortedFindings(r.Findings, attest.StatusFail)
	if len(fails) == 0 {
		fmt.Fprintln(bw, "No failures.")
	}
	for i := 0; i < len(fails); {
		sev := fails[i].Severity
		j := i
		for j < len(fails) && fails[j].Severity == sev {
			j++
		}
		if i > 0 {
			fmt.Fprintln(bw)
		}
		fmt.Fprintf(bw, "%s (%d)\n", strings.ToUpper(orUnknown(sev)), j-i)
		for _, f := range fails[i:j] {
			title := ""
			if rl := rules[f.RuleID]; rl != nil {
				title = rl.Title
			}
			fmt.Fprintf(bw, "  %s  %s\n", f.RuleID, oneLine(title))
			fmt.Fprintf(bw, "    resource: %s\n", qualified(f.Root, f.Resource, len(r.Roots) > 1))
			loc, via := location(f)
			fmt.Fprintf(bw, "    at:       %s\n", loc)
			if via != "" {
				fmt.Fprintf(bw, "    via module call %s\n", via)
			}
			if f.Message != "" {
				fmt.Fprintf(bw, "    %s\n", oneLine(f.Message))
			}
		}
		i = j
	}

	if errs := sortedFindings(r.Findings, attest.StatusError); len(errs) > 0 {
		fmt.Fprintf(bw, "\nRule errors (%d): these rules could not be evaluated on these resources\n", len(errs))
		for _, f := range errs {
			loc, _ := location(f)
			fmt.Fprintf(bw, "  %s  %s  at %s\n    %s\n", f.RuleID, qualified(f.Root, f.Resource, len(r.Roots) > 1), loc, oneLine(f.Message))
		}
	}

	if len(r.Diagnostics) > 0 {
		fmt.Fprintf(bw, "\nDiagnostics (%d)\n", len(r.Diagnostics))
		for _, d := range r.Diagnostics {
			fmt.Fprintf(bw, "  %s\n", oneLine(d.String()))
		}
	}

	if len(r.ExpiredExceptions) > 0 {
		fmt.Fprintf(bw, "\nExpired exceptions (%d)\n", len(r.ExpiredExceptions))
		var buf bytes.Buffer
		tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  RULE\tRESOURCE\tEXPIRED\tOWNER\tDECLARED AT")
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

	s := r.Summary
	fmt.Fprintf(bw, "\n%d rules, %d resources, %d findings: %d passed, %d failed", s.Rules, s.Resources, s.Findings, s.Passed, s.Failed)
	if s.Failed > 0 {
		var parts []string
		for _, sev := range attest.Severities {
			if n := s.FailedBySeverity[sev]; n > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", n, sev))
			}
		}
		fmt.Fprintf(bw, " (%s)", strings.Join(parts, ", "))
	}
	fmt.Fprintf(bw, ", %d waived, %d unknown", s.Waived, s.Unknown)
	if s.RuleErrors > 0 {
		fmt.Fprintf(bw, ", %d rule errors", s.RuleErrors)
	}
	fmt.Fprintln(bw)
	if s.Errors+s.Warnings > 0 {
		fmt.Fprintf(bw, "%d input errors, %d warnings\n", s.Errors, s.Warnings)
	}
	verdict := "PASS"
	switch {
	case r.FailsThreshold():
		verdict = "FAIL"
	case s.RuleErrors > 0:
		verdict = "INCOMPLETE"
	}
	fmt.Fprintf(bw, "Result: %s (%s)\n", verdict, threshold(r.FailOn))
	return bw.Flush()
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
