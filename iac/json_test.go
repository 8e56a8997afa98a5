package iac_test

import (
	"strings"
	"testing"

	"github.com/attest-dev/attest/iac"
)

func TestDecodeJSON_Positions(t *testing.T) {
	for _, tc := range []struct {
		name, data string
		line, col  int
		detail     string
	}{
		{"syntax", "{\n  \"a\": 1,\n  \"b\": ]\n}", 3, 8, "invalid character"},
		{"type", "{\n  \"a\": \"x\"\n}", 2, 8, "A has a JSON string where int was expected"},
		{"truncated", "{\n  \"a\": 1", 2, 9, "unexpected end of JSON input"},
		{"trailing", "{\"a\": 1} {", 1, 11, "unexpected data after the JSON document"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var v struct{ A int }
			d, ok := iac.DecodeJSON("doc.json", []byte(tc.data), &v, "invalid test JSON")
			if ok {
				t.Fatal("decoded bad JSON")
			}
			if d.Pos.File != "doc.json" || d.Pos.Line != tc.line || d.Pos.Column != tc.col || !strings.Contains(d.Detail, tc.detail) {
				t.Errorf("diagnostic %v, want doc.json:%d:%d with %q", d, tc.line, tc.col, tc.detail)
			}
		})
	}
}

func TestConvertJSON(t *testing.T) {
	var v any
	if _, ok := iac.DecodeJSON("n.json", []byte(`{"i": 3, "f": 1.5, "big": 1e400, "l": [2]}`), &v, "x"); !ok {
		t.Fatal("decode")
	}
	m := iac.ConvertJSON(v).(map[string]any)
	if m["i"] != int64(3) || m["f"] != 1.5 || m["big"] != "1e400" || m["l"].([]any)[0] != int64(2) {
		t.Errorf("converted %#v", m)
	}
}
