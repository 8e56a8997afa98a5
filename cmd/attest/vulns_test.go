package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/vuln"
)

const (
	release14 = "../../testdata/vulns/release-1.4.0"
	release15 = "../../testdata/vulns/release-1.5.0"
	kevFile   = "../../vuln/testdata/kev/known_exploited_vulnerabilities.json"
	epssFile  = "../../vuln/testdata/epss/epss_scores-2026-11-22.csv.gz"

	// The KEV, EPSS and VEX files of the README's example, which apply to
	// the example releases.
	releaseKEV  = "../../testdata/vulns/kev.json"
	releaseEPSS = "../../testdata/vulns/epss_scores-2026-11-22.csv"
	releaseVEX  = "../../testdata/vulns/vex.json"
)

func runVulns(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), append([]string{"vulns"}, args...), strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestVulnsMerge_releases(t *testing.T) {
	dir := t.TempDir()
	cfg := writeFile(t, dir, "attest.yaml", `vulns:
  ignore:
    - id: CVE-2011-3374
      package: apt
      reason: apt's key check is not used at runtime
      expires: 2999-12-31
    - id: CVE-2023-44487
      reason: behind the load balancer
      expires: 2020-01-01
`)
	vex := writeFile(t, dir, "vex.json", `{"@context":"https://openvex.dev/ns/v0.2.0","@id":"x","author":"a","timestamp":"2026-11-20T00:00:00Z","version":1,
"statements":[{"vulnerability":{"name":"CVE-2023-45853"},"products":[{"@id":"pkg:deb/debian/zlib1g"}],
"status":"not_affected","justification":"vulnerable_code_not_in_execute_path","impact_statement":"minizip is not shipped"}]}`)
	prevJSON := filepath.Join(dir, "1.4.0.json")
	if code, _, stderr := runVulns(t, "merge", "--format", "json="+prevJSON, release14); code != 0 {
		t.Fatalf("merge 1.4.0: exit %d\n%s", code, stderr)
	}

	md := filepath.Join(dir, "release.md")
	js := filepath.Join(dir, "1.5.0.json")
	html := filepath.Join(dir, "release.html")
	code, stdout, stderr := runVulns(t, "merge", "--kev", kevFile, "--epss", epssFile, "--vex", vex, "--config", cfg,
		"--previous", prevJSON, "-f", "table", "-f", "markdown="+md, "-f", "json="+js, "-f", "html="+html,
		"-f", "sarif="+filepath.Join(dir, "r.sarif"), "-f", "cyclonedx-vex="+filepath.Join(dir, "r.cdx.json"), release15)
	if code != 0 {
		t.Fatalf("merge 1.5.0: exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"CVE-2024-45491", "libexpat1", "CVE-2024-21538", "cross-spawn", "suppressed"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("table lacks %q:\n%s", want, stdout)
		}
	}
	if !strings.Contains(stderr, "ignore rule for CVE-2023-44487 expired 2020-01-01") {
		t.Errorf("stderr does not report the expired rule:\n%s", stderr)
	}

	data, err := os.ReadFile(js)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := vuln.ReadReport(js, data)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Inputs) != 6 {
		t.Errorf("%d inputs, want the 6 files of the release", len(rep.Inputs))
	}
	got := map[string]string{}
	for _, v := range rep.Vulnerabilities {
		state := "open"
		if v.Suppression != nil {
			state = v.Suppression.By
		}
		got[v.ID+" "+v.Package.Name] = state
		if v.ID == "CVE-2024-45491" && len(v.Sources) < 3 {
			t.Errorf("libexpat finding has %d sources, want one per scanner", len(v.Sources))
		}
	}
	want := map[string]string{
		"CVE-2024-45491 libexpat1":     "open",
		"CVE-2024-21538 cross-spawn":   "open",
		"CVE-2023-44487 libnghttp2-14": "open", // its ignore rule expired
		"CVE-2024-37371 libkrb5-3":     "open",
		"CVE-2022-25883 semver":        "open",
		"CVE-2011-3374 apt":            "ignore",
		"CVE-2023-45853 zlib1g":        "vex",
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %q, want %q", k, got[k], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("findings %v, want %v", got, want)
	}
	if rep.Diff == nil || len(rep.Diff.New) != 2 || len(rep.Diff.Fixed) != 3 {
		t.Errorf("diff against 1.4.0 = %+v", rep.Diff)
	}
	mdText, _ := os.ReadFile(md)
	for _, w := range []string{"## Act first", "## Since the previous release", "### New", "## Suppressed", "minizip is not shipped", "## Expired ignore rules"} {
		if !bytes.Contains(mdText, []byte(w)) {
			t.Errorf("markdown lacks %q", w)
		}
	}
	if b, _ := os.ReadFile(html); !bytes.HasPrefix(b, []byte("<!DOCTYPE html>")) {
		t.Errorf("html output does not start with a doctype")
	}
}

