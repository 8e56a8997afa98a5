// Package inspector reads Amazon Inspector (Inspector2) package
// vulnerability findings into occurrences, from the ListFindings response
// ({"findings": [...]}), a findings report exported to S3 (the same object,
// or one finding per line), and from Security Hub's GetFindings response in
// the AWS Security Finding Format (ASFF, {"Findings": [...]}).
//
// Findings are walked as a stream. One finding lists each vulnerable package
// and each resource; it yields one occurrence per package and resource. Only
// package vulnerabilities that are open are occurrences: findings of another
// type (network reachability, code), closed or suppressed findings, and
// Security Hub findings without a vulnerability (other products' checks)
// are skipped, the way Inspector's own console hides them by default.
//
// Inspector splits a version into epoch, version and release; Parse joins
// them back the way dpkg and rpm print them (1:2.3.4-5.el9, epoch 0 left
// out) so that they compare with other scanners' versions, and removes the
// "0:" epoch that Inspector puts before fixed versions.
package inspector

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/vuln/formats/imageref"
	"github.com/attest-dev/attest/vuln/formats/jsonstream"
	"github.com/attest-dev/attest/vuln/formats/purl"
	"github.com/attest-dev/attest/vuln/formats/severity"
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// Scanner names of the occurrences this package returns.
const (
	Scanner     = "inspector"
	ScannerASFF = "securityhub"
)

// Detect reports whether head, the opening bytes of a file, looks like
// Inspector2 findings: it mentions "findingArn" (the key of a finding in the
// Inspector2 API, which no other format uses), or it is an object whose
// first key is "findings" (an export with no findings has no findingArn).
func Detect(head []byte) bool {
	if DetectASFF(head) {
		return false
	}
	return bytes.Contains(head, []byte(`"findingArn"`)) || jsonstream.FirstKey(head) == "findings"
}

// DetectASFF reports whether head looks like Security Hub findings in ASFF:
// an object whose first key is "Findings", or a finding with the ASFF
// schema version.
func DetectASFF(head []byte) bool {
	k := jsonstream.FirstKey(head)
	return k == "Findings" || (k != "" && bytes.Contains(head, []byte(`"2018-10-08"`)) && bytes.Contains(head, []byte(`"ProductArn"`)))
}

// Parse reads Inspector2 findings from r; name is the file name used in
// occurrences and errors. The input is a ListFindings response or exported
// report ({"findings": [...]}), a JSON array of findings, or findings one a
// line (JSON Lines). Every error is a *jsonstream.Error naming the file, the
// offset and the JSON path, and unwraps to an attest.Error with code
// attest.EINVALID.
func Parse(name string, r io.Reader) ([]attest.Occurrence, error) {
	return parse[finding](name, r, "findings")
}

// ParseASFF reads Security Hub findings in ASFF from r: a GetFindings
// response ({"Findings": [...]}), an array of findings, or findings one a
// line. Errors are as for Parse.
func ParseASFF(name string, r io.Reader) ([]attest.Occurrence, error) {
	return parse[asffFinding](name, r, "Findings")
}

// converter is a finding of one of the two formats.
type converter[F any] interface {
	*F
	occurrences(file string) ([]attest.Occurrence, error)
}

