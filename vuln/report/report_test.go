package report_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/internal/sarifschema"
	"github.com/attest-dev/attest/vuln"
	"github.com/attest-dev/attest/vuln/report"
	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const (
	repo     = "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/api"
	manifest = "sha256:1111111111111111111111111111111111111111111111111111111111111111"
	config   = "sha256:2222222222222222222222222222222222222222222222222222222222222222"
	config2  = "sha256:3333333333333333333333333333333333333333333333333333333333333333"
)

var now = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

func image(digest string) attest.Artifact {
	return attest.Artifact{Kind: attest.ArtifactImage, Name: repo, Tag: "1.5.0", ManifestDigest: manifest, ConfigDigest: digest}
}

// occurrences is one release as three scanners saw it.
func occurrences() []attest.Occurrence {
	img := image(config)
	openssl := attest.Package{PURL: "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12", Ecosystem: "deb", Name: "libssl3", Version: "3.0.11-1~deb12u2"}
	lodash := attest.Package{PURL: "pkg:npm/lodash@4.17.20", Ecosystem: "npm", Name: "lodash", Version: "4.17.20"}
	log4j := attest.Package{PURL: "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", Ecosystem: "maven", Name: "org.apache.logging.log4j:log4j-core", Version: "2.14.1"}
	evil := attest.Package{PURL: "pkg:npm/%3Cscript%3E@1.0.0", Ecosystem: "npm", Name: "<script>alert(1)</script>|*x*", Version: "1.0.0"}
	cvss := []attest.CVSS{{Source: "nvd", Version: "3.1", Vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", Score: 10}}
	return []attest.Occurrence{
		{Scanner: "grype", File: "grype.json", Artifact: img, Package: log4j, VulnID: "GHSA-jfh8-c2jp-5v3q", Aliases: []string{"CVE-2021-44228"},
			Severity: "critical", CVSS: cvss, FixedVersions: []string{"2.15.0"}, Title: "Remote code execution through JNDI lookups in logged text",
			URLs: []string{"https://nvd.nist.gov/vuln/detail/CVE-2021-44228"}, Locations: []string{"/app/lib/log4j-core-2.14.1.jar"}},
		{Scanner: "trivy", File: "trivy.json", Artifact: attest.Artifact{Kind: attest.ArtifactImage, Name: repo, Tag: "1.5.0", ConfigDigest: config}, Package: log4j,
			VulnID: "CVE-2021-44228", Severity: "critical", FixedVersions: []string{"2.15.0", "2.12.2"}, Locations: []string{"/app/lib/log4j-core-2.14.1.jar"}},
		{Scanner: "grype", File: "grype.json", Artifact: img, Package: lodash, VulnID: "GHSA-35jh-r3h4-6jhm", Aliases: []string{"CVE-2021-23337"},
			Severity: "high", FixedVersions: []string{"4.17.21"}, Locations: []string{"/app/node_modules/lodash/package.json"}},
		{Scanner: "trivy", File: "trivy.json", Artifact: image(config), Package: lodash, VulnID: "CVE-2021-23337", Severity: "medium", FixedVersions: []string{"4.17.21"}},
		{Scanner: "inspector", File: "inspector.json", Artifact: attest.Artifact{Kind: attest.ArtifactImage, Name: "shop/api", ManifestDigest: manifest}, Package: openssl,
			VulnID: "CVE-2024-0727", Severity: "MEDIUM", FixState: attest.FixNotFixed},
		{Scanner: "trivy", File: "trivy.json", Artifact: image(config), Package: openssl, VulnID: "CVE-2024-0727", Severity: "low", FixState: attest.FixNotFixed},
		{Scanner: "trivy", File: "trivy.json", Artifact: image(config), Package: openssl, VulnID: "CVE-2024-2511", Severity: "low", FixState: attest.FixWontFix},
		{Scanner: "trivy", File: "trivy.json", Artifact: image(config), Package: evil, VulnID: "CVE-2099-0001", Severity: "high",
			Title: `<img src=x onerror=alert(1)> & "quotes"`, FixedVersions: []string{"1.0.1"}},
	}
}

// previous is the release before: lodash was open, so was a now-fixed zlib.
func previous() []attest.Vulnerability {
	old := image(config2)
	return []attest.Vulnerability{
		{ID: "CVE-2021-23337", Artifact: old, Package: attest.Package{PURL: "pkg:npm/lodash@4.17.19", Name: "lodash", Version: "4.17.19"}, Severity: "medium", FixState: attest.FixAvailable, FixedVersions: []string{"4.17.21"},
			Sources: []attest.VulnSource{{Scanner: "trivy", VulnID: "CVE-2021-23337", Severity: "medium"}}},
		{ID: "CVE-2023-45853", Artifact: old, Package: attest.Package{PURL: "pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1", Name: "zlib1g", Version: "1:1.2.13.dfsg-1"}, Severity: "critical", FixState: attest.FixWontFix,
			Sources: []attest.VulnSource{{Scanner: "trivy", VulnID: "CVE-2023-45853", Severity: "critical"}}},
	}
}

func testReport(t *testing.T) *vuln.Report {
	t.Helper()
	kev, err := vuln.LoadKEV("../testdata/kev/known_exploited_vulnerabilities.json")
	if err != nil {
		t.Fatal(err)
	}
	epss, err := vuln.LoadEPSS("../testdata/epss/epss_scores-2026-11-22.csv")
	if err != nil {
		t.Fatal(err)
	}
	vex, err := vuln.ParseVEX("vex.json", []byte(`{"@context":"https://openvex.dev/ns/v0.2.0","statements":[
	  {"vulnerability":{"name":"CVE-2024-0727"},"products":[{"@id":"pkg:deb/debian/libssl3"}],"status":"not_affected",
	   "justification":"vulnerable_code_not_in_execute_path","impact_statement":"PKCS12 is never parsed."}]}`))
	if err != nil {
		t.Fatal(err)
	}
	ign, err := vuln.ParseIgnoreRules(".attest.yaml", []byte("vulns:\n  ignore:\n    - id: CVE-2024-2511\n      package: libssl*\n      reason: only with non-default session options\n      expires: 2026-12-31\n    - id: CVE-2021-23337\n      reason: old\n      expires: 2026-01-31\n"))
	if err != nil {
		t.Fatal(err)
	}
	return vuln.BuildReport(occurrences(), vuln.Options{
		Enrichment: vuln.Enrichment{KEV: kev, EPSS: epss, VEX: vex, Ignores: ign, Now: now},
		Inputs: []vuln.Input{
			{Path: "grype.json", Format: "grype", Occurrences: 3},
			{Path: "trivy.json", Format: "trivy", Occurrences: 4},
			{Path: "inspector.json", Format: "inspector", Occurrences: 1},
		},
		Previous: previous(),
	})
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs from the golden file (-want +got):\n%s", name, diff)
	}
}

func TestRender_golden(t *testing.T) {
	files := map[string]string{
		report.FormatTable:        "report.txt",
		report.FormatMarkdown:     "report.md",
		report.FormatJSON:         "report.json",
		report.FormatSARIF:        "report.sarif",
		report.FormatCycloneDXVEX: "report.cdx.json",
		report.FormatHTML:         "report.html",
	}
	if len(files) != len(report.Formats()) {
		t.Fatalf("formats %v, golden files for %d", report.Formats(), len(files))
	}
	for format, file := range files {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := report.Render(&buf, format, testReport(t)); err != nil {
				t.Fatal(err)
			}
			golden(t, file, buf.Bytes())
		})
	}
}

