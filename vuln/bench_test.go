package vuln_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/vuln"
)

// syntheticOccurrences builds n occurrences the way three scanners report
// many images: each (image, package, CVE) pair is reported by Grype (npm
// ones under a GHSA id with the CVE as alias, both digests), Trivy (config
// digest) and, nine times in ten, Inspector (manifest digest, no purl).
// Strings are built per occurrence, as a parser's output would be.
func syntheticOccurrences(n int) []attest.Occurrence {
	r := rand.New(rand.NewPCG(1, 2))
	occs := make([]attest.Occurrence, 0, n+3)
	for img := 0; len(occs) < n; img++ {
		repo := fmt.Sprintf("123456789012.dkr.ecr.us-east-1.amazonaws.com/team%d/svc%d", img%20, img)
		manifest := fmt.Sprintf("sha256:%064x", img*2+1)
		config := fmt.Sprintf("sha256:%064x", img*2+2)
		for pair := 0; pair < 300 && len(occs) < n; pair++ {
			p := r.IntN(4000)
			c := r.IntN(20000)
			cve := fmt.Sprintf("CVE-20%02d-%05d", 15+c%10, c)
			npm := p%5 < 2
			eco, name, ver := "deb", fmt.Sprintf("libpkg%d", p), fmt.Sprintf("%d.%d-%d+deb12u1", 1+p%9, p%17, 1+p%4)
			purl := "pkg:deb/debian/" + name + "@" + ver + "?arch=amd64&distro=debian-12"
			if npm {
				eco, name, ver = "npm", fmt.Sprintf("lib-%d", p), fmt.Sprintf("%d.%d.%d", 1+p%7, p%13, p%5)
				purl = "pkg:npm/" + name + "@" + ver
			}
			sev := attest.Severities[c%5]
			g := attest.Occurrence{
				Scanner: "grype", File: fmt.Sprintf("grype/svc%d.json", img),
				Artifact: attest.Artifact{Kind: attest.ArtifactImage, Name: repo, Tag: "1.0.0", ManifestDigest: manifest, ConfigDigest: config},
				Package:  attest.Package{PURL: purl, Ecosystem: eco, Name: name, Version: ver},
				VulnID:   cve, Severity: sev, FixState: attest.FixAvailable, FixedVersions: []string{ver + ".1"},
			}
			if npm {
				g.VulnID = fmt.Sprintf("GHSA-%04x-%04x-%04x", c, c*7%65536, c*13%65536)
				g.Aliases = []string{cve}
			}
			t := g
			t.Scanner, t.File, t.VulnID, t.Aliases = "trivy", fmt.Sprintf("trivy/svc%d.json", img), cve, nil
			t.Artifact.ManifestDigest = ""
			t.FixedVersions = []string{ver + ".1"}
			occs = append(occs, g, t)
			if pair%10 != 9 {
				in := t
				in.Scanner, in.File = "inspector", "inspector/findings.json"
				in.Artifact = attest.Artifact{Kind: attest.ArtifactImage, Name: repo, Tag: "1.0.0", ManifestDigest: manifest}
				in.Package = attest.Package{Ecosystem: eco, Name: name, Version: ver}
				occs = append(occs, in)
			}
		}
	}
	return occs[:n]
}

func BenchmarkMerge(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			occs := syntheticOccurrences(n)
			b.ReportAllocs()
			b.ResetTimer()
			var vs []attest.Vulnerability
			for b.Loop() {
				vs = vuln.Merge(occs)
			}
			b.ReportMetric(float64(len(vs)), "findings")
		})
	}
}

func BenchmarkBuildReport(b *testing.B) {
	occs := syntheticOccurrences(100_000)
	b.ReportAllocs()
	for b.Loop() {
		vuln.BuildReport(occs, vuln.Options{})
	}
}

func BenchmarkCollector_Add(b *testing.B) {
	occs := syntheticOccurrences(200_000)
	b.ReportAllocs()
	for b.Loop() {
		c := vuln.NewCollector()
		for i := 0; i < len(occs); i += 300 {
			c.Add(occs[i:min(i+300, len(occs))])
		}
	}
}