// parse walks the document: an object holding the findings array under
// listKey, an array of findings, or a stream of finding objects. Each
// finding is decoded into an F straight from the stream.
func parse[F any, PF converter[F]](name string, r io.Reader, listKey string) ([]attest.Occurrence, error) {
	d := jsonstream.NewDecoder(name, r)
	var occs []attest.Occurrence
	one := func(f *F) error {
		o, err := PF(f).occurrences(name)
		if err != nil {
			return d.Errorf("%v", err)
		}
		// Double the slice when full: append grows a large slice by a
		// quarter, copying these large structs over and over.
		if cap(occs)-len(occs) < len(o) {
			occs = slices.Grow(occs, max(len(occs), len(o)))
		}
		occs = append(occs, o...)
		return nil
	}
	element := func(int) error {
		var f F
		if err := d.Decode(&f); err != nil {
			return err
		}
		return one(&f)
	}
	for n := 0; n == 0 || d.More(); n++ {
		var fields map[string]jsontext.Value
		isList := false
		err := d.Value(func(key string) error {
			if key == listKey {
				isList = true
				return d.Array(element)
			}
			var raw jsontext.Value
			if err := d.Decode(&raw); err != nil {
				return err
			}
			if fields == nil {
				fields = map[string]jsontext.Value{}
			}
			fields[key] = raw
			return nil
		}, element)
		if err != nil {
			return nil, err
		}
		if isList || len(fields) == 0 {
			continue
		}
		if _, ok := fields["nextToken"]; ok && len(fields) == 1 {
			continue
		}
		// A finding on its own line (JSON Lines export): decode the members
		// read so far as one object.
		// Deterministic: the offset in an error must not depend on the order
		// of a map.
		raw, err := json.Marshal(fields, json.Deterministic(true))
		if err != nil {
			return nil, d.Errorf("%v", err)
		}
		var f F
		if err := json.Unmarshal(raw, &f, json.MatchCaseInsensitiveNames(true)); err != nil {
			var se *json.SemanticError
			if errors.As(err, &se) && se.GoType != nil {
				return nil, d.Errorf("field %s: cannot use JSON %s as %s", strings.TrimPrefix(string(se.JSONPointer), "/"), se.JSONKind, se.GoType)
			}
			return nil, d.Errorf("%v", err)
		}
		if err := one(&f); err != nil {
			return nil, err
		}
	}
	if err := d.End(); err != nil {
		return nil, err
	}
	return occs, nil
}

// number is a JSON number that may also come as a string ("0" in ASFF).
type number float64

func (n *number) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	if s == "" || s == "null" {
		*n = 0
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return fmt.Errorf("not a number: %s", b)
	}
	*n = number(f)
	return nil
}

type finding struct {
	FindingArn                  string          `json:"findingArn"`
	Type                        string          `json:"type"`
	Status                      string          `json:"status"`
	Severity                    string          `json:"severity"`
	Title                       string          `json:"title"`
	Description                 string          `json:"description"`
	FixAvailable                string          `json:"fixAvailable"`
	EPSS                        *epss           `json:"epss"`
	PackageVulnerabilityDetails *packageDetails `json:"packageVulnerabilityDetails"`
	Resources                   []resource      `json:"resources"`
}

type epss struct {
	Score float64 `json:"score"`
}

type packageDetails struct {
	VulnerabilityID        string              `json:"vulnerabilityId"`
	Source                 string              `json:"source"`
	SourceURL              string              `json:"sourceUrl"`
	ReferenceURLs          []string            `json:"referenceUrls"`
	RelatedVulnerabilities []string            `json:"relatedVulnerabilities"`
	CVSS                   []cvss              `json:"cvss"`
	VulnerablePackages     []vulnerablePackage `json:"vulnerablePackages"`
}

type cvss struct {
	BaseScore     float64 `json:"baseScore"`
	ScoringVector string  `json:"scoringVector"`
	Source        string  `json:"source"`
	Version       string  `json:"version"`
}

type resource struct {
	Type    string          `json:"type"`
	ID      string          `json:"id"`
	Region  string          `json:"region"`
	Details resourceDetails `json:"details"`
}

type resourceDetails struct {
	AwsEcrContainerImage *ecrImage       `json:"awsEcrContainerImage"`
	AwsEc2Instance       *ec2Instance    `json:"awsEc2Instance"`
	AwsLambdaFunction    *lambdaFunction `json:"awsLambdaFunction"`
}

type ecrImage struct {
	RepositoryName string   `json:"repositoryName"`
	Registry       string   `json:"registry"`
	ImageHash      string   `json:"imageHash"`
	ImageTags      []string `json:"imageTags"`
	Platform       string   `json:"platform"`
}

type ec2Instance struct {
	Platform string `json:"platform"`
}

type lambdaFunction struct {
	FunctionName string `json:"functionName"`
	Version      string `json:"version"`
}

type vulnerablePackage struct {
	Name           string `json:"name"`
	Version        string `json:"version"`
	Epoch          number `json:"epoch"`
	Release        string `json:"release"`
	Arch           string `json:"arch"`
	PackageManager string `json:"packageManager"`
	FixedInVersion string `json:"fixedInVersion"`
	FilePath       string `json:"filePath"`
}

// open reports whether a finding status counts: ACTIVE, or unset.
func open(status string) bool {
	return status == "" || strings.EqualFold(status, "ACTIVE")
}

func (f *finding) occurrences(file string) ([]attest.Occurrence, error) {
	return f.appendOccurrences(nil, file)
}

