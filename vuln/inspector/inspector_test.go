package inspector_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/vuln/formats/golden"
	"github.com/attest-dev/attest/vuln/formats/jsonstream"
	"github.com/attest-dev/attest/vuln/inspector"
	"github.com/google/go-cmp/cmp"
)

type parseFunc func(string, io.Reader) ([]attest.Occurrence, error)

func parseFile(t *testing.T, parse parseFunc, path string) []attest.Occurrence {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	occs, err := parse(filepath.Base(path), f)
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return occs
}

func TestParse_Golden(t *testing.T) {
	for _, tc := range []struct {
		name, file, golden string
		parse              parseFunc
	}{
		{"inspector-1.4.0", "../../testdata/vulns/release-1.4.0/inspector.json", "testdata/inspector-1.4.0.golden.json", inspector.Parse},
		{"inspector-1.5.0", "../../testdata/vulns/release-1.5.0/inspector.json", "testdata/inspector-1.5.0.golden.json", inspector.Parse},
		{"securityhub-1.4.0", "../../testdata/vulns/release-1.4.0/securityhub.json", "testdata/securityhub-1.4.0.golden.json", inspector.ParseASFF},
		{"securityhub-1.5.0", "../../testdata/vulns/release-1.5.0/securityhub.json", "testdata/securityhub-1.5.0.golden.json", inspector.ParseASFF},
		{"ec2-export", "testdata/ec2-export.jsonl", "testdata/ec2-export.golden.json", inspector.Parse},
	} {
		t.Run(tc.name, func(t *testing.T) {
			golden.Compare(t, tc.golden, parseFile(t, tc.parse, tc.file))
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

func TestParse_Fields(t *testing.T) {
	wantArt := attest.Artifact{
		Kind:           attest.ArtifactImage,
		Name:           "123456789012.dkr.ecr.us-east-1.amazonaws.com/web",
		Tag:            "1.4.0",
		ManifestDigest: "sha256:8f59771f80b6810c028a369dbda1fe688ca4709597c6fa550f555ef62503e71a",
	}
	for _, tc := range []struct {
		name    string
		parse   parseFunc
		file    string
		scanner string
	}{
		{"inspector", inspector.Parse, "../../testdata/vulns/release-1.4.0/inspector.json", "inspector"},
		{"securityhub", inspector.ParseASFF, "../../testdata/vulns/release-1.4.0/securityhub.json", "securityhub"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			occs := parseFile(t, tc.parse, tc.file)
			// Seven findings; the glibc one lists libc6 and libc-bin.
			if len(occs) != 7 {
				t.Fatalf("got %d occurrences, want 7", len(occs))
			}
			for _, o := range occs {
				if o.Artifact != wantArt || o.Scanner != tc.scanner {
					t.Errorf("%s: scanner %q artifact %+v", o.VulnID, o.Scanner, o.Artifact)
				}
			}
			z := find(occs, "CVE-2023-45853", "zlib1g")
			if z == nil || z.Package.Version != "1:1.2.13.dfsg-1" || z.Package.Ecosystem != "deb" || z.FixState != attest.FixNotFixed || z.FixedVersions != nil {
				t.Errorf("zlib1g: %+v", z)
			}
			g := find(occs, "CVE-2023-4911", "libc-bin")
			if g == nil || g.Package.Version != "2.36-9+deb12u1" || !slices.Equal(g.FixedVersions, []string{"2.36-9+deb12u3"}) || g.Severity != "high" {
				t.Errorf("libc-bin: %+v", g)
			}
			if g != nil && (g.EPSS == nil || g.EPSS.Score != 0.71234 || !slices.Equal(g.Aliases, []string{"DSA-5514-1"})) {
				t.Errorf("libc-bin EPSS %+v aliases %v", g.EPSS, g.Aliases)
			}
			l := find(occs, "CVE-2021-23337", "lodash")
			if l == nil || l.Package.Ecosystem != "npm" || l.Package.Version != "4.17.20" || !slices.Equal(l.Locations, []string{"app/node_modules/lodash/package.json"}) {
				t.Errorf("lodash: %+v", l)
			}
		})
	}
}

func TestParse_Export(t *testing.T) {
	occs := parseFile(t, inspector.Parse, "testdata/ec2-export.jsonl")
	// The network reachability finding and the closed kernel finding are
	// not open package vulnerabilities.
	want := []attest.Occurrence{{
		Scanner:       "inspector",
		File:          "ec2-export.jsonl",
		Artifact:      attest.Artifact{Kind: attest.ArtifactHost, Name: "i-0a1b2c3d4e5f60718"},
		Package:       attest.Package{Ecosystem: "rpm", Name: "openssl-libs", Version: "1:3.0.8-1.amzn2023.0.9"},
		VulnID:        "CVE-2023-5678",
		Aliases:       []string{"ALAS2023-2024-497"},
		Severity:      "medium",
		CVSS:          []attest.CVSS{{Source: "nvd", Version: "3.1", Vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L", Score: 5.3}},
		FixedVersions: []string{"1:3.0.8-1.amzn2023.0.10"},
		FixState:      attest.FixAvailable,
		Title:         "CVE-2023-5678 - openssl-libs",
		Description:   "Issue summary: Checking excessively long DH keys or parameters may be very slow.",
		URLs:          []string{"https://alas.aws.amazon.com/cve/html/CVE-2023-5678.html", "https://alas.aws.amazon.com/AL2023/ALAS-2024-497.html"},
	}}
	if diff := cmp.Diff(want, occs); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestParse_Shapes checks that the same findings read alike as a ListFindings
// response, a bare array and JSON Lines.
func TestParse_Shapes(t *testing.T) {
	b, err := os.ReadFile("../../testdata/vulns/release-1.4.0/inspector.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Findings []json.RawMessage `json:"findings"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	want, err := inspector.Parse("x.json", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	arr, _ := json.Marshal(doc.Findings)
	var lines bytes.Buffer
	for _, f := range doc.Findings {
		var c bytes.Buffer
		if err := json.Compact(&c, f); err != nil {
			t.Fatal(err)
		}
		lines.Write(c.Bytes())
		lines.WriteByte('\n')
	}
	paged := append(bytes.TrimSuffix(bytes.TrimSpace(b), []byte("}")), []byte(`, "nextToken": "eyJwYWdlIjoyfQ=="}`)...)
	for name, in := range map[string][]byte{"array": arr, "jsonl": lines.Bytes(), "paged": paged} {
		t.Run(name, func(t *testing.T) {
			got, err := inspector.Parse("x.json", bytes.NewReader(in))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestFullVersion(t *testing.T) {
	for _, tc := range []struct {
		epoch            int64
		version, release string
		want             string
	}{
		{0, "2.36", "9+deb12u1", "2.36-9+deb12u1"},
		{1, "1.2.13.dfsg", "1", "1:1.2.13.dfsg-1"},
		{1, "3.0.8", "1.amzn2023.0.9", "1:3.0.8-1.amzn2023.0.9"},
		{0, "2.6.1", "", "2.6.1"},
		{2, "4.17.20", "", "2:4.17.20"},
	} {
		if got := inspector.FullVersion(tc.epoch, tc.version, tc.release); got != tc.want {
			t.Errorf("FullVersion(%d, %q, %q) = %q, want %q", tc.epoch, tc.version, tc.release, got, tc.want)
		}
	}
}

func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		head       string
		insp, asff bool
	}{
		{`{"findings": [{"awsAccountId": "1", "findingArn": "arn:aws:inspector2:x"`, true, false},
		{`{"awsAccountId":"1","description":"x","findingArn":"arn"}`, true, false},
		{`{"Findings": [{"SchemaVersion": "2018-10-08", "Id": "arn:aws:inspector2:x:finding/1", "ProductArn": "x"`, false, true},
		{`{"matches": []}`, false, false},
		{``, false, false},
	} {
		if got := inspector.Detect([]byte(tc.head)); got != tc.insp {
			t.Errorf("Detect(%q) = %v", tc.head, got)
		}
		if got := inspector.DetectASFF([]byte(tc.head)); got != tc.asff {
			t.Errorf("DetectASFF(%q) = %v", tc.head, got)
		}
	}
}

func TestParse_Errors(t *testing.T) {
	full, err := os.ReadFile("../../testdata/vulns/release-1.4.0/inspector.json")
	if err != nil {
		t.Fatal(err)
	}
	hub, err := os.ReadFile("../../testdata/vulns/release-1.4.0/securityhub.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		parse parseFunc
		input string
		want  []string
	}{
		{"truncated", inspector.Parse, string(full[:len(full)/2]), []string{"in.json", "unexpected end of input"}},
		{"truncated asff", inspector.ParseASFF, string(hub[:len(hub)/3]), []string{"in.json", "unexpected end of input"}},
		{"syntax", inspector.Parse, "{\"findings\": [\n{\"findingArn\": x}]}", []string{"in.json:2:", "invalid character"}},
		{"wrong type", inspector.Parse, `{"findings": [{"type": "PACKAGE_VULNERABILITY", "packageVulnerabilityDetails": {"vulnerabilityId": 7}}]}`,
			[]string{"$.findings[0]", "packageVulnerabilityDetails.vulnerabilityId", "cannot use JSON number"}},
		{"bad epoch", inspector.Parse, `{"findings": [{"packageVulnerabilityDetails": {"vulnerabilityId": "CVE-1", "vulnerablePackages": [{"name": "a", "version": "1", "epoch": "x"}]}, "resources": [{"id": "i-1"}]}]}`,
			[]string{"$.findings[0]", "not a number"}},
		{"no packages", inspector.Parse, `{"findings": [{"findingArn": "f1", "type": "PACKAGE_VULNERABILITY", "packageVulnerabilityDetails": {"vulnerabilityId": "CVE-1"}, "resources": [{"id": "i-1"}]}]}`,
			[]string{"$.findings[0]", "finding f1 for CVE-1 lists no vulnerablePackages"}},
		{"no version", inspector.Parse, `{"findings": [{"packageVulnerabilityDetails": {"vulnerabilityId": "CVE-1", "vulnerablePackages": [{"name": "a"}]}, "resources": [{"id": "i-1"}]}]}`,
			[]string{"vulnerablePackages[0]: package a has no version"}},
		{"no resources", inspector.Parse, `{"findings": [{"findingArn": "f1", "packageVulnerabilityDetails": {"vulnerabilityId": "CVE-1", "vulnerablePackages": [{"name": "a", "version": "1"}]}}]}`,
			[]string{"lists no resources"}},
		{"asff no packages", inspector.ParseASFF, `{"Findings": [{"Id": "f1", "Vulnerabilities": [{"Id": "CVE-1"}], "Resources": [{"Id": "i-1"}]}]}`,
			[]string{"$.Findings[0]", "lists no VulnerablePackages under Vulnerabilities[0] (CVE-1)"}},
		{"findings not an array", inspector.Parse, `{"findings": {}}`, []string{"$.findings", "expected an array"}},
		{"number", inspector.Parse, `7`, []string{"expected an object or an array"}},
		{"empty", inspector.Parse, ``, []string{"unexpected end of input"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			occs, err := tc.parse("in.json", strings.NewReader(tc.input))
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
			if !errors.As(err, &je) || attest.ErrorCode(err) != attest.EINVALID {
				t.Errorf("error %T is not a *jsonstream.Error with code invalid", err)
			}
		})
	}
}

func fuzz(f *testing.F, parse parseFunc, seeds ...string) {
	for _, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		occs, err := parse("fuzz.json", bytes.NewReader(b))
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

func FuzzParse(f *testing.F) {
	fuzz(f, inspector.Parse, "../../testdata/vulns/release-1.4.0/inspector.json", "testdata/ec2-export.jsonl")
}

func FuzzParseASFF(f *testing.F) {
	fuzz(f, inspector.ParseASFF, "../../testdata/vulns/release-1.4.0/securityhub.json")
}
