package formats_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"unsafe"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/vuln/formats"
	"github.com/attest-dev/attest/vuln/formats/jsonstream"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

var releases = []string{"release-1.4.0", "release-1.5.0"}

var fixtures = map[string]string{
	"grype.json":       "grype",
	"trivy.json":       "trivy",
	"inspector.json":   "inspector",
	"securityhub.json": "securityhub",
	"cyclonedx.json":   "cyclonedx",
	"sarif.json":       "sarif",
}

func fixture(release, file string) string {
	return filepath.Join("..", "..", "testdata", "vulns", release, file)
}

func TestParseFile(t *testing.T) {
	for _, rel := range releases {
		for file, want := range fixtures {
			t.Run(rel+"/"+file, func(t *testing.T) {
				path := fixture(rel, file)
				occs, format, err := formats.ParseFile(path, nil)
				if err != nil {
					t.Fatal(err)
				}
				if format != want {
					t.Errorf("format %q, want %q", format, want)
				}
				if len(occs) < 6 {
					t.Errorf("got %d occurrences, want at least 6", len(occs))
				}
				for _, o := range occs {
					if o.File != path || o.Artifact.Name != "123456789012.dkr.ecr.us-east-1.amazonaws.com/web" || o.Artifact.Tag != strings.TrimPrefix(rel, "release-") {
						t.Errorf("%s %s: file %q artifact %+v", o.VulnID, o.Package.Name, o.File, o.Artifact)
					}
				}
			})
		}
	}
}

