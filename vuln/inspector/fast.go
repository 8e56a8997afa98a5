package inspector

import (
	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/vuln/formats/jsonstream"
)

// ParseBytes is Parse of findings held in memory. It reads the usual shape
// of a ListFindings response or export, and an array of findings, with a
// jsonstream.Scanner, several times faster than the streaming decoder, and
// falls back on Parse for anything else (JSON Lines among it), so its
// result, errors included, is always Parse's. It appends the occurrences
// to dst.
func ParseBytes(dst []attest.Occurrence, name string, data []byte) ([]attest.Occurrence, error) {
	return jsonstream.ParseInMemory(dst, name, data, parseFast, Parse)
}

// ParseBytesShared is ParseBytes for a caller that keeps data unchanged for
// as long as it uses the occurrences: their strings may share data's memory
// instead of being copies (formats.Reader.Shared).
func ParseBytesShared(dst []attest.Occurrence, name string, data []byte) ([]attest.Occurrence, error) {
	return jsonstream.ParseInMemory(dst, name, data, parseFastShared, Parse)
}

// parseFast is Parse for the documents a Scanner reads, appending to dst;
// ok is false when it gave up (the document is unusual or invalid).
func parseFast(dst []attest.Occurrence, name string, data []byte) (occs []attest.Occurrence, ok bool) {
	return parseScanner(dst, name, jsonstream.NewScanner(data))
}

// parseFastShared is parseFast whose strings share data's memory.
func parseFastShared(dst []attest.Occurrence, name string, data []byte) (occs []attest.Occurrence, ok bool) {
	return parseScanner(dst, name, jsonstream.NewSharedScanner(data))
}

// parseScanner is parseFast over the document s reads.
func parseScanner(dst []attest.Occurrence, name string, s *jsonstream.Scanner) (occs []attest.Occurrence, ok bool) {
	occs = dst
	// f is each finding in turn, reset to zero (which leaves alone what
	// earlier occurrences share with it): one allocation, not one per
	// finding.
	var f finding
	findings := func() {
		s.Array(func() {
			f = finding{}
			jsonstream.Decode(s, &f, decodeFinding)
			if s.Failed() {
				return
			}
			o, err := f.appendOccurrences(occs, name)
			if err != nil {
				s.Fail() // Parse says where
				return
			}
			occs = o
		})
	}
	if s.IsArray() {
		findings()
	} else {
		list := false
		s.Object(func(key []byte) {
			if string(key) != "findings" {
				s.Skip()
				return
			}
			if list {
				s.Fail()
				return
			}
			list = true
			findings()
		})
		if !list {
			s.Fail() // one finding, or none: left to Parse
		}
	}
	s.End()
	if s.Failed() {
		return dst, false
	}
	return occs, true
}

var (
	findingFields = jsonstream.NewFields("findingArn", "type", "status", "severity", "title", "description",
		"fixAvailable", "epss", "packageVulnerabilityDetails", "resources")
	epssFields    = jsonstream.NewFields("score")
	detailsFields = jsonstream.NewFields("vulnerabilityId", "source", "sourceUrl", "referenceUrls",
		"relatedVulnerabilities", "cvss", "vulnerablePackages")
	cvssFields            = jsonstream.NewFields("baseScore", "scoringVector", "source", "version")
	packageFields         = jsonstream.NewFields("name", "version", "epoch", "release", "arch", "packageManager", "fixedInVersion", "filePath")
	resourceFields        = jsonstream.NewFields("type", "id", "region", "details")
	resourceDetailsFields = jsonstream.NewFields("awsEcrContainerImage", "awsEc2Instance", "awsLambdaFunction")
	ecrFields             = jsonstream.NewFields("repositoryName", "registry", "imageHash", "imageTags", "platform")
	ec2Fields             = jsonstream.NewFields("platform")
	lambdaFields          = jsonstream.NewFields("functionName", "version")
)

