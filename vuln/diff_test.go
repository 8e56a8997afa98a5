package vuln_test

import (
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/vuln"
	"github.com/google/go-cmp/cmp"
)

func TestDiff(t *testing.T) {
	img := func(digest string) attest.Artifact {
		return attest.Artifact{Kind: attest.ArtifactImage, Name: ecrRepo, ConfigDigest: digest}
	}
	pkg := func(name, version string) attest.Package {
		return attest.Package{PURL: "pkg:npm/" + name + "@" + version, Name: name, Version: version}
	}
	v := func(id string, a attest.Artifact, p attest.Package, sev string) attest.Vulnerability {
		return attest.Vulnerability{ID: id, Artifact: a, Package: p, Severity: sev, FixState: attest.FixNotFixed}
	}
	oldImg, newImg := img(config), img(other)

	stillOpen := v("CVE-2024-1", oldImg, pkg("a", "1.0.0"), "high")
	stillOpenNew := v("CVE-2024-1", newImg, pkg("a", "1.0.1"), "high") // upgraded, still vulnerable
	fixed := v("CVE-2024-2", oldImg, pkg("b", "1.0.0"), "critical")
	added := v("CVE-2024-3", newImg, pkg("c", "2.0.0"), "medium")
	sevOld := v("CVE-2024-4", oldImg, pkg("d", "1.0.0"), "medium")
	sevNew := v("CVE-2024-4", newImg, pkg("d", "1.0.0"), "critical")
	fixOld := v("CVE-2024-5", oldImg, pkg("e", "1.0.0"), "low")
	fixNew := v("CVE-2024-5", newImg, pkg("e", "1.0.0"), "low")
	fixNew.FixState, fixNew.FixedVersions = attest.FixAvailable, []string{"1.0.1"}
	kevOld := v("CVE-2024-6", oldImg, pkg("f", "1.0.0"), "high")
	kevNew := v("CVE-2024-6", newImg, pkg("f", "1.0.0"), "high")
	kevNew.KEV = &attest.KEV{DateAdded: "2026-11-01"}
	aliasOld := v("GHSA-aaaa-bbbb-cccc", oldImg, pkg("g", "1.0.0"), "high")
	aliasNew := v("CVE-2024-7", newImg, pkg("g", "1.0.0"), "high")
	aliasNew.Aliases = []string{"GHSA-aaaa-bbbb-cccc"}
	supOld := v("CVE-2024-8", oldImg, pkg("h", "1.0.0"), "high")
	supNew := v("CVE-2024-8", newImg, pkg("h", "1.0.0"), "high")
	supNew.Suppression = &attest.Suppression{By: "vex", Status: "not_affected"}
	otherRepo := v("CVE-2024-2", attest.Artifact{Kind: attest.ArtifactImage, Name: "shop/worker", ConfigDigest: other}, pkg("b", "1.0.0"), "critical")

	d := vuln.Diff(
		[]attest.Vulnerability{stillOpen, fixed, sevOld, fixOld, kevOld, aliasOld, supOld},
		[]attest.Vulnerability{stillOpenNew, added, sevNew, fixNew, kevNew, aliasNew, supNew, otherRepo},
	)
	ids := func(vs []attest.Vulnerability) []string {
		var out []string
		for _, v := range vs {
			out = append(out, v.ID+" "+v.Package.Name)
		}
		return out
	}
	if diff := cmp.Diff([]string{"CVE-2024-2 b", "CVE-2024-3 c"}, ids(d.New)); diff != "" {
		t.Errorf("New (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"CVE-2024-2 b"}, ids(d.Fixed)); diff != "" {
		t.Errorf("Fixed (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"CVE-2024-6 f", "CVE-2024-4 d", "CVE-2024-1 a", "CVE-2024-7 g", "CVE-2024-5 e"}, ids(d.Open)); diff != "" {
		t.Errorf("Open (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"CVE-2024-8 h"}, ids(d.Suppressed)); diff != "" {
		t.Errorf("Suppressed (-want +got):\n%s", diff)
	}
	changed := map[string][]string{}
	for _, c := range d.Changed {
		changed[c.Vulnerability.ID] = c.Reasons
	}
	wantChanged := map[string][]string{
		"CVE-2024-4": {"severity medium → critical"},
		"CVE-2024-5": {"fix now available"},
		"CVE-2024-6": {"added to CISA KEV"},
	}
	if diff := cmp.Diff(wantChanged, changed); diff != "" {
		t.Errorf("Changed (-want +got):\n%s", diff)
	}

	for _, tt := range []struct {
		threshold string
		want      bool
	}{
		{"critical", true}, // a new critical (otherRepo) and one risen to critical
		{"kev", true},
		{"high", true},
	} {
		got, err := d.Exceeds(tt.threshold)
		if err != nil || got != tt.want {
			t.Errorf("Exceeds(%s) = %v, %v; want %v", tt.threshold, got, err, tt.want)
		}
	}
	if _, err := d.Exceeds("severe"); err == nil {
		t.Error("Exceeds accepted an unknown threshold")
	}
}

func TestDiffResult_Exceeds(t *testing.T) {
	base := attest.Vulnerability{ID: "CVE-1", Artifact: attest.Artifact{Name: "a"}, Package: attest.Package{Name: "p"}, Severity: "medium"}
	rose := base
	rose.Severity = "high"
	fell := base
	fell.Severity = "low"
	kev := base
	kev.KEV = &attest.KEV{}
	tests := []struct {
		name      string
		old, new  []attest.Vulnerability
		threshold string
		want      bool
	}{
		{"nothing new", []attest.Vulnerability{base}, []attest.Vulnerability{base}, "info", false},
		{"new medium under high", nil, []attest.Vulnerability{base}, "high", false},
		{"new medium at medium", nil, []attest.Vulnerability{base}, "medium", true},
		{"rose to high", []attest.Vulnerability{base}, []attest.Vulnerability{rose}, "high", true},
		{"fell", []attest.Vulnerability{base}, []attest.Vulnerability{fell}, "low", false},
		{"newly kev", []attest.Vulnerability{base}, []attest.Vulnerability{kev}, "kev", true},
		{"kev already", []attest.Vulnerability{kev}, []attest.Vulnerability{kev}, "kev", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := vuln.Diff(tt.old, tt.new).Exceeds(tt.threshold)
			if err != nil || got != tt.want {
				t.Errorf("Exceeds = %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}