// appendOccurrences appends the finding's occurrences to dst.
func (f *finding) appendOccurrences(dst []attest.Occurrence, file string) ([]attest.Occurrence, error) {
	if f.Type != "" && f.Type != "PACKAGE_VULNERABILITY" || !open(f.Status) {
		return dst, nil
	}
	p := f.PackageVulnerabilityDetails
	switch {
	case p == nil:
		return nil, errors.New("package vulnerability finding without packageVulnerabilityDetails")
	case p.VulnerabilityID == "":
		return nil, errors.New("packageVulnerabilityDetails.vulnerabilityId is empty")
	case len(p.VulnerablePackages) == 0:
		return nil, fmt.Errorf("finding %s for %s lists no vulnerablePackages", f.FindingArn, p.VulnerabilityID)
	case len(f.Resources) == 0:
		return nil, fmt.Errorf("finding %s for %s lists no resources", f.FindingArn, p.VulnerabilityID)
	}
	base := attest.Occurrence{
		Scanner:     Scanner,
		File:        file,
		VulnID:      p.VulnerabilityID,
		Severity:    severity.Normalize(f.Severity),
		Title:       f.Title,
		Description: f.Description,
	}
	base.Aliases = appendUnique(base.Aliases, p.VulnerabilityID, p.RelatedVulnerabilities...)
	base.URLs = appendUnique(appendUnique(nil, "", p.SourceURL), "", p.ReferenceURLs...)
	for _, c := range p.CVSS {
		base.CVSS = append(base.CVSS, attest.CVSS{Source: strings.ToLower(c.Source), Version: c.Version, Vector: c.ScoringVector, Score: c.BaseScore})
	}
	if f.EPSS != nil {
		base.EPSS = &attest.EPSS{Score: f.EPSS.Score}
	}
	occs := dst
	// The first occurrence takes base's lists; each other one gets copies
	// of its own.
	first := true
	for i := range f.Resources {
		art, platform, err := f.artifact(i)
		if err != nil {
			return nil, err
		}
		for j, vp := range p.VulnerablePackages {
			pkg, fixed, err := vp.pkg(platform)
			if err != nil {
				return nil, fmt.Errorf("vulnerablePackages[%d]: %w", j, err)
			}
			o := base
			o.Artifact, o.Package = art, pkg
			if !first {
				o.Aliases, o.URLs, o.CVSS = slices.Clone(o.Aliases), slices.Clone(o.URLs), slices.Clone(o.CVSS)
				if o.EPSS != nil {
					e := *o.EPSS
					o.EPSS = &e
				}
			}
			first = false
			if fixed != "" {
				o.FixedVersions = []string{fixed}
			}
			o.FixState = fixState(f.FixAvailable, fixed != "")
			if vp.FilePath != "" {
				o.Locations = []string{vp.FilePath}
			}
			occs = append(occs, o)
		}
	}
	return occs, nil
}

// artifact returns the artifact of resource i and the platform of its
// operating system (DEBIAN_12, AMAZON_LINUX_2023), if known.
func (f *finding) artifact(i int) (attest.Artifact, string, error) {
	res := f.Resources[i]
	region := cmp.Or(res.Region, imageref.RegionFromARN(res.ID), imageref.RegionFromARN(f.FindingArn))
	switch {
	case res.Details.AwsEcrContainerImage != nil:
		e := res.Details.AwsEcrContainerImage
		a := attest.Artifact{
			Kind:           attest.ArtifactImage,
			Name:           imageref.ECRRepository(e.Registry, region, e.RepositoryName),
			ManifestDigest: e.ImageHash,
		}
		if len(e.ImageTags) > 0 {
			a.Tag = e.ImageTags[0]
		}
		if a.Name == "" {
			a.Name = cmp.Or(e.RepositoryName, res.ID)
		}
		return a, e.Platform, nil
	case res.Details.AwsLambdaFunction != nil:
		l := res.Details.AwsLambdaFunction
		return attest.Artifact{Kind: attest.ArtifactFunction, Name: cmp.Or(l.FunctionName, res.ID), Tag: l.Version}, "", nil
	case res.Details.AwsEc2Instance != nil:
		return attest.Artifact{Kind: attest.ArtifactHost, Name: res.ID}, res.Details.AwsEc2Instance.Platform, nil
	}
	switch res.Type {
	case "AWS_EC2_INSTANCE":
		return attest.Artifact{Kind: attest.ArtifactHost, Name: res.ID}, "", nil
	case "AWS_LAMBDA_FUNCTION":
		return attest.Artifact{Kind: attest.ArtifactFunction, Name: res.ID}, "", nil
	case "AWS_ECR_CONTAINER_IMAGE":
		// Without details only the resource id is known:
		// arn:aws:ecr:<region>:<account>:repository/<name>/sha256:<digest>.
		return ecrFromARN(res.ID), "", nil
	}
	if res.ID == "" {
		return attest.Artifact{}, "", fmt.Errorf("resources[%d] has neither details nor id", i)
	}
	return attest.Artifact{Kind: attest.ArtifactHost, Name: res.ID}, "", nil
}

