package inspector_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/vuln/formats/golden"
	"github.com/attest-dev/attest/vuln/inspector"
	"github.com/google/go-cmp/cmp"
)

// fastSeeds are reports the fast path reads, and variations of them that it
// must either read as Parse does or leave to Parse: escapes, nulls, keys in
// another case or repeated, numbers at the edge of float64, bad syntax.
var fastSeeds = []string{
	`{"findings":[{"findingArn":"arn:aws:inspector2:us-east-1:1:finding/1","type":"PACKAGE_VULNERABILITY","status":"ACTIVE","severity":"HIGH","title":"t","description":"d\n","fixAvailable":"YES","epss":{"score":0.25},"packageVulnerabilityDetails":{"vulnerabilityId":"CVE-1","source":"NVD","sourceUrl":"https://n","referenceUrls":["https://r"],"relatedVulnerabilities":["GHSA-1"],"cvss":[{"baseScore":7.5,"scoringVector":"CVSS:3.1/AV:N","source":"NVD","version":"3.1"}],"vulnerablePackages":[{"name":"p","version":"1.2","epoch":1,"release":"3","arch":"X86_64","packageManager":"OS","fixedInVersion":"0:1.3","filePath":"/f"}]},"resources":[{"type":"AWS_ECR_CONTAINER_IMAGE","id":"arn:aws:ecr:us-east-1:1:repository/r/sha256:aa","details":{"awsEcrContainerImage":{"repositoryName":"r","registry":"1","imageHash":"sha256:aa","imageTags":["1"],"platform":"DEBIAN_12"}}},{"type":"AWS_EC2_INSTANCE","id":"i-1","region":"us-east-1","details":{"awsEc2Instance":{"platform":"AMAZON_LINUX_2023"}}},{"type":"AWS_LAMBDA_FUNCTION","id":"arn:l","details":{"awsLambdaFunction":{"functionName":"f","version":"$LATEST"}}}]}],"nextToken":"x"}`,
	`[{"findingArn":"arn:aws:inspector2:us-east-1:1:finding/1","type":"PACKAGE_VULNERABILITY","status":"ACTIVE","severity":"HIGH","title":"t","description":"d\n","fixAvailable":"YES","epss":{"score":0.25},"packageVulnerabilityDetails":{"vulnerabilityId":"CVE-1","source":"NVD","sourceUrl":"https://n","referenceUrls":["https://r"],"relatedVulnerabilities":["GHSA-1"],"cvss":[{"baseScore":7.5,"scoringVector":"CVSS:3.1/AV:N","source":"NVD","version":"3.1"}],"vulnerablePackages":[{"name":"p","version":"1.2","epoch":1,"release":"3","arch":"X86_64","packageManager":"OS","fixedInVersion":"0:1.3","filePath":"/f"}]},"resources":[{"type":"AWS_ECR_CONTAINER_IMAGE","id":"arn:aws:ecr:us-east-1:1:repository/r/sha256:aa","details":{"awsEcrContainerImage":{"repositoryName":"r","registry":"1","imageHash":"sha256:aa","imageTags":["1"],"platform":"DEBIAN_12"}}},{"type":"AWS_EC2_INSTANCE","id":"i-1","region":"us-east-1","details":{"awsEc2Instance":{"platform":"AMAZON_LINUX_2023"}}},{"type":"AWS_LAMBDA_FUNCTION","id":"arn:l","details":{"awsLambdaFunction":{"functionName":"f","version":"$LATEST"}}}]}]`,
	`{"findingArn":"arn:aws:inspector2:us-east-1:1:finding/1","type":"PACKAGE_VULNERABILITY","status":"ACTIVE","severity":"HIGH","title":"t","description":"d\n","fixAvailable":"YES","epss":{"score":0.25},"packageVulnerabilityDetails":{"vulnerabilityId":"CVE-1","source":"NVD","sourceUrl":"https://n","referenceUrls":["https://r"],"relatedVulnerabilities":["GHSA-1"],"cvss":[{"baseScore":7.5,"scoringVector":"CVSS:3.1/AV:N","source":"NVD","version":"3.1"}],"vulnerablePackages":[{"name":"p","version":"1.2","epoch":1,"release":"3","arch":"X86_64","packageManager":"OS","fixedInVersion":"0:1.3","filePath":"/f"}]},"resources":[{"type":"AWS_ECR_CONTAINER_IMAGE","id":"arn:aws:ecr:us-east-1:1:repository/r/sha256:aa","details":{"awsEcrContainerImage":{"repositoryName":"r","registry":"1","imageHash":"sha256:aa","imageTags":["1"],"platform":"DEBIAN_12"}}},{"type":"AWS_EC2_INSTANCE","id":"i-1","region":"us-east-1","details":{"awsEc2Instance":{"platform":"AMAZON_LINUX_2023"}}},{"type":"AWS_LAMBDA_FUNCTION","id":"arn:l","details":{"awsLambdaFunction":{"functionName":"f","version":"$LATEST"}}}]}`,
	`{"findings":[{"findingArn":"a","packageVulnerabilityDetails":{"vulnerabilityId":"CVE-1","vulnerablePackages":[{"name":"p","version":"1","epoch":"2"}]},"resources":[{"type":"AWS_EC2_INSTANCE","id":"i-1"}]}]}`,
	`{"findings":[{"findingArn":"a","packageVulnerabilityDetails":{"vulnerabilityId":"CVE-1","vulnerablePackages":[{"name":"p","version":"1","epoch":null}]},"resources":[{"type":"AWS_EC2_INSTANCE","id":"i-1"}]}]}`,
	`{"findings":[{"findingArn":"a","packageVulnerabilityDetails":{"vulnerabilityId":"CVE-1","vulnerablePackages":[{"name":"p","version":"1","epoch":1.5}]},"resources":[{"type":"AWS_EC2_INSTANCE","id":"i-1"}]}]}`,
	`{"findings":[{"findingArn":"a","packageVulnerabilityDetails":{"vulnerabilityId":"CVE-1","vulnerablePackages":[{"name":"p","version":"1"}]},"resources":[{"type":"AWS_EC2_INSTANCE","id":"i-1"}],"Severity":"LOW"}]}`,
	`{"findings":[{"findingArn":"a","packageVulnerabilityDetails":{"vulnerabilityId":"CVE-1","vulnerablePackages":[{"name":"p","version":"1"}]},"resources":[{"type":"AWS_EC2_INSTANCE","id":"i-1"}],"epss":null,"resources":null}]}`,
	`{"findings":[{"findingArn":"a","packageVulnerabilityDetails":{"vulnerabilityId":"CVE-1","vulnerablePackages":[{"name":"p","version":"1"}]},"resources":[{"type":"AWS_EC2_INSTANCE","id":"i-1"}],"status":"CLOSED","type":"NETWORK_REACHABILITY"}]}`,
	`{"findings":[{"findingArn":"a","packageVulnerabilityDetails":{"vulnerabilityId":"CVE-1","vulnerablePackages":[{"name":"p","version":"1"}]},"resources":[{"type":"AWS_EC2_INSTANCE","id":"i-1"}]}],"findings":[]}`,
	`{"findings":[]}`,
	`{}`,
	`[]`,
	`{"findings":[{"findingArn":"a","packageVulnerabilityDetails":{"vulnerabilityId":"CVE-1","vulnerablePackages":[{"name":"p","version":"1"}]},"resources":[{"type":"AWS_EC2_INSTANCE","id":"i-1"}]}]}
{"findings":[]}`,
	`{"findings":[{"findingArn":"a","packageVulnerabilityDetails":{"vulnerabilityId":"CVE-1","vulnerablePackages":[{"name":"p","version":"1"}]},"resources":[{"type":"AWS_EC2_INSTANCE","id":"i-1"}]},]}`,
	`{"findings":[{"findingArn":"a","packageVulnerabilityDetails":{"vulnerabilityId":"CVE-1"}}]}`,
}

