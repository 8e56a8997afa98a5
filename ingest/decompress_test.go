package ingest_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"strings"
	"testing"

	"github.com/attest-dev/attest/ingest"
)

func gz(t testing.TB, parts ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	for _, p := range parts {
		zw := gzip.NewWriter(&buf)
		if _, err := zw.Write([]byte(p)); err != nil {
			t.Fatal(err)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

func TestDecompress(t *testing.T) {
	plain := []byte(`{"Records":[]}`)
	got, err := ingest.Decompress(plain)
	if err != nil || &got[0] != &plain[0] {
		t.Errorf("plain body not returned as is: %q, %v", got, err)
	}
	got, err = ingest.Decompress(gz(t, `{"Records":`, `[]}`))
	if err != nil || string(got) != `{"Records":[]}` {
		t.Errorf("two gzip members: %q, %v", got, err)
	}
	whole := gz(t, strings.Repeat(`{"a":1}`, 100))
	for name, body := range map[string][]byte{
		"truncated":  whole[:len(whole)-12],
		"bad header": {0x1f, 0x8b, 0x00, 0x01},
		"bad data":   append(append([]byte{}, whole[:12]...), bytes.Repeat([]byte{0xff}, 40)...),
	} {
		_, err := ingest.Decompress(body)
		var be *ingest.BodyError
		if !errors.As(err, &be) || !strings.HasPrefix(be.Reason, "gunzip: ") {
			t.Errorf("%s: error %v, want a gunzip *BodyError", name, err)
		}
	}
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{`{"a":[1,"]"]}`, "{}\n{}\n", `[tru ]`, `{"a":"\u00"}`, `"abc`, ` `} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		vs, err := ingest.Split(body)
		if err != nil {
			var be *ingest.BodyError
			if !errors.As(err, &be) || be.Offset < 0 || be.Offset > int64(len(body)) || vs != nil {
				t.Fatalf("bad error %v for %q", err, body)
			}
			return
		}
		end := int64(0)
		for _, v := range vs {
			if v.Offset < end || !bytes.Equal(body[v.Offset:v.Offset+int64(len(v.Raw))], v.Raw) {
				t.Fatalf("value %q at %d does not slice the body", v.Raw, v.Offset)
			}
			end = v.Offset + int64(len(v.Raw))
			for _, e := range v.Elements() {
				if e.Offset < v.Offset || !bytes.Equal(body[e.Offset:e.Offset+int64(len(e.Raw))], e.Raw) {
					t.Fatalf("element %q at %d does not slice the body", e.Raw, e.Offset)
				}
			}
			if m, ok := v.Member("a"); ok && !bytes.Equal(body[m.Offset:m.Offset+int64(len(m.Raw))], m.Raw) {
				t.Fatalf("member %q at %d does not slice the body", m.Raw, m.Offset)
			}
		}
	})
}