// decodeFinding decodes a finding as jsonstream.Decoder would into a zero
// f, or fails.
func decodeFinding(s *jsonstream.Scanner, f *finding) {
	var seen uint64
	s.Object(func(key []byte) {
		switch string(key) {
		case "findingArn":
			if s.First(&seen, 0) {
				f.FindingArn = s.String()
			}
		case "type":
			if s.First(&seen, 1) {
				f.Type = s.Intern()
			}
		case "status":
			if s.First(&seen, 2) {
				f.Status = s.Intern()
			}
		case "severity":
			if s.First(&seen, 3) {
				f.Severity = s.Intern()
			}
		case "title":
			if s.First(&seen, 4) {
				f.Title = s.String()
			}
		case "description":
			if s.First(&seen, 5) {
				f.Description = s.String()
			}
		case "fixAvailable":
			if s.First(&seen, 6) {
				f.FixAvailable = s.Intern()
			}
		case "epss":
			if !s.First(&seen, 7) || s.Null() {
				return
			}
			f.EPSS = &epss{}
			var eseen uint64
			s.Object(func(key []byte) {
				if string(key) != "score" {
					s.SkipUnknown(key, epssFields)
				} else if s.First(&eseen, 0) {
					f.EPSS.Score = s.Float()
				}
			})
		case "packageVulnerabilityDetails":
			if !s.First(&seen, 8) || s.Null() {
				return
			}
			f.PackageVulnerabilityDetails = &packageDetails{}
			decodeDetails(s, f.PackageVulnerabilityDetails)
		case "resources":
			if !s.First(&seen, 9) || s.Null() {
				return
			}
			f.Resources = []resource{}
			s.Array(func() {
				f.Resources = append(f.Resources, resource{})
				decodeResource(s, &f.Resources[len(f.Resources)-1])
			})
		default:
			s.SkipUnknown(key, findingFields)
		}
	})
}

func decodeDetails(s *jsonstream.Scanner, p *packageDetails) {
	var seen uint64
	s.Object(func(key []byte) {
		switch string(key) {
		case "vulnerabilityId":
			if s.First(&seen, 0) {
				p.VulnerabilityID = s.String()
			}
		case "source":
			if s.First(&seen, 1) {
				p.Source = s.Intern()
			}
		case "sourceUrl":
			if s.First(&seen, 2) {
				p.SourceURL = s.String()
			}
		case "referenceUrls":
			if s.First(&seen, 3) {
				p.ReferenceURLs = s.Strings()
			}
		case "relatedVulnerabilities":
			if s.First(&seen, 4) {
				p.RelatedVulnerabilities = s.Strings()
			}
		case "cvss":
			if !s.First(&seen, 5) || s.Null() {
				return
			}
			p.CVSS = []cvss{}
			s.Array(func() {
				p.CVSS = append(p.CVSS, cvss{})
				decodeCVSS(s, &p.CVSS[len(p.CVSS)-1])
			})
		case "vulnerablePackages":
			if !s.First(&seen, 6) || s.Null() {
				return
			}
			p.VulnerablePackages = []vulnerablePackage{}
			s.Array(func() {
				p.VulnerablePackages = append(p.VulnerablePackages, vulnerablePackage{})
				decodePackage(s, &p.VulnerablePackages[len(p.VulnerablePackages)-1])
			})
		default:
			s.SkipUnknown(key, detailsFields)
		}
	})
}

func decodeCVSS(s *jsonstream.Scanner, c *cvss) {
	var seen uint64
	s.Object(func(key []byte) {
		switch string(key) {
		case "baseScore":
			if s.First(&seen, 0) {
				c.BaseScore = s.Float()
			}
		case "scoringVector":
			if s.First(&seen, 1) {
				c.ScoringVector = s.Intern()
			}
		case "source":
			if s.First(&seen, 2) {
				c.Source = s.Intern()
			}
		case "version":
			if s.First(&seen, 3) {
				c.Version = s.Intern()
			}
		default:
			s.SkipUnknown(key, cvssFields)
		}
	})
}

