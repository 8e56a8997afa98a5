package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/vuln"
)

// DiffFormats lists the formats RenderDiff accepts.
var DiffFormats = []string{FormatTable, FormatMarkdown, FormatJSON}

// RenderDiff writes a comparison of two releases in the named format:
// table, markdown or json (the vuln.DiffResult as is).
func RenderDiff(w io.Writer, format string, d *vuln.DiffResult) error {
	switch format {
	case FormatTable:
		return diffTable(w, d)
	case FormatMarkdown:
		return diffMarkdown(w, d)
	case FormatJSON:
		bw := bufio.NewWriter(w)
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(d); err != nil {
			return err
		}
		return bw.Flush()
	}
	return fmt.Errorf("unknown diff format %q (want one of %s)", format, strings.Join(DiffFormats, ", "))
}

func diffTable(w io.Writer, d *vuln.DiffResult) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%d new, %d fixed, %d still open (%d changed), %d newly suppressed\n", len(d.New), len(d.Fixed), len(d.Open), len(d.Changed), len(d.Suppressed))
	section := func(title string, vs []attest.Vulnerability, note func(*attest.Vulnerability) string) {
		if len(vs) == 0 {
			return
		}
		fmt.Fprintf(bw, "\n%s\n", title)
		tw := tabwriter.NewWriter(bw, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "SEVERITY\tID\tPACKAGE\tVERSION\tARTIFACT\tNOTE")
		for i := range vs {
			v := &vs[i]
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", v.Severity, v.ID, v.Package.Name, v.Package.Version, vuln.ArtifactRef(v.Artifact), note(v))
		}
		tw.Flush()
	}
	section("NEW", d.New, func(v *attest.Vulnerability) string { return "fixed in: " + fixedIn(v) + kevNote(v) })
	var changed []attest.Vulnerability
	reasons := map[int]string{}
	for i, c := range d.Changed {
		changed = append(changed, c.Vulnerability)
		reasons[i] = strings.Join(c.Reasons, "; ")
	}
	i := 0
	section("CHANGED", changed, func(*attest.Vulnerability) string { i++; return reasons[i-1] })
	section("FIXED", d.Fixed, func(*attest.Vulnerability) string { return "" })
	section("SUPPRESSED", d.Suppressed, func(v *attest.Vulnerability) string {
		return v.Suppression.Status + ": " + suppressedWhy(v.Suppression)
	})
	return bw.Flush()
}

func kevNote(v *attest.Vulnerability) string {
	if v.KEV != nil {
		return "; in CISA KEV"
	}
	return ""
}

func diffMarkdown(w io.Writer, d *vuln.DiffResult) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# Vulnerabilities since the previous release\n\n%d new, %d fixed, %d still open (%d changed), %d newly suppressed.\n\n",
		len(d.New), len(d.Fixed), len(d.Open), len(d.Changed), len(d.Suppressed))
	if len(d.New) > 0 {
		fmt.Fprint(bw, "## New\n\n")
		mdTable(bw, d.New, true)
	}
	if len(d.Changed) > 0 {
		fmt.Fprint(bw, "## Changed\n\n| ID | Package | Artifact | Change |\n|---|---|---|---|\n")
		for _, c := range d.Changed {
			v := c.Vulnerability
			fmt.Fprintf(bw, "| %s | %s | %s | %s |\n", mdText(v.ID), mdCode(v.Package.Name+" "+v.Package.Version), mdCode(vuln.ArtifactRef(v.Artifact)), mdText(strings.Join(c.Reasons, "; ")))
		}
		fmt.Fprintln(bw)
	}
	if len(d.Fixed) > 0 {
		fmt.Fprint(bw, "## Fixed\n\n")
		mdTable(bw, d.Fixed, true)
	}
	if len(d.Suppressed) > 0 {
		fmt.Fprint(bw, "## Newly suppressed\n\n| ID | Package | Status | Why |\n|---|---|---|---|\n")
		for _, v := range d.Suppressed {
			fmt.Fprintf(bw, "| %s | %s | %s | %s |\n", mdText(v.ID), mdCode(v.Package.Name+" "+v.Package.Version), mdText(v.Suppression.Status), mdText(suppressedWhy(v.Suppression)))
		}
		fmt.Fprintln(bw)
	}
	return bw.Flush()
}
