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

// Diagnostic severities. An error means input was not read (a file that did
// not parse, a resource that could not be expanded); a warning means input was
// read but in part (an expansion that was capped, a value left unknown).
const (
	DiagError   = "error"
	DiagWarning = "warning"
)

// Diagnostic is one problem found while reading input, located at file:line:col.
// Loaders return every diagnostic they find instead of stopping at the first.
type Diagnostic struct {
	Severity string `json:"severity"`
	Pos      Pos    `json:"pos"`
	Summary  string `json:"summary"`
	Detail   string `json:"detail,omitempty"`
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