func TestVulnsMerge_filters(t *testing.T) {
	code, stdout, stderr := runVulns(t, "merge", "--min-severity", "critical", "--only-fixable", release15)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	// Only libexpat is critical with a fix in 1.5.0.
	if !strings.Contains(stdout, "CVE-2024-45491") || strings.Contains(stdout, "CVE-2024-21538") || strings.Contains(stdout, "CVE-2023-45853") {
		t.Errorf("filtered table:\n%s", stdout)
	}
	if !strings.Contains(stdout, "hidden by filters") {
		t.Errorf("table does not say that filters hid findings:\n%s", stdout)
	}
}

func TestVulnsMerge_badInput(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile(filepath.Join(release14, "grype.json"))
	if err != nil {
		t.Fatal(err)
	}
	truncated := writeFile(t, dir, "truncated.json", string(good[:len(good)/2]))
	malformed := writeFile(t, dir, "malformed.json", `{"matches": [ {"vulnerability": } ]}`)
	unknown := writeFile(t, dir, "unknown.json", `{"hello": "world"}`)
	badCfg := writeFile(t, dir, "attest.yaml", "vulns:\n  ignore:\n    - id: CVE-2011-3374\n      expires: 2030-01-01\n")
	badKEV := writeFile(t, dir, "kev.json", `{"vulnerabilities": [`)
	out := filepath.Join(dir, "out.md")

	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"truncated", []string{release14, truncated}, []string{"truncated.json"}},
		{"malformed", []string{malformed}, []string{"malformed.json"}},
		{"unknown format", []string{unknown}, []string{"unknown.json"}},
		{"missing file", []string{filepath.Join(dir, "nope.json")}, []string{"nope.json"}},
		{"every bad file reported", []string{truncated, malformed}, []string{"truncated.json", "malformed.json"}},
		{"ignore without reason", []string{"--config", badCfg, release14}, []string{"attest.yaml:3:7", "needs reason"}},
		{"bad kev", []string{"--kev", badKEV, release14}, []string{"kev.json:1:"}},
		{"bad format", []string{"-f", "pdf", release14}, []string{`unknown output format "pdf"`}},
		{"two on stdout", []string{"-f", "table", "-f", "json", release14}, []string{"2 formats write to stdout"}},
		{"bad severity", []string{"--min-severity", "severe", release14}, []string{`"severe"`}},
		{"merged report as input", []string{"-f", "markdown=" + out, mergedReport(t, dir)}, []string{"is a merged attest report"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"merge", "-f", "markdown=" + out}, tt.args...)
			code, stdout, stderr := runVulns(t, args...)
			if code != exitInput {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, exitInput, stderr)
			}
			if stdout != "" {
				t.Errorf("printed a partial report:\n%s", stdout)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("wrote %s despite the error", out)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr %q does not contain %q", stderr, w)
				}
			}
		})
	}
}

// mergedReport writes the merged JSON report of release 1.4.0 into dir.
func mergedReport(t *testing.T, dir string) string {
	t.Helper()
	p := filepath.Join(dir, "merged-1.4.0.json")
	if code, _, stderr := runVulns(t, "merge", "-f", "json="+p, release14); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	return p
}

