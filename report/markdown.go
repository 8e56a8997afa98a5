package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/attest-dev/attest"
)

// MarkdownMaxRows caps the rows of the failures table so that the summary
// fits a pull request comment (GitHub limits comments to 65536 characters).
const MarkdownMaxRows = 50

// Markdown writes a summary sized for a pull request comment: the verdict
// and totals, a table of failures (at most MarkdownMaxRows rows), the
// per-control table when frameworks were selected, expired exceptions and
// diagnostics.
func Markdown(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	s := r.Summary
	verdict := "passed"
	switch {
	case r.FailsThreshold():
		verdict = "failed"
	case s.RuleErrors > 0:
		verdict = "incomplete"
	}
	fmt.Fprintf(bw, "## attest scan %s\n\n", verdict)
	fmt.Fprintf(bw, "%d rules checked %d resources (%s).\n\n", s.Rules, s.Resources, threshold(r.FailOn))
	fmt.Fprintln(bw, "| Passed | Failed | Waived | Unknown | Rule errors | Input errors |")
	fmt.Fprintln(bw, "| ---: | ---: | ---: | ---: | ---: | ---: |")
	fmt.Fprintf(bw, "| %d | %d | %d | %d | %d | %d |\n", s.Passed, s.Failed, s.Waived, s.Unknown, s.RuleErrors, s.Errors)

	if s.Failed > 0 {
		var parts []string
		for _, sev := range attest.Severities {
			if n := s.FailedBySeverity[sev]; n > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", n, sev))
			}
		}
		fmt.Fprintf(bw, "\nFailures by severity: %s.\n", strings.Join(parts, ", "))
	}

	rules := ruleIndex(r.Rules)
	fails := sortedFindings(r.Findings, attest.StatusFail)
	if len(fails) > 0 {
		fmt.Fprintf(bw, "\n### Failures\n\n")
		fmt.Fprintln(bw, "| Severity | Rule | Resource | Location |")
		fmt.Fprintln(bw, "| --- | --- | --- | --- |")
		for i, f := range fails {
			if i == MarkdownMaxRows {
				fmt.Fprintf(bw, "\n…and %d more failures; see the full report.\n", len(fails)-i)
				break
			}
			rule := code(f.RuleID)
			if rl := rules[f.RuleID]; rl != nil && rl.Title != "" {
				rule += " " + cell(rl.Title)
			}
			loc, via := location(f)
			where := code(loc)
			if via != "" {
				where += " via " + code(via)
			}
			fmt.Fprintf(bw, "| %s | %s | %s | %s |\n", f.Severity, rule, code(qualified(f.Root, f.Resource, len(r.Roots) > 1)), where)
		}
	}

	if len(r.Controls) > 0 {
		fmt.Fprintf(bw, "\n### Controls\n\n")
		fmt.Fprintln(bw, "| Framework | Control | Status | Passed | Failed | Waived | Unknown | Errors |")
		fmt.Fprintln(bw, "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |")
		for _, c := range r.Controls {
			id := c.ID
			if c.Title != "" {
				id += " " + c.Title
			}
			fmt.Fprintf(bw, "| %s | %s | %s | %d | %d | %d | %d | %d |\n", cell(c.Framework), cell(id), c.Status, c.Passed, c.Failed, c.Waived, c.Unknown, c.Errored)
		}
	}

	if len(r.ExpiredExceptions) > 0 {
		fmt.Fprintf(bw, "\n### Expired exceptions\n\n")
		for _, e := range r.ExpiredExceptions {
			fmt.Fprintf(bw, "- %s on %s expired %s (%s)\n", code(e.RuleID), code(e.Resource), e.Expires.Format("2006-01-02"), code(e.Source.String()))
		}
	}

	if len(r.Diagnostics) > 0 {
		fmt.Fprintf(bw, "\n### Diagnostics\n\n")
		for _, d := range r.Diagnostics {
			text := d.Summary
			if d.Detail != "" {
				text += ": " + d.Detail
			}
			fmt.Fprintf(bw, "- %s %s: %s\n", code(d.Pos.String()), d.Severity, oneLine(text))
		}
	}
	return bw.Flush()
}

// cell makes text safe for one Markdown table cell.
func cell(s string) string {
	s = oneLine(s)
	s = strings.ReplaceAll(s, `\`, `\\`)
	return strings.ReplaceAll(s, "|", `\|`)
}

// code formats text as inline code within a table cell. Backticks inside
// are replaced because a code span cannot escape them.
func code(s string) string {
	s = strings.ReplaceAll(oneLine(s), "`", "'")
	return "`" + strings.ReplaceAll(s, "|", `\|`) + "`"
}
