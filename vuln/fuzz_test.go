package vuln_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/vuln"
)

// addFiles adds every file matching the glob as a seed.
func addFiles(f *testing.F, glob string) {
	f.Helper()
	files, err := filepath.Glob(glob)
	if err != nil || len(files) == 0 {
		f.Fatalf("no seeds for %s: %v", glob, err)
	}
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

func FuzzParseKEV(f *testing.F) {
	addFiles(f, "testdata/kev/*.json")
	f.Add([]byte(`{"count": 1, "vulnerabilities": [{"cveID": "cve-2024-1"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := vuln.ParseKEV("kev.json", data)
		if err != nil {
			return
		}
		for id := range c.Entries {
			if !vuln.IsCVE(id) {
				t.Errorf("entry %q is not a CVE", id)
			}
		}
	})
}

func FuzzParseEPSS(f *testing.F) {
	addFiles(f, "testdata/epss/*")
	f.Add([]byte("cve,percentile,epss\nCVE-2024-1,0.1,0.2\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := vuln.ParseEPSS("epss.csv", bytes.NewReader(data))
		if err != nil {
			return
		}
		for id, e := range s.Scores {
			if !vuln.IsCVE(id) || e.Score < 0 || e.Score > 1 || e.Percentile < 0 || e.Percentile > 1 {
				t.Errorf("bad score %s %+v", id, e)
			}
		}
	})
}

func FuzzParseVEX(f *testing.F) {
	addFiles(f, "testdata/vex/*.json")
	f.Add([]byte(`{"@context":"https://openvex.dev/ns","statements":[{"vulnerability":"CVE-1","products":["nginx:1.25@sha256:ab"],"status":"fixed"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		stmts, err := vuln.ParseVEX("vex.json", data)
		if err != nil {
			return
		}
		// Applying what parsed must not panic either.
		vs := []attest.Vulnerability{{ID: "CVE-1", Artifact: attest.Artifact{Kind: "image", Name: "nginx", Tag: "1.25", ConfigDigest: "sha256:ab"},
			Package: attest.Package{PURL: "pkg:npm/a@1", Name: "a", Version: "1"}}}
		vuln.Enrich(vs, vuln.Enrichment{VEX: stmts})
	})
}

func FuzzParseIgnoreRules(f *testing.F) {
	addFiles(f, "testdata/config/*.yaml")
	f.Add([]byte("vulns:\n  ignore:\n    - {id: CVE-1, package: 'a*', artifact: '?', reason: r, expires: 2026-01-01}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rules, err := vuln.ParseIgnoreRules(".attest.yaml", data)
		if err != nil {
			return
		}
		for _, r := range rules {
			if r.ID == "" || r.Reason == "" || r.Expires == "" {
				t.Errorf("rule without id, reason or expiry: %+v", r)
			}
		}
		vs := []attest.Vulnerability{{ID: "CVE-1", Package: attest.Package{Name: "abc"}, Artifact: attest.Artifact{Name: "x"}}}
		vuln.Enrich(vs, vuln.Enrichment{Ignores: rules})
	})
}

func FuzzReadReport(f *testing.F) {
	addFiles(f, "report/testdata/golden/*.json")
	f.Add([]byte(`{"kind":"attest.vulns.report","schema_version":"1.0","vulnerabilities":[{"id":"CVE-1","package":{"name":"a"}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := vuln.ReadReport("r.json", data)
		if err != nil {
			return
		}
		vuln.Diff(r.Vulnerabilities, r.Vulnerabilities)
	})
}

func FuzzParsePURL(f *testing.F) {
	for _, s := range []string{
		"pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12",
		"pkg:rpm/amazon/openssl-libs@3.0.8-1.amzn2023.0.14?arch=x86_64&epoch=1",
		"pkg:npm/%40babel/traverse@7.22.5",
		"pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar",
		"pkg:oci/api@sha256%3Aabc?repository_url=ghcr.io%2Facme%2Fapi&tag=1.0",
		"pkg:golang/golang.org/x/net@v0.17.0#http2",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, ok := vuln.ParsePURL(s)
		if ok && (p.Type == "" || p.Name == "") {
			t.Errorf("ParsePURL(%q) = %+v, ok without type or name", s, p)
		}
		vuln.PackageKey(attest.Package{PURL: s, Name: s, Version: s})
	})
}
