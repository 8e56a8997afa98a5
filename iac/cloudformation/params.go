package cloudformation

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/iac"
)

// ParseParameters reads a parameters file in either of the forms AWS tools
// write: the CLI's list `[{"ParameterKey": "Env", "ParameterValue":
// "prod"}]` or the template configuration `{"Parameters": {"Env": "prod"}}`.
// A list value is joined with commas, as CloudFormation expects for list
// parameters. Errors name file:line:col.
// PreviousValue is the value ParseParameters gives a parameter whose entry
// says UsePreviousValue: the deployed stack's value, which the scan cannot
// know, so the parameter is unknown rather than its template default.
const PreviousValue = "\x00attest:use-previous-value"

func ParseParameters(name string, data []byte) (map[string]string, error) {
	var doc any
	if d, ok := iac.DecodeJSON(name, data, &doc, "parameters file does not parse"); !ok {
		return nil, attest.Diagnostics{d}
	}
	bad := func(format string, args ...any) error {
		return attest.Diagnostics{{Severity: attest.DiagError, Pos: attest.Pos{File: name, Line: 1, Column: 1}, Summary: "invalid parameters file", Detail: fmt.Sprintf(format, args...)}}
	}
	out := map[string]string{}
	switch doc := doc.(type) {
	case []any:
		for i, e := range doc {
			m, ok := e.(map[string]any)
			if !ok {
				return nil, bad("element %d is not an object with ParameterKey and ParameterValue", i)
			}
			k, ok := m["ParameterKey"].(string)
			if !ok || k == "" {
				return nil, bad("element %d has no ParameterKey", i)
			}
			if m["UsePreviousValue"] == true {
				// The deployed stack's value: not known here, and not
				// the template's default either.
				out[k] = PreviousValue
				continue
			}
			v, ok := paramString(m["ParameterValue"])
			if !ok {
				return nil, bad("ParameterValue of %s must be a string", k)
			}
			out[k] = v
		}
	case map[string]any:
		ps, ok := doc["Parameters"].(map[string]any)
		if !ok {
			return nil, bad(`expected a list of {"ParameterKey", "ParameterValue"} or {"Parameters": {name: value}}`)
		}
		for k, raw := range ps {
			v, ok := paramString(raw)
			if !ok {
				return nil, bad("the value of %s must be a string", k)
			}
			out[k] = v
		}
	default:
		return nil, bad(`expected a list of {"ParameterKey", "ParameterValue"} or {"Parameters": {name: value}}`)
	}
	return out, nil
}

func paramString(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case json.Number:
		return v.String(), true
	case bool:
		return fmt.Sprint(v), true
	case []any:
		parts := make([]string, len(v))
		for i, e := range v {
			s, ok := paramString(e)
			if !ok {
				return "", false
			}
			parts[i] = s
		}
		return strings.Join(parts, ","), true
	}
	return "", false
}
