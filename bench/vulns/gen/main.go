// Command gen writes synthetic Grype, Trivy and Amazon Inspector reports for
// benchmarking `attest vulns merge`: many images built on a shared set of
// Debian and npm packages, each reported by all three scanners (so the
// reports overlap as real ones do), with Grype naming npm issues by GHSA id
// and the CVE as a related vulnerability, and Inspector missing every tenth
// finding.
//
//	go run ./bench/vulns/gen -occurrences 1000000 -out /tmp/vulns-bench
//
// It writes DIR/grype/IMAGE.json and DIR/trivy/IMAGE.json per image and
// DIR/inspector/findings-N.json holding up to 20,000 findings each (as a
// paginated ListFindings export would be saved).
package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// pairsPerImage is how many (package, vulnerability) pairs each image has.
const pairsPerImage = 300

// pkg is one package version of the shared pool.
type pkg struct {
	npm              bool
	name             string
	version, release string // Debian versions split as Inspector splits them
	fixed            string
}

func (p pkg) full() string {
	if p.npm {
		return p.version
	}
	return p.version + "-" + p.release
}

func (p pkg) purl() string {
	if p.npm {
		return "pkg:npm/" + p.name + "@" + p.version
	}
	return "pkg:deb/debian/" + p.name + "@" + p.full() + "?arch=amd64&distro=debian-12"
}

// finding is one (package, vulnerability) pair of an image.
type finding struct {
	pkg      *pkg
	cve      string
	ghsa     string
	severity string
}

var severities = []string{"Critical", "High", "Medium", "Low", "Negligible"}

func digest(s string) string {
	return fmt.Sprintf("sha256:%x", sha256.Sum256([]byte(s)))
}

