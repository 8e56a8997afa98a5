package auditlog

import (
	"encoding/json"
	"time"

	"github.com/attest-dev/attest"
)

// VerifyAction is the action of the audit record of a verification of the
// whole log, run from the dashboard or from `attest audit verify`; the
// dashboard shows the newest one as the log's last verification.
const VerifyAction = "log.verify"

// maxRecordedProblems bounds the problems a verification's record keeps.
const maxRecordedProblems = 20

// Verification is the payload (raw record) of a verification's audit
// record: the report's figures, the first problems, or why it could not
// run.
type Verification struct {
	OK           bool      `json:"ok"`
	Size         uint64    `json:"size"`
	Records      int64     `json:"records"`
	Pruned       int64     `json:"pruned"`
	Checkpoints  int       `json:"checkpoints"`
	Problems     []Problem `json:"problems,omitempty"`
	MoreProblems int       `json:"more_problems,omitempty"`
	Error        string    `json:"error,omitempty"`
	// Via is where it ran: web (the dashboard) or cli (attest audit
	// verify against the database).
	Via string `json:"via,omitempty"`
	// EvidenceOK and EvidenceProblems are the check of the uploaded
	// reports against their hashes, when the verification made it.
	EvidenceChecked  bool `json:"evidence_checked,omitempty"`
	EvidenceOK       bool `json:"evidence_ok,omitempty"`
	EvidenceProblems int  `json:"evidence_problems,omitempty"`
}

// NewVerification summarises a verification: rep and err as Verify returned
// them. The outcome is success when no tampering was found, failure when
// some was, and unknown when the verification could not run.
func NewVerification(rep *VerifyReport, err error, via string) (Verification, string) {
	if err != nil || rep == nil {
		msg := "no report"
		if err != nil {
			msg = err.Error()
		}
		return Verification{Error: msg, Via: via}, attest.OutcomeUnknown
	}
	v := Verification{OK: rep.OK(), Size: rep.Size, Records: rep.Records, Pruned: rep.Pruned,
		Checkpoints: rep.Checkpoints, MoreProblems: rep.MoreProblems, Via: via}
	v.Problems = rep.Problems[:min(len(rep.Problems), maxRecordedProblems)]
	v.MoreProblems += len(rep.Problems) - len(v.Problems)
	if !v.OK {
		return v, attest.OutcomeFailure
	}
	return v, attest.OutcomeSuccess
}

// Record returns the audit record of the verification by actor at now,
// with v as its raw record; the caller adds where it came from (address,
// user agent) and appends it.
func (v Verification) Record(actor, outcome string, now time.Time) *attest.Event {
	raw, _ := json.Marshal(v)
	return &attest.Event{Time: now, Received: now, Source: "attest", Actor: actor, Action: VerifyAction,
		Target: "log", Outcome: outcome, Raw: raw}
}
