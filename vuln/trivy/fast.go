package trivy

import (
	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/vuln/formats/jsonstream"
	"github.com/attest-dev/attest/vuln/formats/purl"
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
		schema           int
		artName, artType string
		meta             metadata
		seen             uint64
		// v is each vulnerability in turn, reset to zero (which leaves
		// alone what earlier occurrences share with it): one allocation,
		// not one per vulnerability.
		v vulnerability
	)
	s.Object(func(key []byte) {
		switch string(key) {
		case "SchemaVersion":
			if s.First(&seen, 0) {
				if raw := s.Skip(); raw != nil && jsonstream.Unmarshal(raw, &schema) != nil {
					s.Fail()
				}
			}
		case "ArtifactName":
			if s.First(&seen, 1) {
				artName = s.String()
			}
		case "ArtifactType":
			if s.First(&seen, 2) {
				artType = s.String()
			}
		case "Metadata":
			if s.First(&seen, 3) {
				if raw := s.Skip(); raw != nil && jsonstream.Unmarshal(raw, &meta) != nil {
					s.Fail()
				}
			}
		case "Results":
			if !s.First(&seen, 4) {
				return
			}
			s.Array(func() {
				var (
					res   result
					rseen uint64
				)
				start := len(occs)
				s.Object(func(key []byte) {
					switch string(key) {
					case "Target":
						if s.First(&rseen, 0) {
							res.Target = s.String()
						}
					case "Class":
						if s.First(&rseen, 1) {
							res.Class = s.Intern()
						}
					case "Type":
						if s.First(&rseen, 2) {
							res.Type = s.Intern()
						}
					case "Vulnerabilities":
						if !s.First(&rseen, 3) {
							return
						}
						s.Array(func() {
							v = vulnerability{}
							jsonstream.Decode(s, &v, decodeVulnerability)
							if s.Failed() {
								return
							}
							o, err := v.occurrence()
							if err != nil {
								s.Fail() // Parse says where
								return
							}
							o.File = name
							occs = append(occs, o)
						})
					default:
						s.Skip()
					}
				})
				for i := start; i < len(occs); i++ {
					if occs[i].Package.Ecosystem == "" {
						occs[i].Package.Ecosystem = purl.FromType(res.Type)
					}
					if len(occs[i].Locations) == 0 && res.Class == "lang-pkgs" && res.Target != "" {
						occs[i].Locations = []string{res.Target}
					}
				}
			})
		default:
			s.Skip()
		}
	})
	s.End()
	if s.Failed() || seen&3 != 3 || schema != 2 {
		return dst, false
	}
	art := artifact(artName, artType, &meta)
	for i := from; i < len(occs); i++ {
		occs[i].Artifact = art
	}
	return occs, true
}

var (
	vulnerabilityFields = jsonstream.NewFields("VulnerabilityID", "VendorIDs", "PkgName", "PkgPath", "PkgIdentifier",
		"InstalledVersion", "FixedVersion", "Status", "Severity", "CVSS", "Title", "Description", "PrimaryURL", "References")
	identifierFields = jsonstream.NewFields("PURL")
	cvssFields       = jsonstream.NewFields("V2Vector", "V3Vector", "V40Vector", "V2Score", "V3Score", "V40Score")
)

// decodeVulnerability decodes a vulnerability as jsonstream.Decoder would
// into a zero v, or fails.
func decodeVulnerability(s *jsonstream.Scanner, v *vulnerability) {
	var seen uint64
	s.Object(func(key []byte) {
		switch string(key) {
		case "VulnerabilityID":
			if s.First(&seen, 0) {
				v.VulnerabilityID = s.String()
			}
		case "VendorIDs":
			if s.First(&seen, 1) {
				v.VendorIDs = s.Strings()
			}
		case "PkgName":
			if s.First(&seen, 2) {
				v.PkgName = s.String()
			}
		case "PkgPath":
			if s.First(&seen, 3) {
				v.PkgPath = s.String()
			}
		case "PkgIdentifier":
			if !s.First(&seen, 4) {
				return
			}
			var iseen uint64
			s.Object(func(key []byte) {
				if string(key) != "PURL" {
					s.SkipUnknown(key, identifierFields)
				} else if s.First(&iseen, 0) {
					v.PkgIdentifier.PURL = s.String()
				}
			})
		case "InstalledVersion":
			if s.First(&seen, 5) {
				v.InstalledVersion = s.String()
			}
		case "FixedVersion":
			if s.First(&seen, 6) {
				v.FixedVersion = s.String()
			}
		case "Status":
			if s.First(&seen, 7) {
				v.Status = s.Intern()
			}
		case "Severity":
			if s.First(&seen, 8) {
				v.Severity = s.Intern()
			}
		case "CVSS":
			if !s.First(&seen, 9) || s.Null() {
				return
			}
			v.CVSS = map[string]cvssScores{}
			s.Object(func(key []byte) {
				source := string(key)
				if _, dup := v.CVSS[source]; dup {
					s.Fail()
					return
				}
				var c cvssScores
				decodeCVSS(s, &c)
				v.CVSS[source] = c
			})
		case "Title":
			if s.First(&seen, 10) {
				v.Title = s.String()
			}
		case "Description":
			if s.First(&seen, 11) {
				v.Description = s.String()
			}
		case "PrimaryURL":
			if s.First(&seen, 12) {
				v.PrimaryURL = s.String()
			}
		case "References":
			if s.First(&seen, 13) {
				v.References = s.Strings()
			}
		default:
			s.SkipUnknown(key, vulnerabilityFields)
		}
	})
}

func decodeCVSS(s *jsonstream.Scanner, c *cvssScores) {
	var seen uint64
	s.Object(func(key []byte) {
		switch string(key) {
		case "V2Vector":
			if s.First(&seen, 0) {
				c.V2Vector = s.Intern()
			}
		case "V3Vector":
			if s.First(&seen, 1) {
				c.V3Vector = s.Intern()
			}
		case "V40Vector":
			if s.First(&seen, 2) {
				c.V40Vector = s.Intern()
			}
		case "V2Score":
			if s.First(&seen, 3) {
				c.V2Score = s.Float()
			}
		case "V3Score":
			if s.First(&seen, 4) {
				c.V3Score = s.Float()
			}
		case "V40Score":
			if s.First(&seen, 5) {
				c.V40Score = s.Float()
			}
		default:
			s.SkipUnknown(key, cvssFields)
		}
	})
}
