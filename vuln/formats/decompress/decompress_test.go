package decompress_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/vuln/formats/decompress"
)

func gz(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// readAll decompresses in through Reader.
func readAll(name string, in []byte) ([]byte, error) {
	r, err := decompress.Reader(name, bytes.NewReader(in))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

func TestReader(t *testing.T) {
	plain := []byte(strings.Repeat(`{"cveID": "CVE-2024-3094"}`, 500))
	z := gz(t, plain)
	corrupt := bytes.Clone(z)
	corrupt[len(corrupt)-6] ^= 0xff // inside the CRC-32
	for _, tc := range []struct {
		name, in string
		want     string // an error message, or "" for the plain bytes
	}{
		{"plain", string(plain), ""},
		{"gzip", string(z), ""},
		{"empty", "", ""},
		{"one byte", "\x1f", ""},
		{"cut in the header", string(z[:5]), "f.gz: gzip stream cut short (truncated file?)"},
		{"cut in the data", string(z[:len(z)/2]), "f.gz: gzip stream cut short (truncated file?)"},
		{"cut before the trailer", string(z[:len(z)-4]), "f.gz: gzip stream cut short (truncated file?)"},
		{"checksum", string(corrupt), "f.gz: gzip checksum mismatch (corrupt file)"},
		{"bad header", "\x1f\x8b\x09\x00rest of the file", "f.gz: invalid gzip header"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := readAll("f.gz", []byte(tc.in))
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				want := tc.in
				if tc.name == "gzip" {
					want = string(plain)
				}
				if string(got) != want {
					t.Errorf("read %d bytes, want %d", len(got), len(want))
				}
				return
			}
			if err == nil || attest.ErrorCode(err) != attest.EINVALID || attest.ErrorMessage(err) != tc.want {
				t.Errorf("error %v (code %q), want invalid %q", err, attest.ErrorCode(err), tc.want)
			}
		})
	}
}

// TestReaderBuf reads inputs one after another through one buffer, gzip
// and plain, whole and cut short, as a reader of many files does: each
// reads as it does through a buffer of its own, whatever came before.
func TestReaderBuf(t *testing.T) {
	plain := []byte(strings.Repeat(`{"cveID": "CVE-2024-3094"}`, 5000)) // larger than the buffer
	z := gz(t, plain)
	inputs := [][]byte{z, plain, z[:len(z)/2], []byte("\x1f"), z, nil, plain[:100], z}
	br := bufio.NewReaderSize(nil, 4096)
	for i, in := range inputs {
		want, wantErr := readAll("f.gz", in)
		r, err := decompress.ReaderBuf("f.gz", bytes.NewReader(in), br)
		var got []byte
		if err == nil {
			got, err = io.ReadAll(r)
		}
		if fmt.Sprint(err) != fmt.Sprint(wantErr) || !bytes.Equal(got, want) {
			t.Errorf("input %d: %d bytes, error %v; want %d bytes, error %v", i, len(got), err, len(want), wantErr)
		}
	}
}

// FuzzReader: whatever the input, Reader either returns the bytes (as they
// are, or decompressed) or an input error that names the file.
func FuzzReader(f *testing.F) {
	z := gz(f, []byte(`{"findings": []}`))
	f.Add(z)
	f.Add(z[:len(z)/2])
	f.Add(z[:len(z)-3])
	f.Add([]byte(`{"matches": []}`))
	f.Add([]byte("\x1f\x8b"))
	f.Fuzz(func(t *testing.T, in []byte) {
		out, err := readAll("fuzz.gz", in)
		if err != nil {
			if attest.ErrorCode(err) != attest.EINVALID || !strings.HasPrefix(attest.ErrorMessage(err), "fuzz.gz: ") {
				t.Fatalf("error %v (code %q): want invalid naming fuzz.gz", err, attest.ErrorCode(err))
			}
			return
		}
		if !bytes.HasPrefix(in, []byte{0x1f, 0x8b}) && !bytes.Equal(out, in) {
			t.Fatalf("plain input changed")
		}
	})
}