func main() {
	total := flag.Int("occurrences", 1_000_000, "about how many occurrences to write across all reports")
	out := flag.String("out", "", "output `DIR`")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if *out == "" {
		log.Fatal("gen: -out is required")
	}
	r := rand.New(rand.NewPCG(*seed, 2))

	pool := make([]pkg, 4000)
	for i := range pool {
		p := &pool[i]
		p.npm = i%5 < 2
		if p.npm {
			p.name = fmt.Sprintf("lib-%d", i)
			p.version = fmt.Sprintf("%d.%d.%d", 1+i%7, i%13, i%5)
			p.fixed = fmt.Sprintf("%d.%d.%d", 1+i%7, i%13, i%5+1)
		} else {
			p.name = fmt.Sprintf("libpkg%d", i)
			p.version = fmt.Sprintf("%d.%d", 1+i%9, i%17)
			p.release = fmt.Sprintf("%d+deb12u%d", 1+i%4, 1+i%3)
			p.fixed = fmt.Sprintf("%s-%d+deb12u%d", p.version, 1+i%4, 4+i%3)
		}
	}
	// Each image has pairsPerImage findings; Grype and Trivy report every
	// one, Inspector nine in ten.
	perImage := pairsPerImage*2 + pairsPerImage*9/10
	images := max(1, *total/perImage)

	for _, d := range []string{"grype", "trivy", "inspector"} {
		if err := os.MkdirAll(filepath.Join(*out, d), 0o755); err != nil {
			log.Fatal(err)
		}
	}
	insp := &inspectorWriter{dir: filepath.Join(*out, "inspector")}
	written := 0
	for img := 0; img < images; img++ {
		repo := fmt.Sprintf("123456789012.dkr.ecr.us-east-1.amazonaws.com/team%d/svc%d", img%20, img)
		tag := fmt.Sprintf("1.%d.0", img%10)
		manifest, config := digest(fmt.Sprintf("manifest %d", img)), digest(fmt.Sprintf("config %d", img))
		fs := make([]finding, pairsPerImage)
		for i := range fs {
			p := &pool[r.IntN(len(pool))]
			n := r.IntN(20000)
			fs[i] = finding{pkg: p, cve: fmt.Sprintf("CVE-20%02d-%05d", 15+n%10, n), severity: severities[r.IntN(len(severities))]}
			if p.npm {
				fs[i].ghsa = fmt.Sprintf("GHSA-%04x-%04x-%04x", n, n*7%65536, n*13%65536)
			}
		}
		name := fmt.Sprintf("svc%d", img)
		must(writeGrype(filepath.Join(*out, "grype", name+".json"), repo, tag, manifest, config, fs))
		must(writeTrivy(filepath.Join(*out, "trivy", name+".json"), repo, tag, manifest, config, fs))
		for i, f := range fs {
			if i%10 != 9 {
				must(insp.add(repo, tag, manifest, f))
			}
		}
		written += len(fs)*2 + len(fs)*9/10
	}
	must(insp.close())
	fmt.Printf("gen: %d images, %d occurrences in %s\n", images, written, *out)
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

// jsonString quotes s as a JSON string.
func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func writeGrype(path, repo, tag, manifest, config string, fs []finding) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<16)
	w.WriteString(`{"matches":[`)
	for i, x := range fs {
		if i > 0 {
			w.WriteByte(',')
		}
		id, ns, related := x.cve, "debian:distro:debian:12", ""
		typ, lang, loc := "deb", "", "/var/lib/dpkg/status"
		if x.pkg.npm {
			id, ns = x.ghsa, "github:language:javascript"
			typ, lang, loc = "npm", "javascript", "/app/node_modules/"+x.pkg.name+"/package.json"
			related = fmt.Sprintf(`{"id":%q,"dataSource":"https://nvd.nist.gov/vuln/detail/%s","namespace":"nvd:cpe","severity":%q,"urls":[],"cvss":[]}`, x.cve, x.cve, x.severity)
		}
		fmt.Fprintf(w, `{"vulnerability":{"id":%q,"dataSource":"https://security-tracker.debian.org/tracker/%s","namespace":%q,"severity":%q,"urls":[],"cvss":[],"fix":{"versions":[%q],"state":"fixed"},"advisories":[]},`+
			`"relatedVulnerabilities":[%s],"matchDetails":[],`+
			`"artifact":{"id":"%x","name":%q,"version":%q,"type":%q,"locations":[{"path":%q}],"language":%q,"licenses":[],"cpes":[],"purl":%q,"upstreams":[]}}`,
			id, x.cve, ns, x.severity, x.pkg.fixed, related, i, x.pkg.name, x.pkg.full(), typ, loc, lang, x.pkg.purl())
	}
	fmt.Fprintf(w, `],"source":{"type":"image","target":{"userInput":%s,"imageID":%q,"manifestDigest":%q,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","tags":[%s],"imageSize":1000,"layers":[],"manifest":"","config":"","repoDigests":[%s],"architecture":"amd64","os":"linux"}},`+
		`"distro":{"name":"debian","version":"12","idLike":[]},"descriptor":{"name":"grype","version":"0.79.1","configuration":{},"db":{},"timestamp":"2026-11-22T10:00:00Z"}}`+"\n",
		jsonString(repo+":"+tag), config, manifest, jsonString(repo+":"+tag), jsonString(repo+"@"+manifest))
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

func writeTrivy(path, repo, tag, manifest, config string, fs []finding) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<16)
	fmt.Fprintf(w, `{"SchemaVersion":2,"CreatedAt":"2026-11-22T10:00:00Z","ArtifactName":%s,"ArtifactType":"container_image","Metadata":{"OS":{"Family":"debian","Name":"12.8"},"ImageID":%q,"DiffIDs":[],"RepoTags":[%s],"RepoDigests":[%s],"ImageConfig":{"architecture":"amd64","os":"linux"}},"Results":[`,
		jsonString(repo+":"+tag), config, jsonString(repo+":"+tag), jsonString(repo+"@"+manifest))
	for class, npm := range []bool{false, true} {
		if class > 0 {
			w.WriteByte(',')
		}
		if npm {
			w.WriteString(`{"Target":"app/package-lock.json","Class":"lang-pkgs","Type":"npm","Vulnerabilities":[`)
		} else {
			fmt.Fprintf(w, `{"Target":%s,"Class":"os-pkgs","Type":"debian","Vulnerabilities":[`, jsonString(repo+":"+tag+" (debian 12.8)"))
		}
		first := true
		for _, x := range fs {
			if x.pkg.npm != npm {
				continue
			}
			if !first {
				w.WriteByte(',')
			}
			first = false
			sev := strings.ToUpper(x.severity)
			if sev == "NEGLIGIBLE" {
				sev = "LOW"
			}
			fmt.Fprintf(w, `{"VulnerabilityID":%q,"PkgID":"%s@%s","PkgName":%q,"PkgIdentifier":{"PURL":%q},"InstalledVersion":%q,"FixedVersion":%q,"Status":"fixed","SeveritySource":"nvd","PrimaryURL":"https://avd.aquasec.com/nvd/%s","Title":"synthetic issue in %s","Severity":%q}`,
				x.cve, x.pkg.name, x.pkg.full(), x.pkg.name, x.pkg.purl(), x.pkg.full(), x.pkg.fixed, strings.ToLower(x.cve), x.pkg.name, sev)
		}
		w.WriteString(`]}`)
	}
	w.WriteString("]}\n")
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// inspectorWriter writes Inspector findings into files of up to
// perFile findings each.
type inspectorWriter struct {
	dir   string
	f     *os.File
	w     *bufio.Writer
	n     int
	files int
	seq   int
}