func TestRender_unknownFormat(t *testing.T) {
	err := report.Render(&bytes.Buffer{}, "pdf", testReport(t))
	if err == nil || !strings.Contains(err.Error(), `"pdf"`) {
		t.Errorf("error = %v", err)
	}
}

func TestJSON_schema(t *testing.T) {
	c := jsonschema.NewCompiler()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(report.Schema))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AddResource("vulns-report.v1.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("vulns-report.v1.json")
	if err != nil {
		t.Fatal(err)
	}
	empty := vuln.BuildReport(nil, vuln.Options{Enrichment: vuln.Enrichment{Now: now}})
	for name, r := range map[string]*vuln.Report{"full": testReport(t), "empty": empty} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := report.JSON(&buf, r); err != nil {
				t.Fatal(err)
			}
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(inst); err != nil {
				t.Errorf("output does not follow the schema: %v", err)
			}
			back, err := vuln.ReadReport("r.json", buf.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(r.Vulnerabilities, back.Vulnerabilities); diff != "" {
				t.Errorf("read back (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("schema rejects", func(t *testing.T) {
		bad := `{"kind":"attest.vulns.report","schema_version":"1.0","generated":"2026-11-23T12:00:00Z","inputs":[],"filter":{},"hidden":0,
		"summary":{"total":0,"active":0,"suppressed":0,"kev":0,"fixable":0,"by_severity":[]},
		"vulnerabilities":[{"id":"CVE-1","artifact":{"kind":"image","name":"a"},"package":{"name":"p","version":"1"},"severity":"severe","fix_state":"fixed","sources":[]}]}`
		inst, _ := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		if err := sch.Validate(inst); err == nil {
			t.Error("schema accepted severity \"severe\"")
		}
	})
}

func TestReport_content(t *testing.T) {
	r := testReport(t)
	var ids []string
	for _, v := range r.Vulnerabilities {
		ids = append(ids, v.ID)
	}
	// log4j (KEV) first; then two high ones with a fix and no EPSS, by
	// package name; suppressed last, by EPSS.
	want := []string{"CVE-2021-44228", "CVE-2099-0001", "CVE-2021-23337", "CVE-2024-2511", "CVE-2024-0727"}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	if r.Diff == nil || len(r.Diff.New) != 2 || len(r.Diff.Fixed) != 1 || len(r.Diff.Open) != 1 {
		t.Errorf("diff = %+v", r.Diff)
	}
	if len(r.ExpiredIgnores) != 1 {
		t.Errorf("expired ignores = %+v", r.ExpiredIgnores)
	}
}

func TestHTML_escapes(t *testing.T) {
	var buf bytes.Buffer
	if err := report.HTML(&buf, testReport(t)); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, bad := range []string{"<script>alert", "<img src=x", "http://", "https://fonts", "<link", "<script"} {
		if strings.Contains(out, bad) {
			t.Errorf("HTML contains %q", bad)
		}
	}
	if !strings.Contains(out, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("HTML does not show the escaped package name")
	}
}

func TestMarkdown_escapes(t *testing.T) {
	var buf bytes.Buffer
	if err := report.Markdown(&buf, testReport(t)); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(buf.String(), "\n") {
		if strings.Contains(line, "<script>") && !strings.Contains(line, "`<script>") {
			t.Errorf("raw HTML outside a code span: %s", line)
		}
		if strings.Contains(line, "</script>|*x*") {
			t.Errorf("unescaped pipe in a table cell: %s", line)
		}
	}
}

func TestSARIF_shape(t *testing.T) {
	var buf bytes.Buffer
	if err := report.SARIF(&buf, testReport(t)); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID         string `json:"id"`
						Properties struct {
							SecuritySeverity string `json:"security-severity"`
						} `json:"properties"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID       string `json:"ruleId"`
				RuleIndex    int    `json:"ruleIndex"`
				Level        string `json:"level"`
				Suppressions []any  `json:"suppressions"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	sarifschema.Validate(t, buf.Bytes())
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q, %d runs", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	suppressed := 0
	for _, res := range run.Results {
		if run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s points at rule %d", res.RuleID, res.RuleIndex)
		}
		if len(res.Suppressions) > 0 {
			suppressed++
		}
	}
	if len(run.Results) != 5 || suppressed != 2 {
		t.Errorf("%d results, %d suppressed; want 5, 2", len(run.Results), suppressed)
	}
	if got := run.Tool.Driver.Rules[0].Properties.SecuritySeverity; got != "10.0" {
		t.Errorf("log4j security-severity = %q, want 10.0", got)
	}
}

