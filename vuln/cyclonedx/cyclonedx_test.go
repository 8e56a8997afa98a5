package cyclonedx_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/vuln/cyclonedx"
	"github.com/attest-dev/attest/vuln/formats/golden"
	"github.com/attest-dev/attest/vuln/formats/jsonstream"
	"github.com/google/go-cmp/cmp"
)

func parseFile(t *testing.T, path string) []attest.Occurrence {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	occs, err := cyclonedx.Parse(filepath.Base(path), f)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return occs
}

func TestParse_Golden(t *testing.T) {
	for _, tc := range []struct{ name, file, golden string }{
		{"trivy-1.4.0", "../../testdata/vulns/release-1.4.0/cyclonedx.json", "testdata/trivy-1.4.0.golden.json"},
		{"trivy-1.5.0", "../../testdata/vulns/release-1.5.0/cyclonedx.json", "testdata/trivy-1.5.0.golden.json"},
		{"grype", "testdata/grype.cdx.json", "testdata/grype.golden.json"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			golden.Compare(t, tc.golden, parseFile(t, tc.file))
		})
	}
}

func find(occs []attest.Occurrence, vuln, pkg string) *attest.Occurrence {
	for i := range occs {
		if occs[i].VulnID == vuln && occs[i].Package.Name == pkg {
			return &occs[i]
		}
	}
	return nil
}

func TestParse_Trivy(t *testing.T) {
	occs := parseFile(t, "../../testdata/vulns/release-1.4.0/cyclonedx.json")
	if len(occs) != 8 {
		t.Fatalf("got %d occurrences, want 8", len(occs))
	}
	want := attest.Artifact{
		Kind:           attest.ArtifactImage,
		Name:           "123456789012.dkr.ecr.us-east-1.amazonaws.com/web",
		Tag:            "1.4.0",
		ManifestDigest: "sha256:8f59771f80b6810c028a369dbda1fe688ca4709597c6fa550f555ef62503e71a",
		ConfigDigest:   "sha256:99ead1fbda882b97e970db8d42c0786b48e8835abd863ff1ff7fbe823301377e",
	}
	for _, o := range occs {
		if o.Artifact != want || o.Scanner != "trivy" {
			t.Errorf("%s %s: scanner %q artifact %+v", o.VulnID, o.Package.Name, o.Scanner, o.Artifact)
		}
	}
	// Debian's own rating decides, not NVD's critical.
	z := find(occs, "CVE-2023-45853", "zlib1g")
	if z == nil || z.Severity != "low" || z.Package.Version != "1:1.2.13.dfsg-1" || z.FixState != attest.FixUnknown {
		t.Errorf("zlib1g: %+v", z)
	}
	s := find(occs, "CVE-2022-25883", "semver")
	if s == nil || !slices.Equal(s.FixedVersions, []string{"7.5.2", "6.3.1", "5.7.2"}) || s.Severity != "medium" {
		t.Errorf("semver: %+v", s)
	}
	// The recommendation names libc-bin; libc6 gets no borrowed fix.
	if b := find(occs, "CVE-2023-4911", "libc-bin"); b == nil || !slices.Equal(b.FixedVersions, []string{"2.36-9+deb12u3"}) {
		t.Errorf("libc-bin: %+v", b)
	}
	if c := find(occs, "CVE-2023-4911", "libc6"); c == nil || c.FixedVersions != nil {
		t.Errorf("libc6: %+v", c)
	}
}

func TestParse_Grype(t *testing.T) {
	occs := parseFile(t, "testdata/grype.cdx.json")
	if len(occs) != 2 {
		t.Fatalf("got %d occurrences, want 2", len(occs))
	}
	g := find(occs, "CVE-2023-4911", "libc6")
	if g == nil || g.Scanner != "grype" || g.EPSS == nil || g.EPSS.Score != 0.71234 || g.Severity != "high" ||
		!slices.Equal(g.FixedVersions, []string{"2.36-9+deb12u3"}) || len(g.CVSS) != 1 || g.CVSS[0].Version != "3.1" {
		t.Errorf("libc6: %+v", g)
	}
	if g != nil && g.Artifact.ManifestDigest != "sha256:8f59771f80b6810c028a369dbda1fe688ca4709597c6fa550f555ef62503e71a" {
		t.Errorf("artifact %+v", g.Artifact)
	}
	s := find(occs, "GHSA-c2qf-rxjj-qqgw", "semver")
	if s == nil || !slices.Equal(s.Aliases, []string{"CVE-2022-25883"}) || !slices.Equal(s.FixedVersions, []string{"7.5.2"}) {
		t.Errorf("semver: %+v", s)
	}
}

func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		head string
		want bool
	}{
		{`{"$schema": "http://cyclonedx.org/schema/bom-1.6.schema.json", "bomFormat": "CycloneDX", "specVersion": "1.6"`, true},
		{`{"bomFormat":"CycloneDX"}`, true},
		{`{"spdxVersion": "SPDX-2.3"}`, false},
		{``, false},
	} {
		if got := cyclonedx.Detect([]byte(tc.head)); got != tc.want {
			t.Errorf("Detect(%q) = %v, want %v", tc.head, got, tc.want)
		}
	}
}

