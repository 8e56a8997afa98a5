package alerting

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/detect"
)

// Replay evaluates stored history again, for rules that are new or
// changed, and raises what it finds. Raising is idempotent per rule and
// event, so replaying twice raises nothing new and alerts raised live are
// not raised again. Events are read in log order, as the worker reads
// them; correlation windows are kept in memory, starting empty at Since.
type Replay struct {
	Engine  *detect.Engine
	Events  attest.EventStore
	Alerts  attest.AlertStore
	Windows Windows
	// Since is the earliest event time replayed; zero replays everything.
	Since time.Time
	// Page is how many events are read at a time.
	Page   int
	Logger *slog.Logger
}

// ReplayResult counts what a replay did.
type ReplayResult struct {
	// Events is how many stored events were evaluated; Skipped how many had
	// no record left (retention).
	Events, Skipped int64
	// Matches is how many matches the rules raised; New how many of them
	// the store had not recorded before, Opened how many opened an alert;
	// Refused how many the store refused (logged).
	Matches, New, Opened, Refused int64
}

// Run replays until the end of the log as it is when each page is read, or
// until ctx is done. It stops at the first error of the store.
func (r *Replay) Run(ctx context.Context) (ReplayResult, error) {
	var res ReplayResult
	page := r.Page
	if page <= 0 {
		page = 1000
	}
	logger := r.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	after := int64(-1)
	for {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		events, err := r.Events.FindEvents(ctx, attest.EventFilter{AfterSeq: after, From: r.Since, Limit: page})
		if err != nil {
			return res, fmt.Errorf("replay: read events after %d: %w", after, err)
		}
		for _, ev := range events {
			after = ev.Seq
			if ev.Raw == nil {
				res.Skipped++
				continue
			}
			res.Events++
			for _, m := range r.Engine.Evaluate(ev) {
				res.Matches++
				a := NewAlert(m)
				created, err := r.Alerts.RaiseAlert(ctx, a, r.Windows.For(m.Rule))
				switch attest.ErrorCode(err) {
				case "":
				case attest.EUNAVAILABLE:
					return res, fmt.Errorf("replay: raise %s for event %d: %w", a.Rule, ev.Seq, err)
				default:
					res.Refused++
					logger.Error("replay: alert not stored", "rule", a.Rule, "seq", ev.Seq, "err", err)
					continue
				}
				if a.Count > 0 {
					res.New++
				}
				if created {
					res.Opened++
				}
			}
		}
		if len(events) < page {
			return res, nil
		}
	}
}
