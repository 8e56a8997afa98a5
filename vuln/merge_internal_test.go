package vuln

import (
	"fmt"
	"slices"
	"testing"

	"github.com/attest-dev/attest"
)

// TestAssignFindings_packedKeys checks that keying findings by packed
// integers assigns every entry the finding that keying them by the whole
// key does, on occurrences whose artifacts, packages and ids repeat and
// join (aliases, shared digests).
func TestAssignFindings_packedKeys(t *testing.T) {
	c := NewCollector()
	var parts []Part
	for p := range 4 {
		var occs []attest.Occurrence
		for i := range 3000 {
			occs = append(occs, attest.Occurrence{
				Scanner:  []string{"grype", "trivy", "inspector"}[p%3],
				File:     fmt.Sprint("r", p, ".json"),
				Artifact: attest.Artifact{Kind: attest.ArtifactImage, Name: fmt.Sprint("shop/api", i%7), ManifestDigest: fmt.Sprint("sha256:", i%5)},
				Package:  attest.Package{Ecosystem: "deb", Name: fmt.Sprint("p", i%113), Version: "1"},
				VulnID:   fmt.Sprint("CVE-2024-", i%997),
				Aliases:  []string{fmt.Sprint("GHSA-", i%89)},
			})
		}
		parts = append(parts, c.Add(occs))
	}
	g := c.NewMerging()
	for _, p := range parts {
		g.Add(p)
	}
	m := g.m
	m.tables()
	m.joinTags()
	entries := m.entries
	ofPacked, ofWhole := make([]int32, len(entries)), make([]int32, len(entries))
	packed := assignFindings(m, entries, ofPacked, findingKey.packed)
	whole := assignFindings(m, entries, ofWhole, func(k findingKey) findingKey { return k })
	if len(whole) < 100 {
		t.Fatalf("%d findings: the test needs more", len(whole))
	}
	if !slices.Equal(packed, whole) || !slices.Equal(ofPacked, ofWhole) {
		t.Fatalf("packed keys give %d findings, whole keys %d, or assign entries differently", len(packed), len(whole))
	}
	for _, k := range whole {
		if k.art >= 1<<21 || k.pkg >= 1<<21 || k.vid >= 1<<22 {
			t.Fatalf("key %v out of the packed range", k)
		}
	}
	if (findingKey{1, 2, 3}).packed() == (findingKey{2, 1, 3}).packed() {
		t.Fatal("packed keys collide")
	}
}
