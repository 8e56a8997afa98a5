package vuln_test

import (
	"sync"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/vuln"
	"github.com/google/go-cmp/cmp"
)

const (
	manifest = "sha256:1111111111111111111111111111111111111111111111111111111111111111"
	config   = "sha256:2222222222222222222222222222222222222222222222222222222222222222"
	other    = "sha256:3333333333333333333333333333333333333333333333333333333333333333"
	ecrRepo  = "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/api"
)

// grypeOcc, trivyOcc and inspectorOcc are one openssl CVE in one image as
// each scanner reports it.
func grypeOcc() attest.Occurrence {
	return attest.Occurrence{
		Scanner:  "grype",
		File:     "grype.json",
		Artifact: attest.Artifact{Kind: attest.ArtifactImage, Name: ecrRepo, Tag: "1.4.0", ManifestDigest: manifest, ConfigDigest: config},
		Package: attest.Package{
			PURL:      "pkg:rpm/amzn/openssl-libs@1:3.0.8-1.amzn2023.0.14?arch=x86_64&distro=amzn-2023&upstream=openssl-3.0.8-1.amzn2023.0.14.src.rpm",
			Ecosystem: "rpm", Name: "openssl-libs", Version: "1:3.0.8-1.amzn2023.0.14",
		},
		VulnID:        "ALAS2023-2024-550",
		Aliases:       []string{"CVE-2024-0727"},
		Severity:      "medium",
		FixedVersions: []string{"1:3.0.8-1.amzn2023.0.11"},
		FixState:      attest.FixAvailable,
		CVSS:          []attest.CVSS{{Source: "nvd", Version: "3.1", Vector: "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H", Score: 5.5}},
		Locations:     []string{"/var/lib/rpm/rpmdb.sqlite"},
	}
}

func trivyOcc() attest.Occurrence {
	return attest.Occurrence{
		Scanner:  "trivy",
		File:     "trivy.json",
		Artifact: attest.Artifact{Kind: attest.ArtifactImage, Name: ecrRepo, Tag: "1.4.0", ConfigDigest: config},
		Package: attest.Package{
			PURL:      "pkg:rpm/amazon/openssl-libs@3.0.8-1.amzn2023.0.14?arch=x86_64&distro=amazon-2023&epoch=1",
			Ecosystem: "amazon", Name: "openssl-libs", Version: "1:3.0.8-1.amzn2023.0.14",
		},
		VulnID:        "CVE-2024-0727",
		Severity:      "low",
		FixedVersions: []string{"1:3.0.8-1.amzn2023.0.11"},
		FixState:      attest.FixAvailable,
		Title:         "openssl: denial of service via null dereference",
	}
}

func inspectorOcc() attest.Occurrence {
	return attest.Occurrence{
		Scanner:  "inspector",
		File:     "inspector.json",
		Artifact: attest.Artifact{Kind: attest.ArtifactImage, Name: "shop/api", Tag: "1.4.0", ManifestDigest: manifest},
		Package:  attest.Package{Ecosystem: "OS_RPM", Name: "openssl-libs", Version: "1:3.0.8-1.amzn2023.0.14"},
		VulnID:   "CVE-2024-0727",
		Severity: "MEDIUM",
		FixState: attest.FixAvailable,
		// Inspector names the fix as epoch:version-release too.
		FixedVersions: []string{"1:3.0.8-1.amzn2023.0.11"},
	}
}

func TestMerge_crossScanner(t *testing.T) {
	got := vuln.Merge([]attest.Occurrence{grypeOcc(), trivyOcc(), inspectorOcc()})
	if len(got) != 1 {
		t.Fatalf("Merge gave %d findings, want 1: %+v", len(got), got)
	}
	v := got[0]
	if v.ID != "CVE-2024-0727" {
		t.Errorf("ID = %q, want CVE-2024-0727", v.ID)
	}
	if diff := cmp.Diff([]string{"ALAS2023-2024-550"}, v.Aliases); diff != "" {
		t.Errorf("Aliases (-want +got):\n%s", diff)
	}
	var scanners []string
	for _, s := range v.Sources {
		scanners = append(scanners, s.Scanner)
	}
	if diff := cmp.Diff([]string{"grype", "trivy", "inspector"}, scanners); diff != "" {
		t.Errorf("source scanners (-want +got):\n%s", diff)
	}
	if v.Severity != attest.SeverityMedium || !v.SeverityDisagrees {
		t.Errorf("Severity = %q, disagrees %v; want medium, true", v.Severity, v.SeverityDisagrees)
	}
	if v.Artifact.Name != ecrRepo || v.Artifact.ManifestDigest != manifest || v.Artifact.ConfigDigest != config {
		t.Errorf("Artifact = %+v, want the ECR name with both digests", v.Artifact)
	}
	if v.FixState != attest.FixAvailable || len(v.FixedVersions) != 1 {
		t.Errorf("fix = %s %v, want fixed with one version", v.FixState, v.FixedVersions)
	}
	if v.Title == "" || len(v.MissedBy) != 0 {
		t.Errorf("Title %q MissedBy %v", v.Title, v.MissedBy)
	}
}

