package evidence_test

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/evidence"
)

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("../testdata/evidence/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestNew(t *testing.T) {
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	scan, vulns := fixture(t, "scan-aws-web.json"), fixture(t, "vulns-release-1.5.0.json")
	e, rec, err := evidence.New(attest.EvidenceVulns, vulns, evidence.Meta{Repository: "r", Release: "1.5.0"}, "ci", now)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"sha256:0598725bc9704d460e046b3c56e82901af05faa7419b1e22e45992c62213d3c9",
		"sha256:3d0e4d6ba734863d64d583a4834214bff119926cb313d657f0e190ed4014ec5b",
	}
	if !slices.Equal(e.Digests, want) || e.Uploader != "ci" || !e.Received.Equal(now) {
		t.Errorf("evidence = %+v", e)
	}
	if err := attest.CheckRecord(e, rec); err != nil || rec.Actor != "ci" || rec.Source != "attest" {
		t.Errorf("record %+v: %v", rec, err)
	}
	if err := e.Validate(); err != nil {
		t.Error(err)
	}
	for _, tc := range []struct {
		name string
		kind string
		body []byte
		meta evidence.Meta
		want string
	}{
		{"unknown kind", "sbom", scan, evidence.Meta{}, "evidence kind"},
		{"scan as vulns", attest.EvidenceVulns, scan, evidence.Meta{}, "not an attest vulns report"},
		{"vulns as scan", attest.EvidenceScan, vulns, evidence.Meta{}, "not an attest scan report"},
		{"release on a scan", attest.EvidenceScan, scan, evidence.Meta{Release: "1"}, "not a scan"},
		{"bad digest", attest.EvidenceVulns, vulns, evidence.Meta{Digests: []string{"sha256:ABC"}}, "image digest"},
		{"truncated", attest.EvidenceScan, scan[:len(scan)/2], evidence.Meta{}, "malformed JSON"},
		{"future schema", attest.EvidenceVulns, []byte(strings.Replace(string(vulns), `"schema_version": "1.0"`, `"schema_version": "2.0"`, 1)), evidence.Meta{}, "schema_version"},
	} {
		_, _, err := evidence.New(tc.kind, tc.body, tc.meta, "ci", now)
		if attest.ErrorCode(err) != attest.EINVALID || !strings.Contains(attest.ErrorMessage(err), tc.want) {
			t.Errorf("%s: %v; want EINVALID with %q", tc.name, err, tc.want)
		}
	}
}

func TestParseScan_position(t *testing.T) {
	_, err := evidence.ParseScan("scan.json", []byte("{\n  \"schema_version\": \"1\",\n  \"tool\": [1,,]\n}"))
	if msg := attest.ErrorMessage(err); !strings.HasPrefix(msg, "scan.json:3:14: malformed JSON") {
		t.Errorf("error %q; want it at scan.json:3:14", msg)
	}
}

// FuzzParse feeds both parsers anything: they return a report or EINVALID,
// never panic, and a report they accept has the kind's identification.
func FuzzParse(f *testing.F) {
	f.Add(fixture(f, "scan-aws-web.json"))
	f.Add(fixture(f, "vulns-release-1.5.0.json"))
	f.Add([]byte(`{"schema_version":"1"}`))
	f.Add([]byte(`{"kind":"attest.vulns.report","schema_version":"1.0","vulnerabilities":[{"id":"CVE-1","package":{"name":"a"}}]}`))
	f.Add([]byte("\x1f\x8b"))
	f.Fuzz(func(t *testing.T, body []byte) {
		if r, err := evidence.ParseScan("b", body); err == nil {
			if r.SchemaVersion != "1" {
				t.Errorf("accepted a scan of schema %q", r.SchemaVersion)
			}
		} else if attest.ErrorCode(err) != attest.EINVALID {
			t.Errorf("ParseScan: %v is not EINVALID", err)
		}
		if r, err := evidence.ParseVulns("b", body); err == nil {
			if r.Kind != "attest.vulns.report" {
				t.Errorf("accepted a vulns report of kind %q", r.Kind)
			}
			for _, d := range evidence.Digests(r) {
				if !attest.ValidDigest(d) {
					t.Errorf("digest %q", d)
				}
			}
		} else if attest.ErrorCode(err) != attest.EINVALID {
			t.Errorf("ParseVulns: %v is not EINVALID", err)
		}
	})
}

func BenchmarkParseScan(b *testing.B) {
	scan := fixture(b, "scan-aws-web.json")
	for b.Loop() {
		if _, err := evidence.ParseScan("b", scan); err != nil {
			b.Fatal(err)
		}
	}
}
