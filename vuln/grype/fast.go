package grype

import (
	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/vuln/formats/jsonstream"
)

// ParseBytes is Parse of a report held in memory. It reads the usual shape
// of a report with a jsonstream.Scanner, several times faster than the
// streaming decoder, and falls back on Parse for anything else, so its
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
	from := len(dst)
	var (
		src  source
		seen uint64
		// m is each match in turn, reset to zero (which leaves alone
		// what earlier occurrences share with it): one allocation, not
		// one per match.
		m match
	)
	s.Object(func(key []byte) {
		switch string(key) {
		case "matches":
			if !s.First(&seen, 0) {
				return
			}
			s.Array(func() {
				m = match{}
				jsonstream.Decode(s, &m, decodeMatch)
				if s.Failed() {
					return
				}
				o, err := m.occurrence()
				if err != nil {
					s.Fail() // Parse says where
					return
				}
				o.File = name
				occs = append(occs, o)
			})
		case "source":
			if s.First(&seen, 1) {
				if raw := s.Skip(); raw != nil && jsonstream.Unmarshal(raw, &src) != nil {
					s.Fail()
				}
			}
		case "descriptor":
			if s.First(&seen, 2) {
				s.Skip()
			}
		default:
			s.Skip()
		}
	})
	s.End()
	if s.Failed() || seen&1 == 0 || seen&6 == 0 {
		return dst, false
	}
	art, err := src.artifact()
	if err != nil {
		return dst, false
	}
	for i := from; i < len(occs); i++ {
		occs[i].Artifact = art
	}
	return occs, true
}

var (
	matchFields         = jsonstream.NewFields("vulnerability", "relatedVulnerabilities", "artifact")
	vulnerabilityFields = jsonstream.NewFields("id", "dataSource", "namespace", "severity", "urls", "description", "cvss", "fix", "epss")
	fixFields           = jsonstream.NewFields("versions", "state")
	cvssFields          = jsonstream.NewFields("source", "version", "vector", "metrics")
	metricsFields       = jsonstream.NewFields("baseScore")
	epssFields          = jsonstream.NewFields("cve", "epss", "percentile", "date")
	artifactFields      = jsonstream.NewFields("name", "version", "type", "purl", "locations")
	locationFields      = jsonstream.NewFields("path")
)

// decodeMatch decodes a match as jsonstream.Decoder would into a zero m,
// or fails.
func decodeMatch(s *jsonstream.Scanner, m *match) {
	var seen uint64
	s.Object(func(key []byte) {
		switch string(key) {
		case "vulnerability":
			if s.First(&seen, 0) {
				decodeVulnerability(s, &m.Vulnerability)
			}
		case "relatedVulnerabilities":
			if !s.First(&seen, 1) || s.Null() {
				return
			}
			m.RelatedVulnerabilities = []vulnerability{}
			s.Array(func() {
				m.RelatedVulnerabilities = append(m.RelatedVulnerabilities, vulnerability{})
				decodeVulnerability(s, &m.RelatedVulnerabilities[len(m.RelatedVulnerabilities)-1])
			})
		case "artifact":
			if s.First(&seen, 2) {
				decodeArtifact(s, &m.Artifact)
			}
		default:
			s.SkipUnknown(key, matchFields)
		}
	})
}

func decodeVulnerability(s *jsonstream.Scanner, v *vulnerability) {
	var seen uint64
	s.Object(func(key []byte) {
		switch string(key) {
		case "id":
			if s.First(&seen, 0) {
				v.ID = s.String()
			}
		case "dataSource":
			if s.First(&seen, 1) {
				s.Skip() // not used
			}
		case "namespace":
			if s.First(&seen, 2) {
				v.Namespace = s.Intern()
			}
		case "severity":
			if s.First(&seen, 3) {
				v.Severity = s.Intern()
			}
		case "urls":
			if s.First(&seen, 4) {
				v.URLs = s.Strings()
			}
		case "description":
			if s.First(&seen, 5) {
				v.Description = s.String()
			}
		case "cvss":
			if !s.First(&seen, 6) || s.Null() {
				return
			}
			v.CVSS = []cvss{}
			s.Array(func() {
				v.CVSS = append(v.CVSS, cvss{})
				decodeCVSS(s, &v.CVSS[len(v.CVSS)-1])
			})
		case "fix":
			if !s.First(&seen, 7) {
				return
			}
			var fseen uint64
			s.Object(func(key []byte) {
				switch string(key) {
				case "versions":
					if s.First(&fseen, 0) {
						v.Fix.Versions = s.Strings()
					}
				case "state":
					if s.First(&fseen, 1) {
						v.Fix.State = s.Intern()
					}
				default:
					s.SkipUnknown(key, fixFields)
				}
			})
		case "epss":
			if !s.First(&seen, 8) || s.Null() {
				return
			}
			v.EPSS = []epss{}
			s.Array(func() {
				v.EPSS = append(v.EPSS, epss{})
				decodeEPSS(s, &v.EPSS[len(v.EPSS)-1])
			})
		default:
			s.SkipUnknown(key, vulnerabilityFields)
		}
	})
}

func decodeCVSS(s *jsonstream.Scanner, c *cvss) {
	var seen uint64
	s.Object(func(key []byte) {
		switch string(key) {
		case "source":
			if s.First(&seen, 0) {
				c.Source = s.Intern()
			}
		case "version":
			if s.First(&seen, 1) {
				c.Version = s.Intern()
			}
		case "vector":
			if s.First(&seen, 2) {
				c.Vector = s.Intern()
			}
		case "metrics":
			if !s.First(&seen, 3) {
				return
			}
			var mseen uint64
			s.Object(func(key []byte) {
				if string(key) != "baseScore" {
					s.SkipUnknown(key, metricsFields)
				} else if s.First(&mseen, 0) {
					c.Metrics.BaseScore = s.Float()
				}
			})
		default:
			s.SkipUnknown(key, cvssFields)
		}
	})
}

func decodeEPSS(s *jsonstream.Scanner, e *epss) {
	var seen uint64
	s.Object(func(key []byte) {
		switch string(key) {
		case "cve":
			if s.First(&seen, 0) {
				e.CVE = s.String()
			}
		case "epss":
			if s.First(&seen, 1) {
				e.EPSS = s.Float()
			}
		case "percentile":
			if s.First(&seen, 2) {
				e.Percentile = s.Float()
			}
		case "date":
			if s.First(&seen, 3) {
				e.Date = s.Intern()
			}
		default:
			s.SkipUnknown(key, epssFields)
		}
	})
}

func decodeArtifact(s *jsonstream.Scanner, a *artifact) {
	var seen uint64
	s.Object(func(key []byte) {
		switch string(key) {
		case "name":
			if s.First(&seen, 0) {
				a.Name = s.String()
			}
		case "version":
			if s.First(&seen, 1) {
				a.Version = s.String()
			}
		case "type":
			if s.First(&seen, 2) {
				a.Type = s.Intern()
			}
		case "purl":
			if s.First(&seen, 3) {
				a.PURL = s.String()
			}
		case "locations":
			if !s.First(&seen, 4) || s.Null() {
				return
			}
			a.Locations = []struct {
				Path string `json:"path"`
			}{}
			s.Array(func() {
				var path string
				var lseen uint64
				s.Object(func(key []byte) {
					if string(key) != "path" {
						s.SkipUnknown(key, locationFields)
					} else if s.First(&lseen, 0) {
						path = s.Intern()
					}
				})
				a.Locations = append(a.Locations, struct {
					Path string `json:"path"`
				}{path})
			})
		default:
			s.SkipUnknown(key, artifactFields)
		}
	})
}
