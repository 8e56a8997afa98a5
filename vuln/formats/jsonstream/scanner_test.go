package jsonstream

import (
	"bytes"
	"io"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/go-json-experiment/json/jsontext"
)

var scannerSeeds = []string{
	`{"a":[1,-0.5e+3,true,false,null,{"b":"c\u00e9\n\"\\\/\b\f\r\t"}],"":{}}`,
	`"plain ascii string that is longer than eight bytes"`,
	`"a\"b"`, `"tab	in"`, "\"caf\xc3\xa9 au lait, longer than eight\"", "\"bad \xff utf8\"", `"\ud83d\ude00"`, `"\ud800"`,
	`[01]`, `[1.]`, `[.5]`, `[1e]`, `-`, `1e999`, `[1,]`, `{"a":1,}`, `{"a" 1}`, `[1 2]`, `nul`, `[[[[]]]]`,
	`{"a":1,"a":2}`, "  \r\n\t[]  ", `"\u00zz"`, `"\x"`, `[1]x`,
}

// decoderAccepts reports whether the streaming decoder, with the options
// the parsers use, reads b as exactly one JSON value.
func decoderAccepts(b []byte) bool {
	dec := jsontext.NewDecoder(bytes.NewReader(b), options)
	if dec.SkipValue() != nil {
		return false
	}
	_, err := dec.ReadToken()
	return err == io.EOF
}

// FuzzScanner checks the Scanner against the decoder: it never accepts a
// document that the decoder refuses, it reads strings and numbers as
// Unmarshal does, and a real document with nothing unusual in it is not
// refused.
func FuzzScanner(f *testing.F) {
	for _, s := range scannerSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		s := NewScanner(b)
		raw := s.Skip()
		s.End()
		if !s.Failed() {
			if !decoderAccepts(b) {
				t.Fatalf("Scanner accepts %q, which the decoder refuses", b)
			}
			if string(raw) != strings.Trim(string(b), " \t\r\n") {
				t.Fatalf("Skip returned %q of %q", raw, b)
			}
		}

		s = NewScanner(b)
		got := s.String()
		s.End()
		if !s.Failed() {
			var want string
			if err := Unmarshal(b, &want); err != nil || want != got {
				t.Fatalf("String read %q from %q; Unmarshal %q, %v", got, b, want, err)
			}
		}
		failed := s.Failed()
		s = NewSharedScanner(b)
		shared := s.String()
		s.End()
		if s.Failed() != failed || shared != got {
			t.Fatalf("a shared Scanner read %q (failed %v) from %q; one that copies %q (failed %v)", shared, s.Failed(), b, got, failed)
		}

		s = NewScanner(b)
		gotf := s.Float()
		s.End()
		if !s.Failed() {
			var want float64
			if err := Unmarshal(b, &want); err != nil || want != gotf {
				t.Fatalf("Float read %v from %q; Unmarshal %v, %v", gotf, b, want, err)
			}
		}
	})
}

func TestScanner_Strings(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
		ok   bool
	}{
		{`"plain ascii string that is longer than eight bytes"`, "plain ascii string that is longer than eight bytes", true},
		{`"escapes after eight bytes: \"\u00e9\n"`, "escapes after eight bytes: \"\u00e9\n", true},
		{"\"caf\xc3\xa9 au lait, longer than eight\"", "caf\u00e9 au lait, longer than eight", true},
		{"\"a control character\x01 after eight bytes\"", "", false},
		{"\"invalid UTF-8 \xff after eight bytes\"", "", false},
		{`"an escaped surrogate \ud800, left to the decoder"`, "", false},
		{`"not closed, longer than eight bytes`, "", false},
	} {
		s := NewScanner([]byte(tc.in))
		got := s.String()
		s.End()
		if s.Failed() == tc.ok || tc.ok && got != tc.want {
			t.Errorf("String(%q) = %q, failed %v; want %q, ok %v", tc.in, got, s.Failed(), tc.want, tc.ok)
		}
	}
}

// TestScanner_shared checks that a shared Scanner returns a string without
// escapes as a piece of its input, and copies one with escapes (unquoted
// into a buffer the next string reuses), from String and Intern alike.
func TestScanner_shared(t *testing.T) {
	data := []byte(`["plain", "esc\"aped", "plain", "esc\"aped"]`)
	inData := func(s string) bool {
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		lo := uintptr(unsafe.Pointer(&data[0]))
		return p >= lo && p < lo+uintptr(len(data))
	}
	for _, intern := range []bool{false, true} {
		s := NewSharedScanner(data)
		var got []string
		s.Array(func() {
			if intern {
				got = append(got, s.Intern())
			} else {
				got = append(got, s.String())
			}
		})
		s.End()
		if s.Failed() || !slices.Equal(got, []string{"plain", `esc"aped`, "plain", `esc"aped`}) {
			t.Fatalf("intern %v: read %q, failed %v", intern, got, s.Failed())
		}
		for i, str := range got {
			if want := i%2 == 0; inData(str) != want {
				t.Errorf("intern %v: %q shares the input: %v, want %v", intern, str, inData(str), want)
			}
		}
		s = NewScanner(data)
		if str := s.String(); str != "" || !s.Failed() {
			t.Fatalf("a string from an array: %q", str)
		}
		s = NewScanner(data[1:8])
		if str := s.String(); str != "plain" || inData(str) {
			t.Errorf("a Scanner that is not shared returned %q sharing its input: %v", str, inData(str))
		}
	}
}
