package report

import (
	"bufio"
	_ "embed"
	"encoding/json"
	"io"

	"github.com/attest-dev/attest/vuln"
)

// Schema is the JSON Schema (draft 2020-12) of the JSON output, version 1
// (vuln.SchemaVersion).
//
//go:embed schema/vulns-report.v1.json
var Schema []byte

// JSON writes the report as indented JSON that follows Schema. vuln.ReadReport
// reads it back.
func JSON(w io.Writer, r *vuln.Report) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return err
	}
	return bw.Flush()
}
