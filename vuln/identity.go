package vuln

import (
	"net/url"
	"path"
	"strings"

	"github.com/attest-dev/attest"
)

// NormalizeID returns the canonical spelling of a vulnerability id: CVE and
// GHSA prefixes upper-case, GHSA groups lower-case, surrounding space gone.
func NormalizeID(id string) string {
	id = strings.TrimSpace(id)
	if len(id) >= 4 && strings.EqualFold(id[:4], "cve-") {
		if id[:4] == "CVE-" {
			return id
		}
		return "CVE-" + id[4:]
	}
	if len(id) >= 5 && strings.EqualFold(id[:5], "ghsa-") {
		want := "GHSA-" + strings.ToLower(id[5:])
		if want == id {
			return id
		}
		return want
	}
	return id
}

// IsCVE reports whether id is a CVE id.
func IsCVE(id string) bool { return strings.HasPrefix(id, "CVE-") }

// idPreference orders ids for naming a group: CVE, then GHSA, then others.
func idPreference(id string) int {
	switch {
	case IsCVE(id):
		return 0
	case strings.HasPrefix(id, "GHSA-"):
		return 1
	}
	return 2
}

// betterID reports whether a names a group better than b.
func betterID(a, b string) bool {
	pa, pb := idPreference(a), idPreference(b)
	if pa != pb {
		return pa < pb
	}
	return a < b
}

// ecosystems maps the spellings scanners use to one ecosystem name, which is
// also the purl type.
var ecosystems = map[string]string{
	"deb": "deb", "debian": "deb", "dpkg": "deb", "ubuntu": "deb",
	"rpm": "rpm", "os_rpm": "rpm", "redhat": "rpm", "amazon": "rpm", "centos": "rpm", "rocky": "rpm", "alma": "rpm",
	"apk": "apk", "alpine": "apk", "wolfi": "apk", "chainguard": "apk",
	"npm": "npm", "node": "npm", "nodepkg": "npm", "node-pkg": "npm", "javascript": "npm", "yarn": "npm", "pnpm": "npm",
	"pypi": "pypi", "python": "pypi", "pythonpkg": "pypi", "python-pkg": "pypi", "pip": "pypi", "pipenv": "pypi", "poetry": "pypi",
	"golang": "golang", "go": "golang", "gomod": "golang", "gobinary": "golang", "go-module": "golang", "gobinary-pkg": "golang",
	"maven": "maven", "jar": "maven", "java": "maven", "java-archive": "maven", "gradle": "maven", "pom": "maven",
	"gem": "gem", "gemspec": "gem", "bundler": "gem", "ruby": "gem", "rubygems": "gem",
	"cargo": "cargo", "rust": "cargo", "rust-crate": "cargo", "rustbinary": "cargo", "crates.io": "cargo",
	"nuget": "nuget", "dotnet": "nuget", "dotnet-core": "nuget", "dotnet-deps": "nuget",
	"composer": "composer", "php": "composer", "php-composer": "composer",
	"hex": "hex", "pub": "pub", "swift": "swift", "cocoapods": "cocoapods", "conan": "conan",
}

// NormalizeEcosystem maps a scanner's package type to one ecosystem name
// (deb, rpm, apk, npm, pypi, golang, maven, gem, cargo, nuget, composer ...).
// Unknown types are lower-cased and kept.
func NormalizeEcosystem(s string) string {
	if e, ok := ecosystems[s]; ok {
		return e
	}
	l := strings.ToLower(strings.TrimSpace(s))
	if e, ok := ecosystems[l]; ok {
		return e
	}
	return l
}

// normalizeVersion drops a "0:" epoch, which means the same as none.
func normalizeVersion(v string) string {
	v = strings.TrimSpace(v)
	return strings.TrimPrefix(v, "0:")
}

// normalizeName folds case, and for PyPI runs of "-", "_" and "." into "-"
// (PEP 503).
func normalizeName(eco, name string) string {
	name = strings.ToLower(strings.TrimSpace(name))
	if eco == "pypi" {
		name = strings.Map(func(r rune) rune {
			if r == '_' || r == '.' {
				return '-'
			}
			return r
		}, name)
		for strings.Contains(name, "--") {
			name = strings.ReplaceAll(name, "--", "-")
		}
	}
	return name
}

// PURL is a parsed package URL: pkg:type/namespace/name@version?qualifiers#subpath.
type PURL struct {
	Type       string
	Namespace  string
	Name       string
	Version    string
	Qualifiers url.Values
}

