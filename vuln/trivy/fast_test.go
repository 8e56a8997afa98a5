package trivy_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/vuln/formats/golden"
	"github.com/attest-dev/attest/vuln/trivy"
	"github.com/google/go-cmp/cmp"
)

// fastSeeds are reports the fast path reads, and variations of them that it
// must either read as Parse does or leave to Parse: escapes, nulls, keys in
// another case or repeated, numbers at the edge of float64, bad syntax.
var fastSeeds = []string{
	`{"SchemaVersion":2,"ArtifactName":"r:1","ArtifactType":"container_image","Metadata":{"ImageID":"sha256:1","RepoDigests":["r@sha256:2"]},"Results":[{"Target":"app/package-lock.json","Class":"lang-pkgs","Type":"npm","Vulnerabilities":[{"VulnerabilityID":"CVE-1","VendorIDs":["GHSA-1",""],"PkgName":"a","PkgIdentifier":{"PURL":"pkg:npm/a@1"},"InstalledVersion":"1","FixedVersion":"2, 3","Status":"fixed","Severity":"HIGH","CVSS":{"nvd":{"V3Vector":"CVSS:3.1/AV:N","V3Score":9.8,"V2Score":5},"ghsa":{"V40Vector":"CVSS:4.0/AV:N","V40Score":1e1}},"Title":"t\u00e9","Description":"d\n\"q\"","PrimaryURL":"https://x","References":["https://y",null]}]},null]}`,
	`{"SchemaVersion":2,"ArtifactName":"r:1","Results":[{"Type":"debian","Vulnerabilities":[{"VulnerabilityId":"CVE-1","PkgName":"a","InstalledVersion":"1"}]}]}`,
	`{"SchemaVersion":2,"ArtifactName":"r:1","Results":[{"Type":"debian","Vulnerabilities":[{"VulnerabilityID":"CVE-1","PkgName":"a","InstalledVersion":"1","CVSS":{"nvd":{"V3Score":1},"nvd":{"V2Score":2}}}]}]}`,
	`{"SchemaVersion":2,"ArtifactName":"r:1","Results":[{"Type":"debian","Vulnerabilities":[{"VulnerabilityID":"CVE-1","PkgName":"a","InstalledVersion":"1","CVSS":{"nvd":null},"VendorIDs":null,"References":[]}]}]}`,
	`{"SchemaVersion":2.0,"ArtifactName":"r:1","Results":[]}`,
	`{"SchemaVersion":3,"ArtifactName":"r:1","Results":[]}`,
	`{"SchemaVersion":2,"ArtifactName":"r:1","Results":[{"Type":"debian","Vulnerabilities":[{"VulnerabilityID":"CVE-1","PkgName":"a","InstalledVersion":"1","Pkg_Name":"b"}]}]}`,
	`{"SchemaVersion":2,"ArtifactName":"r:1","Results":[{"Type":"debian","Vulnerabilities":[{"VulnerabilityID":"CVE-1","PkgName":"a","InstalledVersion":"1","CVSS":{"nvd":{"V3Score":-1e400}}}]}]}`,
	`{"SchemaVersion":2,"ArtifactName":"r:1","Results":[{"Type":"debian","Vulnerabilities":[{"VulnerabilityID":"CVE-1","PkgName":"a"}]}]}`,
	`{"SchemaVersion":2,"ArtifactName":"r:1","Results":[{"Type":"debian","Vulnerabilities":[{"VulnerabilityID":"CVE-1","PkgName":"a","InstalledVersion":"1"}]}],"Results":[]}`,
	"{\"SchemaVersion\":2,\"ArtifactName\":\"r:1\",\"Results\":[{\"Type\":\"debian\",\"Vulnerabilities\":[{\"VulnerabilityID\":\"CVE-1\",\"PkgName\":\"a\xc3\",\"InstalledVersion\":\"1\"}]}]}",
	`{"SchemaVersion":2,"ArtifactName":"r:1","Results":[{"Type":"debian","Vulnerabilities":[{"VulnerabilityID":"CVE-1","PkgName":"a","InstalledVersion":"1"}]}]`,
}

func addFastSeeds(f *testing.F) {
	for _, p := range []string{"../../testdata/vulns/release-1.4.0/trivy.json", "../../testdata/vulns/release-1.5.0/trivy.json", "testdata/filesystem.json"} {
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
	for _, p := range []string{"../../testdata/vulns/release-1.4.0/trivy.json", "../../testdata/vulns/release-1.5.0/trivy.json", "testdata/filesystem.json"} {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		occs, ok := trivy.ParseFast(nil, "r.json", b)
		if !ok {
			t.Fatalf("%s: the fast path gave up", p)
		}
		want, err := trivy.Parse("r.json", bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, occs); diff != "" {
			t.Errorf("%s: fast path differs from Parse (-want +got):\n%s", p, diff)
		}
	}
	// The first seed has escapes, nulls and every field: it is read fast.
	if _, ok := trivy.ParseFast(nil, "r.json", []byte(fastSeeds[0])); !ok {
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
			Parse: trivy.Parse,
			Fast:  map[string]func([]attest.Occurrence, string, []byte) ([]attest.Occurrence, bool){"ParseFast": trivy.ParseFast, "ParseFastShared": trivy.ParseFastShared},
			Bytes: map[string]func([]attest.Occurrence, string, []byte) ([]attest.Occurrence, error){"ParseBytes": trivy.ParseBytes, "ParseBytesShared": trivy.ParseBytesShared},
		})
	})
}
