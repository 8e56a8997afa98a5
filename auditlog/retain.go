package auditlog

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/attest-dev/attest"
)

// Retention periods. PCI DSS 10.5.1 asks for twelve months of audit log
// history; the default keeps a margin over that.
const (
	DefaultRetention = 400 * 24 * time.Hour
	MinRetention     = 365 * 24 * time.Hour
)

// Retention run record: the event Retain appends to the log.
const (
	RetentionSource = "attest"
	RetentionAction = "retention.run"
)

// RetentionRun is the raw record of a retention run, as JSON in the Raw of
// the event it appends.
type RetentionRun struct {
	OlderThan string    `json:"older_than"`
	Cutoff    time.Time `json:"cutoff"`
	// BelowSeq is the first seq not touched: the run's own record.
	BelowSeq uint64 `json:"below_seq"`
}

// Retain deletes the payloads (raw record and normalised fields) of the
// events received more than olderThan ago; their leaf hashes stay, so the
// tree and every checkpoint still verify. It first appends a record of the
// run itself (source "attest", action "retention.run") and prunes only below
// that record's seq. Zero means DefaultRetention; less than MinRetention is
// refused with EINVALID unless AllowShortRetention is set. It returns how many
// payloads it deleted.
func (l *Log) Retain(ctx context.Context, olderThan time.Duration) (int64, error) {
	if olderThan == 0 {
		olderThan = DefaultRetention
	}
	if olderThan < 0 {
		return 0, attest.Errorf(attest.EINVALID, "retention period %s is negative", olderThan)
	}
	if olderThan < MinRetention && !l.AllowShortRetention {
		return 0, attest.Errorf(attest.EINVALID,
			"retention period %s is under 365 days, the twelve months PCI DSS 10.5.1 asks for; set the override to allow it", olderThan)
	}
	now := l.now().UTC()
	head, err := l.Store.LogHead(ctx)
	if err != nil {
		return 0, fmt.Errorf("retain: %w", err)
	}
	run := RetentionRun{OlderThan: olderThan.String(), Cutoff: now.Add(-olderThan), BelowSeq: head.Size}
	raw, err := json.Marshal(run)
	if err != nil {
		return 0, fmt.Errorf("retain: %w", err)
	}
	rec := &attest.Event{
		Time: now, Received: now, Source: RetentionSource, Actor: RetentionSource, Action: RetentionAction,
		Target: "events received before " + run.Cutoff.Format(time.RFC3339), Outcome: attest.OutcomeSuccess, Raw: raw,
	}
	if err := l.Store.AppendEvents(ctx, []*attest.Event{rec}); err != nil {
		return 0, fmt.Errorf("retain: %w", err)
	}
	// Records appended between reading the head and the run record are
	// newer than the cutoff anyway; prune below the run record.
	n, err := l.Store.PrunePayloads(ctx, run.Cutoff, uint64(rec.Seq))
	if err != nil {
		return 0, fmt.Errorf("retain: %w", err)
	}
	if l.Logger != nil {
		l.Logger.Info("retention run", "cutoff", run.Cutoff, "pruned", n, "record_seq", rec.Seq)
	}
	return n, nil
}