func TestParse_Errors(t *testing.T) {
	full, err := os.ReadFile("../../testdata/vulns/release-1.4.0/cyclonedx.json")
	if err != nil {
		t.Fatal(err)
	}
	const head = `{"bomFormat": "CycloneDX", "specVersion": "1.5", `
	for _, tc := range []struct {
		name  string
		input string
		want  []string
	}{
		{"truncated", string(full[:len(full)*2/3]), []string{"in.json", "unexpected end of input"}},
		{"syntax", "{\"bomFormat\": \"CycloneDX\",\n\"components\": [,]}", []string{"in.json:2:", "invalid character"}},
		{"wrong type", head + `"vulnerabilities": [{"id": "CVE-1", "ratings": [{"score": "9.8"}]}]}`, []string{"$.vulnerabilities[0].ratings[0].score", "cannot use JSON string"}},
		{"no affects", head + `"vulnerabilities": [{"id": "CVE-1"}]}`, []string{"CVE-1 affects no component"}},
		{"no id", head + `"vulnerabilities": [{"affects": []}]}`, []string{"vulnerability has no id"}},
		{"not cyclonedx", `{"bomFormat": "SPDX", "specVersion": "1.5"}`, []string{"not a CycloneDX document"}},
		{"spec 2", `{"bomFormat": "CycloneDX", "specVersion": "2.0"}`, []string{"unsupported CycloneDX specVersion"}},
		{"empty", ``, []string{"unexpected end of input"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			occs, err := cyclonedx.Parse("in.json", strings.NewReader(tc.input))
			if err == nil {
				t.Fatalf("no error; got %d occurrences", len(occs))
			}
			if occs != nil {
				t.Errorf("got %d occurrences with the error", len(occs))
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			var je *jsonstream.Error
			if !errors.As(err, &je) || attest.ErrorCode(err) != attest.EINVALID {
				t.Errorf("error %T is not a *jsonstream.Error with code invalid", err)
			}
		})
	}
}

// TestParseWarn_DanglingRef: an affects ref that names no component is the
// package itself when it is a package URL, and otherwise skipped with a
// warning at the vulnerability; the rest of the document is kept.
func TestParseWarn_DanglingRef(t *testing.T) {
	in := `{"bomFormat": "CycloneDX", "specVersion": "1.5",
"components": [{"bom-ref": "c1", "name": "openssl", "version": "3.0.11", "purl": "pkg:deb/debian/openssl@3.0.11"}],
"vulnerabilities": [
  {"id": "CVE-1", "affects": [{"ref": "nope"}, {"ref": "c1"}]},
  {"id": "CVE-2", "affects": [{"ref": "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"}]},
  {"id": "CVE-3", "affects": [{"ref": "pkg:npm/left-pad"}]}
]}`
	var warnings []error
	occs, err := cyclonedx.ParseWarn("in.json", strings.NewReader(in), func(w error) { warnings = append(warnings, w) })
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range occs {
		got = append(got, o.VulnID+" "+o.Package.Ecosystem+" "+o.Package.Name+"@"+o.Package.Version+" "+o.Package.PURL)
	}
	want := []string{
		"CVE-1 deb openssl@3.0.11 pkg:deb/debian/openssl@3.0.11",
		"CVE-2 maven org.apache.logging.log4j:log4j-core@2.14.1 pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("occurrences (-want +got):\n%s", diff)
	}
	if len(warnings) != 2 {
		t.Fatalf("warnings %v, want 2", warnings)
	}
	for i, w := range []struct{ path, text string }{
		{"$.vulnerabilities[0]", `affects[0].ref "nope" names no component and is not a package URL with a name and version; CVE-1 skipped there`},
		{"$.vulnerabilities[2]", `affects[0].ref "pkg:npm/left-pad" names no component`},
	} {
		var je *jsonstream.Error
		if !errors.As(warnings[i], &je) || je.Path != w.path || je.Line == 0 || !strings.Contains(je.Msg, w.text) {
			t.Errorf("warning %d = %v, want at %s with a line: %s", i, warnings[i], w.path, w.text)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, p := range []string{"../../testdata/vulns/release-1.4.0/cyclonedx.json", "testdata/grype.cdx.json"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		occs, err := cyclonedx.Parse("fuzz.json", bytes.NewReader(b))
		if err != nil {
			if occs != nil {
				t.Fatal("occurrences returned with an error")
			}
			if perr := jsonstream.CheckPosition(err, "fuzz.json"); perr != nil {
				t.Fatal(perr)
			}
			return
		}
		for _, o := range occs {
			if o.VulnID == "" || o.Package.Name == "" || o.Package.Version == "" {
				t.Fatalf("incomplete occurrence %+v", o)
			}
		}
	})
}