// ParsePURL parses a package URL. It is lenient: it needs only the "pkg:"
// scheme, a type and a name.
func ParsePURL(s string) (PURL, bool) {
	var p PURL
	rest, ok := strings.CutPrefix(s, "pkg:")
	if !ok {
		return p, false
	}
	rest = strings.TrimLeft(rest, "/")
	if i := strings.IndexByte(rest, '#'); i >= 0 {
		rest = rest[:i]
	}
	if i := strings.IndexByte(rest, '?'); i >= 0 {
		q, err := url.ParseQuery(rest[i+1:])
		if err == nil {
			p.Qualifiers = q
		}
		rest = rest[:i]
	}
	typ, rest, ok := strings.Cut(rest, "/")
	if !ok || typ == "" || rest == "" {
		return p, false
	}
	p.Type = strings.ToLower(typ)
	if i := strings.LastIndexByte(rest, '@'); i > 0 && strings.LastIndexByte(rest, '/') < i {
		p.Version = unescape(rest[i+1:])
		rest = rest[:i]
	}
	if i := strings.LastIndexByte(rest, '/'); i >= 0 {
		p.Namespace = unescape(rest[:i])
		p.Name = unescape(rest[i+1:])
	} else {
		p.Name = unescape(rest)
	}
	if p.Name == "" {
		return p, false
	}
	return p, true
}

func unescape(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	u, err := url.PathUnescape(s)
	if err != nil {
		return s
	}
	return u
}

// FullName is the package name as its ecosystem spells it with the
// namespace: group:artifact for Maven, @scope/name for npm, the module path
// for Go, the bare name for OS packages (whose namespace is the distro).
func (p PURL) FullName() string {
	if p.Namespace == "" {
		return p.Name
	}
	switch p.Type {
	case "maven":
		return p.Namespace + ":" + p.Name
	case "deb", "rpm", "apk", "alpm", "qpkg":
		return p.Name
	}
	return p.Namespace + "/" + p.Name
}

// VersionWithEpoch is the version with the "epoch" qualifier folded in
// (Trivy writes the rpm epoch as a qualifier, Grype inside the version).
func (p PURL) VersionWithEpoch() string {
	v := p.Version
	if e := p.Qualifiers.Get("epoch"); e != "" && e != "0" && !strings.Contains(v, ":") {
		v = e + ":" + v
	}
	return v
}

// PackageKey returns the identity of a package for merging: ecosystem, name
// and full version, each normalised. See the package documentation.
func PackageKey(p attest.Package) string {
	eco, name, ver := packageParts(p)
	return eco + "\x00" + name + "\x00" + ver
}

// packageParts returns the normalised ecosystem, name and version.
func packageParts(p attest.Package) (eco, name, ver string) {
	if u, ok := ParsePURL(p.PURL); ok {
		eco = NormalizeEcosystem(u.Type)
		name = u.FullName()
		ver = u.VersionWithEpoch()
		if ver == "" {
			ver = p.Version
		}
	} else {
		eco = NormalizeEcosystem(p.Ecosystem)
		name = p.Name
		ver = p.Version
	}
	if eco == "maven" {
		name = strings.ReplaceAll(name, "/", ":")
	}
	return eco, normalizeName(eco, name), normalizeVersion(ver)
}

// PackageLineKey identifies a package without its version: ecosystem and
// name. Diff uses it so that a vulnerability still open after an upgrade
// that did not fix it stays "open".
func PackageLineKey(p attest.Package) string {
	eco, name, _ := packageParts(p)
	return eco + "\x00" + name
}

// NormalizeRepository returns an image repository without a tag or digest,
// with Docker Hub's implicit registry and "library/" spelled out the short
// way, lower-cased.
func NormalizeRepository(repo string) string {
	r := strings.ToLower(strings.TrimSpace(repo))
	if i := strings.IndexByte(r, '@'); i >= 0 {
		r = r[:i]
	}
	if i := strings.LastIndexByte(r, ':'); i > strings.LastIndexByte(r, '/') {
		r = r[:i]
	}
	for _, p := range []string{"docker.io/", "index.docker.io/", "registry-1.docker.io/"} {
		r = strings.TrimPrefix(r, p)
	}
	r = strings.TrimPrefix(r, "library/")
	return r
}

// repositoryBase is the last path element of a repository.
func repositoryBase(repo string) string {
	r := NormalizeRepository(repo)
	if i := strings.LastIndexByte(r, '/'); i >= 0 {
		return r[i+1:]
	}
	return r
}

// ArtifactLineKey identifies an artifact across releases, whatever its
// digest: the normalised repository of an image, the host name, the path.
func ArtifactLineKey(a attest.Artifact) string {
	switch a.Kind {
	case attest.ArtifactImage, "":
		return "image:" + NormalizeRepository(a.Name)
	case attest.ArtifactHost:
		return "host:" + strings.ToLower(a.Name)
	}
	return a.Kind + ":" + path.Clean(a.Name)
}

// ArtifactRef is how reports name an artifact: repo:tag@digest for an image
// (leaving out what is unknown), the name otherwise.
func ArtifactRef(a attest.Artifact) string {
	s := a.Name
	if a.Kind != attest.ArtifactImage && a.Kind != "" {
		return s
	}
	if a.Tag != "" {
		s += ":" + a.Tag
	}
	if d := a.ManifestDigest; d != "" {
		s += "@" + d
	} else if d := a.ConfigDigest; d != "" {
		s += "@" + d
	}
	return s
}
