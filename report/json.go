package report

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/attest-dev/attest"
)

// JSON writes the report as indented JSON, the machine-readable form whose
// shape report/testdata/report.schema.json describes. Lists are written as
// [] rather than null when empty.
func JSON(w io.Writer, r *Report) error {
	out := *r
	if out.SchemaVersion == "" {
		out.SchemaVersion = SchemaVersion
	}
	out.Roots = nonNil(out.Roots)
	out.Rules = nonNil(out.Rules)
	out.Findings = nonNil(out.Findings)
	if out.Diagnostics == nil {
		out.Diagnostics = attest.Diagnostics{}
	}
	out.Controls = nonNil(out.Controls)
	if out.Summary.FailedBySeverity == nil {
		out.Summary.FailedBySeverity = map[string]int{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(&out); err != nil {
		return fmt.Errorf("write json report: %w", err)
	}
	return nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
