package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
)

// JSON writes the report as indented JSON, the machine-readable form whose
// shape report/schema/scan-report.v1.json describes. Lists are written as
// [] rather than null when empty. Findings are encoded one at a time, so
// that memory stays proportional to one finding rather than to the whole
// output.
func JSON(w io.Writer, r *Report) error {
	schema := r.SchemaVersion
	if schema == "" {
		schema = SchemaVersion
	}
	summary := r.Summary
	if summary.FailedBySeverity == nil {
		summary.FailedBySeverity = map[string]int{}
	}
	// The fields in the order of the Report struct, which the JSON form
	// follows.
	fields := []struct {
		key string
		val any
	}{
		{"schema_version", schema},
		{"tool", r.Tool},
		{"started", r.Started},
		{"roots", nonNil(r.Roots)},
		{"rules", nonNil(r.Rules)},
		{"findings", nil}, // streamed below
		{"diagnostics", nonNil(r.Diagnostics)},
		{"controls", nonNil(r.Controls)},
		{"expired_exceptions", r.ExpiredExceptions},
		{"stale_exceptions", r.StaleExceptions},
		{"summary", summary},
		{"fail_on", r.FailOn},
		{"strict", r.Strict},
		{"baseline", r.Baseline},
	}
	bw := bufio.NewWriter(w)
	bw.WriteString("{")
	first := true
	for _, f := range fields {
		switch {
		case f.key == "expired_exceptions" && len(r.ExpiredExceptions) == 0,
			f.key == "stale_exceptions" && len(r.StaleExceptions) == 0,
			f.key == "strict" && !r.Strict,
			f.key == "baseline" && r.Baseline == "":
			continue
		}
		if !first {
			bw.WriteString(",")
		}
		first = false
		bw.WriteString("\n  " + strconv.Quote(f.key) + ": ")
		if f.key == "findings" {
			if err := writeFindings(bw, r); err != nil {
				return err
			}
			continue
		}
		b, err := json.MarshalIndent(f.val, "  ", "  ")
		if err != nil {
			return fmt.Errorf("write json report: %s: %w", f.key, err)
		}
		bw.Write(b)
	}
	bw.WriteString("\n}\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write json report: %w", err)
	}
	return nil
}

func writeFindings(bw *bufio.Writer, r *Report) error {
	if len(r.Findings) == 0 {
		bw.WriteString("[]")
		return nil
	}
	bw.WriteString("[")
	for i := range r.Findings {
		if i > 0 {
			bw.WriteString(",")
		}
		bw.WriteString("\n    ")
		b, err := json.MarshalIndent(&r.Findings[i], "    ", "  ")
		if err != nil {
			return fmt.Errorf("write json report: finding %d: %w", i, err)
		}
		bw.Write(b)
	}
	bw.WriteString("\n  ]")
	return nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
