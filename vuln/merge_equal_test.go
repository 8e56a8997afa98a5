package vuln_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/vuln"
	"github.com/attest-dev/attest/vuln/formats"
)

// mergeJSON is the merged findings of parts as JSON, the way a report
// writes them, so that two merges compare byte for byte.
func mergeJSON(t testing.TB, merge func([][]attest.Occurrence) []attest.Vulnerability, parts [][]attest.Occurrence) []byte {
	t.Helper()
	b, err := json.Marshal(merge(parts))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// checkSameMerge fails when MergeParts and the reference merge (the one
// before the Collector) disagree on parts.
func checkSameMerge(t testing.TB, parts [][]attest.Occurrence) {
	t.Helper()
	want := mergeJSON(t, vuln.ReferenceMergeParts, parts)
	got := mergeJSON(t, vuln.MergeParts, parts)
	if !bytes.Equal(want, got) {
		i := 0
		for i < min(len(want), len(got)) && want[i] == got[i] {
			i++
		}
		from := max(0, i-200)
		t.Fatalf("merge differs from the reference at byte %d:\nwant ...%s\n got ...%s", i, want[from:min(len(want), i+200)], got[from:min(len(got), i+200)])
	}
}

// TestMerge_matchesReference holds the merge to the reference on the
// release fixtures (every scanner format), on the hand-made occurrences of
// the other tests and on synthetic occurrences of many images.
func TestMerge_matchesReference(t *testing.T) {
	t.Run("fixtures", func(t *testing.T) {
		for _, rel := range []string{"release-1.4.0", "release-1.5.0"} {
			files, err := filepath.Glob(filepath.Join("..", "testdata", "vulns", rel, "*.json"))
			if err != nil || len(files) < 6 {
				t.Fatalf("fixtures of %s: %v %v", rel, files, err)
			}
			var parts [][]attest.Occurrence
			for _, f := range files {
				occs, _, err := formats.ParseFile(f, nil)
				if err != nil {
					t.Fatal(err)
				}
				parts = append(parts, occs)
			}
			checkSameMerge(t, parts)
		}
	})
	t.Run("hand-made", func(t *testing.T) {
		multi := grypeOcc()
		multi.VulnID, multi.Aliases = "ALAS-2024-1", []string{"CVE-2024-1", "cve-2024-2", "GHSA-AAAA-bbbb-cccc"}
		bare := inspectorOcc()
		bare.Package.Ecosystem = ""
		withEPSS := trivyOcc()
		withEPSS.EPSS = &attest.EPSS{Score: 0.5, Percentile: 0.9, Date: "2026-11-22"}
		zeroEPSS := trivyOcc()
		zeroEPSS.File, zeroEPSS.EPSS = "trivy2.json", &attest.EPSS{}
		host := grypeOcc()
		host.Artifact = attest.Artifact{Kind: attest.ArtifactHost, Name: "i-0abc"}
		checkSameMerge(t, [][]attest.Occurrence{{grypeOcc(), multi, host}, {trivyOcc(), withEPSS, zeroEPSS}, nil, {inspectorOcc(), bare}})
	})
	t.Run("text records", func(t *testing.T) {
		// Runs of occurrences whose text is the same, and neighbours
		// that differ in one text field only, with strings long enough
		// for lengths of two and three bytes, and empty strings in lists.
		long, longer := strings.Repeat("l", 300), strings.Repeat("m", 20_000)
		var part []attest.Occurrence
		for i := range 12 {
			o := trivyOcc()
			o.VulnID = fmt.Sprintf("CVE-2024-%d", i/3)
			o.Title, o.Description = long, longer
			o.FixedVersions, o.URLs, o.Locations = []string{"1.0", ""}, []string{"https://a", longer}, []string{""}
			switch i % 6 {
			case 3:
				o.Title = ""
			case 4:
				o.FixedVersions = []string{"1.0"}
			case 5:
				o.URLs, o.Locations = []string{}, nil
			}
			part = append(part, o)
		}
		other := grypeOcc()
		other.Title, other.Description, other.URLs = longer, "", []string{long}
		checkSameMerge(t, [][]attest.Occurrence{part, {other, part[0], other}, part[3:5]})
	})
	t.Run("synthetic", func(t *testing.T) {
		occs := syntheticOccurrences(30_000)
		checkSameMerge(t, [][]attest.Occurrence{occs[:10_000], occs[10_000:25_000], occs[25_000:]})
	})
}

// FuzzMerge builds occurrences from the fuzzer's bytes, each field drawn
// from a small pool of values chosen to collide (ids in several spellings,
// shared digests, packages with and without purl or ecosystem, advisories
// that list several CVEs, negative zero), and holds the merge to the
// reference.
func FuzzMerge(f *testing.F) {
	f.Add([]byte("0123456789abcdefghijklmnopqrstuvwxyz"))
	f.Add(bytes.Repeat([]byte{7, 3, 250, 1, 0, 99}, 40))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		checkSameMerge(t, fuzzOccurrences(data))
	})
}

