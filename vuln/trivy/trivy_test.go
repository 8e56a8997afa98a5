package trivy_test

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
	"github.com/attest-dev/attest/vuln/trivy"
)

func TestParse_Golden(t *testing.T) {
	for _, tc := range []struct{ name, file, golden string }{
		{"release-1.4.0", "../../testdata/vulns/release-1.4.0/trivy.json", "testdata/release-1.4.0.golden.json"},
		{"release-1.5.0", "../../testdata/vulns/release-1.5.0/trivy.json", "testdata/release-1.5.0.golden.json"},
		{"filesystem", "testdata/filesystem.json", "testdata/filesystem.golden.json"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			occs := parseFile(t, tc.file)
			golden.Compare(t, tc.golden, occs)
		})
	}
}

func parseFile(t *testing.T, path string) []attest.Occurrence {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	occs, err := trivy.Parse(filepath.Base(path), f)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return occs
}

func find(occs []attest.Occurrence, vuln, pkg string) *attest.Occurrence {
	for i := range occs {
		if occs[i].VulnID == vuln && occs[i].Package.Name == pkg {
			return &occs[i]
		}
	}
	return nil
}

func TestParse_Fields(t *testing.T) {
	occs := parseFile(t, "../../testdata/vulns/release-1.4.0/trivy.json")
	if len(occs) != 8 {
		t.Fatalf("got %d occurrences, want 8", len(occs))
	}
	wantArt := attest.Artifact{
		Kind:           attest.ArtifactImage,
		Name:           "123456789012.dkr.ecr.us-east-1.amazonaws.com/web",
		Tag:            "1.4.0",
		ManifestDigest: "sha256:8f59771f80b6810c028a369dbda1fe688ca4709597c6fa550f555ef62503e71a",
		ConfigDigest:   "sha256:99ead1fbda882b97e970db8d42c0786b48e8835abd863ff1ff7fbe823301377e",
	}
	for _, o := range occs {
		if o.Artifact != wantArt {
			t.Errorf("%s %s: artifact %+v, want %+v", o.VulnID, o.Package.Name, o.Artifact, wantArt)
		}
		if o.Scanner != "trivy" || o.File != "trivy.json" {
			t.Errorf("%s: scanner %q file %q", o.VulnID, o.Scanner, o.File)
		}
	}
	z := find(occs, "CVE-2023-45853", "zlib1g")
	if z == nil {
		t.Fatal("no zlib1g occurrence")
	}
	if z.Package.Version != "1:1.2.13.dfsg-1" || z.Severity != "low" || z.FixState != attest.FixWontFix || len(z.FixedVersions) != 0 {
		t.Errorf("zlib1g: %+v", z)
	}
	s := find(occs, "CVE-2022-25883", "semver")
	if s == nil {
		t.Fatal("no semver occurrence")
	}
	if want := []string{"7.5.2", "6.3.1", "5.7.2"}; !slices.Equal(s.FixedVersions, want) {
		t.Errorf("semver fixed versions %v, want %v", s.FixedVersions, want)
	}
	if s.Severity != "medium" || s.Package.Ecosystem != "npm" || s.FixState != attest.FixAvailable || len(s.CVSS) != 2 {
		t.Errorf("semver: %+v", s)
	}
	if !slices.Equal(s.Locations, []string{"app/node_modules/semver/package.json"}) {
		t.Errorf("semver locations %v", s.Locations)
	}
	g := find(occs, "CVE-2023-4911", "libc6")
	if g == nil {
		t.Fatal("no libc6 occurrence")
	}
	if !slices.Equal(g.Aliases, []string{"DSA-5514-1"}) || g.Severity != "high" || g.FixedVersions[0] != "2.36-9+deb12u3" {
		t.Errorf("libc6: %+v", g)
	}
	if len(g.CVSS) != 1 || g.CVSS[0] != (attest.CVSS{Source: "nvd", Version: "3.1", Vector: "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", Score: 7.8}) {
		t.Errorf("libc6 CVSS %+v", g.CVSS)
	}
	k := find(occs, "CVE-2024-37371", "libkrb5-3")
	if k == nil || k.FixState != attest.FixNotFixed || k.Severity != "critical" {
		t.Errorf("libkrb5-3: %+v", k)
	}
}

