package report

import _ "embed"

// Schema is the JSON Schema (draft 2020-12) of the JSON form of Report,
// schema_version 1: what JSON writes and what the evidence store accepts
// as an uploaded scan report.
//
//go:embed schema/scan-report.v1.json
var Schema []byte
