package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/attest-dev/attest"
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
	var buf []byte
	for i := range r.Findings {
		if i > 0 {
			bw.WriteString(",")
		}
		bw.WriteString("\n    ")
		var err error
		if buf, err = appendFinding(buf[:0], &r.Findings[i]); err != nil {
			return fmt.Errorf("write json report: finding %d: %w", i, err)
		}
		bw.Write(buf)
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

// appendFinding appends f as json.MarshalIndent(f, "    ", "  ") writes it
// (a finding inside the report's findings list), without reflection for the
// fields every finding has: a report holds one finding per rule and
// resource, so this is most of the JSON written. A finding with an
// exception is rare and goes through encoding/json.
func appendFinding(b []byte, f *attest.Finding) ([]byte, error) {
	if f.Exception != nil {
		js, err := json.MarshalIndent(f, "    ", "  ")
		return append(b, js...), err
	}
	const in = "\n      " // the prefix and one level of indent
	b = append(b, '{')
	b = appendField(b, in, "rule_id", f.RuleID, false)
	b = appendField(b, in, "severity", f.Severity, true)
	b = appendField(b, in, "status", f.Status, true)
	if f.Message != "" {
		b = appendField(b, in, "message", f.Message, true)
	}
	b = appendField(b, in, "resource", f.Resource, true)
	b = appendField(b, in, "resource_type", f.ResourceType, true)
	if f.Format != "" {
		b = appendField(b, in, "format", f.Format, true)
	}
	b = appendField(b, in, "root", f.Root, true)
	b = append(b, ","+in+`"range": `...)
	b = appendRange(b, in, f.Range)
	if len(f.ModuleCalls) > 0 {
		b = append(b, ","+in+`"module_calls": [`...)
		for i, r := range f.ModuleCalls {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, in+"  "...)
			b = appendRange(b, in+"  ", r)
		}
		b = append(b, in+"]"...)
	}
	if f.Known {
		b = append(b, ","+in+`"known": true`...)
	}
	return append(b, "\n    }"...), nil
}

// appendRange appends r as an object whose fields are indented by in plus
// one level.
func appendRange(b []byte, in string, r attest.Range) []byte {
	b = append(b, '{')
	b = appendField(b, in+"  ", "file", r.File, false)
	if r.StartLine != 0 {
		b = append(b, ","+in+`  "start_line": `...)
		b = strconv.AppendInt(b, int64(r.StartLine), 10)
	}
	if r.EndLine != 0 {
		b = append(b, ","+in+`  "end_line": `...)
		b = strconv.AppendInt(b, int64(r.EndLine), 10)
	}
	return append(b, in+"}"...)
}

// appendField appends `"key": "value"` on a new line indented by in,
// after a comma unless it is the first field.
func appendField(b []byte, in, key, value string, comma bool) []byte {
	if comma {
		b = append(b, ',')
	}
	b = append(b, in...)
	b = append(b, '"')
	b = append(b, key...)
	b = append(b, `": `...)
	return appendString(b, value)
}

// appendString appends s as encoding/json writes a string. Printable ASCII
// is written here (quotes and backslashes escaped, as encoding/json does);
// a string with anything else is written by encoding/json itself.
func appendString(b []byte, s string) []byte {
	start := len(b)
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20 || c >= 0x7f || c == '<' || c == '>' || c == '&':
			js, _ := json.Marshal(s) // a string always encodes
			return append(b[:start], js...)
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}
