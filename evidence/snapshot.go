package evidence

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/catalog"
)

// Snapshotter keeps the daily control-status snapshots: it derives a day's
// statuses from the history (History.Statuses) and stores the snapshot of
// each day once the day is over, after which it never changes. Set the
// fields, then call Run (attest serve does) or Range.
type Snapshotter struct {
	Evidence Reader
	Statuses attest.ControlStatusStore
	// Alerts, when set, adds the alerts of detections mapped to the
	// controls; without it the statuses rest on the evidence alone.
	Alerts   AlertFinder
	Catalogs map[string]*catalog.Catalog
	// Scans, when set, reads the decoded scans the statuses are derived
	// from (the dashboard's cache of them); by default each body is read
	// from Evidence and decoded.
	Scans ScanFunc
	// Frameworks are those Run keeps snapshots of (default soc2 and
	// pci-dss-4.0).
	Frameworks []string
	// Now is the clock; Wait waits for d or until ctx is done.
	Now    func() time.Time
	Wait   func(ctx context.Context, d time.Duration) error
	Logger *slog.Logger
	// MaxBackfill is how many finished days back CatchUp stores snapshots
	// that are missing (default 31).
	MaxBackfill int
}

// NewSnapshotter returns a Snapshotter over the stores with the embedded
// catalogs, both frameworks, the system clock and a discarding logger.
func NewSnapshotter(ev Reader, st attest.ControlStatusStore) (*Snapshotter, error) {
	cats, err := catalog.Load()
	if err != nil {
		return nil, err
	}
	return &Snapshotter{
		Evidence: ev, Statuses: st, Catalogs: cats,
		Frameworks:  []string{attest.FrameworkSOC2, attest.FrameworkPCIDSS},
		Now:         time.Now,
		Wait:        wait,
		Logger:      slog.New(slog.DiscardHandler),
		MaxBackfill: 31,
	}, nil
}

func wait(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Controls returns the controls of a framework, in catalog order, or
// EINVALID for an unknown framework.
func (s *Snapshotter) Controls(framework string) ([]attest.Control, error) {
	c, ok := s.Catalogs[framework]
	if !ok {
		var known []string
		for k := range s.Catalogs {
			known = append(known, k)
		}
		slices.Sort(known)
		return nil, attest.Errorf(attest.EINVALID, "framework %q: want one of %s", framework, strings.Join(known, ", "))
	}
	return c.Controls, nil
}

// Range returns the statuses of the framework's controls for each day in
// [from, to) (midnights UTC), by day, in catalog order within a day. A day
// with a stored snapshot is answered from it, unchanged; another is derived
// from the history and, when store is set and the day is over, stored. Days
// not over yet (today) are derived and never stored.
func (s *Snapshotter) Range(ctx context.Context, framework string, from, to time.Time, store bool) ([]attest.ControlStatus, error) {
	controls, err := s.Controls(framework)
	if err != nil {
		return nil, err
	}
	from, to = StartOfDay(from), StartOfDay(to)
	if !from.Before(to) {
		return nil, attest.Errorf(attest.EINVALID, "from %s is not before to %s", from.Format(time.DateOnly), to.Format(time.DateOnly))
	}
	var stored []attest.ControlStatus
	if s.Statuses != nil {
		if stored, err = s.Statuses.ControlStatuses(ctx, framework, from, to); err != nil {
			return nil, err
		}
	}
	byDay := map[time.Time][]attest.ControlStatus{}
	for _, st := range stored {
		byDay[st.Day] = append(byDay[st.Day], st)
	}
	var missing []time.Time
	for d := from; d.Before(to); d = d.Add(Day) {
		if _, ok := byDay[d]; !ok {
			missing = append(missing, d)
		}
	}
	if len(missing) > 0 {
		h, err := loadHistory(ctx, s.Evidence, s.Alerts, missing[0], missing[len(missing)-1].Add(Day), s.Scans)
		if err != nil {
			return nil, err
		}
		today := StartOfDay(s.Now())
		for _, d := range missing {
			sts := h.Statuses(framework, controls, d)
			if store && s.Statuses != nil && d.Before(today) {
				if _, err := s.Statuses.AddControlStatuses(ctx, framework, d, sts); err != nil {
					return nil, fmt.Errorf("store snapshot of %s %s: %w", framework, d.Format(time.DateOnly), err)
				}
				// Another replica may have stored it first: answer with
				// what is stored.
				if got, err := s.Statuses.ControlStatuses(ctx, framework, d, d.Add(Day)); err == nil && len(got) > 0 {
					sts = got
				}
			}
			byDay[d] = sts
		}
	}
	order := make(map[string]int, len(controls))
	for i, c := range controls {
		order[c.ID] = i
	}
	var out []attest.ControlStatus
	for d := from; d.Before(to); d = d.Add(Day) {
		day := byDay[d]
		slices.SortStableFunc(day, func(a, b attest.ControlStatus) int { return order[a.Control] - order[b.Control] })
		out = append(out, day...)
	}
	return out, nil
}

// CatchUp stores the snapshot of every finished day, of every framework,
// that is missing, back to MaxBackfill days before today. It returns how
// many days it stored.
func (s *Snapshotter) CatchUp(ctx context.Context) (int, error) {
	today := StartOfDay(s.Now())
	from := today.AddDate(0, 0, -max(s.MaxBackfill, 1))
	n := 0
	for _, fw := range s.Frameworks {
		stored, err := s.Statuses.ControlStatuses(ctx, fw, from, today)
		if err != nil {
			return n, err
		}
		have := map[time.Time]bool{}
		for _, st := range stored {
			have[st.Day] = true
		}
		missing := 0
		for d := from; d.Before(today); d = d.Add(Day) {
			if !have[d] {
				missing++
			}
		}
		if missing == 0 {
			continue
		}
		if _, err := s.Range(ctx, fw, from, today, true); err != nil {
			return n, err
		}
		n += missing
	}
	return n, nil
}

// Run stores the missing snapshots now and then shortly after each
// midnight UTC, until ctx is done. Errors are logged and tried again at
// the next run.
func (s *Snapshotter) Run(ctx context.Context) {
	for {
		if n, err := s.CatchUp(ctx); err != nil {
			if ctx.Err() != nil {
				return
			}
			s.Logger.Error("control-status snapshots", "err", err)
		} else if n > 0 {
			s.Logger.Info("control-status snapshots stored", "days", n)
		}
		now := s.Now()
		next := StartOfDay(now).Add(Day + time.Minute)
		if err := s.Wait(ctx, next.Sub(now)); err != nil {
			return
		}
	}
}
