package report

import (
	"bufio"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/attest-dev/attest/vuln"
)

// Table writes the active vulnerabilities as an aligned table for a
// terminal, in rank order, then the counts.
func Table(w io.Writer, r *vuln.Report) error {
	bw := bufio.NewWriter(w)
	tw := tabwriter.NewWriter(bw, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SEVERITY\tID\tPACKAGE\tINSTALLED\tFIXED IN\tKEV\tEPSS\tARTIFACT\tSCANNERS")
	for i := range r.Vulnerabilities {
		v := &r.Vulnerabilities[i]
		if v.Suppression != nil {
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
			v.Severity, v.ID, v.Package.Name, v.Package.Version, fixedIn(v), kev(v), epss(v), vuln.ArtifactRef(v.Artifact), scanners(v))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	s := r.Summary
	fmt.Fprintf(bw, "\n%d open (%d in CISA KEV, %d with a fix), %d suppressed", s.Active, s.KEV, s.Fixable, s.Suppressed)
	if r.Hidden > 0 {
		fmt.Fprintf(bw, ", %d hidden by filters", r.Hidden)
	}
	fmt.Fprintln(bw)
	for _, row := range s.BySeverity {
		if row.Total > 0 {
			fmt.Fprintf(bw, "  %-8s %5d  (fixed %d, not fixed %d, won't fix %d, unknown %d)\n", row.Severity, row.Total, row.Fixed, row.NotFixed, row.WontFix, row.Unknown)
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