func decodePackage(s *jsonstream.Scanner, vp *vulnerablePackage) {
	var seen uint64
	s.Object(func(key []byte) {
		switch string(key) {
		case "name":
			if s.First(&seen, 0) {
				vp.Name = s.String()
			}
		case "version":
			if s.First(&seen, 1) {
				vp.Version = s.String()
			}
		case "epoch":
			// number reads numbers, strings and null; only a number is
			// read here.
			if s.First(&seen, 2) {
				if s.Null() {
					s.Fail()
					return
				}
				vp.Epoch = number(s.Float())
			}
		case "release":
			if s.First(&seen, 3) {
				vp.Release = s.String()
			}
		case "arch":
			if s.First(&seen, 4) {
				vp.Arch = s.Intern()
			}
		case "packageManager":
			if s.First(&seen, 5) {
				vp.PackageManager = s.Intern()
			}
		case "fixedInVersion":
			if s.First(&seen, 6) {
				vp.FixedInVersion = s.String()
			}
		case "filePath":
			if s.First(&seen, 7) {
				vp.FilePath = s.String()
			}
		default:
			s.SkipUnknown(key, packageFields)
		}
	})
}

func decodeResource(s *jsonstream.Scanner, r *resource) {
	var seen uint64
	s.Object(func(key []byte) {
		switch string(key) {
		case "type":
			if s.First(&seen, 0) {
				r.Type = s.Intern()
			}
		case "id":
			if s.First(&seen, 1) {
				r.ID = s.Intern()
			}
		case "region":
			if s.First(&seen, 2) {
				r.Region = s.Intern()
			}
		case "details":
			if s.First(&seen, 3) {
				decodeResourceDetails(s, &r.Details)
			}
		default:
			s.SkipUnknown(key, resourceFields)
		}
	})
}

func decodeResourceDetails(s *jsonstream.Scanner, d *resourceDetails) {
	var seen uint64
	s.Object(func(key []byte) {
		switch string(key) {
		case "awsEcrContainerImage":
			if !s.First(&seen, 0) || s.Null() {
				return
			}
			e := &ecrImage{}
			d.AwsEcrContainerImage = e
			var eseen uint64
			s.Object(func(key []byte) {
				switch string(key) {
				case "repositoryName":
					if s.First(&eseen, 0) {
						e.RepositoryName = s.Intern()
					}
				case "registry":
					if s.First(&eseen, 1) {
						e.Registry = s.Intern()
					}
				case "imageHash":
					if s.First(&eseen, 2) {
						e.ImageHash = s.Intern()
					}
				case "imageTags":
					if s.First(&eseen, 3) {
						e.ImageTags = s.Strings()
					}
				case "platform":
					if s.First(&eseen, 4) {
						e.Platform = s.Intern()
					}
				default:
					s.SkipUnknown(key, ecrFields)
				}
			})
		case "awsEc2Instance":
			if !s.First(&seen, 1) || s.Null() {
				return
			}
			e := &ec2Instance{}
			d.AwsEc2Instance = e
			var eseen uint64
			s.Object(func(key []byte) {
				if string(key) != "platform" {
					s.SkipUnknown(key, ec2Fields)
				} else if s.First(&eseen, 0) {
					e.Platform = s.Intern()
				}
			})
		case "awsLambdaFunction":
			if !s.First(&seen, 2) || s.Null() {
				return
			}
			l := &lambdaFunction{}
			d.AwsLambdaFunction = l
			var lseen uint64
			s.Object(func(key []byte) {
				switch string(key) {
				case "functionName":
					if s.First(&lseen, 0) {
						l.FunctionName = s.Intern()
					}
				case "version":
					if s.First(&lseen, 1) {
						l.Version = s.Intern()
					}
				default:
					s.SkipUnknown(key, lambdaFields)
				}
			})
		default:
			s.SkipUnknown(key, resourceDetailsFields)
		}
	})
}
