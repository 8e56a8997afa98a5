// Package iac holds what the infrastructure-as-code loaders share: reading
// JSON documents (Terraform plans and state) with errors located at
// file:line:column, and turning their numbers into the value types that
// attest.Resource attributes use.
package iac

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/attest-dev/attest"
)

// DecodeJSON parses data into v with numbers kept as json.Number. On failure
// it returns an error diagnostic whose summary is given and whose position
// names the file, line and column of the problem, with the byte offset in
// its detail. Data after the document is an error too.
func DecodeJSON(name string, data []byte, v any, summary string) (attest.Diagnostic, bool) {
	diag := func(off int64, what string) attest.Diagnostic {
		off = max(0, min(off, int64(len(data))))
		line, col := Position(data, off)
		return attest.Diagnostic{
			Severity: attest.DiagError,
			Pos:      attest.Pos{File: name, Line: line, Column: col},
			Summary:  summary,
			Detail:   fmt.Sprintf("%s (byte offset %d)", what, off),
		}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	err := dec.Decode(v)
	if err == nil {
		if _, terr := dec.Token(); terr != io.EOF {
			return diag(dec.InputOffset(), "unexpected data after the JSON document"), false
		}
		return attest.Diagnostic{}, true
	}
	var (
		syn *json.SyntaxError
		typ *json.UnmarshalTypeError
	)
	switch {
	case errors.As(err, &syn):
		// Offset counts the bytes read, the offending one included.
		return diag(max(syn.Offset-1, 0), syn.Error()), false
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "the document"
		}
		return diag(valueStart(data, typ.Offset), fmt.Sprintf("%s has a JSON %s where %s was expected", field, typ.Value, typ.Type)), false
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return diag(int64(len(data)), "unexpected end of JSON input"), false
	}
	return diag(dec.InputOffset(), err.Error()), false
}

// Position converts a byte offset of data into a 1-based line and column
// (counted in bytes).
func Position(data []byte, off int64) (line, col int) {
	off = max(0, min(off, int64(len(data))))
	before := data[:off]
	line = bytes.Count(before, []byte{'\n'}) + 1
	col = int(off) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}

// valueStart moves the offset encoding/json gives for a type error (just
// past an opening bracket, or past a whole string or literal) back to the
// first byte of the value.
func valueStart(data []byte, off int64) int64 {
	off = max(0, min(off, int64(len(data))))
	if off == 0 {
		return 0
	}
	switch c := data[off-1]; {
	case c == '{' || c == '[':
		return off - 1
	case c == '"':
		// Find the opening quote: the previous quote not escaped by an odd
		// number of backslashes.
		for i := off - 2; i >= 0; i-- {
			if data[i] != '"' {
				continue
			}
			n := int64(0)
			for j := i - 1; j >= 0 && data[j] == '\\'; j-- {
				n++
			}
			if n%2 == 0 {
				return i
			}
		}
		return off - 1
	}
	i := off
	for i > 0 && strings.IndexByte(" \t\r\n,:[{", data[i-1]) < 0 {
		i--
	}
	return i
}

// ConvertJSON turns the json.Number values of a decoded value, in place,
// into int64 for whole numbers that fit and float64 otherwise; a number out
// of float64 range keeps its text rather than lose it. Its recursion is
// bounded by encoding/json, which refuses documents nested more than 10000
// levels deep.
func ConvertJSON(v any) any {
	switch v := v.(type) {
	case json.Number:
		if i, err := strconv.ParseInt(string(v), 10, 64); err == nil {
			return i
		}
		if f, err := strconv.ParseFloat(string(v), 64); err == nil {
			return f
		}
		return string(v)
	case map[string]any:
		for k, e := range v {
			v[k] = ConvertJSON(e)
		}
	case []any:
		for i, e := range v {
			v[i] = ConvertJSON(e)
		}
	}
	return v
}
