package attest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"time"
	"unicode/utf8"
)

// Evidence kinds.
const (
	// EvidenceScan is an `attest scan` JSON report.
	EvidenceScan = "scan"
	// EvidenceVulns is an `attest vulns merge` JSON release report.
	EvidenceVulns = "vulns"
)

// ScopeEvidence lets a token (typically CI's) upload evidence and nothing
// else. Admin includes it.
const ScopeEvidence = "evidence"

// Evidence is an uploaded report kept for auditors. Its SHA-256 is a leaf of
// the audit log (the record at Seq), so it cannot be edited afterwards
// without Verify seeing it.
type Evidence struct {
	ID   int64  `json:"id"`
	Kind string `json:"kind"`
	// Repository, Commit, Branch and Pipeline (the CI run's URL) say where
	// the report came from; Release names a vulnerability report's release.
	Repository string `json:"repository,omitempty"`
	Commit     string `json:"commit,omitempty"`
	Branch     string `json:"branch,omitempty"`
	Pipeline   string `json:"pipeline,omitempty"`
	Release    string `json:"release,omitempty"`
	// Digests are the image digests (sha256:...) a vulnerability report
	// covers; the admission webhook's image gate finds reports by them.
	Digests []string `json:"digests,omitempty"`
	// Roots are the roots (root modules, input files and folders) a scan
	// report covers, sorted, each once; the dashboard finds the latest scan
	// of each repository and root by them.
	Roots []string `json:"roots,omitempty"`
	// Uploader is the name of the token that uploaded it.
	Uploader string    `json:"uploader"`
	Received time.Time `json:"received"`
	// SHA256 is the hash of Body, hex-encoded; Seq the audit record that
	// commits to it.
	SHA256 string `json:"sha256"`
	Seq    int64  `json:"seq"`
	// Body is the report exactly as uploaded. FindEvidence leaves it empty.
	Body []byte `json:"-"`
}

// EvidenceFilter selects evidence, newest first; zero fields do not filter.
type EvidenceFilter struct {
	Kind       string
	Repository string
	Branch     string
	// Digest selects vulnerability reports that cover an image digest.
	Digest string
	// Root selects scans that cover a root (Evidence.Roots).
	Root     string
	From, To time.Time
	BeforeID int64
	Limit    int
}

// EvidenceStore keeps uploaded evidence.
type EvidenceStore interface {
	// AddEvidence stores e and appends record (its audit record, whose raw
	// payload commits to e's hash) in one transaction, setting e.ID, e.Seq.
	AddEvidence(ctx context.Context, e *Evidence, record *Event) error
	// FindEvidence returns the evidence that matches f, without bodies.
	FindEvidence(ctx context.Context, f EvidenceFilter) ([]*Evidence, error)
	// EvidenceByID returns one piece of evidence with its body, or ENOTFOUND.
	EvidenceByID(ctx context.Context, id int64) (*Evidence, error)
}

// ControlStatus is a framework control's verdict on one day (UTC), derived
// from the latest evidence and the alerts of that day: pass, fail,
// incomplete or no-evidence (StatusPass, StatusFail, ControlIncomplete,
// ControlNoEvidence).
type ControlStatus struct {
	Framework string    `json:"framework"`
	Control   string    `json:"control"`
	Day       time.Time `json:"day"`
	Status    string    `json:"status"`
	// Evidence and Alerts are the ids the verdict was derived from.
	Evidence []int64 `json:"evidence,omitempty"`
	Alerts   []int64 `json:"alerts,omitempty"`
}

// ControlStatusStore keeps the daily control-status snapshots. A stored
// snapshot of a framework and day never changes: the store refuses to
// replace or edit it.
type ControlStatusStore interface {
	// AddControlStatuses stores the snapshot of framework on day (midnight
	// UTC), every status of it in one transaction, unless a snapshot of that
	// framework and day is stored already; it reports whether it stored
	// this one. It returns EINVALID for a day that is not a midnight UTC or
	// a status of another framework or day.
	AddControlStatuses(ctx context.Context, framework string, day time.Time, statuses []ControlStatus) (stored bool, err error)
	// ControlStatuses returns the stored statuses of framework for the days
	// in [from, to), ordered by day, then control id (byte order).
	ControlStatuses(ctx context.Context, framework string, from, to time.Time) ([]ControlStatus, error)
}

