package attest

import (
	"context"
	"time"
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
	Digest   string
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
// incomplete or no-evidence (report.Control* constants).
type ControlStatus struct {
	Framework string    `json:"framework"`
	Control   string    `json:"control"`
	Day       time.Time `json:"day"`
	Status    string    `json:"status"`
	// Evidence and Alerts are the ids the verdict was derived from.
	Evidence []int64 `json:"evidence,omitempty"`
	Alerts   []int64 `json:"alerts,omitempty"`
}
