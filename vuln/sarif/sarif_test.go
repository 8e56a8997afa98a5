package sarif_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/vuln/formats/golden"
	"github.com/attest-dev/attest/vuln/formats/jsonstream"
	"github.com/attest-dev/attest/vuln/sarif"
	"github.com/google/go-cmp/cmp"
)

func parseFile(t *testing.T, path string) []attest.Occurrence {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	occs, err := sarif.Parse(filepath.Base(path), f)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return occs
}

func TestParse_Golden(t *testing.T) {
	for _, tc := range []struct{ name, file, golden string }{
		{"trivy-1.4.0", "../../testdata/vulns/release-1.4.0/sarif.json", "testdata/trivy-1.4.0.golden.json"},
		{"trivy-1.5.0", "../../testdata/vulns/release-1.5.0/sarif.json", "testdata/trivy-1.5.0.golden.json"},
		{"grype", "testdata/grype.sarif", "testdata/grype.golden.json"},
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
	occs := parseFile(t, "../../testdata/vulns/release-1.4.0/sarif.json")
	if len(occs) != 8 {
		t.Fatalf("got %d occurrences, want 8", len(occs))
	}
	want := attest.Artifact{
		Kind:           attest.ArtifactImage,
		Name:           "123456789012.dkr.ecr.us-east-1.amazonaws.com/web",
		Tag:            "1.4.0",
		ManifestDigest: "sha256:8f59771f80b6810c028a369dbda1fe688ca4709597c6fa550f555ef62503e71a",
	}
	for _, o := range occs {
		if o.Artifact != want || o.Scanner != "trivy" {
			t.Errorf("%s %s: scanner %q artifact %+v", o.VulnID, o.Package.Name, o.Scanner, o.Artifact)
		}
	}
	z := find(occs, "CVE-2023-45853", "zlib1g")
	if z == nil || z.Severity != "low" || z.Package.Version != "1:1.2.13.dfsg-1" || z.FixState != attest.FixNotFixed {
		t.Errorf("zlib1g: %+v", z)
	}
	s := find(occs, "CVE-2022-25883", "semver")
	if s == nil || !slices.Equal(s.FixedVersions, []string{"7.5.2", "6.3.1", "5.7.2"}) || s.Severity != "medium" ||
		!slices.Equal(s.Locations, []string{"app/node_modules/semver/package.json"}) {
		t.Errorf("semver: %+v", s)
	}
	// The rule's help names libc-bin; each result names its own package.
	if c := find(occs, "CVE-2023-4911", "libc6"); c == nil || c.Package.Version != "2.36-9+deb12u1" || !slices.Equal(c.FixedVersions, []string{"2.36-9+deb12u3"}) {
		t.Errorf("libc6: %+v", c)
	}
}

func TestParse_Grype(t *testing.T) {
	occs := parseFile(t, "testdata/grype.sarif")
	if len(occs) != 2 {
		t.Fatalf("got %d occurrences, want 2", len(occs))
	}
	want := attest.Occurrence{
		Scanner:       "grype",
		File:          "grype.sarif",
		Artifact:      attest.Artifact{Kind: attest.ArtifactImage, Name: "123456789012.dkr.ecr.us-east-1.amazonaws.com/web", Tag: "1.4.0"},
		Package:       attest.Package{Ecosystem: "deb", Name: "libc6", Version: "2.36-9+deb12u1"},
		VulnID:        "CVE-2023-4911",
		Severity:      "high",
		FixedVersions: []string{"2.36-9+deb12u3"},
		FixState:      attest.FixAvailable,
		Title:         "CVE-2023-4911 high vulnerability for libc6 package",
		Description:   "A buffer overflow was discovered in the GNU C Library's dynamic loader ld.so while processing the GLIBC_TUNABLES environment variable.",
		URLs:          []string{"https://github.com/anchore/grype", "https://security-tracker.debian.org/tracker/CVE-2023-4911"},
		Locations:     []string{"image/var/lib/dpkg/status", "/var/lib/dpkg/status"},
	}
	if diff := cmp.Diff(want, occs[0]); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if occs[1].VulnID != "GHSA-c2qf-rxjj-qqgw" || occs[1].Package.Ecosystem != "npm" || occs[1].Severity != "medium" {
		t.Errorf("semver: %+v", occs[1])
	}
}

func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		head string
		want bool
	}{
		{`{"version": "2.1.0", "$schema": "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/main/sarif-2.1/schema/sarif-schema-2.1.0.json", "runs": [`, true},
		{"{\n \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n \"version\": \"2.1.0\",\n \"runs\": []", true},
		{`{"version": "1.0.0", "runs": []}`, false},
		{`{"matches": []}`, false},
		{``, false},
	} {
		if got := sarif.Detect([]byte(tc.head)); got != tc.want {
			t.Errorf("Detect(%q) = %v, want %v", tc.head, got, tc.want)
		}
	}
}

func TestParse_Errors(t *testing.T) {
	full, err := os.ReadFile("../../testdata/vulns/release-1.4.0/sarif.json")
	if err != nil {
		t.Fatal(err)
	}
	const head = `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "CodeQL", "rules": [{"id": "go/sql-injection"}]}}, `
	for _, tc := range []struct {
		name  string
		input string
		want  []string
	}{
		{"truncated", string(full[:len(full)*2/3]), []string{"in.json", "unexpected end of input"}},
		{"syntax", "{\"version\": \"2.1.0\",\n\"runs\": [}", []string{"in.json:2:", "invalid character"}},
		{"wrong type", head + `"results": [{"ruleId": "x", "message": {"text": 3}}]}]}`, []string{"$.runs[0].results[0]", "message.text", "cannot use JSON number"}},
		{"code scanner", head + `"results": [{"ruleId": "go/sql-injection", "message": {"text": "This query depends on a user-provided value."}}, {"ruleId": "go/sql-injection", "message": {"text": "Again."}}]}]}`,
			[]string{"$.runs[0].results[0]", "$.runs[0].results[1]", `result for rule "go/sql-injection" names no package and installed version`}},
		{"version", `{"version": "2.0.0", "runs": []}`, []string{"unsupported SARIF version"}},
		{"no runs", `{"version": "2.1.0"}`, []string{"not a SARIF log"}},
		{"empty", ``, []string{"unexpected end of input"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			occs, err := sarif.Parse("in.json", strings.NewReader(tc.input))
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

func FuzzParse(f *testing.F) {
	for _, p := range []string{"../../testdata/vulns/release-1.4.0/sarif.json", "testdata/grype.sarif"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		occs, err := sarif.Parse("fuzz.json", bytes.NewReader(b))
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
