package evidence

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"time"

	"github.com/attest-dev/attest"
)

// Meta says where an uploaded report came from; the uploader gives it with
// the report (CI variables by default on the command line).
type Meta struct {
	Repository string
	Commit     string
	Branch     string
	// Pipeline is the URL of the CI run.
	Pipeline string
	// Release names a vulnerability report's release.
	Release string
	// Digests are image digests the uploader says a vulnerability report
	// covers, besides those found in it.
	Digests []string
}

// New checks that body is a report of kind (attest.EvidenceScan or
// attest.EvidenceVulns) and returns the evidence to store, uploaded by
// uploader at now, with the audit record that commits to its hash. For a
// vulnerability report, the image digests in it join those of meta; a
// scan's evidence names the roots the report covers. It
// returns EINVALID for a body that is not a real report of its kind, or
// metadata that cannot be stored.
func New(kind string, body []byte, meta Meta, uploader string, now time.Time) (*attest.Evidence, *attest.Event, error) {
	if len(body) > MaxBodyBytes {
		return nil, nil, attest.Errorf(attest.EINVALID, "report of %d bytes is larger than the %d accepted", len(body), MaxBodyBytes)
	}
	digests := slices.Clone(meta.Digests)
	var roots []string
	switch kind {
	case attest.EvidenceScan:
		r, err := ParseScan("body", body)
		if err != nil {
			return nil, nil, err
		}
		roots = slices.DeleteFunc(slices.Clone(r.Roots), func(s string) bool { return s == "" })
		slices.Sort(roots)
		roots = slices.Compact(roots)
		if len(meta.Digests) > 0 || meta.Release != "" {
			return nil, nil, attest.Errorf(attest.EINVALID, "digests and release describe a vulnerability report, not a scan")
		}
	case attest.EvidenceVulns:
		r, err := ParseVulns("body", body)
		if err != nil {
			return nil, nil, err
		}
		digests = append(digests, Digests(r)...)
	default:
		return nil, nil, attest.Errorf(attest.EINVALID, "evidence kind %q: want %s or %s", kind, attest.EvidenceScan, attest.EvidenceVulns)
	}
	for _, d := range digests {
		if !attest.ValidDigest(d) {
			return nil, nil, attest.Errorf(attest.EINVALID, "image digest %q: want sha256: and 64 lower-case hex digits", d)
		}
	}
	slices.Sort(digests)
	sum := sha256.Sum256(body)
	e := &attest.Evidence{
		Kind:       kind,
		Repository: meta.Repository,
		Commit:     meta.Commit,
		Branch:     meta.Branch,
		Pipeline:   meta.Pipeline,
		Release:    meta.Release,
		Digests:    slices.Compact(digests),
		Roots:      roots,
		Uploader:   uploader,
		Received:   now.UTC(),
		SHA256:     hex.EncodeToString(sum[:]),
		Body:       body,
	}
	if err := e.Validate(); err != nil {
		return nil, nil, err
	}
	return e, attest.NewEvidenceRecord(e, uploader, now), nil
}

// Describe names a piece of evidence for people: kind, repository and
// commit.
func Describe(e *attest.Evidence) string {
	s := fmt.Sprintf("%s evidence %d", e.Kind, e.ID)
	if e.Repository != "" {
		s += " of " + e.Repository
	}
	if e.Commit != "" {
		s += "@" + e.Commit
	}
	return s
}