func gz(t testing.TB, b []byte) []byte {
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

func TestParse_Gzip(t *testing.T) {
	for file, want := range fixtures {
		t.Run(file, func(t *testing.T) {
			b, err := os.ReadFile(fixture("release-1.4.0", file))
			if err != nil {
				t.Fatal(err)
			}
			plain, _, err := formats.Parse("r.json", bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			got, format, err := formats.Parse("r.json", bytes.NewReader(gz(t, b)))
			if err != nil {
				t.Fatal(err)
			}
			if format != want {
				t.Errorf("format %q, want %q", format, want)
			}
			if diff := cmp.Diff(plain, got); diff != "" {
				t.Errorf("gzip input differs (-plain +gzip):\n%s", diff)
			}
			// A truncated gzip stream is an error, not a partial result.
			z := gz(t, b)
			occs, _, err := formats.Parse("r.json.gz", bytes.NewReader(z[:len(z)/2]))
			if err == nil || occs != nil {
				t.Errorf("truncated gzip: %d occurrences, error %v", len(occs), err)
			}
			checkInputError(t, "r.json.gz", err)
			// Cut within the first 8 KiB, the stream ends while the format
			// is being detected.
			occs, _, err = formats.Parse("short.json.gz", bytes.NewReader(z[:min(len(z)-1, 40)]))
			if err == nil || occs != nil {
				t.Fatalf("gzip cut short: %d occurrences, error %v", len(occs), err)
			}
			checkInputError(t, "short.json.gz", err)
			if !strings.Contains(err.Error(), "short.json.gz: gzip stream cut short") {
				t.Errorf("gzip cut short: %q", err)
			}
		})
	}
}

func TestParse_BOM(t *testing.T) {
	b, err := os.ReadFile(fixture("release-1.4.0", "trivy.json"))
	if err != nil {
		t.Fatal(err)
	}
	occs, format, err := formats.Parse("r.json", bytes.NewReader(append([]byte("\xef\xbb\xbf"), b...)))
	if err != nil || format != "trivy" || len(occs) != 8 {
		t.Errorf("format %q, %d occurrences, error %v", format, len(occs), err)
	}
}

func TestParse_Unknown(t *testing.T) {
	for _, in := range []string{`{"spdxVersion": "SPDX-2.3"}`, `not json`, ``, "\x1f\x8b"} {
		occs, _, err := formats.Parse("scan.out", strings.NewReader(in))
		if err == nil {
			t.Fatalf("%q: no error, %d occurrences", in, len(occs))
		}
		if attest.ErrorCode(err) != attest.EINVALID || !strings.Contains(err.Error(), "scan.out") {
			t.Errorf("%q: error %v", in, err)
		}
		if in != "\x1f\x8b" {
			for _, f := range formats.Known() {
				if !strings.Contains(err.Error(), f.Name) {
					t.Errorf("%q: error %q does not list format %s", in, err, f.Name)
				}
			}
		}
	}
}

func TestParseFile_Missing(t *testing.T) {
	if _, _, err := formats.ParseFile(filepath.Join(t.TempDir(), "none.json"), nil); err == nil || !strings.Contains(err.Error(), "none.json") {
		t.Errorf("error %v", err)
	}
}

func TestParse_BadInputNamesFormat(t *testing.T) {
	_, format, err := formats.Parse("g.json", strings.NewReader(`{"matches": [{"vulnerability": 3}]}`))
	if err == nil || format != "grype" || !strings.Contains(err.Error(), "parse grype report: g.json:1:") || attest.ErrorCode(err) != attest.EINVALID {
		t.Errorf("format %q error %v", format, err)
	}
}

// ids returns an occurrence's vulnerability id and aliases.
func ids(o attest.Occurrence) []string {
	return append([]string{o.VulnID}, o.Aliases...)
}

// TestParse_AcrossScanners checks what the merge relies on: Grype, Trivy
// and Inspector describe each vulnerability of the same image with a shared
// CVE id, the same package name and full version, and artifacts that share a
// digest.
func TestParse_AcrossScanners(t *testing.T) {
	for _, rel := range releases {
		t.Run(rel, func(t *testing.T) {
			parsed := map[string][]attest.Occurrence{}
			for _, f := range []string{"grype.json", "trivy.json", "inspector.json", "securityhub.json"} {
				occs, _, err := formats.ParseFile(fixture(rel, f), nil)
				if err != nil {
					t.Fatal(err)
				}
				parsed[f] = occs
			}
			insp := parsed["inspector.json"]
			if len(insp) == 0 {
				t.Fatal("no Inspector occurrences")
			}
			for _, io := range insp {
				cve := io.VulnID
				for _, other := range []string{"grype.json", "trivy.json", "securityhub.json"} {
					i := slices.IndexFunc(parsed[other], func(o attest.Occurrence) bool {
						return slices.Contains(ids(o), cve) && o.Package.Name == io.Package.Name
					})
					if i < 0 {
						t.Errorf("%s: no occurrence of %s in %s", other, cve, io.Package.Name)
						continue
					}
					o := parsed[other][i]
					if o.Package.Version != io.Package.Version {
						t.Errorf("%s %s: %s says version %q, inspector %q", cve, io.Package.Name, other, o.Package.Version, io.Package.Version)
					}
					if o.Artifact.ManifestDigest == "" || o.Artifact.ManifestDigest != io.Artifact.ManifestDigest {
						t.Errorf("%s %s: %s manifest digest %q, inspector %q", cve, io.Package.Name, other, o.Artifact.ManifestDigest, io.Artifact.ManifestDigest)
					}
					if o.Artifact.Name != io.Artifact.Name {
						t.Errorf("%s: %s artifact %q, inspector %q", cve, other, o.Artifact.Name, io.Artifact.Name)
					}
				}
			}
			// Grype and Trivy also agree on the config digest.
			g, tr := parsed["grype.json"][0].Artifact, parsed["trivy.json"][0].Artifact
			if g.ConfigDigest == "" || g != tr {
				t.Errorf("grype artifact %+v, trivy %+v", g, tr)
			}
		})
	}
}

// bigReport builds a report of about n matches (Grype) or vulnerabilities
// (Trivy) by repeating the fixture's entries.
func bigReport(tb testing.TB, format string, n int) []byte {
	tb.Helper()
	b, err := os.ReadFile(fixture("release-1.4.0", format+".json"))
	if err != nil {
		tb.Fatal(err)
	}
	var open, close string
	switch format {
	case "grype":
		open, close = `"matches": [`, "\n ],\n \"source\""
	case "trivy":
		open, close = `"Vulnerabilities": [`, "\n      ]\n    },\n    {"
	}
	i := bytes.Index(b, []byte(open)) + len(open)
	j := bytes.Index(b, []byte(close))
	if i < len(open) || j < i {
		tb.Fatalf("cannot find the %s array", format)
	}
	items := bytes.TrimSpace(b[i:j])
	var buf bytes.Buffer
	buf.Write(b[:i])
	for k := 0; k < n/8; k++ {
		if k > 0 {
			buf.WriteByte(',')
		}
		buf.Write(items)
	}
	buf.Write(b[j:])
	return buf.Bytes()
}

func TestParse_Big(t *testing.T) {
	for _, f := range []string{"grype", "trivy"} {
		occs, _, err := formats.Parse("big.json", bytes.NewReader(bigReport(t, f, 800)))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		want := 800
		if f == "trivy" {
			want = 600 + 2 // 100 copies of the six OS entries, plus the two npm ones
		}
		if len(occs) != want {
			t.Errorf("%s: got %d occurrences, want %d", f, len(occs), want)
		}
	}
}

func BenchmarkParse(b *testing.B) {
	for _, f := range []string{"grype", "trivy"} {
		data := bigReport(b, f, 20000)
		b.Run(fmt.Sprintf("%s/%dMB", f, len(data)>>20), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := formats.Parse("big.json", bytes.NewReader(data)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	for _, rel := range releases {
		for file := range fixtures {
			b, err := os.ReadFile(fixture(rel, file))
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
			if rel == "release-1.4.0" && file == "grype.json" {
				f.Add(gz(f, b))
			}
		}
	}
	f.Add([]byte("{\"matches\": [{\"vulnerability\": \n 3}], \"source\": {}}"))
	f.Add(gz(f, []byte(`{"findings": []}`))[:12])
	f.Fuzz(func(t *testing.T, b []byte) {
		occs, format, err := formats.Parse("fuzz.json", bytes.NewReader(b))
		if err != nil {
			if occs != nil {
				t.Fatal("occurrences returned with an error")
			}
			checkInputError(t, "fuzz.json", err)
			return
		}
		if format == "" {
			t.Fatal("parsed without a format")
		}
		for _, o := range occs {
			if o.VulnID == "" || o.Package.Name == "" || o.Package.Version == "" {
				t.Fatalf("incomplete occurrence %+v", o)
			}
		}
	})
}

// checkInputError fails unless err is an input error (code invalid) that
// names the file: a JSON problem as a *jsonstream.Error with a line and
// column (the inputs of these tests are smaller than the line window), a
// gzip or format problem in a message that starts with the file name.
func checkInputError(t *testing.T, name string, err error) {
	t.Helper()
	if code := attest.ErrorCode(err); code != attest.EINVALID {
		t.Fatalf("error %q has code %q, want invalid", err, code)
	}
	var je *jsonstream.Error
	if errors.As(err, &je) {
		if je.File != name || je.Line < 1 || je.Column < 1 || je.Offset < 0 {
			t.Fatalf("error %q: position %s:%d:%d (offset %d), want %s with line and column", err, je.File, je.Line, je.Column, je.Offset, name)
		}
		return
	}
	if !strings.HasPrefix(attest.ErrorMessage(err), name+":") {
		t.Fatalf("error %q does not name %s", attest.ErrorMessage(err), name)
	}
}

// TestParse_InMemoryOrStream checks that a report is read the same whether
// it is held in memory for a fast parser or, larger than the limit, read as
// a stream; and that a read error midway is an error either way.
func TestParse_InMemoryOrStream(t *testing.T) {
	for _, rel := range releases {
		for file := range fixtures {
			t.Run(rel+"/"+file, func(t *testing.T) {
				b, err := os.ReadFile(fixture(rel, file))
				if err != nil {
					t.Fatal(err)
				}
				want, _, err := formats.Parse("r.json", bytes.NewReader(b))
				if err != nil {
					t.Fatal(err)
				}
				restore := formats.SetMaxInMemory(len(b) / 3)
				got, _, err := formats.Parse("r.json", bytes.NewReader(b))
				restore()
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("streamed report differs (-in memory +streamed):\n%s", diff)
				}
				broken := io.MultiReader(bytes.NewReader(b[:len(b)*2/3]), iotest.ErrReader(errors.New("disk on fire")))
				occs, _, err := formats.Parse("r.json", broken)
				if err == nil || occs != nil || !strings.Contains(err.Error(), "disk on fire") {
					t.Errorf("read error: %d occurrences, error %v", len(occs), err)
				}
			})
		}
	}
}

// TestReader_ParseFile checks that a Reader reusing its buffers from one
// report to the next returns what ParseFile does for each.
// TestReader_MixedInputs parses plain, gzipped, BOM-prefixed and broken
// reports one after another with one Reader, whose buffers carry over from
// one to the next: each parses as it does with a Reader of its own.
func TestReader_MixedInputs(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	for i, file := range []string{"grype.json", "trivy.json", "inspector.json", "cyclonedx.json"} {
		b, err := os.ReadFile(fixture("release-1.4.0", file))
		if err != nil {
			t.Fatal(err)
		}
		z := gz(t, b)
		for j, content := range [][]byte{z, b, append([]byte("\xef\xbb\xbf"), b...), z[:len(z)/2], b[:len(b)/2], z} {
			p := filepath.Join(dir, fmt.Sprintf("%d-%d-%s", i, j, file))
			if err := os.WriteFile(p, content, 0o644); err != nil {
				t.Fatal(err)
			}
			paths = append(paths, p)
		}
	}
	var rd formats.Reader
	for _, p := range paths {
		want, wantFormat, wantErr := formats.ParseFile(p, nil)
		got, format, err := rd.ParseFile(p, nil)
		if fmt.Sprint(err) != fmt.Sprint(wantErr) || format != wantFormat {
			t.Errorf("%s: format %q, error %v; want %q, %v", filepath.Base(p), format, err, wantFormat, wantErr)
		}
		if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s: Reader differs from ParseFile (-want +got):\n%s", filepath.Base(p), diff)
		}
	}
}

func TestReader_ParseFile(t *testing.T) {
	var rd formats.Reader
	for range 2 {
		for _, rel := range releases {
			for _, file := range []string{"inspector.json", "grype.json", "cyclonedx.json", "trivy.json"} {
				path := fixture(rel, file)
				want, wantFormat, err := formats.ParseFile(path, nil)
				if err != nil {
					t.Fatal(err)
				}
				got, format, err := rd.ParseFile(path, nil)
				if err != nil {
					t.Fatal(err)
				}
				if format != wantFormat {
					t.Errorf("%s: format %q, want %q", path, format, wantFormat)
				}
				if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
					t.Errorf("%s: Reader differs from ParseFile (-want +got):\n%s", path, diff)
				}
			}
		}
	}
}

// TestReader_Skip checks that Skip sees the start of each file as stored
// (a gzipped file's compressed bytes: isMergedReport looked at those too),
// that a file it sets aside gives ErrSkipped, and that every other file,
// read after it with the same Reader, parses as ParseFile parses it.
func TestReader_Skip(t *testing.T) {
	dir := t.TempDir()
	grype, err := os.ReadFile(fixture("release-1.4.0", "grype.json"))
	if err != nil {
		t.Fatal(err)
	}
	long := append([]byte(`{"kind": "set-aside", "pad": "`+strings.Repeat("x", 2*formats.SkipHeadSize)), `"}`...)
	files := map[string][]byte{
		"a-aside.json":      long,
		"b-grype.json":      grype,
		"c-gzipped.json.gz": gz(t, long), // not set aside: Skip sees gzip
		"d-grype.json.gz":   gz(t, grype),
		"e-short.json":      []byte(`{"kind": "set-aside"}`),
		"f-empty.json":      nil,
	}
	var seen []string
	rd := formats.Reader{Skip: func(head []byte) bool {
		seen = append(seen, string(head))
		return bytes.Contains(head, []byte("set-aside"))
	}}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		content := files[name]
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, content, 0o644); err != nil {
			t.Fatal(err)
		}
		seen = seen[:0]
		got, format, err := rd.ParseFile(p, nil)
		if want := content[:min(len(content), formats.SkipHeadSize)]; len(seen) != 1 || seen[0] != string(want) {
			t.Errorf("%s: Skip saw %q, want the first %d bytes as stored", name, seen, len(want))
		}
		if strings.Contains(name, "aside") || name == "e-short.json" {
			if !errors.Is(err, formats.ErrSkipped) || got != nil || format != "" {
				t.Errorf("%s: %d occurrences, format %q, error %v; want ErrSkipped", name, len(got), format, err)
			}
			continue
		}
		want, wantFormat, wantErr := formats.ParseFile(p, nil)
		if fmt.Sprint(err) != fmt.Sprint(wantErr) || format != wantFormat {
			t.Errorf("%s: format %q, error %v; want %q, %v", name, format, err, wantFormat, wantErr)
		}
		if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s: Reader differs from ParseFile (-want +got):\n%s", name, diff)
		}
	}
}

// TestReader_Shared checks that a Shared Reader returns what ParseFile
// returns, and that the strings of the fast formats share its buffer
// rather than being copies: the same file read twice gives strings at the
// same address.
func TestReader_Shared(t *testing.T) {
	for _, shared := range []bool{true, false} {
		rd := formats.Reader{Shared: shared}
		for _, rel := range releases {
			for _, file := range []string{"grype.json", "trivy.json", "inspector.json", "cyclonedx.json"} {
				path := fixture(rel, file)
				want, _, err := formats.ParseFile(path, nil)
				if err != nil {
					t.Fatal(err)
				}
				got, _, err := rd.ParseFile(path, nil)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
					t.Errorf("%s (shared %v): Reader differs from ParseFile (-want +got):\n%s", path, shared, diff)
				}
				first := got[0]
				again, _, err := rd.ParseFile(path, nil)
				if err != nil {
					t.Fatal(err)
				}
				same := unsafe.StringData(first.VulnID) == unsafe.StringData(again[0].VulnID)
				if wantSame := shared && file != "cyclonedx.json"; same != wantSame {
					t.Errorf("%s (shared %v): the ids of two reads share memory: %v, want %v", path, shared, same, wantSame)
				}
			}
		}
	}
}