func TestVulnsDiff(t *testing.T) {
	dir := t.TempDir()
	old := mergedReport(t, dir)
	tests := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"merged vs reports", []string{old, release15}, 0, []string{"2 new, 3 fixed, 5 still open (2 changed)", "CVE-2024-45491", "fix now available", "severity medium → high"}},
		{"reports vs reports", []string{release14, release15}, 0, []string{"2 new, 3 fixed"}},
		{"fail on high", []string{"--fail-on", "high", old, release15}, exitFindings, []string{"regressions at or above high"}},
		{"fail on kev without KEV data", []string{"--fail-on", "kev", old, release15}, 0, nil},
		{"same release", []string{"--fail-on", "info", old, release14}, 0, []string{"0 new, 0 fixed, 8 still open"}},
		{"markdown", []string{"-f", "markdown", old, release15}, 0, []string{"## New", "## Fixed"}},
		{"json", []string{"-f", "json", old, release15}, 0, []string{`"new": [`}},
		{"bad fail-on", []string{"--fail-on", "severe", old, release15}, exitInput, []string{`"severe"`}},
		{"bad input", []string{old, filepath.Join(dir, "missing")}, exitInput, []string{"missing"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runVulns(t, append([]string{"diff"}, tt.args...)...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stdout+stderr, w) {
					t.Errorf("output lacks %q:\n%s%s", w, stdout, stderr)
				}
			}
		})
	}
}

func TestVulns_help(t *testing.T) {
	for _, cmd := range []string{"merge", "diff"} {
		code, stdout, _ := runVulns(t, cmd, "--help")
		if code != 0 || !strings.Contains(stdout, "Exit codes") || !strings.Contains(stdout, "Examples:") {
			t.Errorf("%s --help: exit %d\n%s", cmd, code, stdout)
		}
	}
}

// TestVulnsMerge_empty: an Inspector2 export without findings is a report
// with nothing in it, not an unknown format.
func TestVulnsMerge_empty(t *testing.T) {
	dir := t.TempDir()
	empty := writeFile(t, dir, "inspector.json", `{"findings": []}`)
	code, stdout, stderr := runVulns(t, "merge", "--format", "json", "--fail-on", "low", empty)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	rep, err := vuln.ReadReport("out.json", []byte(stdout))
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Vulnerabilities) != 0 || len(rep.Inputs) != 1 || rep.Inputs[0].Format != "inspector" {
		t.Errorf("report %+v, want no vulnerabilities from one inspector input", rep)
	}
	if !strings.Contains(stderr, "merged 0 occurrences from 1 reports into 0 vulnerabilities") {
		t.Errorf("stderr %q", stderr)
	}
}

// TestVulnsMerge_failOn: --fail-on makes merge a gate, counting open
// vulnerabilities the filters hide, not suppressed ones.
func TestVulnsMerge_failOn(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"critical", []string{"--fail-on", "critical"}, 1, "open vulnerabilities at or above critical"},
		{"hidden still count", []string{"--fail-on", "low", "--min-severity", "critical"}, 1, "at or above low"},
		{"kev", []string{"--fail-on", "kev", "--kev", releaseKEV}, 1, "1 open vulnerabilities listed in CISA KEV"},
		{"kev without catalog", []string{"--fail-on", "kev"}, 2, "--fail-on kev needs the CISA KEV catalog"},
		{"bad level", []string{"--fail-on", "severe"}, 2, `--fail-on "severe" is not one of kev`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"merge", "--format", "json=" + filepath.Join(t.TempDir(), "out.json")}, tc.args...)
			code, _, stderr := runVulns(t, append(args, release15)...)
			if code != tc.code || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, tc.code, tc.want)
			}
		})
	}
	dir := t.TempDir()
	none := writeFile(t, dir, "inspector.json", `{"findings": []}`)
	if code, _, stderr := runVulns(t, "merge", "--format", "json="+filepath.Join(dir, "o.json"), "--fail-on", "info", none); code != 0 {
		t.Errorf("nothing open: exit %d, %s", code, stderr)
	}
}

// TestVulnsMerge_cycloneDXDanglingRef: an affects ref that names no
// component is warned about on stderr with its position; the rest merges.
func TestVulnsMerge_cycloneDXDanglingRef(t *testing.T) {
	dir := t.TempDir()
	bom := writeFile(t, dir, "bom.json", `{"bomFormat": "CycloneDX", "specVersion": "1.5",
"metadata": {"component": {"type": "container", "name": "registry.example.com/shop/api:1.5.0"}},
"vulnerabilities": [
  {"id": "CVE-2024-0001", "affects": [{"ref": "lost-ref"}]},
  {"id": "CVE-2024-0002", "affects": [{"ref": "pkg:npm/lodash@4.17.20"}]}
]}`)
	code, stdout, stderr := runVulns(t, "merge", "--format", "json", bom)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "attest: warning: "+bom+":4:") || !strings.Contains(stderr, `"lost-ref" names no component`) {
		t.Errorf("stderr %q, want a warning naming %s:4 and the ref", stderr, bom)
	}
	rep, err := vuln.ReadReport("out.json", []byte(stdout))
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Vulnerabilities) != 1 || rep.Vulnerabilities[0].ID != "CVE-2024-0002" || rep.Vulnerabilities[0].Package.Name != "lodash" {
		t.Errorf("vulnerabilities %+v, want CVE-2024-0002 in lodash", rep.Vulnerabilities)
	}
}

