package inspector

import (
	"cmp"
	"errors"
	"fmt"
	"strings"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/vuln/formats/imageref"
	"github.com/attest-dev/attest/vuln/formats/severity"
)

// platformField is the product field where Inspector records the operating
// system of an ECR image in the findings it sends to Security Hub.
const platformField = "aws/inspector/resources/1/resourceDetails/awsEcrContainerImageDetails/platform"

type asffFinding struct {
	ID          string `json:"Id"`
	ProductArn  string `json:"ProductArn"`
	Region      string `json:"Region"`
	Title       string `json:"Title"`
	Description string `json:"Description"`
	Severity    struct {
		Label string `json:"Label"`
	} `json:"Severity"`
	RecordState string `json:"RecordState"`
	Workflow    struct {
		Status string `json:"Status"`
	} `json:"Workflow"`
	ProductFields   map[string]string `json:"ProductFields"`
	Vulnerabilities []struct {
		ID                 string `json:"Id"`
		VulnerablePackages []struct {
			Name           string `json:"Name"`
			Version        string `json:"Version"`
			Epoch          number `json:"Epoch"`
			Release        string `json:"Release"`
			Architecture   string `json:"Architecture"`
			PackageManager string `json:"PackageManager"`
			FilePath       string `json:"FilePath"`
			FixedInVersion string `json:"FixedInVersion"`
		} `json:"VulnerablePackages"`
		Cvss []struct {
			Version    string  `json:"Version"`
			BaseScore  float64 `json:"BaseScore"`
			BaseVector string  `json:"BaseVector"`
			Source     string  `json:"Source"`
		} `json:"Cvss"`
		RelatedVulnerabilities []string `json:"RelatedVulnerabilities"`
		Vendor                 struct {
			Name string `json:"Name"`
			URL  string `json:"Url"`
		} `json:"Vendor"`
		ReferenceUrls []string `json:"ReferenceUrls"`
		FixAvailable  string   `json:"FixAvailable"`
		EpssScore     *float64 `json:"EpssScore"`
	} `json:"Vulnerabilities"`
	Resources []struct {
		Type    string `json:"Type"`
		ID      string `json:"Id"`
		Region  string `json:"Region"`
		Details struct {
			AwsEcrContainerImage *struct {
				RegistryID     string   `json:"RegistryId"`
				RepositoryName string   `json:"RepositoryName"`
				ImageDigest    string   `json:"ImageDigest"`
				ImageTags      []string `json:"ImageTags"`
			} `json:"AwsEcrContainerImage"`
			AwsLambdaFunction *struct {
				FunctionName string `json:"FunctionName"`
				Version      string `json:"Version"`
			} `json:"AwsLambdaFunction"`
		} `json:"Details"`
	} `json:"Resources"`
}

func (f *asffFinding) occurrences(file string) ([]attest.Occurrence, error) {
	if len(f.Vulnerabilities) == 0 || strings.EqualFold(f.RecordState, "ARCHIVED") ||
		strings.EqualFold(f.Workflow.Status, "SUPPRESSED") || strings.EqualFold(f.Workflow.Status, "RESOLVED") {
		return nil, nil
	}
	if len(f.Resources) == 0 {
		return nil, fmt.Errorf("finding %s lists no Resources", f.ID)
	}
	var occs []attest.Occurrence
	for ri := range f.Resources {
		art, err := f.artifact(ri)
		if err != nil {
			return nil, err
		}
		for vi, v := range f.Vulnerabilities {
			if v.ID == "" {
				return nil, fmt.Errorf("Vulnerabilities[%d].Id is empty", vi)
			}
			if len(v.VulnerablePackages) == 0 {
				return nil, fmt.Errorf("finding lists no VulnerablePackages under Vulnerabilities[%d] (%s)", vi, v.ID)
			}
			for pi, vp := range v.VulnerablePackages {
				p := vulnerablePackage{Name: vp.Name, Version: vp.Version, Epoch: vp.Epoch, Release: vp.Release, PackageManager: vp.PackageManager, FixedInVersion: vp.FixedInVersion}
				pkg, fixed, err := p.pkg(f.ProductFields[platformField])
				if err != nil {
					return nil, fmt.Errorf("Vulnerabilities[%d].VulnerablePackages[%d]: %w", vi, pi, err)
				}
				o := attest.Occurrence{
					Scanner:     ScannerASFF,
					File:        file,
					Artifact:    art,
					Package:     pkg,
					VulnID:      v.ID,
					Aliases:     appendUnique(nil, v.ID, v.RelatedVulnerabilities...),
					Severity:    severity.Normalize(f.Severity.Label),
					FixState:    fixState(v.FixAvailable, fixed != ""),
					Title:       f.Title,
					Description: f.Description,
					URLs:        appendUnique(nil, "", append([]string{v.Vendor.URL}, v.ReferenceUrls...)...),
				}
				if fixed != "" {
					o.FixedVersions = []string{fixed}
				}
				for _, c := range v.Cvss {
					o.CVSS = append(o.CVSS, attest.CVSS{Source: strings.ToLower(c.Source), Version: c.Version, Vector: c.BaseVector, Score: c.BaseScore})
				}
				if v.EpssScore != nil {
					o.EPSS = &attest.EPSS{Score: *v.EpssScore}
				}
				if vp.FilePath != "" {
					o.Locations = []string{vp.FilePath}
				}
				occs = append(occs, o)
			}
		}
	}
	return occs, nil
}

func (f *asffFinding) artifact(i int) (attest.Artifact, error) {
	res := f.Resources[i]
	region := cmp.Or(res.Region, imageref.RegionFromARN(res.ID), f.Region)
	switch {
	case res.Details.AwsEcrContainerImage != nil:
		e := res.Details.AwsEcrContainerImage
		a := attest.Artifact{
			Kind:           attest.ArtifactImage,
			Name:           imageref.ECRRepository(e.RegistryID, region, e.RepositoryName),
			ManifestDigest: e.ImageDigest,
		}
		if len(e.ImageTags) > 0 {
			a.Tag = e.ImageTags[0]
		}
		if a.Name == "" {
			a.Name = cmp.Or(e.RepositoryName, res.ID)
		}
		return a, nil
	case res.Details.AwsLambdaFunction != nil:
		l := res.Details.AwsLambdaFunction
		return attest.Artifact{Kind: attest.ArtifactFunction, Name: cmp.Or(l.FunctionName, res.ID), Tag: l.Version}, nil
	}
	switch res.Type {
	case "AwsEcrContainerImage":
		return ecrFromARN(res.ID), nil
	case "AwsLambdaFunction":
		return attest.Artifact{Kind: attest.ArtifactFunction, Name: res.ID}, nil
	}
	if res.ID == "" {
		return attest.Artifact{}, errors.New("resource has neither Details nor Id")
	}
	// AwsEc2Instance and anything else: a host named by its id.
	return attest.Artifact{Kind: attest.ArtifactHost, Name: res.ID}, nil
}
