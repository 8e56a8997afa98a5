package report

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"

	"github.com/attest-dev/attest"
)

// encodingJSON is what encoding/json's Encoder writes for v with HTML
// escaping off, without the newline.
func encodingJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// checkAppend fails unless appendVulnerability writes v as encoding/json
// does, or declines v where encoding/json refuses it.
func checkAppend(t *testing.T, v *attest.Vulnerability) {
	t.Helper()
	want, err := encodingJSON(v)
	got, ok := appendVulnerability([]byte("prefix"), v)
	if err != nil {
		if ok || string(got) != "prefix" {
			t.Fatalf("encoding/json refuses %+v (%v), appendVulnerability wrote %s", v, err, got)
		}
		return
	}
	if !ok {
		t.Fatalf("appendVulnerability declined %+v, which encoding/json writes as %s", v, want)
	}
	if got := got[len("prefix"):]; !bytes.Equal(got, want) {
		t.Fatalf("appendVulnerability differs from encoding/json:\n got %s\nwant %s", got, want)
	}
}

func TestAppendVulnerability_matchesEncodingJSON(t *testing.T) {
	full := attest.Vulnerability{
		ID:       "CVE-2024-0727",
		Aliases:  []string{"ALAS-1", "GHSA-aaaa-bbbb-cccc"},
		Artifact: attest.Artifact{Kind: "image", Name: "repo/a", Tag: "1.0", ManifestDigest: "sha256:1", ConfigDigest: "sha256:2"},
		Package:  attest.Package{PURL: "pkg:deb/debian/a@1", Ecosystem: "deb", Name: "a", Version: "1"},
		Severity: "high",
		CVSS: []attest.CVSS{
			{Source: "nvd", Version: "3.1", Vector: "CVSS:3.1/AV:N", Score: 7.5},
			{},
			{Score: 1e-7},
			{Score: math.Copysign(0, -1)},
			{Vector: "v", Score: 1e21},
		},
		FixState:          "fixed",
		FixedVersions:     []string{"2", "3"},
		Title:             "t <b>&amp;</b>",
		Description:       "line\nbreak\ttab \"quoted\" back\\slash \b\f\r\x00\x1f\x7f \u2028\u2029 é 😀 bad\xff\xfeutf8",
		URLs:              []string{"https://example.com/?a=1&b=<2>"},
		Locations:         []string{"/var/lib"},
		Sources:           []attest.VulnSource{{Scanner: "grype", File: "g.json", VulnID: "ALAS-1", Severity: "high", CVSS: []attest.CVSS{{Score: 5}}, FixState: "fixed", FixedVersions: []string{"2"}}, {Scanner: "trivy", VulnID: "CVE-2024-0727", Severity: "low"}},
		MissedBy:          []string{"inspector"},
		SeverityDisagrees: true,
		KEV:               &attest.KEV{DateAdded: "2024-01-01", DueDate: "2024-02-01", RansomwareUse: "Known", RequiredAction: "patch"},
		EPSS:              &attest.EPSS{Score: 0.00001234, Percentile: 0.99, Date: "2026-11-22"},
		VEXStatus:         "affected",
		Suppression:       &attest.Suppression{By: "vex", Status: "not_affected", Justification: "j", Detail: "d", Source: "vex.json", Expires: "2027-01-01"},
	}
	for name, v := range map[string]attest.Vulnerability{
		"full":         full,
		"zero":         {},
		"empty lists":  {Aliases: []string{}, CVSS: []attest.CVSS{}, Sources: []attest.VulnSource{}, MissedBy: []string{}},
		"empty kev":    {KEV: &attest.KEV{}, EPSS: &attest.EPSS{Score: math.Copysign(0, -1)}, Suppression: &attest.Suppression{}},
		"big numbers":  {EPSS: &attest.EPSS{Score: 123456789012345678, Percentile: 1e20}, CVSS: []attest.CVSS{{Score: -1e-9}, {Score: 1e-6}, {Score: 9.999999e20}}},
		"nan score":    {CVSS: []attest.CVSS{{Score: math.NaN()}}},
		"inf epss":     {EPSS: &attest.EPSS{Score: math.Inf(1)}},
		"inf source":   {Sources: []attest.VulnSource{{CVSS: []attest.CVSS{{Score: math.Inf(-1)}}}}},
		"package only": {Package: attest.Package{Name: "n", Version: "v"}, Artifact: attest.Artifact{Name: "x"}},
	} {
		t.Run(name, func(t *testing.T) { checkAppend(t, &v) })
	}
}

// FuzzAppendVulnerability holds appendVulnerability to encoding/json on
// vulnerabilities made of the fuzzer's strings and numbers.
func FuzzAppendVulnerability(f *testing.F) {
	f.Add("CVE-1", "a\x00\"\\\u2028\xff", 5.5, 0.1, uint8(0))
	f.Add("", "", 0.0, math.Copysign(0, -1), uint8(255))
	f.Add("<&>", "\t\n", 1e-7, 1e21, uint8(0x55))
	f.Fuzz(func(t *testing.T, a, b string, x, y float64, flags uint8) {
		on := func(bit uint) bool { return flags&(1<<bit) != 0 }
		v := attest.Vulnerability{ID: a, Severity: b, FixState: a + b, Description: b, Artifact: attest.Artifact{Kind: b, Name: a, Tag: b}}
		if on(0) {
			v.Aliases = []string{a, b}
		}
		if on(1) {
			v.CVSS = []attest.CVSS{{Source: a, Score: x}, {Vector: b, Score: y}}
		}
		if on(2) {
			v.Sources = []attest.VulnSource{{Scanner: a, File: b, VulnID: a, CVSS: []attest.CVSS{{Score: y}}, FixedVersions: []string{b}}}
		}
		if on(3) {
			v.EPSS = &attest.EPSS{Score: x, Percentile: y, Date: a}
		}
		if on(4) {
			v.KEV = &attest.KEV{DueDate: b}
		}
		if on(5) {
			v.Suppression = &attest.Suppression{By: a, Detail: b}
		}
		if on(6) {
			v.Package = attest.Package{PURL: a, Name: b}
		}
		v.SeverityDisagrees = on(7)
		checkAppend(t, &v)
	})
}
