package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/attest-dev/attest/vuln"
)

// TableWidth is the terminal width the table fits.
const TableWidth = 120

// tableColumns are the columns of each artifact's rows and the most
// characters each may take; the last one gets what the others leave.
var tableColumns = []struct {
	title string
	max   int
}{
	{"SEVERITY", 8}, {"ID", 19}, {"PACKAGE", 22}, {"INSTALLED", 18}, {"FIXED IN", 20},
	{"KEV", 16}, {"EPSS", 7}, {"SCANNERS", 0},
}

// Table writes the active vulnerabilities for a terminal of TableWidth
// columns: grouped by artifact (each artifact named once, the artifacts in
// the order of their most urgent vulnerability), in rank order within each,
// then the counts. A cell too long for its column is cut with "…"; the JSON,
// Markdown and HTML outputs have every value whole.
func Table(w io.Writer, r *vuln.Report) error {
	bw := bufio.NewWriter(w)
	type group struct {
		ref  string
		rows [][]string
	}
	var groups []*group
	byRef := map[string]*group{}
	for i := range r.Vulnerabilities {
		v := &r.Vulnerabilities[i]
		if v.Suppression != nil {
			continue
		}
		ref := vuln.ArtifactRef(v.Artifact)
		g := byRef[ref]
		if g == nil {
			g = &group{ref: ref}
			byRef[ref] = g
			groups = append(groups, g)
		}
		g.rows = append(g.rows, []string{v.Severity, v.ID, v.Package.Name, v.Package.Version, fixedIn(v), kev(v), epss(v), scanners(v)})
	}
	// Widths are shared by all groups so that the columns line up.
	widths := make([]int, len(tableColumns))
	for i, c := range tableColumns {
		widths[i] = len(c.title)
	}
	for _, g := range groups {
		for _, row := range g.rows {
			for i, cell := range row {
				widths[i] = max(widths[i], utf8.RuneCountInString(cell))
			}
		}
	}
	const indent, gap = 2, 2
	total := func() int {
		n := indent
		for _, w := range widths {
			n += w + gap
		}
		return n - gap
	}
	// Too wide: narrow the column furthest over its cap, one character at a
	// time, then give the last column what is left.
	for total() > TableWidth {
		widest, over := -1, 0
		for i, c := range tableColumns {
			if c.max > 0 && widths[i]-max(c.max, len(c.title)) > over {
				widest, over = i, widths[i]-max(c.max, len(c.title))
			}
		}
		if widest < 0 {
			break
		}
		widths[widest]--
	}
	if total() > TableWidth {
		last := len(widths) - 1
		rest := TableWidth - (total() - widths[last])
		widths[last] = max(len(tableColumns[last].title), min(widths[last], rest))
	}

	line := func(cells []string) {
		var b strings.Builder
		b.WriteString(strings.Repeat(" ", indent))
		for i, cell := range cells {
			cell = cut(cell, widths[i])
			b.WriteString(cell)
			if i < len(cells)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-utf8.RuneCountInString(cell)+gap))
			}
		}
		fmt.Fprintln(bw, b.String())
	}
	titles := make([]string, len(tableColumns))
	for i, c := range tableColumns {
		titles[i] = c.title
	}
	for i, g := range groups {
		if i > 0 {
			fmt.Fprintln(bw)
		}
		fmt.Fprintf(bw, "%s  (%d open)\n", cut(g.ref, TableWidth-len("  (99999 open)")), len(g.rows))
		line(titles)
		for _, row := range g.rows {
			line(row)
		}
	}
	s := r.Summary
	if len(groups) > 0 {
		fmt.Fprintln(bw)
	}
	fmt.Fprintf(bw, "%d open (%d in CISA KEV, %d with a fix available), %d suppressed", s.Active, s.KEV, s.Fixable, s.Suppressed)
	if r.Hidden > 0 {
		fmt.Fprintf(bw, ", %d hidden by filters", r.Hidden)
	}
	fmt.Fprintln(bw)
	for _, row := range s.BySeverity {
		if row.Total > 0 {
			fmt.Fprintf(bw, "  %-8s %5d  (fix available %d, no fix yet %d, won't fix %d, unknown %d)\n", row.Severity, row.Total, row.Fixed, row.NotFixed, row.WontFix, row.Unknown)
		}
	}
	if d := r.Diff; d != nil {
		fmt.Fprintf(bw, "Since the previous release: %d new, %d fixed, %d still open (%d changed)\n", len(d.New), len(d.Fixed), len(d.Open), len(d.Changed))
	}
	for _, e := range r.ExpiredIgnores {
		fmt.Fprintf(bw, "expired ignore rule: %s: %s expired %s and no longer ignores anything (%d matching)\n", e.Rule.Source, e.Rule.ID, e.Rule.Expires, e.Matches)
	}
	return bw.Flush()
}

// cut shortens s to n characters, ending it with "…" when it was longer.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n <= 1 {
		return "…"
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