func TestMerge_keepsApart(t *testing.T) {
	otherImage := trivyOcc()
	otherImage.Artifact.ConfigDigest = other
	otherPackage := trivyOcc()
	otherPackage.Package.PURL = "pkg:rpm/amazon/openssl@3.0.8-1.amzn2023.0.14?arch=x86_64&epoch=1"
	otherPackage.Package.Name = "openssl"
	otherVersion := inspectorOcc()
	otherVersion.Package.Version = "1:3.0.8-1.amzn2023.0.15"
	sameDigestOtherRepo := inspectorOcc()
	sameDigestOtherRepo.Artifact.Name = "shop/worker"
	otherVuln := grypeOcc()
	otherVuln.VulnID, otherVuln.Aliases = "CVE-2024-2511", nil
	sameDescription := trivyOcc()
	sameDescription.VulnID = "CVE-2023-9999"

	got := vuln.Merge([]attest.Occurrence{grypeOcc(), otherImage, otherPackage, otherVersion, sameDigestOtherRepo, otherVuln, sameDescription})
	if len(got) != 7 {
		for _, v := range got {
			t.Logf("%s %s %s %s", vuln.ArtifactRef(v.Artifact), v.Package.Name, v.Package.Version, v.ID)
		}
		t.Fatalf("Merge gave %d findings, want 7", len(got))
	}
}

func TestMerge_artifactUnionFind(t *testing.T) {
	// A has both digests, B only the config, C only the manifest; seen in
	// the order B, C, A so that B and C are only joined through A.
	b := trivyOcc()
	c := inspectorOcc()
	a := grypeOcc()
	a.VulnID, a.Aliases = "CVE-2024-0727", nil
	got := vuln.Merge([]attest.Occurrence{b, c, a})
	if len(got) != 1 || len(got[0].Sources) != 3 {
		t.Fatalf("Merge gave %d findings, want 1 with 3 sources: %+v", len(got), got)
	}
}

func TestMerge_missedBy(t *testing.T) {
	other := grypeOcc()
	other.VulnID, other.Aliases = "CVE-2024-2511", nil
	got := vuln.Merge([]attest.Occurrence{grypeOcc(), trivyOcc(), other})
	if len(got) != 2 {
		t.Fatalf("Merge gave %d findings, want 2", len(got))
	}
	for _, v := range got {
		var want []string
		if v.ID == "CVE-2024-2511" {
			want = []string{"trivy"}
		}
		if diff := cmp.Diff(want, v.MissedBy); diff != "" {
			t.Errorf("%s MissedBy (-want +got):\n%s", v.ID, diff)
		}
	}
}

