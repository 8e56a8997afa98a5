package grype_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/vuln/formats/golden"
	"github.com/attest-dev/attest/vuln/formats/jsonstream"
	"github.com/attest-dev/attest/vuln/grype"
)

func TestParse_Golden(t *testing.T) {
	for _, tc := range []struct{ name, file, golden string }{
		{"release-1.4.0", "../../testdata/vulns/release-1.4.0/grype.json", "testdata/release-1.4.0.golden.json"},
		{"release-1.5.0", "../../testdata/vulns/release-1.5.0/grype.json", "testdata/release-1.5.0.golden.json"},
		{"directory", "testdata/directory.json", "testdata/directory.golden.json"},
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
	occs, err := grype.Parse(filepath.Base(path), f)
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
	occs := parseFile(t, "../../testdata/vulns/release-1.4.0/grype.json")
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
		if o.Scanner != "grype" || o.File != "grype.json" {
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
	s := find(occs, "GHSA-c2qf-rxjj-qqgw", "semver")
	if s == nil {
		t.Fatal("no semver occurrence under its GHSA id")
	}
	if len(s.Aliases) != 1 || s.Aliases[0] != "CVE-2022-25883" {
		t.Errorf("semver aliases %v, want [CVE-2022-25883]", s.Aliases)
	}
	if s.Severity != "medium" || s.Package.Ecosystem != "npm" || s.FixState != attest.FixAvailable {
		t.Errorf("semver: %+v", s)
	}
	if s.EPSS == nil || s.EPSS.Score != 0.00226 {
		t.Errorf("semver EPSS %+v, want score 0.00226", s.EPSS)
	}
	g := find(occs, "CVE-2023-4911", "libc6")
	if g == nil || len(g.CVSS) != 1 || g.CVSS[0].Source != "nvd" || g.CVSS[0].Score != 7.8 {
		t.Errorf("libc6 CVSS: %+v", g)
	}
	if g != nil && (len(g.Aliases) != 0 || g.Severity != "high" || g.FixedVersions[0] != "2.36-9+deb12u3") {
		t.Errorf("libc6: %+v", g)
	}
	k := find(occs, "CVE-2024-37371", "libkrb5-3")
	if k == nil || k.FixState != attest.FixNotFixed || k.Severity != "critical" {
		t.Errorf("libkrb5-3: %+v", k)
	}
}

func TestParse_Directory(t *testing.T) {
	occs := parseFile(t, "testdata/directory.json")
	want := attest.Artifact{Kind: attest.ArtifactFilesystem, Name: "/src/payments"}
	if len(occs) != 1 || occs[0].Artifact != want {
		t.Fatalf("got %+v", occs)
	}
	if occs[0].Package.Ecosystem != "golang" || occs[0].Aliases[0] != "CVE-2023-44487" {
		t.Errorf("got %+v", occs[0])
	}
}

func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		head string
		want bool
	}{
		{`{"matches": [`, true},
		{"\n {\n  \"matches\":[]", true},
		{`{"SchemaVersion": 2, "matches": []}`, false},
		{`[{"matches": []}]`, false},
		{``, false},
	} {
		if got := grype.Detect([]byte(tc.head)); got != tc.want {
			t.Errorf("Detect(%q) = %v, want %v", tc.head, got, tc.want)
		}
	}
}

func TestParse_Errors(t *testing.T) {
	full, err := os.ReadFile("../../testdata/vulns/release-1.4.0/grype.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		input string
		want  []string // substrings of the error
	}{
		{"truncated", string(full[:len(full)/2]), []string{"in.json", "unexpected end of input"}},
		{"syntax", "{\"matches\": [\n  {\"vulnerability\": {\"id\": \"CVE-1\",}}\n]}", []string{"in.json:2:", "invalid character"}},
		{"wrong type", `{"matches": [{"vulnerability": {"id": "CVE-1", "fix": {"versions": "1.0"}}}], "source": {"type": "image", "target": {}}}`,
			[]string{"$.matches[0].vulnerability.fix.versions", "cannot use JSON string"}},
		{"matches not an array", `{"matches": {}, "source": {"type": "directory", "target": "/"}}`, []string{"$.matches", "expected an array"}},
		{"no id", `{"matches": [{"vulnerability": {"id": ""}, "artifact": {"name": "a", "version": "1"}}], "source": {"type": "directory", "target": "/"}}`,
			[]string{"$.matches[0]", "vulnerability.id is empty"}},
		{"no version", `{"matches": [{"vulnerability": {"id": "CVE-1"}, "artifact": {"name": "a"}}], "source": {"type": "directory", "target": "/"}}`,
			[]string{"artifact.version is empty"}},
		{"no source", `{"matches": []}`, []string{"not a Grype JSON report"}},
		{"trailing data", `{"matches": [], "source": {"type": "directory", "target": "/"}} {}`, []string{"after the end of the document"}},
		{"not an object", `[1]`, []string{"expected an object"}},
		{"empty", ``, []string{"unexpected end of input"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			occs, err := grype.Parse("in.json", strings.NewReader(tc.input))
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
	for _, p := range []string{"../../testdata/vulns/release-1.4.0/grype.json", "testdata/directory.json"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"matches": [{"vulnerability": {"id": "CVE-1"}, "artifact": {"name": "a", "version": "1"}}], "source": {"type": "image", "target": {"userInput": "a:1"}}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		occs, err := grype.Parse("fuzz.json", bytes.NewReader(b))
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
