package vuln_test

import (
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/vuln"
	"github.com/google/go-cmp/cmp"
)

func TestLoadKEV(t *testing.T) {
	c, err := vuln.LoadKEV("testdata/kev/known_exploited_vulnerabilities.json")
	if err != nil {
		t.Fatal(err)
	}
	if c.CatalogVersion != "2026.11.21" || len(c.Entries) != 3 {
		t.Fatalf("catalog %q with %d entries, want 2026.11.21 with 3", c.CatalogVersion, len(c.Entries))
	}
	want := attest.KEV{DateAdded: "2021-12-10", DueDate: "2021-12-24", RansomwareUse: "Known",
		RequiredAction: "Apply updates per vendor instructions, or remove affected assets from agency networks."}
	if diff := cmp.Diff(want, c.Entries["CVE-2021-44228"]); diff != "" {
		t.Errorf("log4shell entry (-want +got):\n%s", diff)
	}
}

func TestParseKEV_errors(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"truncated", `{"title": "x", "vulnerabilities": [{"cveID": "CVE-2021-44228"`, "kev.json:1:"},
		{"malformed", "{\n  \"vulnerabilities\": [,]\n}", "kev.json:2:"},
		{"count mismatch", `{"count": 2, "vulnerabilities": [{"cveID": "CVE-2021-44228"}]}`, "count 2 but lists 1"},
		{"not a CVE", `{"vulnerabilities": [{"cveID": "GHSA-aaaa-bbbb-cccc"}]}`, "vulnerabilities[0]"},
		{"not a catalog", `{"foo": 1}`, "no \"vulnerabilities\""},
		{"wrong type", `{"vulnerabilities": {"cveID": 1}}`, "kev.json:1:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := vuln.ParseKEV("kev.json", []byte(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "kev.json") {
				t.Errorf("error = %v, want it to contain %q and the file name", err, tt.want)
			}
		})
	}
}