func TestMerge_aliasFolding(t *testing.T) {
	npm := func(scanner, id string, aliases ...string) attest.Occurrence {
		return attest.Occurrence{
			Scanner:  scanner,
			Artifact: attest.Artifact{Kind: attest.ArtifactImage, Name: "ghcr.io/acme/web", ConfigDigest: config},
			Package:  attest.Package{PURL: "pkg:npm/%40babel/traverse@7.22.5", Name: "@babel/traverse", Version: "7.22.5"},
			VulnID:   id, Aliases: aliases, Severity: "critical",
		}
	}
	tests := []struct {
		name    string
		occs    []attest.Occurrence
		want    []string // ids of the findings
		aliases []string // aliases of the first finding
	}{
		{
			name:    "GHSA folds into its CVE",
			occs:    []attest.Occurrence{npm("grype", "GHSA-67HX-6X53-JW92", "CVE-2023-45133"), npm("trivy", "CVE-2023-45133")},
			want:    []string{"CVE-2023-45133"},
			aliases: []string{"GHSA-67hx-6x53-jw92"},
		},
		{
			name:    "chain through a shared alias",
			occs:    []attest.Occurrence{npm("grype", "GHSA-67hx-6x53-jw92"), npm("osv", "GHSA-67hx-6x53-jw92", "CVE-2023-45133"), npm("trivy", "cve-2023-45133")},
			want:    []string{"CVE-2023-45133"},
			aliases: []string{"GHSA-67hx-6x53-jw92"},
		},
		{
			name:    "GHSA without a CVE stays itself",
			occs:    []attest.Occurrence{npm("grype", "GHSA-aaaa-bbbb-cccc")},
			want:    []string{"GHSA-aaaa-bbbb-cccc"},
			aliases: nil,
		},
		{
			name:    "advisory with two CVEs does not join them",
			occs:    []attest.Occurrence{npm("grype", "DSA-5555-1", "CVE-2023-0001", "CVE-2023-0002"), npm("trivy", "CVE-2023-0001"), npm("trivy", "CVE-2023-0002")},
			want:    []string{"CVE-2023-0001", "CVE-2023-0002"},
			aliases: []string{"DSA-5555-1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := vuln.Merge(tt.occs)
			var ids []string
			for _, v := range got {
				ids = append(ids, v.ID)
			}
			if diff := cmp.Diff(tt.want, ids); diff != "" {
				t.Fatalf("ids (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.aliases, got[0].Aliases); diff != "" {
				t.Errorf("aliases (-want +got):\n%s", diff)
			}
			if len(tt.occs) > 1 && len(got[0].Sources) < 2 {
				t.Errorf("sources = %+v, want at least 2", got[0].Sources)
			}
		})
	}
}

func TestMerge_packageIdentity(t *testing.T) {
	occ := func(p attest.Package) attest.Occurrence {
		return attest.Occurrence{Scanner: "x", Artifact: attest.Artifact{Kind: attest.ArtifactImage, Name: "app", ConfigDigest: config}, Package: p, VulnID: "CVE-2024-1"}
	}
	tests := []struct {
		name string
		a, b attest.Package
		same bool
	}{
		{"zero epoch", attest.Package{Ecosystem: "rpm", Name: "bash", Version: "0:5.2.15-1"}, attest.Package{Ecosystem: "rpm", Name: "bash", Version: "5.2.15-1"}, true},
		{"purl vs fields", attest.Package{PURL: "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12"}, attest.Package{Ecosystem: "debian", Name: "libssl3", Version: "3.0.11-1~deb12u2"}, true},
		{"maven namespace", attest.Package{PURL: "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.13.0"}, attest.Package{Ecosystem: "JAR", Name: "com.fasterxml.jackson.core:jackson-databind", Version: "2.13.0"}, true},
		{"pypi spelling", attest.Package{PURL: "pkg:pypi/PyYAML@5.3"}, attest.Package{Ecosystem: "pypi", Name: "pyyaml", Version: "5.3"}, true},
		{"go module", attest.Package{PURL: "pkg:golang/golang.org/x/net@v0.17.0"}, attest.Package{Ecosystem: "gobinary", Name: "golang.org/x/net", Version: "v0.17.0"}, true},
		{"different version", attest.Package{Ecosystem: "npm", Name: "lodash", Version: "4.17.20"}, attest.Package{Ecosystem: "npm", Name: "lodash", Version: "4.17.21"}, false},
		{"different ecosystem", attest.Package{Ecosystem: "npm", Name: "requests", Version: "2.0.0"}, attest.Package{Ecosystem: "pypi", Name: "requests", Version: "2.0.0"}, false},
		{"different epoch", attest.Package{Ecosystem: "rpm", Name: "bash", Version: "1:5.2"}, attest.Package{Ecosystem: "rpm", Name: "bash", Version: "5.2"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := vuln.Merge([]attest.Occurrence{occ(tt.a), occ(tt.b)})
			if same := len(got) == 1; same != tt.same {
				t.Errorf("merged into %d findings, want same=%v", len(got), tt.same)
			}
		})
	}
}

func TestMerge_artifactFallbacks(t *testing.T) {
	occ := func(a attest.Artifact) attest.Occurrence {
		return attest.Occurrence{Scanner: "x", Artifact: a, Package: attest.Package{Ecosystem: "npm", Name: "a", Version: "1"}, VulnID: "CVE-2024-1"}
	}
	tests := []struct {
		name string
		a, b attest.Artifact
		same bool
	}{
		{"tag without digest joins the digested image", attest.Artifact{Kind: "image", Name: "docker.io/library/nginx", Tag: "1.25"}, attest.Artifact{Kind: "image", Name: "nginx", Tag: "1.25", ConfigDigest: config}, true},
		{"two tags without digest", attest.Artifact{Kind: "image", Name: "nginx", Tag: "1.25"}, attest.Artifact{Kind: "image", Name: "nginx", Tag: "1.26"}, false},
		{"same digest different repos", attest.Artifact{Kind: "image", Name: "a/api", ConfigDigest: config}, attest.Artifact{Kind: "image", Name: "a/web", ConfigDigest: config}, false},
		{"host case", attest.Artifact{Kind: "host", Name: "i-0abc"}, attest.Artifact{Kind: "host", Name: "I-0ABC"}, true},
		{"paths", attest.Artifact{Kind: "filesystem", Name: "./src/"}, attest.Artifact{Kind: "filesystem", Name: "src"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := vuln.Merge([]attest.Occurrence{occ(tt.a), occ(tt.b)})
			if same := len(got) == 1; same != tt.same {
				t.Errorf("merged into %d findings, want same=%v", len(got), tt.same)
			}
		})
	}
}

func TestMerge_severityFromCVSS(t *testing.T) {
	o := grypeOcc()
	o.Severity = "Unknown"
	o.CVSS = []attest.CVSS{{Score: 9.8}}
	got := vuln.Merge([]attest.Occurrence{o})
	if got[0].Severity != attest.SeverityCritical {
		t.Errorf("Severity = %q, want critical from CVSS 9.8", got[0].Severity)
	}
}

func TestMerge_packageWithoutEcosystem(t *testing.T) {
	img := attest.Artifact{Kind: attest.ArtifactImage, Name: "web", ManifestDigest: manifest}
	deb := attest.Occurrence{Scanner: "trivy", Artifact: img, Package: attest.Package{PURL: "pkg:deb/debian/zlib1g@1.2.13.dfsg-1?epoch=1", Name: "zlib1g", Version: "1:1.2.13.dfsg-1"}, VulnID: "CVE-2023-45853"}
	sarif := attest.Occurrence{Scanner: "sarif", Artifact: img, Package: attest.Package{Name: "zlib1g", Version: "1:1.2.13.dfsg-1"}, VulnID: "CVE-2023-45853"}
	npm := attest.Occurrence{Scanner: "trivy", Artifact: img, Package: attest.Package{PURL: "pkg:npm/zlib1g@1:1.2.13.dfsg-1", Name: "zlib1g", Version: "1:1.2.13.dfsg-1"}, VulnID: "CVE-2023-45853"}
	tests := []struct {
		name string
		occs []attest.Occurrence
		want int
	}{
		{"joins the one package of that name and version", []attest.Occurrence{deb, sarif}, 1},
		{"order does not matter", []attest.Occurrence{sarif, deb}, 1},
		{"ambiguous stays apart", []attest.Occurrence{deb, npm, sarif}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := vuln.Merge(tt.occs); len(got) != tt.want {
				t.Errorf("Merge gave %d findings, want %d", len(got), tt.want)
			}
		})
	}
}