// ecrFromARN reads an ECR image resource id.
func ecrFromARN(id string) attest.Artifact {
	a := attest.Artifact{Kind: attest.ArtifactImage, Name: id}
	parts := strings.SplitN(id, ":", 6)
	if len(parts) < 6 {
		return a
	}
	repo, ok := strings.CutPrefix(parts[5], "repository/")
	if !ok {
		return a
	}
	if i := strings.Index(repo, "/sha256:"); i >= 0 {
		a.ManifestDigest = repo[i+1:]
		repo = repo[:i]
	}
	if n := imageref.ECRRepository(parts[4], parts[3], repo); n != "" {
		a.Name = n
	}
	return a
}

// pkg builds the package and its fixed version.
func (vp *vulnerablePackage) pkg(platform string) (attest.Package, string, error) {
	if vp.Name == "" {
		return attest.Package{}, "", errors.New("name is empty")
	}
	if vp.Version == "" {
		return attest.Package{}, "", fmt.Errorf("package %s has no version", vp.Name)
	}
	if vp.Epoch < 0 || vp.Epoch != number(int64(vp.Epoch)) {
		return attest.Package{}, "", fmt.Errorf("package %s: epoch %v is not a whole number", vp.Name, float64(vp.Epoch))
	}
	pkg := attest.Package{
		Name:      vp.Name,
		Version:   FullVersion(int64(vp.Epoch), vp.Version, vp.Release),
		Ecosystem: ecosystem(vp.PackageManager, platform),
	}
	return pkg, fixedVersion(vp.FixedInVersion), nil
}

// FullVersion joins an epoch, upstream version and release the way dpkg and
// rpm print a version: "epoch:version-release", leaving out a zero epoch and
// an empty release.
func FullVersion(epoch int64, version, release string) string {
	v := version
	if release != "" {
		v += "-" + release
	}
	if epoch > 0 {
		v = strconv.FormatInt(epoch, 10) + ":" + v
	}
	return v
}

// fixedVersion cleans Inspector's fixedInVersion: "NotAvailable" is no fix
// and the "0:" epoch is removed.
func fixedVersion(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, "NotAvailable") || strings.EqualFold(s, "None Provided") {
		return ""
	}
	return strings.TrimPrefix(s, "0:")
}

// fixState maps fixAvailable (YES, NO, PARTIAL) with whether this package
// has a fixed version.
func fixState(avail string, haveFix bool) string {
	switch {
	case haveFix:
		return attest.FixAvailable
	case strings.EqualFold(avail, "NO"), strings.EqualFold(avail, "PARTIAL"):
		return attest.FixNotFixed
	}
	return attest.FixUnknown
}

// ecosystem maps packageManager, with the platform for operating system
// packages (packageManager OS).
func ecosystem(manager, platform string) string {
	if !strings.EqualFold(manager, "OS") {
		return purl.FromType(manager)
	}
	p := strings.ToUpper(platform)
	switch {
	case strings.HasPrefix(p, "DEBIAN"), strings.HasPrefix(p, "UBUNTU"):
		return "deb"
	case strings.HasPrefix(p, "ALPINE"), strings.HasPrefix(p, "WOLFI"), strings.HasPrefix(p, "CHAINGUARD"):
		return "apk"
	case p == "":
		return ""
	}
	return "rpm"
}

// appendUnique appends the non-empty values not yet in dst and not equal to
// skip.
func appendUnique(dst []string, skip string, vals ...string) []string {
	for _, v := range vals {
		if v != "" && v != skip && !slices.Contains(dst, v) {
			dst = append(dst, v)
		}
	}
	return dst
}
