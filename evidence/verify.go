package evidence

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/attest-dev/attest"
)

// Problem is a piece of evidence that does not match the audit record that
// committed to it, or a record whose evidence is gone.
type Problem struct {
	// ID is the evidence (0 when it is missing); Seq its audit record.
	ID     int64  `json:"id"`
	Seq    int64  `json:"seq"`
	Detail string `json:"detail"`
}

func (p Problem) String() string {
	return fmt.Sprintf("evidence %d (record %d): %s", p.ID, p.Seq, p.Detail)
}

// VerifyReport is what Verify found.
type VerifyReport struct {
	// Evidence counts the pieces of evidence checked.
	Evidence int       `json:"evidence"`
	Problems []Problem `json:"problems"`
}

// OK reports whether every body matches its record.
func (r *VerifyReport) OK() bool { return len(r.Problems) == 0 }

// Verify checks every stored piece of evidence against the audit record
// that committed to it: the body must hash to the SHA-256 the record names
// (its external id, a leaf field that auditlog.Verify proves unchanged),
// the stored hash must be that one, and the record must be an upload
// record. It also checks that every upload record in the log still has its
// evidence, so a deleted body is found too. Run auditlog.Verify as well:
// this check trusts the records that one proves.
func Verify(ctx context.Context, ev attest.EvidenceStore, events attest.EventStore) (*VerifyReport, error) {
	rep := &VerifyReport{Problems: []Problem{}}
	bySeq := make(map[int64]int64)
	var before int64
	for {
		page, err := ev.FindEvidence(ctx, attest.EvidenceFilter{BeforeID: before, Limit: 500})
		if err != nil {
			return nil, fmt.Errorf("verify evidence: %w", err)
		}
		if len(page) == 0 {
			break
		}
		for _, meta := range page {
			before = meta.ID
			rep.Evidence++
			bySeq[meta.Seq] = meta.ID
			e, err := ev.EvidenceByID(ctx, meta.ID)
			if err != nil {
				return nil, fmt.Errorf("verify evidence %d: %w", meta.ID, err)
			}
			if p := check(ctx, e, events); p != "" {
				rep.Problems = append(rep.Problems, Problem{ID: e.ID, Seq: e.Seq, Detail: p})
			}
		}
	}
	after := int64(-1)
	for {
		recs, err := events.FindEvents(ctx, attest.EventFilter{Source: "attest", Action: attest.ActionEvidenceUpload, AfterSeq: after, Limit: 1000})
		if err != nil {
			return nil, fmt.Errorf("verify evidence: %w", err)
		}
		if len(recs) == 0 {
			break
		}
		for _, r := range recs {
			after = r.Seq
			if _, ok := bySeq[r.Seq]; !ok {
				rep.Problems = append(rep.Problems, Problem{Seq: r.Seq, Detail: fmt.Sprintf("the log records an upload of %s but no evidence is stored for it (deleted?)", r.ExternalID)})
			}
		}
	}
	return rep, nil
}

// check returns what is wrong with one piece of evidence, or "".
func check(ctx context.Context, e *attest.Evidence, events attest.EventStore) string {
	sum := sha256.Sum256(e.Body)
	got := hex.EncodeToString(sum[:])
	rec, err := events.EventBySeq(ctx, e.Seq)
	if err != nil {
		return fmt.Sprintf("its audit record cannot be read: %v", attest.ErrorMessage(err))
	}
	switch {
	case rec.Source != "attest" || rec.Action != attest.ActionEvidenceUpload:
		return fmt.Sprintf("record %d is %s %s, not an evidence upload", e.Seq, rec.Source, rec.Action)
	case rec.ExternalID != "sha256:"+got:
		return fmt.Sprintf("the body hashes to sha256:%s but its audit record committed to %s: the body was changed after upload", got, rec.ExternalID)
	case e.SHA256 != got:
		return fmt.Sprintf("the stored hash %s is not the body's sha256:%s", e.SHA256, got)
	}
	return ""
}