func TestRenderDiff_golden(t *testing.T) {
	d := testReport(t).Diff
	for format, file := range map[string]string{"table": "diff.txt", "markdown": "diff.md", "json": "diff.json"} {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := report.RenderDiff(&buf, format, d); err != nil {
				t.Fatal(err)
			}
			golden(t, file, buf.Bytes())
		})
	}
	if err := report.RenderDiff(&bytes.Buffer{}, "html", d); err == nil {
		t.Error("RenderDiff accepted html")
	}
}

func TestCycloneDXVEX_readBack(t *testing.T) {
	r := testReport(t)
	var buf bytes.Buffer
	if err := report.CycloneDXVEX(&buf, r); err != nil {
		t.Fatal(err)
	}
	stmts, err := vuln.ParseVEX("out.cdx.json", buf.Bytes())
	if err != nil {
		t.Fatalf("our own CycloneDX VEX does not read back: %v", err)
	}
	if len(stmts) != len(r.Vulnerabilities) {
		t.Fatalf("%d statements for %d vulnerabilities", len(stmts), len(r.Vulnerabilities))
	}
	got := map[string]string{}
	for _, s := range stmts {
		got[s.Vulnerability] = s.Status
	}
	want := map[string]string{
		"CVE-2021-44228": "in_triage",
		"CVE-2099-0001":  "in_triage",
		"CVE-2021-23337": "in_triage",
		"CVE-2024-2511":  "exploitable", // an accepted risk, not a fact about the code
		"CVE-2024-0727":  "not_affected",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
	// Applying the document to the same findings suppresses what VEX
	// suppressed.
	vs := vuln.Merge(occurrences())
	vuln.Enrich(vs, vuln.Enrichment{VEX: stmts})
	for _, v := range vs {
		if (v.Suppression != nil) != (v.ID == "CVE-2024-0727") {
			t.Errorf("%s suppression = %+v", v.ID, v.Suppression)
		}
	}
}

// TestTable_groupsByArtifact: each artifact is named once, above its rows,
// and no line is wider than report.TableWidth, however long the values.
func TestTable_groupsByArtifact(t *testing.T) {
	long := strings.Repeat("x", 150)
	var occs []attest.Occurrence
	for i, repo := range []string{"registry.example.com/" + long, "registry.example.com/shop/web"} {
		for j := range 3 {
			occs = append(occs, attest.Occurrence{
				Scanner: "grype", Artifact: attest.Artifact{Kind: attest.ArtifactImage, Name: repo, Tag: "1.0", ManifestDigest: "sha256:" + strings.Repeat(string(rune('a'+i)), 64)},
				Package: attest.Package{Ecosystem: "npm", Name: fmt.Sprintf("pkg-%d-%s", j, long), Version: "1.0.0"},
				VulnID:  fmt.Sprintf("CVE-2024-%04d", j), Severity: "high", FixedVersions: []string{long}, FixState: attest.FixAvailable,
			})
		}
	}
	var buf bytes.Buffer
	if err := report.Table(&buf, vuln.BuildReport(occs, vuln.Options{})); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, line := range strings.Split(out, "\n") {
		if n := utf8.RuneCountInString(line); n > report.TableWidth {
			t.Errorf("line of %d characters: %q", n, line)
		}
	}
	if n := strings.Count(out, "registry.example.com/shop/web:1.0@sha256:bbbb"); n != 1 {
		t.Errorf("artifact named %d times, want once:\n%s", n, out)
	}
	if n := strings.Count(out, "SEVERITY"); n != 2 {
		t.Errorf("%d header rows, want one per artifact:\n%s", n, out)
	}
	if !strings.Contains(out, "(fix available 6, no fix yet 0") || strings.Contains(out, "(fixed ") {
		t.Errorf("summary does not say 'fix available':\n%s", out)
	}
}
