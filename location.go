package attest

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Pos is a position in a source file. Line and Column count from 1; zero
// means unknown.
type Pos struct {
	File   string `json:"file"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
}

// String formats the position as file:line:column, leaving out what is unknown.
func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Column == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column)
}

// Range is the span of lines a resource occupies in a source file.
type Range struct {
	File      string `json:"file"`
	StartLine int    `json:"start_line,omitempty"`
	EndLine   int    `json:"end_line,omitempty"`
}

// String formats the range as file:start-end.
func (r Range) String() string {
	switch {
	case r.StartLine == 0:
		return r.File
	case r.EndLine == 0 || r.EndLine == r.StartLine:
		return fmt.Sprintf("%s:%d", r.File, r.StartLine)
	}
	return fmt.Sprintf("%s:%d-%d", r.File, r.StartLine, r.EndLine)
}

// Diagnostic severities. An error means input was not read or is wrong (a
// file that did not parse, an unreadable path, a value over the size bounds).
// A gap is a fact about the input that limits what could be checked, not a
// mistake in it: a count or for_each only known at apply time, a registry
// module that terraform init has not downloaded, a capped expansion. Gaps
// keep the exit code about findings unless the scan is strict, and every
// output lists them. A warning is anything else worth telling the user (an
// unused variable, a stale exception).
const (
	DiagError   = "error"
	DiagGap     = "gap"
	DiagWarning = "warning"
)

// Diagnostic is one problem found while reading input, located at file:line:col.
// Loaders return every diagnostic they find instead of stopping at the first.
type Diagnostic struct {
	Severity string `json:"severity"`
	Pos      Pos    `json:"pos"`
	Summary  string `json:"summary"`
	Detail   string `json:"detail,omitempty"`
	// Affected counts the resources a gap leaves unchecked or partly
	// checked (the instances of a block whose expansion is unknown, the
	// resources of a module that was not downloaded), when that is known.
	Affected int `json:"affected,omitempty"`
}

// String formats the diagnostic as "file:line:col: severity: summary: detail".
func (d Diagnostic) String() string {
	s := d.Pos.String() + ": " + d.Severity + ": " + d.Summary
	if d.Detail != "" {
		s += ": " + d.Detail
	}
	return s
}

// Diagnostics is a list of diagnostics that is itself an error when it holds
// at least one error-severity entry.
type Diagnostics []Diagnostic

// HasErrors reports whether any diagnostic has error severity.
func (ds Diagnostics) HasErrors() bool {
	return slices.ContainsFunc(ds, func(d Diagnostic) bool { return d.Severity == DiagError })
}

// Gaps returns the gap-severity diagnostics.
func (ds Diagnostics) Gaps() Diagnostics {
	var gaps Diagnostics
	for _, d := range ds {
		if d.Severity == DiagGap {
			gaps = append(gaps, d)
		}
	}
	return gaps
}

// Sort orders diagnostics by file, line and column.
func (ds Diagnostics) Sort() {
	slices.SortStableFunc(ds, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Column, b.Pos.Column),
		)
	})
}

// Error joins the diagnostics one a line.
func (ds Diagnostics) Error() string {
	lines := make([]string, len(ds))
	for i, d := range ds {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}
