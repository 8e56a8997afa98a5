package attest

import (
	"context"
	"time"
)

// EvalClaim is a range of the audit log, seqs From (inclusive) to To
// (exclusive), that one evaluator took to run the detections over. A claim
// whose evaluator stops before finishing it expires and is taken again by
// another, so no stored event is left unevaluated.
type EvalClaim struct {
	ID      int64
	From    int64
	To      int64
	Owner   string
	Expires time.Time
}

// EvalCursor hands the stored events out to evaluators (the detection
// workers of every replica over one database) by range, in log order,
// remembering in the database how far evaluation got, so that a restart
// resumes where it stopped and replicas never take the same range twice
// while its claim holds.
type EvalCursor interface {
	// ClaimEvents returns a range of at most max events for owner, held
	// until lease from now: first an expired claim of another evaluator,
	// else the next events after the cursor, which it moves past them. It
	// returns nil when every stored event is evaluated or claimed.
	ClaimEvents(ctx context.Context, owner string, max int, lease time.Duration) (*EvalClaim, error)
	// FinishClaim records that the claim's events are evaluated. Finishing
	// a claim that expired and was taken by another evaluator is ECONFLICT
	// (that evaluator finishes it).
	FinishClaim(ctx context.Context, c *EvalClaim) error
	// EvalLag returns how many stored events are not evaluated yet: after
	// the cursor, or in an unfinished claim.
	EvalLag(ctx context.Context) (int64, error)
}
