package auditor

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/attest-dev/attest"
)

// mdEscape makes outside text plain in Markdown: no markup, no HTML, no
// table cell boundary, one line.
var mdEscape = strings.NewReplacer(
	`\`, `\\`, "|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "(", `\(`, ")", `\)`,
	"<", "&lt;", ">", "&gt;", "&", "&amp;", "#", `\#`, "!", `\!`, "~", `\~`, "\r", " ", "\n", " ",
)

func md(s string) string { return mdEscape.Replace(s) }

// code puts s in a code span, where Markdown shows it as it is; a backtick
// would end the span and a pipe the table cell, so they are replaced.
func code(s string) string {
	return "`" + strings.NewReplacer("`", "'", "|", "¦", "\r", " ", "\n", " ").Replace(s) + "`"
}

// day formats a midnight UTC as a day.
func day(t time.Time) string { return t.UTC().Format(time.DateOnly) }

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02 15:04 UTC")
}

func percent(f float64) string { return fmt.Sprintf("%.1f%%", 100*f) }

// duration shows a handling time in days, hours and minutes.
func duration(d *time.Duration) string {
	if d == nil {
		return "not recorded"
	}
	m := int64(d.Round(time.Minute) / time.Minute)
	switch {
	case m < 60:
		return fmt.Sprintf("%dm", m)
	case m < 24*60:
		return fmt.Sprintf("%dh %dm", m/60, m%60)
	}
	return fmt.Sprintf("%dd %dh", m/(24*60), m%(24*60)/60)
}

// Shown reports whether a control gets a section of its own: something
// supports it or some day had evidence. The others are listed in the
// summary only, as controls attest gives no evidence for.
func (c *Control) Shown() bool {
	return len(c.Rules) > 0 || len(c.Detections) > 0 || c.DaysNoEvidence < len(c.Daily)
}

// Title is the report's title.
func (r *Report) Title() string {
	name := map[string]string{attest.FrameworkSOC2: "SOC 2", attest.FrameworkPCIDSS: "PCI DSS 4.0"}[r.Framework]
	return fmt.Sprintf("%s evidence report, %s to %s", name, day(r.From), day(r.LastDay()))
}