func TestLoadEPSS(t *testing.T) {
	for _, name := range []string{"epss_scores-2026-11-22.csv", "epss_scores-2026-11-22.csv.gz"} {
		t.Run(name, func(t *testing.T) {
			s, err := vuln.LoadEPSS(filepath.Join("testdata/epss", name))
			if err != nil {
				t.Fatal(err)
			}
			if s.ModelVersion != "v2025.03.14" || s.ScoreDate != "2026-11-22" {
				t.Errorf("model %q date %q", s.ModelVersion, s.ScoreDate)
			}
			if len(s.Scores) != 7 {
				t.Errorf("%d scores, want 7", len(s.Scores))
			}
			want := attest.EPSS{Score: 0.94358, Percentile: 0.99953, Date: "2026-11-22"}
			if diff := cmp.Diff(want, s.Scores["CVE-2021-44228"]); diff != "" {
				t.Errorf("log4shell score (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLoadEPSS_errors(t *testing.T) {
	tests := []struct{ file, want string }{
		{"bad-number.csv", "bad-number.csv:3: epss: \"abc\" is not a number"},
		{"short-row.csv", "short-row.csv:3: want 3 fields, got 2"},
		{"../kev/known_exploited_vulnerabilities.json", "known_exploited_vulnerabilities.json:1: not an EPSS CSV"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, err := vuln.LoadEPSS(filepath.Join("testdata/epss", tt.file))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestParseEPSS_noComment(t *testing.T) {
	s, err := vuln.ParseEPSS("x.csv", strings.NewReader("cve,epss,percentile\r\nCVE-2024-1,0.5,0.9\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	if s.Scores["CVE-2024-1"].Score != 0.5 {
		t.Errorf("scores = %v", s.Scores)
	}
}

// release is a small merged release: openssl (two CVEs), a KEV log4j, an
// npm package, xz in KEV.
func release(t *testing.T) []attest.Vulnerability {
	t.Helper()
	log4j := attest.Occurrence{
		Scanner:  "grype",
		Artifact: attest.Artifact{Kind: attest.ArtifactImage, Name: ecrRepo, Tag: "1.4.0", ManifestDigest: manifest, ConfigDigest: config},
		Package:  attest.Package{PURL: "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", Name: "log4j-core", Version: "2.14.1"},
		VulnID:   "GHSA-jfh8-c2jp-5v3q", Aliases: []string{"CVE-2021-44228"}, Severity: "critical",
		FixedVersions: []string{"2.15.0"},
	}
	babel := attest.Occurrence{
		Scanner:  "trivy",
		Artifact: attest.Artifact{Kind: attest.ArtifactImage, Name: ecrRepo, Tag: "1.4.0", ConfigDigest: config},
		Package:  attest.Package{PURL: "pkg:npm/%40babel/traverse@7.22.5", Name: "@babel/traverse", Version: "7.22.5"},
		VulnID:   "CVE-2023-45133", Severity: "critical", FixedVersions: []string{"7.23.2"},
	}
	xz := attest.Occurrence{
		Scanner:  "trivy",
		Artifact: attest.Artifact{Kind: attest.ArtifactImage, Name: ecrRepo, Tag: "1.4.0", ConfigDigest: config},
		Package:  attest.Package{PURL: "pkg:deb/debian/liblzma5@5.6.0-0.2?arch=amd64", Name: "liblzma5", Version: "5.6.0-0.2"},
		VulnID:   "CVE-2024-3094", Severity: "critical", FixState: attest.FixNotFixed,
	}
	openssl2 := grypeOcc()
	openssl2.VulnID, openssl2.Aliases, openssl2.Severity = "CVE-2024-2511", nil, "low"
	webp := attest.Occurrence{
		Scanner:  "inspector",
		Artifact: attest.Artifact{Kind: attest.ArtifactImage, Name: "shop/api", ManifestDigest: manifest},
		Package:  attest.Package{Ecosystem: "OS_RPM", Name: "libwebp", Version: "1.2.4-1"},
		VulnID:   "CVE-2023-4863", Severity: "HIGH", FixedVersions: []string{"1.2.4-2"},
	}
	return vuln.Merge([]attest.Occurrence{grypeOcc(), trivyOcc(), inspectorOcc(), log4j, babel, xz, openssl2, webp})
}

func loadEnrichment(t *testing.T) vuln.Enrichment {
	t.Helper()
	kev, err := vuln.LoadKEV("testdata/kev/known_exploited_vulnerabilities.json")
	if err != nil {
		t.Fatal(err)
	}
	epss, err := vuln.LoadEPSS("testdata/epss/epss_scores-2026-11-22.csv")
	if err != nil {
		t.Fatal(err)
	}
	var vex []vuln.VEXStatement
	for _, f := range []string{"openvex.json", "cyclonedx-vex.json"} {
		s, err := vuln.LoadVEX(filepath.Join("testdata/vex", f))
		if err != nil {
			t.Fatal(err)
		}
		vex = append(vex, s...)
	}
	ign, err := vuln.LoadIgnoreRules("testdata/config/attest.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return vuln.Enrichment{KEV: kev, EPSS: epss, VEX: vex, Ignores: ign, Now: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)}
}

func byID(vs []attest.Vulnerability) map[string]attest.Vulnerability {
	m := make(map[string]attest.Vulnerability)
	for _, v := range vs {
		m[v.ID] = v
	}
	return m
}

func TestEnrich(t *testing.T) {
	vs := release(t)
	expired := vuln.Enrich(vs, loadEnrichment(t))
	m := byID(vs)

	if m["CVE-2021-44228"].KEV == nil || m["CVE-2024-3094"].KEV == nil || m["CVE-2023-45133"].KEV != nil {
		t.Errorf("KEV not set as the catalog says")
	}
	if e := m["CVE-2024-0727"].EPSS; e == nil || e.Score != 0.00133 {
		t.Errorf("EPSS of CVE-2024-0727 = %+v", e)
	}

	want := map[string]*attest.Suppression{
		"CVE-2024-0727": {By: "vex", Status: "not_affected", Justification: "vulnerable_code_not_in_execute_path",
			Detail: "The service never reads PKCS12 files.", Source: "testdata/vex/openvex.json"},
		"CVE-2023-45133": {By: "vex", Status: "resolved", Justification: "code_not_reachable",
			Detail: "Upgraded in the build image; the scanner reads a stale lockfile.", Source: "testdata/vex/cyclonedx-vex.json"},
		"CVE-2024-2511": {By: "ignore", Status: "ignored", Justification: "memory growth only with non-default session options we do not set",
			Source: "testdata/config/attest.yaml:5:7", Expires: "2026-12-31"},
		"CVE-2021-44228": nil,
		"CVE-2024-3094":  nil,
		// The ignore rule for the WebP CVE expired on 2026-11-01.
		"CVE-2023-4863": nil,
	}
	for id, w := range want {
		if diff := cmp.Diff(w, m[id].Suppression); diff != "" {
			t.Errorf("%s suppression (-want +got):\n%s", id, diff)
		}
	}
	if got := m["CVE-2024-3094"].VEXStatus; got != "exploitable" {
		t.Errorf("xz VEX status = %q, want exploitable (not suppressing)", got)
	}
	// The OpenVEX under_investigation statement does not apply: the
	// ignore rule suppressed it, but the VEX status is still recorded.
	if got := m["CVE-2024-2511"].VEXStatus; got != "under_investigation" {
		t.Errorf("CVE-2024-2511 VEX status = %q, want under_investigation", got)
	}
	if len(expired) != 1 || expired[0].Rule.ID != "CVE-2023-4863" || expired[0].Matches != 1 {
		t.Errorf("expired = %+v, want the WebP rule with 1 match", expired)
	}
}

func TestRank(t *testing.T) {
	vs := release(t)
	vuln.Enrich(vs, loadEnrichment(t))
	vuln.Rank(vs)
	var got []string
	for _, v := range vs {
		got = append(got, v.ID)
	}
	// Active first: the three in KEV by EPSS (log4j 0.94, WebP 0.93, xz
	// 0.85); then the suppressed ones by EPSS.
	want := []string{"CVE-2021-44228", "CVE-2023-4863", "CVE-2024-3094", "CVE-2024-2511", "CVE-2023-45133", "CVE-2024-0727"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rank order (-want +got):\n%s", diff)
	}
}

func TestComparePriority(t *testing.T) {
	kev := &attest.KEV{DateAdded: "2024-01-01"}
	tests := []struct {
		name      string
		high, low attest.Vulnerability
	}{
		{"KEV beats EPSS", attest.Vulnerability{KEV: kev, Severity: "low"}, attest.Vulnerability{EPSS: &attest.EPSS{Score: 0.99}, Severity: "critical"}},
		{"EPSS beats severity", attest.Vulnerability{EPSS: &attest.EPSS{Score: 0.2}, Severity: "low"}, attest.Vulnerability{EPSS: &attest.EPSS{Score: 0.1}, Severity: "critical"}},
		{"some EPSS beats none", attest.Vulnerability{EPSS: &attest.EPSS{Score: 0}, Severity: "low"}, attest.Vulnerability{Severity: "critical"}},
		{"severity beats fix", attest.Vulnerability{Severity: "high"}, attest.Vulnerability{Severity: "medium", FixState: attest.FixAvailable}},
		{"fix breaks ties", attest.Vulnerability{Severity: "high", FixState: attest.FixAvailable}, attest.Vulnerability{Severity: "high", FixState: attest.FixNotFixed}},
		{"active beats suppressed", attest.Vulnerability{Severity: "low"}, attest.Vulnerability{KEV: kev, Severity: "critical", Suppression: &attest.Suppression{By: "vex"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if vuln.ComparePriority(tt.high, tt.low) >= 0 || vuln.ComparePriority(tt.low, tt.high) <= 0 {
				t.Errorf("order wrong")
			}
		})
	}
}

func TestParseIgnoreRules_errors(t *testing.T) {
	_, err := vuln.LoadIgnoreRules("testdata/config/missing-reason.yaml")
	if err == nil {
		t.Fatal("no error for rules without reason and with a bad date")
	}
	for _, want := range []string{
		"testdata/config/missing-reason.yaml:3:7: error: vulns.ignore[0] (CVE-2024-2511) needs reason",
		"testdata/config/missing-reason.yaml:7:16: error: vulns.ignore[1].expires \"tomorrow\" is not a date",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q\nwant it to contain %q", err, want)
		}
	}
	tests := []struct{ name, data, want string }{
		{"no expiry", "vulns:\n  ignore:\n    - id: CVE-1\n      reason: x\n", "c.yaml:3:7: error: vulns.ignore[0] (CVE-1) needs expires"},
		{"unknown key", "vulns:\n  ignore:\n    - id: CVE-1\n      reason: x\n      expires: 2026-01-01\n      pkg: x\n", "c.yaml:6:7: error: vulns.ignore[0]: unknown key \"pkg\""},
		{"not a list", "vulns:\n  ignore: CVE-1\n", "c.yaml:2:11: error: vulns.ignore must be a list"},
		{"bad yaml", "vulns: [\n", "c.yaml: yaml: line"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := vuln.ParseIgnoreRules("c.yaml", []byte(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestIgnoreRule_Expired(t *testing.T) {
	rules, err := vuln.ParseIgnoreRules("c.yaml", []byte("vulns:\n  ignore:\n    - {id: CVE-1, reason: r, expires: 2026-12-31}\n"))
	if err != nil {
		t.Fatal(err)
	}
	r := rules[0]
	for _, tt := range []struct {
		now  time.Time
		want bool
	}{
		{time.Date(2026, 12, 31, 23, 59, 0, 0, time.UTC), false},
		{time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), true},
	} {
		if got := r.Expired(tt.now); got != tt.want {
			t.Errorf("Expired(%v) = %v, want %v", tt.now, got, tt.want)
		}
	}
}

func TestParseVEX_errors(t *testing.T) {
	tests := []struct{ name, data, want string }{
		{"bad status", `{"@context":"https://openvex.dev/ns/v0.2.0","statements":[{"vulnerability":{"name":"CVE-1"},"products":[{"@id":"pkg:npm/a"}],"status":"maybe"}]}`, "v.json: statements[0]: status \"maybe\""},
		{"no products", `{"@context":"https://openvex.dev/ns/v0.2.0","statements":[{"vulnerability":{"name":"CVE-1"},"status":"fixed"}]}`, "statements[0]: no products"},
		{"cdx bad state", `{"bomFormat":"CycloneDX","vulnerabilities":[{"id":"CVE-1","analysis":{"state":"nope"},"affects":[{"ref":"x"}]}]}`, "vulnerabilities[0]: analysis state \"nope\""},
		{"neither", `{"foo":1}`, "v.json: not a VEX document"},
		{"truncated", `{"statements":[`, "v.json:1:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := vuln.ParseVEX("v.json", []byte(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestParseVEX_openVEXv001(t *testing.T) {
	data := `{"@context":"https://openvex.dev/ns","@id":"x","author":"a","timestamp":"2023-01-08T18:02:03Z","version":"1",
	"statements":[{"vulnerability":"CVE-2023-45133","products":["pkg:npm/%40babel/traverse@7.22.5"],"status":"not_affected","justification":"component_not_present"}]}`
	s, err := vuln.ParseVEX("v.json", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	vs := release(t)
	vuln.Enrich(vs, vuln.Enrichment{VEX: s})
	if sup := byID(vs)["CVE-2023-45133"].Suppression; sup == nil || sup.Justification != "component_not_present" {
		t.Errorf("suppression = %+v", sup)
	}
}

func TestFilter_Keep(t *testing.T) {
	tests := []struct {
		f    vuln.Filter
		v    attest.Vulnerability
		want bool
	}{
		{vuln.Filter{MinSeverity: "high"}, attest.Vulnerability{Severity: "critical"}, true},
		{vuln.Filter{MinSeverity: "high"}, attest.Vulnerability{Severity: "medium"}, false},
		{vuln.Filter{OnlyFixable: true}, attest.Vulnerability{Severity: "low", FixState: attest.FixAvailable}, true},
		{vuln.Filter{OnlyFixable: true}, attest.Vulnerability{Severity: "critical", FixState: attest.FixWontFix}, false},
		{vuln.Filter{}, attest.Vulnerability{Severity: "unknown"}, true},
	}
	for _, tt := range tests {
		if got := tt.f.Keep(&tt.v); got != tt.want {
			t.Errorf("%+v.Keep(%s %s) = %v", tt.f, tt.v.Severity, tt.v.FixState, got)
		}
	}
}

func TestSummarize(t *testing.T) {
	vs := release(t)
	vuln.Enrich(vs, loadEnrichment(t))
	s := vuln.Summarize(vs)
	if s.Total != 6 || s.Active != 3 || s.Suppressed != 3 || s.KEV != 3 || s.Fixable != 2 {
		t.Errorf("summary = %+v", s)
	}
	crit := s.BySeverity[0]
	if crit.Severity != "critical" || crit.Fixed != 1 || crit.NotFixed != 1 || crit.Total != 2 {
		t.Errorf("critical row = %+v", crit)
	}
}

func TestReadReport(t *testing.T) {
	vs := release(t)
	rep := vuln.BuildReport(nil, vuln.Options{})
	rep.Vulnerabilities = vs
	data, err := jsonMarshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	if !vuln.IsReport(data) {
		t.Fatal("IsReport false for a report")
	}
	back, err := vuln.ReadReport("r.json", data)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(vs, back.Vulnerabilities); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	if _, err := vuln.ReadReport("r.json", []byte(`{"kind":"attest.vulns.report","schema_version":"2.0"}`)); err == nil || !strings.Contains(err.Error(), "r.json: schema_version") {
		t.Errorf("error = %v for a future schema", err)
	}
}

func TestEnrich_vexProducts(t *testing.T) {
	stmt := func(product string, subs ...string) vuln.VEXStatement {
		return vuln.VEXStatement{Vulnerability: "CVE-2024-0727", Products: []string{product}, Subcomponents: subs, Status: vuln.VEXNotAffected, Source: "v.json"}
	}
	tests := []struct {
		name string
		st   vuln.VEXStatement
		want bool
	}{
		{"image ref with tag", stmt(ecrRepo + ":1.4.0"), true},
		{"image ref other tag", stmt(ecrRepo + ":1.5.0"), false},
		{"image by config digest", stmt("shop/api@" + config), true},
		{"image by other digest", stmt("shop/api@" + other), false},
		{"short repository name", stmt("shop/api"), true},
		{"other repository", stmt("shop/web"), false},
		{"pkg:oci by manifest digest", stmt("pkg:oci/api@" + strings.Replace(manifest, ":", "%3A", 1)), true},
		{"pkg:docker with tag", stmt("pkg:docker/shop/api@1.4.0"), true},
		{"image narrowed to the package", stmt(ecrRepo+":1.4.0", "pkg:rpm/amzn/openssl-libs@1:3.0.8-1.amzn2023.0.14"), true},
		{"image narrowed to another package", stmt(ecrRepo+":1.4.0", "pkg:rpm/amzn/openssl@1:3.0.8-1.amzn2023.0.14"), false},
		{"package purl without version", stmt("pkg:rpm/amazon/openssl-libs"), true},
		{"package purl other version", stmt("pkg:rpm/amzn/openssl-libs@1:3.0.9-1.amzn2023.0.1"), false},
		{"package purl with zero epoch spelled out", stmt("pkg:rpm/amzn/openssl-libs@3.0.8-1.amzn2023.0.14?epoch=1"), true},
		{"by alias", vuln.VEXStatement{Vulnerability: "ALAS2023-2024-550", Products: []string{"pkg:rpm/amzn/openssl-libs"}, Status: vuln.VEXFixed}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vs := release(t)
			vuln.Enrich(vs, vuln.Enrichment{VEX: []vuln.VEXStatement{tt.st}})
			got := byID(vs)["CVE-2024-0727"].Suppression != nil
			if got != tt.want {
				t.Errorf("suppressed = %v, want %v", got, tt.want)
			}
			if other := byID(vs)["CVE-2024-2511"].Suppression; other != nil {
				t.Errorf("statement about CVE-2024-0727 suppressed CVE-2024-2511")
			}
		})
	}
}

func TestRank_inputOrder(t *testing.T) {
	sorted := vuln.Merge(syntheticOccurrences(3000))
	for i := range sorted {
		if i%7 == 0 {
			sorted[i].KEV = &attest.KEV{}
		}
		if i%5 == 0 {
			sorted[i].EPSS = &attest.EPSS{Score: float64(i%3) / 10}
		}
	}
	shuffled := slices.Clone(sorted)
	rand.New(rand.NewPCG(3, 4)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	vuln.Rank(sorted)
	vuln.Rank(shuffled)
	if diff := cmp.Diff(sorted, shuffled); diff != "" {
		t.Errorf("Rank depends on input order (-sorted +shuffled):\n%s", diff)
	}
	if !slices.IsSortedFunc(sorted, vuln.ComparePriority) {
		t.Error("Rank's result is not in ComparePriority order")
	}
}

// TestNewReport_filter checks that the findings a filter keeps stay in
// ranked order, whether they sit before or after hidden ones.
func TestNewReport_filter(t *testing.T) {
	var vs []attest.Vulnerability
	for i, sev := range []string{"critical", "high", "low", "critical", "medium", "high", "low"} {
		vs = append(vs, attest.Vulnerability{ID: "CVE-2024-" + string(rune('0'+i)), Severity: sev, Sources: []attest.VulnSource{}})
	}
	r := vuln.NewReport(vs, vuln.Options{Filter: vuln.Filter{MinSeverity: "high"}})
	var got []string
	for _, v := range r.Vulnerabilities {
		got = append(got, v.ID+" "+v.Severity)
	}
	want := []string{"CVE-2024-0 critical", "CVE-2024-3 critical", "CVE-2024-1 high", "CVE-2024-5 high"}
	if !slices.Equal(got, want) || r.Hidden != 3 {
		t.Errorf("kept %q, %d hidden; want %q, 3 hidden", got, r.Hidden, want)
	}
}