// Validate checks evidence about to be stored: a known kind, a body whose
// SHA-256 is SHA256, digests of the form algorithm:hex, and roots of
// plain text (at most MaxEvidenceRoots). It returns EINVALID.
func (e *Evidence) Validate() error {
	if e == nil {
		return Errorf(EINVALID, "evidence is nil")
	}
	if e.Kind != EvidenceScan && e.Kind != EvidenceVulns {
		return Errorf(EINVALID, "evidence kind %q: want %s or %s", e.Kind, EvidenceScan, EvidenceVulns)
	}
	if len(e.Body) == 0 {
		return Errorf(EINVALID, "evidence has no body")
	}
	if sum := sha256.Sum256(e.Body); hex.EncodeToString(sum[:]) != e.SHA256 {
		return Errorf(EINVALID, "evidence sha256 %q is not the hash of its body", e.SHA256)
	}
	for _, d := range e.Digests {
		if !ValidDigest(d) {
			return Errorf(EINVALID, "image digest %q: want sha256: and 64 hex digits", d)
		}
	}
	if len(e.Roots) > MaxEvidenceRoots {
		return Errorf(EINVALID, "evidence has %d roots: want at most %d", len(e.Roots), MaxEvidenceRoots)
	}
	for _, r := range e.Roots {
		if r == "" || len(r) > 4096 || strings.ContainsRune(r, 0) || !utf8.ValidString(r) {
			return Errorf(EINVALID, "evidence root %.80q: want 1 to 4096 bytes of UTF-8 without NUL", r)
		}
	}
	for name, v := range map[string]string{"repository": e.Repository, "commit": e.Commit, "branch": e.Branch,
		"pipeline": e.Pipeline, "release": e.Release, "uploader": e.Uploader} {
		if len(v) > 2048 || strings.ContainsRune(v, 0) || !utf8.ValidString(v) {
			return Errorf(EINVALID, "evidence %s: want at most 2048 bytes of UTF-8 without NUL", name)
		}
	}
	return nil
}

// MaxEvidenceRoots is how many roots one piece of evidence may name.
const MaxEvidenceRoots = 10000

// ValidDigest reports whether d is an image digest as attest keeps them:
// "sha256:" and 64 lower-case hex digits.
func ValidDigest(d string) bool {
	h, ok := strings.CutPrefix(d, "sha256:")
	if !ok || len(h) != 64 {
		return false
	}
	for _, c := range h {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// ValidateSnapshot checks a daily control-status snapshot about to be
// stored: day is a midnight UTC and every status is of framework and day,
// with a known status, each control once. It returns EINVALID.
func ValidateSnapshot(framework string, day time.Time, statuses []ControlStatus) error {
	if framework == "" {
		return Errorf(EINVALID, "snapshot has no framework")
	}
	if day.Location() != time.UTC || !day.Equal(day.Truncate(24*time.Hour)) {
		return Errorf(EINVALID, "snapshot day %s is not a midnight UTC", day)
	}
	seen := make(map[string]bool, len(statuses))
	for i, s := range statuses {
		switch {
		case s.Framework != framework || !s.Day.Equal(day):
			return Errorf(EINVALID, "status %d is of %s on %s, not of the snapshot's %s on %s", i,
				s.Framework, s.Day.Format(time.DateOnly), framework, day.Format(time.DateOnly))
		case s.Control == "" || seen[s.Control]:
			return Errorf(EINVALID, "status %d: control %q is empty or repeated", i, s.Control)
		}
		switch s.Status {
		case StatusPass, StatusFail, ControlIncomplete, ControlNoEvidence:
		default:
			return Errorf(EINVALID, "status %d: %q is not pass, fail, %s or %s", i, s.Status, ControlIncomplete, ControlNoEvidence)
		}
		seen[s.Control] = true
	}
	return nil
}

// Control statuses besides pass and fail (StatusPass, StatusFail); the
// report package's ControlIncomplete and ControlNoEvidence are the same
// words.
const (
	ControlIncomplete = "incomplete"
	ControlNoEvidence = "no-evidence"
)

// CheckRecord checks that record is the audit record of e's upload as
// NewEvidenceRecord makes it. It returns EINVALID.
func CheckRecord(e *Evidence, record *Event) error {
	if record == nil {
		return Errorf(EINVALID, "no audit record of the evidence")
	}
	if record.ExternalID != "sha256:"+e.SHA256 || record.Action != ActionEvidenceUpload {
		return Errorf(EINVALID, "the audit record (action %q, external id %q) does not commit to the evidence's hash", record.Action, record.ExternalID)
	}
	return nil
}

// ActionEvidenceUpload is the action of the audit record of an upload.
const ActionEvidenceUpload = "evidence.upload"

// NewEvidenceRecord returns the audit record of e's upload by actor at now:
// source attest, action evidence.upload, the body's hash as external id
// (a field of the record's leaf that retention never deletes), and as raw
// record a small JSON naming the kind, repository, commit and hash.
func NewEvidenceRecord(e *Evidence, actor string, now time.Time) *Event {
	raw, _ := json.Marshal(struct {
		Action     string `json:"action"`
		Kind       string `json:"kind"`
		Repository string `json:"repository"`
		Commit     string `json:"commit"`
		SHA256     string `json:"sha256"`
	}{ActionEvidenceUpload, e.Kind, e.Repository, e.Commit, e.SHA256})
	target := "evidence/" + e.Kind
	if e.Repository != "" {
		target += "/" + e.Repository
	}
	return &Event{
		Time:       now.UTC(),
		Received:   now.UTC(),
		Source:     "attest",
		ExternalID: "sha256:" + e.SHA256,
		Actor:      actor,
		Action:     ActionEvidenceUpload,
		Target:     target,
		Outcome:    OutcomeSuccess,
		Raw:        raw,
	}
}
