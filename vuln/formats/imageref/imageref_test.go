package imageref_test

import (
	"strings"
	"testing"

	"github.com/attest-dev/attest/vuln/formats/imageref"
)

func TestParse(t *testing.T) {
	for in, want := range map[string]imageref.Ref{
		"123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.4.0": {Repository: "123456789012.dkr.ecr.us-east-1.amazonaws.com/web", Tag: "1.4.0"},
		"registry:localhost:5000/team/web:2@sha256:abc":          {Repository: "localhost:5000/team/web", Tag: "2", Digest: "sha256:abc"},
		"nginx@sha256:def":   {Repository: "nginx", Digest: "sha256:def"},
		"docker:alpine":      {Repository: "alpine"},
		"localhost:5000/web": {Repository: "localhost:5000/web"},
	} {
		if got := imageref.Parse(in); got != want {
			t.Errorf("Parse(%q) = %+v, want %+v", in, got, want)
		}
	}
}

func TestECRRepository(t *testing.T) {
	if got := imageref.ECRRepository("123456789012", "us-east-1", "web"); got != "123456789012.dkr.ecr.us-east-1.amazonaws.com/web" {
		t.Errorf("got %q", got)
	}
	if got := imageref.ECRRepository("123456789012", "cn-north-1", "web"); got != "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/web" {
		t.Errorf("got %q", got)
	}
	if got := imageref.ECRRepository("", "us-east-1", "web"); got != "" {
		t.Errorf("got %q, want empty", got)
	}
}

// FuzzRegionFromARN holds RegionFromARN to its definition: the fourth of
// at least six colon-separated fields, the first of which is "arn".
func FuzzRegionFromARN(f *testing.F) {
	f.Add("arn:aws:ecr:eu-west-1:123456789012:repository/web/sha256:abc")
	f.Add("arn:aws:ecr:eu-west-1:1")
	f.Add("arn:::::")
	f.Fuzz(func(t *testing.T, arn string) {
		want := ""
		if parts := strings.SplitN(arn, ":", 6); len(parts) == 6 && parts[0] == "arn" {
			want = parts[3]
		}
		if got := imageref.RegionFromARN(arn); got != want {
			t.Errorf("RegionFromARN(%q) = %q, want %q", arn, got, want)
		}
	})
}

func TestRegionFromARN(t *testing.T) {
	for in, want := range map[string]string{
		"arn:aws:ecr:eu-west-1:123456789012:repository/web/sha256:abc": "eu-west-1",
		"arn:aws:inspector2:us-east-1:123456789012:finding/0a":         "us-east-1",
		"i-0a1b2c3d":                           "",
		"arn:aws:ecr:eu-west-1:123456789012":   "", // no resource
		"arn:aws:ecr:eu-west-1:123456789012:":  "eu-west-1",
		"arn:::::":                             "",
		"arn:aws:ecr::123456789012:repository": "",
		"ARN:aws:ecr:eu-west-1:1:r":            "",
		"xarn:aws:ecr:eu-west-1:1:r":           "",
	} {
		if got := imageref.RegionFromARN(in); got != want {
			t.Errorf("RegionFromARN(%q) = %q, want %q", in, got, want)
		}
	}
}
