package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/vuln"
)

// Markdown writes a release report fit to attach to a GitHub release:
// summary, what needs action first (KEV, and critical or high with a fix),
// what changed since the previous release when there is one, one section
// per artifact, and what was suppressed and why.
func Markdown(w io.Writer, r *vuln.Report) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }

	p("# Vulnerability report\n\n")
	p("Generated %s by attest from %s.\n\n", r.Generated.UTC().Format("2006-01-02 15:04 UTC"), mdText(inputsLine(r)))

	s := r.Summary
	p("## Summary\n\n")
	p("**%d open** vulnerabilities: %d in CISA KEV, %d with a fix. %d suppressed", s.Active, s.KEV, s.Fixable, s.Suppressed)
	if r.Hidden > 0 {
		p(", %d hidden by filters", r.Hidden)
	}
	p(".\n\n")
	p("| Severity | Fix available | No fix yet | Won't fix | Unknown | Total |\n|---|---:|---:|---:|---:|---:|\n")
	for _, row := range s.BySeverity {
		if row.Total == 0 && row.Severity == vuln.SeverityUnknown {
			continue
		}
		p("| %s | %d | %d | %d | %d | %d |\n", severityTitle(row.Severity), row.Fixed, row.NotFixed, row.WontFix, row.Unknown, row.Total)
	}
	p("\n")

	p("## Act first\n\n")
	var first []attest.Vulnerability
	for _, v := range r.Vulnerabilities {
		if actFirst(&v) {
			first = append(first, v)
		}
	}
	if len(first) == 0 {
		p("Nothing: no open vulnerability is in CISA KEV or critical/high with a fix.\n\n")
	} else {
		p("In CISA KEV, or critical or high with a fix, most urgent first.\n\n")
		mdTable(bw, first, true)
	}

	if d := r.Diff; d != nil {
		p("## Since the previous release\n\n")
		p("%d new, %d fixed, %d still open (%d changed)", len(d.New), len(d.Fixed), len(d.Open), len(d.Changed))
		if len(d.Suppressed) > 0 {
			p(", %d newly suppressed", len(d.Suppressed))
		}
		p(".\n\n")
		if len(d.New) > 0 {
			p("### New\n\n")
			mdTable(bw, d.New, true)
		}
		if len(d.Changed) > 0 {
			p("### Changed\n\n| ID | Package | Artifact | Change |\n|---|---|---|---|\n")
			for _, c := range d.Changed {
				v := c.Vulnerability
				p("| %s | %s | %s | %s |\n", mdText(v.ID), mdCode(v.Package.Name+" "+v.Package.Version), mdCode(vuln.ArtifactRef(v.Artifact)), mdText(strings.Join(c.Reasons, "; ")))
			}
			p("\n")
		}
		if len(d.Fixed) > 0 {
			p("### Fixed\n\n| Severity | ID | Package | Was installed | Artifact |\n|---|---|---|---|---|\n")
			for _, v := range d.Fixed {
				p("| %s | %s | %s | %s | %s |\n", v.Severity, mdText(v.ID), mdCode(v.Package.Name), mdCode(v.Package.Version), mdCode(vuln.ArtifactRef(v.Artifact)))
			}
			p("\n")
		}
	}

	p("## By artifact\n\n")
	sections := byArtifact(r.Vulnerabilities)
	if len(sections) == 0 {
		p("No open vulnerabilities.\n\n")
	}
	for _, sec := range sections {
		p("### %s\n\n", mdCode(sec.Ref))
		p("%d open.\n\n", len(sec.Vulns))
		p("| Severity | ID | Package | Installed | Fixed in | KEV | EPSS | Scanners | Notes |\n|---|---|---|---|---|---|---:|---|---|\n")
		for i := range sec.Vulns {
			v := &sec.Vulns[i]
			p("| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", v.Severity, mdText(v.ID), mdCode(v.Package.Name), mdCode(v.Package.Version),
				mdText(fixedIn(v)), kev(v), epss(v), mdText(scanners(v)), mdText(vexNote(v)))
		}
		p("\n")
	}

	sup := r.Suppressed()
	if len(sup) > 0 {
		p("## Suppressed\n\n")
		p("| ID | Package | Artifact | By | Status | Why |\n|---|---|---|---|---|---|\n")
		for _, v := range sup {
			p("| %s | %s | %s | %s | %s | %s |\n", mdText(v.ID), mdCode(v.Package.Name+" "+v.Package.Version), mdCode(vuln.ArtifactRef(v.Artifact)),
				v.Suppression.By, mdText(v.Suppression.Status), mdText(suppressedWhy(v.Suppression)))
		}
		p("\n")
	}
	if len(r.ExpiredIgnores) > 0 {
		p("## Expired ignore rules\n\nThese rules no longer ignore anything; renew them with a new reason or fix what they match.\n\n")
		for _, e := range r.ExpiredIgnores {
			p("- %s (%s) expired %s; %d vulnerabilities match it. Reason was: %s\n", mdText(e.Rule.ID), mdCode(e.Rule.Source.String()), e.Rule.Expires, e.Matches, mdText(e.Rule.Reason))
		}
		p("\n")
	}
	return bw.Flush()
}

// vexNote joins the scanner disagreement and any non-suppressing VEX
// status.
func vexNote(v *attest.Vulnerability) string {
	n := disagreement(v)
	if v.VEXStatus != "" {
		if n != "" {
			n += "; "
		}
		n += "VEX: " + v.VEXStatus
	}
	return n
}

// mdTable writes the short table used for "act first" and "new".
func mdTable(w io.Writer, vs []attest.Vulnerability, withArtifact bool) {
	fmt.Fprint(w, "| Severity | ID | Package | Installed | Fixed in | KEV | EPSS |")
	sep := "|---|---|---|---|---|---|---:|"
	if withArtifact {
		fmt.Fprint(w, " Artifact |")
		sep += "---|"
	}
	fmt.Fprint(w, "\n"+sep+"\n")
	for i := range vs {
		v := &vs[i]
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s |", v.Severity, mdText(v.ID), mdCode(v.Package.Name), mdCode(v.Package.Version), mdText(fixedIn(v)), kev(v), epss(v))
		if withArtifact {
			fmt.Fprintf(w, " %s |", mdCode(vuln.ArtifactRef(v.Artifact)))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w)
}

// mdEscaper escapes what Markdown (GitHub flavour) would otherwise read as
// markup or HTML in table cells.
var mdEscaper = strings.NewReplacer(
	"\\", "\\\\", "|", "\\|", "*", "\\*", "_", "\\_", "`", "\\`", "[", "\\[", "]", "\\]",
	"<", "&lt;", ">", "&gt;", "&", "&amp;", "#", "\\#", "\r", " ", "\n", " ",
)

// mdText escapes s for a table cell or a line of text.
func mdText(s string) string { return mdEscaper.Replace(s) }

// mdCode puts s in a code span, which shows it verbatim; a pipe still ends
// a table cell in GitHub's tables, so it is escaped.
func mdCode(s string) string {
	if s == "" {
		return ""
	}
	s = strings.NewReplacer("`", "'", "|", "\\|", "\n", " ", "\r", " ").Replace(s)
	return "`" + s + "`"
}
