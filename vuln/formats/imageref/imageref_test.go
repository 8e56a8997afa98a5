package imageref_test

import (
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

func TestRegionFromARN(t *testing.T) {
	for in, want := range map[string]string{
		"arn:aws:ecr:eu-west-1:123456789012:repository/web/sha256:abc": "eu-west-1",
		"arn:aws:inspector2:us-east-1:123456789012:finding/0a":         "us-east-1",
		"i-0a1b2c3d": "",
	} {
		if got := imageref.RegionFromARN(in); got != want {
			t.Errorf("RegionFromARN(%q) = %q, want %q", in, got, want)
		}
	}
}
