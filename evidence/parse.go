package evidence

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/report"
	"github.com/attest-dev/attest/vuln"
	vulnreport "github.com/attest-dev/attest/vuln/report"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// printer words the schema's refusals.
var printer = message.NewPrinter(language.English)

// MaxBodyBytes is the largest report the store accepts: a scan of tens of
// thousands of resources fits well within it.
const MaxBodyBytes = 64 << 20

var (
	schemaOnce              sync.Once
	scanSchema, vulnsSchema *jsonschema.Schema
	schemaErr               error
)

func schemas() (scan, vulns *jsonschema.Schema, err error) {
	schemaOnce.Do(func() {
		compile := func(name string, data []byte) *jsonschema.Schema {
			doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
			if err != nil {
				schemaErr = fmt.Errorf("schema %s: %w", name, err)
				return nil
			}
			c := jsonschema.NewCompiler()
			if err := c.AddResource(name, doc); err != nil {
				schemaErr = fmt.Errorf("schema %s: %w", name, err)
				return nil
			}
			s, err := c.Compile(name)
			if err != nil {
				schemaErr = fmt.Errorf("schema %s: %w", name, err)
			}
			return s
		}
		scanSchema = compile("scan-report.v1.json", report.Schema)
		vulnsSchema = compile("vulns-report.v1.json", vulnreport.Schema)
	})
	return scanSchema, vulnsSchema, schemaErr
}

// ParseScan reads an uploaded `attest scan` JSON report (report.JSON): JSON
// that follows report.Schema. name labels errors, which are EINVALID and
// say where the body is wrong (name:line:col, or the JSON pointer of the
// value the schema refuses).
func ParseScan(name string, body []byte) (*report.Report, error) {
	s, _, err := schemas()
	if err != nil {
		return nil, err
	}
	if err := validate(name, body, s, "an attest scan report (attest scan --format json)"); err != nil {
		return nil, err
	}
	var r report.Report
	if err := decode(body, &r); err != nil {
		return nil, invalid(name, body, err)
	}
	return &r, nil
}

// ParseVulns reads an uploaded `attest vulns merge` JSON release report:
// JSON that follows the vulns report schema and that vuln.ReadReport reads.
// Errors are EINVALID, as of ParseScan.
func ParseVulns(name string, body []byte) (*vuln.Report, error) {
	_, s, err := schemas()
	if err != nil {
		return nil, err
	}
	if err := validate(name, body, s, "an attest vulns report (attest vulns merge --format json)"); err != nil {
		return nil, err
	}
	r, err := vuln.ReadReport(name, body)
	if err != nil {
		return nil, attest.Errorf(attest.EINVALID, "%v", err)
	}
	return r, nil
}

// Digests returns the image digests a vulnerability report covers (manifest
// and config digests of its image artifacts), sorted, each once.
func Digests(r *vuln.Report) []string {
	var out []string
	add := func(d string) {
		if d != "" && attest.ValidDigest(d) {
			out = append(out, d)
		}
	}
	for _, v := range r.Vulnerabilities {
		if v.Artifact.Kind != "" && v.Artifact.Kind != attest.ArtifactImage {
			continue
		}
		add(v.Artifact.ManifestDigest)
		add(v.Artifact.ConfigDigest)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// validate checks that body is one JSON value that follows s.
func validate(name string, body []byte, s *jsonschema.Schema, what string) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return attest.Errorf(attest.EINVALID, "%s: empty; want %s", name, what)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		return invalid(name, body, err)
	}
	if err := s.Validate(inst); err != nil {
		return attest.Errorf(attest.EINVALID, "%s: not %s: %s", name, what, schemaProblems(err))
	}
	return nil
}

// schemaProblems lists the first few places the schema refuses, as JSON
// pointers with the reason.
func schemaProblems(err error) string {
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return err.Error()
	}
	var leaves []string
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			leaves = append(leaves, fmt.Sprintf("at /%s: %s", strings.Join(e.InstanceLocation, "/"), e.ErrorKind.LocalizedString(printer)))
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	if len(leaves) > 5 {
		leaves = append(leaves[:5], fmt.Sprintf("and %d more", len(leaves)-5))
	}
	return strings.Join(leaves, "; ")
}

func decode(body []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return &json.SyntaxError{Offset: dec.InputOffset()}
	}
	return nil
}

// invalid names the line and column of a JSON error where it has an offset.
func invalid(name string, body []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	off := int64(-1)
	switch {
	case errors.As(err, &syn):
		// The offset is just after the byte that did not fit.
		off = max(syn.Offset-1, 0)
	case errors.As(err, &typ):
		off = typ.Offset
	case errors.Is(err, io.ErrUnexpectedEOF):
		off = int64(len(body))
	}
	if off < 0 {
		return attest.Errorf(attest.EINVALID, "%s: malformed JSON: %v", name, err)
	}
	off = min(off, int64(len(body)))
	line := bytes.Count(body[:off], []byte{'\n'}) + 1
	col := int(off) - bytes.LastIndexByte(body[:off], '\n')
	return attest.Errorf(attest.EINVALID, "%s:%d:%d: malformed JSON: %v", name, line, col, err)
}