func TestMergeParts(t *testing.T) {
	occs := syntheticOccurrences(5000)
	want := vuln.Merge(occs)
	got := vuln.MergeParts([][]attest.Occurrence{occs[:1234], nil, occs[1234:4000], occs[4000:]})
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("MergeParts differs from Merge (-want +got):\n%s", diff)
	}
	if len(want) == 0 || len(want) >= len(occs) {
		t.Errorf("%d findings from %d occurrences", len(want), len(occs))
	}
}

// TestCollector_concurrent adds parts on several goroutines at once (run
// with -race): the merge of the parts in their order is the same whatever
// goroutine met a string first.
func TestCollector_concurrent(t *testing.T) {
	occs := syntheticOccurrences(4000)
	var split [][]attest.Occurrence
	for i := 0; i < len(occs); i += 500 {
		split = append(split, occs[i:min(i+500, len(occs))])
	}
	c := vuln.NewCollector()
	parts := make([]vuln.Part, len(split))
	var wg sync.WaitGroup
	for i := len(split) - 1; i >= 0; i-- {
		wg.Go(func() { parts[i] = c.Add(split[i]) })
	}
	wg.Wait()
	n := 0
	for _, p := range parts {
		n += p.Len()
	}
	if n != len(occs) {
		t.Errorf("parts hold %d occurrences, want %d", n, len(occs))
	}
	want := vuln.Merge(occs)
	if diff := cmp.Diff(want, c.Merge(parts)); diff != "" {
		t.Errorf("Collector.Merge differs from Merge (-want +got):\n%s", diff)
	}
}
