package jsonstream_test

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/vuln/formats/jsonstream"
)

// walk reads {"items": [{"n": <int>}, ...]} and returns the sum of n.
func walk(name string, r io.Reader) (int, error) {
	d := jsonstream.NewDecoder(name, r)
	sum := 0
	err := d.Object(func(key string) error {
		if key != "items" {
			return d.Skip()
		}
		return d.Array(func(int) error {
			var it struct {
				N int `json:"n"`
			}
			if err := d.Decode(&it); err != nil {
				return err
			}
			sum += it.N
			return nil
		})
	})
	if err != nil {
		return 0, err
	}
	return sum, d.End()
}

func TestDecoder_Walk(t *testing.T) {
	in := `{"skip": {"a": [1, 2]}, "items": [{"n": 1}, {"n": 2}, {"n": 39}], "tail": null}`
	// OneByteReader makes the decoder refill its buffer constantly.
	sum, err := walk("x.json", iotest.OneByteReader(strings.NewReader(in)))
	if err != nil || sum != 42 {
		t.Errorf("sum %d, error %v", sum, err)
	}
}

func TestDecoder_Errors(t *testing.T) {
	for _, tc := range []struct {
		name, in   string
		line, col  int
		path, want string
	}{
		{"syntax", "{\"items\": [\n  {\"n\": 1},\n  {\"n\": ]\n]}", 3, 9, "$.items[1]", "invalid character ']'"},
		{"type", "{\"items\": [\n  {\"n\": 1},\n  {\"n\": \"two\"}\n]}", 3, 9, "$.items[1].n", "cannot use JSON string as int"},
		{"truncated", "{\"items\": [\n  {\"n\": 1},\n  {\"n\"", 0, 0, "", "unexpected end of input"},
		{"not array", "{\"items\": 5}", 1, 11, "$.items", "expected an array, found a number"},
		{"trailing", "{\"items\": []}\n{}", 2, 1, "", "after the end of the document"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := walk("x.json", strings.NewReader(tc.in))
			var e *jsonstream.Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v (%T), want *jsonstream.Error", err, err)
			}
			if e.File != "x.json" || !strings.Contains(e.Msg, tc.want) {
				t.Errorf("error %q, want file x.json and %q", err, tc.want)
			}
			if tc.line != 0 && (e.Line != tc.line || e.Column != tc.col) {
				t.Errorf("position %d:%d, want %d:%d (%v)", e.Line, e.Column, tc.line, tc.col, err)
			}
			if tc.path != "" && e.Path != tc.path {
				t.Errorf("path %q, want %q", e.Path, tc.path)
			}
			if attest.ErrorCode(err) != attest.EINVALID {
				t.Errorf("code %q", attest.ErrorCode(err))
			}
		})
	}
}

// TestDecoder_FarPosition checks line counting past the retained window.
func TestDecoder_FarPosition(t *testing.T) {
	defer jsonstream.SetWindow(1 << 10)()
	var b strings.Builder
	b.WriteString("{\"items\": [\n")
	for range 30000 {
		b.WriteString("{\"n\": 0},\n")
	}
	b.WriteString("{\"n\": x}]}")
	_, err := walk("big.json", strings.NewReader(b.String()))
	var e *jsonstream.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v", err)
	}
	if e.Line != 30002 || e.Column != 7 {
		t.Errorf("position %d:%d, want 30002:7", e.Line, e.Column)
	}
}

func TestFirstKey(t *testing.T) {
	for in, want := range map[string]string{
		`{"matches": [`:          "matches",
		" \n{ \"a\\u0062\" : 1}": "ab",
		`[{"a": 1}]`:             "",
		`{`:                      "",
		``:                       "",
	} {
		if got := jsonstream.FirstKey([]byte(in)); got != want {
			t.Errorf("FirstKey(%q) = %q, want %q", in, got, want)
		}
	}
}
