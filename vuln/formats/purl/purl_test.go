package purl_test

import (
	"testing"

	"github.com/attest-dev/attest/vuln/formats/purl"
)

func TestEcosystem(t *testing.T) {
	for in, want := range map[string]string{
		"pkg:deb/debian/libc6@2.36-9%2Bdeb12u1?arch=amd64": "deb",
		"pkg:golang/golang.org/x/net@v0.15.0":              "golang",
		"pkg:Maven/org.apache/log4j@2.14":                  "maven",
		"lodash@4.17.20":                                   "",
		"pkg:":                                             "",
	} {
		if got := purl.Ecosystem(in); got != want {
			t.Errorf("Ecosystem(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFromType(t *testing.T) {
	for in, want := range map[string]string{
		"go-module": "golang", "node-pkg": "npm", "PYTHONPKG": "pypi", "debian": "deb", "amazon": "rpm",
		"java-archive": "maven", "DOTNET_CORE": "nuget", "swift": "swift", "something-new": "something-new",
	} {
		if got := purl.FromType(in); got != want {
			t.Errorf("FromType(%q) = %q, want %q", in, got, want)
		}
	}
}
