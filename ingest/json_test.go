package ingest_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/ingest"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string // the values' bytes
		offsets    []int64
	}{
		{"object", `{"a":1}`, []string{`{"a":1}`}, []int64{0}},
		{"padded", " \n{\"a\" : [1, \"]\"]}\r\n", []string{`{"a" : [1, "]"]}`}, []int64{2}},
		{"ndjson", "{\"a\":1}\n{\"b\":\"x\\\"}\"}\n\n[2]\n", []string{`{"a":1}`, `{"b":"x\"}"}`, `[2]`}, []int64{0, 8, 22}},
		{"scalars", `1 "s" null true`, []string{`1`, `"s"`, `null`, `true`}, []int64{0, 2, 6, 11}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vs, err := ingest.Split([]byte(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			var offs []int64
			for _, v := range vs {
				got = append(got, string(v.Raw))
				offs = append(offs, v.Offset)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("values (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.offsets, offs); diff != "" {
				t.Errorf("offsets (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSplit_errors(t *testing.T) {
	tests := []struct {
		name, body string
		offset     int64
		line, col  int
		reason     string
	}{
		{"empty", "", 0, 1, 1, "body is empty, want JSON"},
		{"blank", " \n ", 3, 2, 2, "body is empty, want JSON"},
		{"bad value", "{\"a\":\n x}", 7, 2, 2, "invalid character 'x' looking for beginning of value"},
		{"wrong bracket", `{"a":[1}`, 7, 1, 8, "invalid character '}' after array element"},
		{"truncated object", `{"a":`, 5, 1, 6, "unexpected end of JSON input: the body is truncated"},
		{"truncated string", `{"a":"abc`, 9, 1, 10, "unexpected end of JSON input: the body is truncated"},
		{"truncated literal", `[nul`, 4, 1, 5, "unexpected end of JSON input: the body is truncated"},
		{"bad literal", `[tru ]`, 4, 1, 5, "invalid character ' ' in literal true (expecting 'e')"},
		{"stray close", `}`, 0, 1, 1, "invalid character '}' looking for beginning of value"},
		{"trailing comma", `[1,2,]`, 5, 1, 6, "invalid character ']' looking for beginning of value"},
		{"bad escape", `{"a":"\u00"}`, 10, 1, 11, `invalid character '"' in \u hexadecimal character escape`},
		{"second line truncated", "{\"a\":1}\n{\"b\":", 13, 2, 6, "unexpected end of JSON input: the body is truncated"},
		{"missing colon", `{"a" 1}`, 5, 1, 6, "invalid character '1' after object key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ingest.Split([]byte(tt.body))
			var be *ingest.BodyError
			if !errors.As(err, &be) {
				t.Fatalf("error %v (%T), want *BodyError", err, err)
			}
			want := &ingest.BodyError{Offset: tt.offset, Line: tt.line, Column: tt.col, Reason: tt.reason}
			if diff := cmp.Diff(want, be); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
			if attest.ErrorCode(err) != attest.EINVALID {
				t.Errorf("code %q, want invalid", attest.ErrorCode(err))
			}
		})
	}
}

func TestParse(t *testing.T) {
	v, err := ingest.Parse([]byte(" [1] \n"))
	if err != nil || string(v.Raw) != "[1]" || v.Offset != 1 {
		t.Errorf("Parse = %q at %d, %v; want [1] at 1", v.Raw, v.Offset, err)
	}
	_, err = ingest.Parse([]byte("[1]\n[2]"))
	var be *ingest.BodyError
	if !errors.As(err, &be) || be.Offset != 4 || be.Line != 2 || be.Reason != "unexpected data after the JSON value" {
		t.Errorf("Parse of two values: %v", err)
	}
}

func TestValue_Member(t *testing.T) {
	body := []byte(` {"kind":"x", "items" : [ {"a":1} ,2, "s\"]" ,[3] ], "k\u0069nd":"y", "e":{}, "s":"}"}`)
	v, err := ingest.Parse(body)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		key    string
		want   string
		offset int64
		ok     bool
	}{
		{"items", `[ {"a":1} ,2, "s\"]" ,[3] ]`, 24, true},
		{"kind", `"y"`, 65, true}, // the last of repeated names, escapes decoded
		{"e", `{}`, 74, true},
		{"s", `"}"`, 82, true},
		{"missing", "", 0, false},
		{"Kind", "", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			got, ok := v.Member(tt.key)
			if ok != tt.ok || string(got.Raw) != tt.want || got.Offset != tt.offset {
				t.Errorf("Member(%q) = %q at %d, %v; want %q at %d, %v", tt.key, got.Raw, got.Offset, ok, tt.want, tt.offset, tt.ok)
			}
			if ok && string(body[got.Offset:got.Offset+int64(len(got.Raw))]) != tt.want {
				t.Errorf("offset %d does not locate the value in the body", got.Offset)
			}
		})
	}
	if _, ok := (ingest.Value{Raw: []byte(`[1]`)}).Member("a"); ok {
		t.Errorf("Member of an array reported a member")
	}
}

func TestValue_Elements(t *testing.T) {
	body := []byte(`{"items" : [ {"a":1} ,2, "s\"]" ,[3], null ]}`)
	v, _ := ingest.Parse(body)
	items, _ := v.Member("items")
	var got []string
	for _, e := range items.Elements() {
		got = append(got, string(e.Raw))
		if string(body[e.Offset:e.Offset+int64(len(e.Raw))]) != string(e.Raw) {
			t.Errorf("element %q: offset %d does not locate it", e.Raw, e.Offset)
		}
	}
	want := []string{`{"a":1}`, `2`, `"s\"]"`, `[3]`, `null`}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("elements (-want +got):\n%s", diff)
	}
	if n := len((ingest.Value{Raw: []byte(`[]`)}).Elements()); n != 0 {
		t.Errorf("empty array has %d elements", n)
	}
	if (ingest.Value{Raw: []byte(`{}`)}).Elements() != nil {
		t.Errorf("an object has elements")
	}
}

func TestValue_Kind(t *testing.T) {
	for raw, want := range map[string]string{
		`{}`: "object", `[]`: "array", `"s"`: "string", `-1`: "number", `true`: "boolean", `false`: "boolean", `null`: "null", ``: "nothing",
	} {
		if got := (ingest.Value{Raw: []byte(raw)}).Kind(); got != want {
			t.Errorf("Kind(%q) = %q, want %q", raw, got, want)
		}
	}
}

func TestValue_Decode(t *testing.T) {
	type rec struct {
		User struct {
			Name string `json:"name"`
		} `json:"user"`
		N []int `json:"n"`
	}
	tests := []struct {
		raw, err string
	}{
		{`{"user":{"name":"a"},"n":[1]}`, ""},
		{`{"user":{"name":1}}`, "field user.name: got number, want string"},
		{`{"user":[]}`, "field user: got array, want object"},
		{`{"n":{}}`, "field n: got object, want array"},
		{`"x"`, "record is a string, want object"},
	}
	for _, tt := range tests {
		var r rec
		err := (ingest.Value{Raw: []byte(tt.raw)}).Decode(&r)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.err {
			t.Errorf("Decode(%s) = %q, want %q", tt.raw, got, tt.err)
		}
	}
}

func TestPosition(t *testing.T) {
	body := []byte("ab\ncd\n\nef")
	tests := []struct {
		off       int64
		line, col int
	}{{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {6, 3, 1}, {7, 4, 1}, {9, 4, 3}, {99, 4, 3}, {-1, 1, 1}}
	for _, tt := range tests {
		if l, c := ingest.Position(body, tt.off); l != tt.line || c != tt.col {
			t.Errorf("Position(%d) = %d:%d, want %d:%d", tt.off, l, c, tt.line, tt.col)
		}
	}
}

func TestBatchError_Error(t *testing.T) {
	e := &ingest.BatchError{Good: make([]*attest.Event, 2), Refused: 7}
	for i := range 7 {
		e.Errors = append(e.Errors, ingest.RecordError{Index: i, Line: i + 1, Column: 1, Reason: "bad"})
	}
	got := e.Error()
	if !strings.HasPrefix(got, "7 of 9 records refused; record 0 (line 1, column 1): bad; ") || !strings.HasSuffix(got, "record 4 (line 5, column 1): bad; and 2 more") {
		t.Errorf("Error() = %q", got)
	}
	if attest.ErrorCode(e) != attest.EINVALID || attest.ErrorMessage(e) != got {
		t.Errorf("code %q message %q", attest.ErrorCode(e), attest.ErrorMessage(e))
	}
}

func TestCollect(t *testing.T) {
	body := []byte("[{\"ok\":1},\n 2, {\"ok\":3}]")
	v, _ := ingest.Parse(body)
	fn := func(r ingest.Value) (*attest.Event, error) {
		if err := r.Object(); err != nil {
			return nil, err
		}
		return &attest.Event{Source: "s", Outcome: attest.OutcomeUnknown}, nil
	}
	events, err := ingest.Collect(body, v.Elements(), fn)
	var be *ingest.BatchError
	if events != nil || !errors.As(err, &be) {
		t.Fatalf("Collect = %v, %v; want no events and a *BatchError", events, err)
	}
	want := []ingest.RecordError{{Index: 1, Offset: 12, Line: 2, Column: 2, Reason: "record is a number, want an object"}}
	if diff := cmp.Diff(want, be.Errors); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	if len(be.Good) != 2 || string(be.Good[0].Raw) != `{"ok":1}` || string(be.Good[1].Raw) != `{"ok":3}` {
		t.Errorf("Good = %v", be.Good)
	}
	events, err = ingest.Collect(body, []ingest.Value{v.Elements()[0]}, fn)
	if err != nil || len(events) != 1 {
		t.Errorf("Collect of good records = %v, %v", events, err)
	}
}
