// Package purl reads the package type of a package URL (pkg:type/...) and
// maps scanners' own package type names onto attest's ecosystem names.
package purl

import "strings"

// Ecosystem returns attest's ecosystem name for the package URL p: its type,
// with "pypi", "golang", "maven", "npm", "deb", "rpm", "apk" and the rest kept
// as the purl specification names them. It returns "" when p is not a purl.
func Ecosystem(p string) string {
	rest, ok := strings.CutPrefix(p, "pkg:")
	if !ok {
		return ""
	}
	rest = strings.TrimLeft(rest, "/")
	typ, _, ok := strings.Cut(rest, "/")
	if !ok || typ == "" {
		return ""
	}
	return strings.ToLower(typ)
}

// ecosystems maps the package type names of Grype (syft), Trivy and AWS
// Inspector onto purl types.
var ecosystems = map[string]string{
	// OS packages.
	"deb": "deb", "debian": "deb", "ubuntu": "deb", "dpkg": "deb",
	"rpm": "rpm", "redhat": "rpm", "centos": "rpm", "rocky": "rpm", "alma": "rpm", "oracle": "rpm",
	"amazon": "rpm", "fedora": "rpm", "suse": "rpm", "opensuse": "rpm", "opensuse.leap": "rpm",
	"opensuse.tumbleweed": "rpm", "sles": "rpm", "photon": "rpm", "azurelinux": "rpm", "cbl-mariner": "rpm",
	"apk": "apk", "alpine": "apk", "wolfi": "apk", "chainguard": "apk",
	// Language packages.
	"npm": "npm", "node-pkg": "npm", "nodepkg": "npm", "yarn": "npm", "pnpm": "npm", "bun": "npm",
	"python": "pypi", "pip": "pypi", "pipenv": "pypi", "poetry": "pypi", "python-pkg": "pypi", "pythonpkg": "pypi", "uv": "pypi", "pypi": "pypi",
	"go-module": "golang", "gomod": "golang", "gobinary": "golang", "golang": "golang",
	"java-archive": "maven", "jar": "maven", "pom": "maven", "gradle": "maven", "sbt": "maven", "maven": "maven",
	"gem": "gem", "bundler": "gem", "gemspec": "gem",
	"rust-crate": "cargo", "cargo": "cargo", "rust-binary": "cargo", "rustbinary": "cargo",
	"dotnet": "nuget", "nuget": "nuget", "dotnet-core": "nuget", "dotnet_core": "nuget", "packages-props": "nuget",
	"php-composer": "composer", "composer": "composer", "composer-vendor": "composer",
	"hex": "hex", "erlang-otp": "hex", "pub": "pub", "dart-pub": "pub", "swift": "swift", "cocoapods": "cocoapods",
	"conan": "conan", "conda": "conda", "hackage": "hackage", "github-action": "github",
}

// FromType maps a scanner's package type (Grype "go-module", Trivy
// "node-pkg", Inspector "PYTHONPKG") onto an ecosystem name. An unknown type
// is returned lower-cased, never dropped.
func FromType(t string) string {
	t = strings.ToLower(strings.TrimSpace(t))
	if e, ok := ecosystems[t]; ok {
		return e
	}
	return t
}