const perFile = 20000

func (iw *inspectorWriter) add(repo, tag, manifest string, x finding) error {
	if iw.f == nil {
		var err error
		iw.files++
		iw.f, err = os.Create(filepath.Join(iw.dir, fmt.Sprintf("findings-%04d.json", iw.files)))
		if err != nil {
			return err
		}
		iw.w = bufio.NewWriterSize(iw.f, 1<<16)
		iw.w.WriteString(`{"findings":[`)
	} else {
		iw.w.WriteByte(',')
	}
	iw.seq++
	mgr, arch, release := "OS", "AMD64", x.pkg.release
	if x.pkg.npm {
		mgr, arch = "NODE", ""
	}
	fixed := x.pkg.fixed
	if !x.pkg.npm {
		fixed = "0:" + fixed
	}
	sev := strings.ToUpper(x.severity)
	if sev == "NEGLIGIBLE" {
		sev = "UNTRIAGED"
	}
	repoName := repo[strings.IndexByte(repo, '/')+1:]
	fmt.Fprintf(iw.w, `{"awsAccountId":"123456789012","description":"synthetic","findingArn":"arn:aws:inspector2:us-east-1:123456789012:finding/%032x","firstObservedAt":"2026-11-20T00:00:00.000000+00:00","fixAvailable":"YES",`+
		`"lastObservedAt":"2026-11-22T00:00:00.000000+00:00","packageVulnerabilityDetails":{"cvss":[],"referenceUrls":[],"relatedVulnerabilities":[],"source":"NVD","sourceUrl":"https://nvd.nist.gov/vuln/detail/%s","vendorSeverity":%q,"vulnerabilityId":%q,`+
		`"vulnerablePackages":[{"arch":%q,"epoch":0,"fixedInVersion":%q,"name":%q,"packageManager":%q,"release":%q,"version":%q}]},"remediation":{"recommendation":{"text":"None Provided"}},`+
		`"resources":[{"details":{"awsEcrContainerImage":{"architecture":"amd64","imageHash":%q,"imageTags":[%q],"platform":"DEBIAN_12","registry":"123456789012","repositoryName":%q}},"id":"arn:aws:ecr:us-east-1:123456789012:repository/%s/%s","partition":"aws","region":"us-east-1","type":"AWS_ECR_CONTAINER_IMAGE"}],`+
		`"severity":%q,"status":"ACTIVE","title":"%s - %s","type":"PACKAGE_VULNERABILITY","updatedAt":"2026-11-22T00:00:00.000000+00:00"}`,
		iw.seq, x.cve, strings.ToLower(x.severity), x.cve, arch, fixed, x.pkg.name, mgr, release, x.pkg.version,
		manifest, tag, repoName, repoName, manifest, sev, x.cve, x.pkg.name)
	iw.n++
	if iw.n == perFile {
		return iw.close()
	}
	return nil
}

func (iw *inspectorWriter) close() error {
	if iw.f == nil {
		return nil
	}
	iw.w.WriteString("]}\n")
	if err := iw.w.Flush(); err != nil {
		return err
	}
	err := iw.f.Close()
	iw.f, iw.n = nil, 0
	return err
}