// fuzzOccurrences turns data into parts of occurrences.
func fuzzOccurrences(data []byte) [][]attest.Occurrence {
	next := func() int {
		if len(data) == 0 {
			return 0
		}
		b := int(data[0])
		data = data[1:]
		return b
	}
	pick := func(pool []string) string { return pool[next()%len(pool)] }
	list := func(pool []string) []string {
		n := next() % 4
		if n == 3 {
			return []string{} // empty but not nil
		}
		var l []string
		for range n {
			l = append(l, pick(pool))
		}
		return l
	}
	var (
		scanners = []string{"grype", "trivy", "inspector", "sarif"}
		files    = []string{"a.json", "b.json", ""}
		kinds    = []string{attest.ArtifactImage, "", attest.ArtifactHost, attest.ArtifactFilesystem}
		names    = []string{"123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/api", "shop/api", "docker.io/library/nginx", "nginx", "/src/app", "Host-1", ""}
		tags     = []string{"1.0", "", "latest"}
		digests  = []string{"", "sha256:aaaa", "SHA256:AAAA", "sha256:bbbb"}
		purls    = []string{"", "pkg:deb/debian/openssl@3.0.1-1?arch=amd64", "pkg:rpm/amzn/openssl@3.0.1-1?epoch=1", "pkg:pypi/Foo_Bar@1.0", "pkg:maven/org.x/y@2", "not a purl"}
		ecos     = []string{"", "deb", "rpm", "OS_RPM", "pypi", "python", "maven"}
		pkgNames = []string{"openssl", "OpenSSL", "foo-bar", "foo.bar", "org.x:y"}
		versions = []string{"3.0.1-1", "0:3.0.1-1", "1:3.0.1-1", "1.0", " 2 "}
		ids      = []string{"CVE-2024-1", "cve-2024-1", " CVE-2024-2 ", "GHSA-aaaa-bbbb-cccc", "ghsa-AAAA-bbbb-cccc", "ALAS-2024-1", "DSA-1", ""}
		sevs     = []string{"critical", "High", "MEDIUM", "low", "negligible", "", "weird"}
		states   = []string{"", attest.FixAvailable, attest.FixNotFixed, attest.FixWontFix, attest.FixUnknown}
		texts    = []string{"", "title one", "title two", strings.Repeat("long title ", 30)}
		fixes    = []string{"3.0.2", "1:3.0.2", ""}
		urls     = []string{"https://a", "https://b"}
		scores   = []float64{0, math.Copysign(0, -1), 5.5, 9.8, 7.5}
	)
	var parts [][]attest.Occurrence
	for len(data) > 0 {
		n := next() % 8
		var part []attest.Occurrence
		for range n {
			o := attest.Occurrence{
				Scanner:  pick(scanners),
				File:     pick(files),
				Artifact: attest.Artifact{Kind: pick(kinds), Name: pick(names), Tag: pick(tags), ManifestDigest: pick(digests), ConfigDigest: pick(digests)},
				Package:  attest.Package{PURL: pick(purls), Ecosystem: pick(ecos), Name: pick(pkgNames), Version: pick(versions)},
				VulnID:   pick(ids),
				Aliases:  list(ids),
				Severity: pick(sevs),
				FixState: pick(states),
				Title:    pick(texts),
				// A description that differs in each occurrence.
				Description:   fmt.Sprint("d", next()%3),
				FixedVersions: list(fixes),
				URLs:          list(urls),
				Locations:     list(files),
			}
			for range next() % 3 {
				o.CVSS = append(o.CVSS, attest.CVSS{Source: pick(texts), Version: "3.1", Vector: pick(texts), Score: scores[next()%len(scores)]})
			}
			if next()%3 == 0 {
				o.EPSS = &attest.EPSS{Score: scores[next()%len(scores)] / 10, Percentile: 0.5, Date: pick(texts)}
			}
			part = append(part, o)
		}
		parts = append(parts, part)
	}
	return parts
}

// TestCollector_AddCopiesStrings reads reports with a Shared
// formats.Reader, whose occurrences' strings share its buffer and are
// overwritten by the next file, adding each file's occurrences before the
// next is read: the merge must be the one of the same reports parsed into
// strings of their own.
func TestCollector_AddCopiesStrings(t *testing.T) {
	var files []string
	for _, rel := range []string{"release-1.4.0", "release-1.5.0"} {
		for _, f := range []string{"inspector.json", "grype.json", "trivy.json"} {
			files = append(files, filepath.Join("..", "testdata", "vulns", rel, f))
		}
	}
	// Twice over, so that later files overwrite the buffer of earlier ones.
	files = append(files, files...)
	var want [][]attest.Occurrence
	c := vuln.NewCollector()
	var parts []vuln.Part
	rd := formats.Reader{Shared: true}
	for _, f := range files {
		occs, _, err := formats.ParseFile(f, nil)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, occs)
		shared, _, err := rd.ParseFile(f, nil)
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, c.Add(shared))
	}
	wantJSON := mergeJSON(t, vuln.MergeParts, want)
	got, err := json.Marshal(c.Merge(parts))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(wantJSON, got) {
		t.Fatal("merging what a Shared Reader read differs from merging copies")
	}
}

// TestMerging_whileAdding gives a Merging each part in order while other
// goroutines are still adding later parts to the Collector, as vulns merge
// does, and holds the result to MergeParts. Under -race it also checks that
// the index reads the Collector's tables safely.
func TestMerging_whileAdding(t *testing.T) {
	occs := syntheticOccurrences(30_000)
	var chunks [][]attest.Occurrence
	for len(occs) > 0 {
		n := min(len(occs), 700)
		chunks, occs = append(chunks, occs[:n]), occs[n:]
	}
	c := vuln.NewCollector()
	g := c.NewMerging()
	results := make([]chan vuln.Part, len(chunks))
	for i := range results {
		results[i] = make(chan vuln.Part, 1)
	}
	next := make(chan int)
	go func() {
		defer close(next)
		for i := range chunks {
			next <- i
		}
	}()
	for range 4 {
		go func() {
			for i := range next {
				results[i] <- c.Add(chunks[i])
			}
		}()
	}
	for i := range chunks {
		g.Add(<-results[i])
	}
	got, err := json.Marshal(g.Finish())
	if err != nil {
		t.Fatal(err)
	}
	if want := mergeJSON(t, vuln.MergeParts, chunks); !bytes.Equal(want, got) {
		t.Fatal("a Merging fed while the Collector adds differs from MergeParts")
	}
}
