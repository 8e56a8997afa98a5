package auditlog

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
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
	// Actor is who asked for the run (the admin token's name).
	Actor string `json:"actor"`
}

// retentionTargetPrefix starts the Target of a retention run record; the
// cutoff follows in RFC 3339 with nanoseconds. Verify reads it back to check
// that every pruned record was older than a run's cutoff.
const retentionTargetPrefix = "events received before "

// RetentionTarget returns the Target of the record of a retention run with
// the cutoff.
func RetentionTarget(cutoff time.Time) string {
	return retentionTargetPrefix + cutoff.UTC().Format(time.RFC3339Nano)
}

// retentionCutoff returns the cutoff of a retention run record, and whether
// e is one.
func retentionCutoff(e *attest.Event) (time.Time, bool) {
	if e.Source != RetentionSource || e.Action != RetentionAction {
		return time.Time{}, false
	}
	ts, ok := strings.CutPrefix(e.Target, retentionTargetPrefix)
	if !ok {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, ts)
	return t, err == nil
}

// ParseRetention reads a retention period: a whole number of days such as
// "400d", or a Go duration such as "9600h". It must be positive.
func ParseRetention(s string) (time.Duration, error) {
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.ParseInt(days, 10, 64)
		if err != nil || n <= 0 || n > int64(maxTime.Sub(time.Unix(0, 0))/(24*time.Hour)) {
			return 0, fmt.Errorf("retention period %q: want a positive number of days such as 400d, or a duration such as 9600h", s)
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("retention period %q: want a positive number of days such as 400d, or a duration such as 9600h", s)
	}
	return d, nil
}

// Retain deletes the raw records of the events received more than olderThan
// ago; their normalised fields, the hash of the raw bytes and their leaf
// hashes stay, so the tree, every checkpoint and every record's fields still
// verify. It appends a record of the run itself (source "attest", action
// "retention.run", actor the given name, such as the admin token's) and
// prunes only below that record's seq, in the same transaction. Zero means
// DefaultRetention; less than MinRetention is refused with EINVALID unless
// AllowShortRetention is set. It returns how many payloads it deleted.
func (l *Log) Retain(ctx context.Context, olderThan time.Duration, actor string) (int64, error) {
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
	if actor == "" {
		return 0, attest.Errorf(attest.EINVALID, "retention run: no actor")
	}
	now := l.now().UTC()
	run := RetentionRun{OlderThan: olderThan.String(), Cutoff: now.Add(-olderThan), Actor: actor}
	raw, err := json.Marshal(run)
	if err != nil {
		return 0, fmt.Errorf("retain: %w", err)
	}
	rec := &attest.Event{
		Time: now, Received: now, Source: RetentionSource, Actor: actor, Action: RetentionAction,
		Target: RetentionTarget(run.Cutoff), Outcome: attest.OutcomeSuccess, Raw: raw,
	}
	n, err := l.Store.PrunePayloads(ctx, run.Cutoff, rec)
	if err != nil {
		return 0, fmt.Errorf("retain: %w", err)
	}
	if l.Logger != nil {
		l.Logger.Info("retention run", "cutoff", run.Cutoff, "pruned", n, "record_seq", rec.Seq, "actor", actor)
	}
	return n, nil
}