// Markdown writes the report as Markdown (GitHub flavour).
func Markdown(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	p("# %s\n\n", r.Title())
	p("- Framework: %s (%s)\n", md(r.Framework), md(r.FrameworkVersion))
	p("- Period: %s to %s (UTC), %d days\n", day(r.From), day(r.LastDay()), r.Days)
	p("- Generated: %s\n", stamp(r.Generated))
	if r.Checkpoint.Note != "" {
		p("- Audit-log checkpoint: %s, tree size %d, root %s\n", md(r.Checkpoint.Origin), r.Checkpoint.Size, code(r.Checkpoint.Root))
	} else {
		p("- Audit-log checkpoint: none signed yet\n")
	}
	if !r.AlertsKnown {
		p("- Alerts: not kept by this source; statuses rest on the evidence alone\n")
	}
	p("\nA day's status is that of the latest scan of each repository received by the end of the day (fail if a rule supporting the control failed, incomplete if one could not decide or the scan had gaps, pass if they passed)")
	if r.AlertsKnown {
		p(", and fail while an alert of high or critical severity from a detection supporting the control was open")
	}
	p(".\n\n## Summary\n\n")
	p("| Control | Title | Last day | Passing days | Fail | Incomplete | No evidence |\n| --- | --- | --- | --- | --- | --- | --- |\n")
	for _, c := range r.Controls {
		p("| %s | %s | %s | %d (%s) | %d | %d | %d |\n", md(c.ID), md(c.Title), c.Status, c.DaysPass, percent(c.PassShare), c.DaysFail, c.DaysIncomplete, c.DaysNoEvidence)
	}
	p("\n## Controls\n")
	for i := range r.Controls {
		c := &r.Controls[i]
		if !c.Shown() {
			continue
		}
		p("\n### %s: %s\n\n", md(c.ID), md(c.Title))
		p("Passing evidence on %d of %d days (%s); failing %d, incomplete %d, no evidence %d. Last day: %s.\n\n",
			c.DaysPass, r.Days, percent(c.PassShare), c.DaysFail, c.DaysIncomplete, c.DaysNoEvidence, c.Status)
		if len(c.Rules) > 0 {
			p("Rules:\n\n")
			for _, rl := range c.Rules {
				p("- %s (%s): %s\n", code(rl.ID), rl.Severity, md(rl.Title))
			}
			p("\n")
		}
		if len(c.Detections) > 0 {
			p("Detections:\n\n")
			for _, d := range c.Detections {
				p("- %s (%s): %s\n", code(d.ID), md(d.Level), md(d.Title))
			}
			p("\n")
		}
		if len(c.Periods) > 0 {
			p("Failing and incomplete periods:\n\n")
			for _, pd := range c.Periods {
				p("- %s from %s to %s (%d days), on %s: %s\n", pd.Status, day(pd.From), day(pd.Last), pd.Days, refs(pd.Evidence, pd.Alerts), md(pd.Outcome(r)))
			}
			p("\n")
		}
		if len(c.Exceptions) > 0 {
			p("Exceptions:\n\n| Repository | Rule | Resource | Owner | Expires | State | Justification |\n| --- | --- | --- | --- | --- | --- | --- |\n")
			for _, x := range c.Exceptions {
				p("| %s | %s | %s | %s | %s | %s | %s |\n", md(x.Repository), md(x.RuleID), md(x.Resource), md(x.Owner), expires(x.Expires), x.State, md(x.Justification))
			}
			p("\n")
		}
		if len(c.Alerts) > 0 {
			p("Alerts:\n\n")
			alertTable(p, c.Alerts)
		}
	}
	p("\n## Scans (%d)\n\n", len(r.Scans))
	p("| Id | Received | Repository | Commit | Branch | Passed | Failed | Waived | Undecided | SHA-256 | Record |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n")
	for _, s := range r.Scans {
		undecided := fmt.Sprint(s.Unknown + s.Errors)
		if s.Incomplete {
			undecided += " (gaps)"
		}
		p("| %d | %s | %s | %s | %s | %d | %d | %d | %s | %s | %d |\n", s.ID, stamp(s.Received), md(s.Repository), md(s.Commit), md(s.Branch),
			s.Passed, s.Failed, s.Waived, undecided, code(s.SHA256), s.Seq)
	}
	p("\n## Alerts (%d)\n\n", len(r.Alerts))
	if !r.AlertsKnown {
		p("Not kept by this source.\n")
	} else {
		alertTable(p, r.Alerts)
	}
	p("\n## Exceptions (%d)\n\n", len(r.Exceptions))
	p("| Repository | Rule | Resource | Owner | Expires | Ticket | First seen | Last seen | State | Justification |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n")
	for _, x := range r.Exceptions {
		p("| %s | %s | %s | %s | %s | %s | %s (scan %d) | %s (scan %d) | %s | %s |\n", md(x.Repository), md(x.RuleID), md(x.Resource), md(x.Owner),
			expires(x.Expires), md(x.Ticket), stamp(x.FirstSeen), x.FirstScan, stamp(x.LastSeen), x.LastScan, x.State, md(x.Justification))
	}
	if r.Checkpoint.Note != "" {
		p("\n## Checkpoint\n\nThe signed audit-log checkpoint this report was made from; save it to a file and check the log against it with `attest audit verify --checkpoint FILE`.\n\n")
		for _, line := range strings.Split(strings.TrimRight(r.Checkpoint.Note, "\n"), "\n") {
			p("    %s\n", strings.ReplaceAll(line, "\r", ""))
		}
	}
	return bw.Flush()
}

func alertTable(p func(string, ...any), alerts []AlertRow) {
	p("| Id | Detection | Severity | First seen | Status | By | Time to acknowledge | Time to resolve | Note |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n")
	for _, a := range alerts {
		p("| %d | %s | %s | %s | %s | %s | %s | %s | %s |\n", a.ID, md(a.Rule), md(a.Severity), stamp(a.FirstSeen), md(a.Status), md(a.StatusBy),
			duration(a.TimeToAcknowledge), duration(a.TimeToResolve), md(a.Note))
	}
}

func expires(t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return day(t)
}

// refs names evidence and alerts by id.
func refs(ev, alerts []int64) string {
	var parts []string
	for _, id := range ev {
		parts = append(parts, fmt.Sprintf("scan %d", id))
	}
	for _, id := range alerts {
		parts = append(parts, fmt.Sprintf("alert %d", id))
	}
	if len(parts) == 0 {
		return "no evidence"
	}
	return strings.Join(parts, ", ")
}

// Outcome says how a period ended.
func (p Period) Outcome(r *Report) string {
	switch {
	case !p.Resolved.IsZero():
		var by []string
		for _, id := range p.ResolvedBy {
			by = append(by, r.scanName(id))
		}
		if len(by) == 0 {
			return "passed again on " + day(p.Resolved)
		}
		return "passed again on " + day(p.Resolved) + " with " + strings.Join(by, ", ")
	case p.Then != "":
		return "followed by " + p.Then + " from " + day(p.Last.AddDate(0, 0, 1))
	}
	return "still " + p.Status + " at the end of the period"
}

// scanName names a scan of the report by id, repository and commit.
func (r *Report) scanName(id int64) string {
	for _, s := range r.Scans {
		if s.ID == id {
			name := fmt.Sprintf("scan %d", id)
			if s.Repository != "" {
				name += " of " + s.Repository
				if s.Commit != "" {
					name += "@" + s.Commit
				}
			}
			return name
		}
	}
	return fmt.Sprintf("scan %d", id)
}