func addFastSeeds(f *testing.F) {
	for _, p := range []string{"../../testdata/vulns/release-1.4.0/inspector.json", "../../testdata/vulns/release-1.5.0/inspector.json", "testdata/ec2-export.jsonl"} {
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
	// JSON Lines exports are left to Parse.
	for _, p := range []string{"../../testdata/vulns/release-1.4.0/inspector.json", "../../testdata/vulns/release-1.5.0/inspector.json"} {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		occs, ok := inspector.ParseFast(nil, "r.json", b)
		if !ok {
			t.Fatalf("%s: the fast path gave up", p)
		}
		want, err := inspector.Parse("r.json", bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, occs); diff != "" {
			t.Errorf("%s: fast path differs from Parse (-want +got):\n%s", p, diff)
		}
	}
	// The first seeds have escapes, nulls and every field: they are read fast.
	for _, seed := range fastSeeds[:2] {
		if _, ok := inspector.ParseFast(nil, "r.json", []byte(seed)); !ok {
			t.Errorf("the fast path gave up on %s", seed)
		}
	}
}

// FuzzParseBytes is a differential test: whatever the fast path accepts, it
// reads exactly as Parse does, and ParseBytes returns what Parse returns,
// errors included.
func FuzzParseBytes(f *testing.F) {
	addFastSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		golden.SameAsParse(t, b, golden.Parsers{
			Parse: inspector.Parse,
			Fast:  map[string]func([]attest.Occurrence, string, []byte) ([]attest.Occurrence, bool){"ParseFast": inspector.ParseFast, "ParseFastShared": inspector.ParseFastShared},
			Bytes: map[string]func([]attest.Occurrence, string, []byte) ([]attest.Occurrence, error){"ParseBytes": inspector.ParseBytes, "ParseBytesShared": inspector.ParseBytesShared},
		})
	})
}