func TestParse_Filesystem(t *testing.T) {
	occs := parseFile(t, "testdata/filesystem.json")
	want := attest.Artifact{Kind: attest.ArtifactFilesystem, Name: "."}
	if len(occs) != 1 || occs[0].Artifact != want {
		t.Fatalf("got %+v", occs)
	}
	if occs[0].Package.Ecosystem != "pypi" || !slices.Equal(occs[0].Locations, []string{"requirements.txt"}) {
		t.Errorf("got %+v", occs[0])
	}
}

func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		head string
		want bool
	}{
		{"{\n  \"SchemaVersion\": 2,\n  \"CreatedAt\": \"2024-09-18T14:03:52Z\",\n  \"ArtifactName\": \".\"", true},
		{`{"SchemaVersion": 2}`, false},
		{`{"Findings": [{"SchemaVersion": "2018-10-08", "ArtifactName": ""}]}`, false},
		{`{"matches": []}`, false},
		{``, false},
	} {
		if got := trivy.Detect([]byte(tc.head)); got != tc.want {
			t.Errorf("Detect(%q) = %v, want %v", tc.head, got, tc.want)
		}
	}
}

func TestParse_Errors(t *testing.T) {
	full, err := os.ReadFile("../../testdata/vulns/release-1.4.0/trivy.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		input string
		want  []string // substrings of the error
	}{
		{"truncated", string(full[:len(full)/2]), []string{"in.json", "unexpected end of input"}},
		{"syntax", "{\"SchemaVersion\": 2,\n \"ArtifactName\": \"x\",\n \"Results\": [}", []string{"in.json:3:", "invalid character"}},
		{"wrong type", `{"SchemaVersion": 2, "ArtifactName": "x", "Results": [{"Vulnerabilities": [{"VulnerabilityID": "CVE-1", "CVSS": {"nvd": {"V3Score": "high"}}}]}]}`,
			[]string{"$.Results[0].Vulnerabilities[0].CVSS", "V3Score", "cannot use JSON string"}},
		{"vulnerabilities not an array", `{"SchemaVersion": 2, "ArtifactName": "x", "Results": [{"Vulnerabilities": {}}]}`, []string{"$.Results[0].Vulnerabilities", "expected an array"}},
		{"no id", `{"SchemaVersion": 2, "ArtifactName": "x", "Results": [{"Vulnerabilities": [{"PkgName": "a", "InstalledVersion": "1"}]}]}`,
			[]string{"$.Results[0].Vulnerabilities[0]", "VulnerabilityID is empty"}},
		{"no version", `{"SchemaVersion": 2, "ArtifactName": "x", "Results": [{"Vulnerabilities": [{"VulnerabilityID": "CVE-1", "PkgName": "a"}]}]}`,
			[]string{"InstalledVersion is empty"}},
		{"schema 1", `{"SchemaVersion": 1, "ArtifactName": "x", "Results": []}`, []string{"$.SchemaVersion", "unsupported Trivy report schema version 1"}},
		{"no artifact", `{"SchemaVersion": 2, "Results": []}`, []string{"not a Trivy JSON report"}},
		{"trailing data", `{"SchemaVersion": 2, "ArtifactName": "x"}]`, []string{"in.json"}},
		{"not an object", `"x"`, []string{"expected an object"}},
		{"empty", ``, []string{"unexpected end of input"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			occs, err := trivy.Parse("in.json", strings.NewReader(tc.input))
			if err == nil {
				t.Fatalf("no error; got %d occurrences", len(occs))
			}
			if occs != nil {
				t.Errorf("got %d occurrences with the error, want none", len(occs))
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			var je *jsonstream.Error
			if !errors.As(err, &je) {
				t.Errorf("error %T is not a *jsonstream.Error", err)
			}
			if attest.ErrorCode(err) != attest.EINVALID {
				t.Errorf("error code %q, want invalid", attest.ErrorCode(err))
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	for _, p := range []string{"../../testdata/vulns/release-1.4.0/trivy.json", "testdata/filesystem.json"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"SchemaVersion": 2, "ArtifactName": "a:1", "Metadata": {"ImageID": "sha256:1"}, "Results": [{"Type": "npm", "Vulnerabilities": [{"VulnerabilityID": "CVE-1", "PkgName": "a", "InstalledVersion": "1", "FixedVersion": "2, 3"}]}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		occs, err := trivy.Parse("fuzz.json", bytes.NewReader(b))
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