// TestVulnsMerge_readmeEnrichment checks what the README says the example's
// KEV catalog, EPSS scores and VEX statement each change in release 1.5.0.
func TestVulnsMerge_readmeEnrichment(t *testing.T) {
	merge := func(args ...string) *vuln.Report {
		t.Helper()
		out := filepath.Join(t.TempDir(), "out.json")
		code, _, stderr := runVulns(t, append(append([]string{"merge", "--format", "json=" + out}, args...), release15)...)
		if code != 0 {
			t.Fatalf("merge %v: exit %d\n%s", args, code, stderr)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := vuln.ReadReport(out, data)
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	find := func(rep *vuln.Report, id string) (int, *attest.Vulnerability) {
		for i := range rep.Vulnerabilities {
			if rep.Vulnerabilities[i].ID == id {
				return i, &rep.Vulnerabilities[i]
			}
		}
		t.Fatalf("%s not in the report", id)
		return 0, nil
	}
	plain := merge()
	if _, v := find(plain, "CVE-2023-44487"); v.KEV != nil || plain.Summary.KEV != 0 {
		t.Errorf("without --kev, CVE-2023-44487 has KEV %v", v.KEV)
	}
	if a, _ := find(plain, "CVE-2024-45491"); a == 1 {
		t.Errorf("without --epss, CVE-2024-45491 already ranks second")
	}
	// KEV: the HTTP/2 Rapid Reset CVE is listed, first in the report
	// (TestVulnsMerge_failOn: --fail-on kev fails on it).
	withKEV := merge("--kev", releaseKEV)
	if i, v := find(withKEV, "CVE-2023-44487"); i != 0 || v.KEV == nil || v.KEV.DateAdded != "2023-10-10" || withKEV.Summary.KEV != 1 {
		t.Errorf("with --kev, CVE-2023-44487 is at %d with KEV %+v; want first, added 2023-10-10", i, v.KEV)
	}
	// EPSS: the day's score replaces the scanners' older one and reorders.
	withEPSS := merge("--epss", releaseEPSS)
	if _, v := find(withEPSS, "CVE-2024-45491"); v.EPSS == nil || v.EPSS.Score != 0.04315 {
		t.Errorf("with --epss, CVE-2024-45491 has EPSS %+v, want 0.04315", v.EPSS)
	}
	if a, _ := find(withEPSS, "CVE-2024-45491"); a != 1 {
		t.Errorf("with --epss, CVE-2024-45491 ranks %d, want 1 (after the 81%% one)", a)
	}
	// VEX: zlib1g's CVE is suppressed, with the statement's reason.
	if _, v := find(merge("--vex", releaseVEX), "CVE-2023-45853"); v.Suppression == nil || v.Suppression.By != "vex" || !strings.Contains(v.Suppression.Detail, "minizip") {
		t.Errorf("with --vex, CVE-2023-45853 suppression %+v, want by vex naming minizip", v.Suppression)
	}
	if _, v := find(plain, "CVE-2023-45853"); v.Suppression != nil {
		t.Errorf("without --vex, CVE-2023-45853 is suppressed: %+v", v.Suppression)
	}
}

// TestVulnsMerge_restoresGC checks that merge gives back the garbage
// collector's settings it changes while it builds the findings.
func TestVulnsMerge_restoresGC(t *testing.T) {
	prevPercent := debug.SetGCPercent(77)
	prevLimit := debug.SetMemoryLimit(3 << 30)
	defer func() {
		debug.SetGCPercent(prevPercent)
		debug.SetMemoryLimit(prevLimit)
	}()
	code, _, stderr := runVulns(t, "merge", "--format", "json="+filepath.Join(t.TempDir(), "out.json"), release15)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if p, l := debug.SetGCPercent(77), debug.SetMemoryLimit(-1); p != 77 || l != 3<<30 {
		t.Errorf("after merge: GOGC %d, memory limit %d; want 77, %d", p, l, 3<<30)
	}
}
