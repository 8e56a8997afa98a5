package report

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/attest-dev/attest"
)

// MarkdownMaxRows caps the rows of the failures table so that the summary
// fits a pull request comment (GitHub limits comments to 65536 characters).
const MarkdownMaxRows = 50

// Markdown writes a summary sized for a pull request comment: the verdict
// and totals, a table of failures with their remediation (at most
// MarkdownMaxRows rows), checks in other states, unknown and waived checks,
// the per-control table when frameworks were selected, coverage gaps, stale
// and expired exceptions and diagnostics. Counts are of checks (a rule on a
// resource), as in the table and JUnit.
func Markdown(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	s := r.Summary
	many := len(r.Roots) > 1
	checks := checksOf(r.Findings)
	t := totals(checks)
	verdict := map[string]string{VerdictPass: "passed", VerdictFail: "failed", VerdictIncomplete: "incomplete"}[r.Verdict()]
	fmt.Fprintf(bw, "## attest scan %s\n\n", verdict)
	fmt.Fprintf(bw, "%d rules checked %d resources (%s).\n\n", s.Rules, s.Resources, resultReason(r, t.known))
	fmt.Fprintln(bw, "| Passed | Failed | Waived | Unknown | Rule errors | Input errors | Coverage gaps |")
	fmt.Fprintln(bw, "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	fmt.Fprintf(bw, "| %d | %d | %d | %d | %d | %d | %d |\n", t.byStatus[attest.StatusPass], t.byStatus[attest.StatusFail], t.byStatus[attest.StatusWaived], t.byStatus[attest.StatusUnknown], t.byStatus[attest.StatusError], s.Errors, s.Gaps)

	if by := t.failedBySeverity(); by != "" {
		fmt.Fprintf(bw, "\nFailures by severity: %s.\n", by)
	}

	rules := ruleIndex(r.Rules)
	where := func(c check) string {
		loc, via := location(*c.findings[0])
		w := code(loc)
		if via != "" {
			w += " via " + code(via)
		}
		return w
	}
	messages := func(c check) string {
		var ms []string
		for _, f := range c.findings {
			if f.Message != "" && !slices.Contains(ms, cell(f.Message)) {
				ms = append(ms, cell(f.Message))
			}
		}
		return strings.Join(ms, "<br>")
	}
	fails := withStatus(checks, attest.StatusFail)
	if len(fails) > 0 {
		fmt.Fprintf(bw, "\n### Failures\n\n")
		fmt.Fprintln(bw, "| Severity | Rule | Resource | Location | Remediation |")
		fmt.Fprintln(bw, "| --- | --- | --- | --- | --- |")
		for i, c := range fails {
			if i == MarkdownMaxRows {
				fmt.Fprintf(bw, "\n…and %d more failures; see the full report.\n", len(fails)-i)
				break
			}
			rule := code(c.rule)
			fix := ""
			if rl := rules[c.rule]; rl != nil {
				if rl.Title != "" {
					rule += " " + cell(rl.Title)
				}
				fix = cell(rl.RemediationFor(c.format))
			}
			sev := c.severity
			if c.known() {
				sev += " (known)"
			}
			fmt.Fprintf(bw, "| %s | %s | %s | %s | %s |\n", sev, rule, code(qualified(c.root, c.addr, many)), where(c), fix)
		}
	}

	for _, st := range otherStatuses(checks) {
		cs := withStatus(checks, st)
		fmt.Fprintf(bw, "\n### %s (%d)\n\n", cell(st), len(cs))
		fmt.Fprintln(bw, "| Rule | Resource | Location | Message |")
		fmt.Fprintln(bw, "| --- | --- | --- | --- |")
		for _, c := range cs {
			fmt.Fprintf(bw, "| %s | %s | %s | %s |\n", code(c.rule), code(qualified(c.root, c.addr, many)), where(c), messages(c))
		}
	}

	if cs := withStatus(checks, attest.StatusUnknown); len(cs) > 0 {
		fmt.Fprintf(bw, "\n### Unknown\n\nA value these rules read is not known statically; they neither pass nor fail.\n\n")
		fmt.Fprintln(bw, "| Rule | Resource | Location | What is unknown |")
		fmt.Fprintln(bw, "| --- | --- | --- | --- |")
		for _, c := range cs {
			fmt.Fprintf(bw, "| %s | %s | %s | %s |\n", code(c.rule), code(qualified(c.root, c.addr, many)), where(c), messages(c))
		}
	}

	if cs := withStatus(checks, attest.StatusWaived); len(cs) > 0 {
		fmt.Fprintf(bw, "\n### Waived\n\n")
		fmt.Fprintln(bw, "| Rule | Resource | Owner | Expires | Justification | Declared at |")
		fmt.Fprintln(bw, "| --- | --- | --- | --- | --- | --- |")
		for _, c := range cs {
			e := c.findings[0].Exception
			if e == nil {
				e = &attest.Exception{}
			}
			expires := ""
			if !e.Expires.IsZero() {
				expires = e.Expires.Format("2006-01-02")
			}
			just := cell(e.Justification)
			if e.Ticket != "" {
				just += " (" + cell(e.Ticket) + ")"
			}
			fmt.Fprintf(bw, "| %s | %s | %s | %s | %s | %s |\n", code(c.rule), code(qualified(c.root, c.addr, many)), cell(e.Owner), expires, just, code(e.Source.String()))
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

	if ds := diagsOf(r.Diagnostics, attest.DiagGap); len(ds) > 0 {
		fmt.Fprintf(bw, "\n### Coverage gaps\n\nWhat these point at was not checked, or checked in part.\n\n")
		for _, d := range ds {
			fmt.Fprintf(bw, "- %s %s\n", code(d.Pos.String()), gapText(d))
		}
	}

	if len(r.StaleExceptions) > 0 {
		fmt.Fprintf(bw, "\n### Stale exceptions\n\n")
		for _, st := range r.StaleExceptions {
			e := st.Exception
			fmt.Fprintf(bw, "- %s on %s matches nothing: %s (%s)\n", code(e.RuleID), code(e.Resource), oneLine(st.Reason), code(e.Source.String()))
		}
	}

	if len(r.ExpiredExceptions) > 0 {
		fmt.Fprintf(bw, "\n### Expired exceptions\n\n")
		for _, e := range r.ExpiredExceptions {
			fmt.Fprintf(bw, "- %s on %s expired on %s (%s)\n", code(e.RuleID), code(e.Resource), e.Expires.Format("2006-01-02"), code(e.Source.String()))
		}
	}

	var diags attest.Diagnostics
	for _, d := range r.Diagnostics {
		if d.Severity != attest.DiagGap {
			diags = append(diags, d)
		}
	}
	if len(diags) > 0 {
		fmt.Fprintf(bw, "\n### Diagnostics\n\n")
		for _, d := range diags {
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
