package grype_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/vuln/formats/golden"
	"github.com/attest-dev/attest/vuln/grype"
	"github.com/google/go-cmp/cmp"
)

// fastSeeds are reports the fast path reads, and variations of them that it
// must either read as Parse does or leave to Parse: escapes, nulls, keys in
// another case or repeated, numbers at the edge of float64, bad syntax.
var fastSeeds = []string{
	`{"matches":[{"vulnerability":{"id":"CVE-1","severity":"High","urls":["u\u00e9\n"],"cvss":[{"source":"nvd@nist.gov","version":"3.1","vector":"V","metrics":{"baseScore":9.8}}],"fix":{"versions":["2"],"state":"fixed"},"epss":[{"cve":"CVE-1","epss":0.5,"percentile":1e-3,"date":"2024-01-01"}]},"relatedVulnerabilities":[{"id":"GHSA-1","namespace":"github:npm","description":"d\"q"}],"artifact":{"name":"a","version":"1","type":"npm","purl":"pkg:npm/a@1","locations":[{"path":"/p"},null]}}],"source":{"type":"image","target":{"userInput":"r:1","repoDigests":["r@sha256:aa"]}}}`,
	`{"matches":[{"vulnerability":{"ID":"CVE-1"},"artifact":{"name":"a","version":"1"}}],"source":{"type":"directory","target":"/src"}}`,
	`{"matches":[{"vulnerability":{"id":"CVE-1","id":"CVE-2"},"artifact":{"name":"a","version":"1"}}],"source":{"type":"directory","target":"/src"}}`,
	`{"matches":[{"vulnerability":{"id":"CVE-1","fix_":{"versions":["1"]},"cvss":[{"metrics":{"baseScore":1e999}}]},"artifact":{"name":"a","version":"1"}}],"descriptor":{}}`,
	`{"matches":[{"vulnerability":{"id":"CVE-1","urls":null,"cvss":null,"epss":[null]},"artifact":{"name":"a","version":"1","locations":null}}],"source":{"type":"file","target":{"path":"/f"}}}`,
	`{"matches":[{"vulnerability":{"id":"CVE-1"},"artifact":{"name":"a","version":"\ud800"}}],"source":{"type":"directory","target":"/src"}}`,
	`{"matches":[{"vulnerability":{"id":"CVE-1"},"artifact":{"name":"a","version":"1"}}],"source":{"type":"directory","target":"/src"}} x`,
	`{"matches":[{"vulnerability":{"id":"CVE-1"},"artifact":{"name":"a","version":"1"}}]}`,
	`{"matches":[{"vulnerability":{"id":"CVE-1"},"artifact":{"name":"a","version":"1","x":[01]}}],"source":{"type":"directory","target":"/src"}}`,
	"{\"matches\":[{\"vulnerability\":{\"id\":\"CVE-1\",\"description\":\"\xff\"},\"artifact\":{\"name\":\"a\",\"version\":\"1\"}}],\"source\":{\"type\":\"directory\",\"target\":\"/src\"}}",
	`{"matches":[{"vulnerability":{"id":"CVE-1","severity":5},"artifact":{"name":"a","version":"1"}}],"source":{"type":"directory","target":"/src"}}`,
}

func addFastSeeds(f *testing.F) {
	for _, p := range []string{"../../testdata/vulns/release-1.4.0/grype.json", "../../testdata/vulns/release-1.5.0/grype.json", "testdata/directory.json"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range fastSeeds {
		f.Add([]byte(s))
	}
}

// TestParseBytes_fastPath checks that the fast path reads real reports
// itself rather than leave them to Parse, and that it agrees with Parse.
func TestParseBytes_fastPath(t *testing.T) {
	for _, p := range []string{"../../testdata/vulns/release-1.4.0/grype.json", "../../testdata/vulns/release-1.5.0/grype.json", "testdata/directory.json"} {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		occs, ok := grype.ParseFast(nil, "r.json", b)
		if !ok {
			t.Fatalf("%s: the fast path gave up", p)
		}
		want, err := grype.Parse("r.json", bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, occs); diff != "" {
			t.Errorf("%s: fast path differs from Parse (-want +got):\n%s", p, diff)
		}
	}
	// The first seed has escapes, nulls and every field: it is read fast.
	if _, ok := grype.ParseFast(nil, "r.json", []byte(fastSeeds[0])); !ok {
		t.Error("the fast path gave up on the first seed")
	}
}

// FuzzParseBytes is a differential test: whatever the fast path accepts, it
// reads exactly as Parse does, and ParseBytes returns what Parse returns,
// errors included.
func FuzzParseBytes(f *testing.F) {
	addFastSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		golden.SameAsParse(t, b, golden.Parsers{
			Parse: grype.Parse,
			Fast:  map[string]func([]attest.Occurrence, string, []byte) ([]attest.Occurrence, bool){"ParseFast": grype.ParseFast, "ParseFastShared": grype.ParseFastShared},
			Bytes: map[string]func([]attest.Occurrence, string, []byte) ([]attest.Occurrence, error){"ParseBytes": grype.ParseBytes, "ParseBytesShared": grype.ParseBytesShared},
		})
	})
}
