package evidence

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/attest-dev/attest"
)

// AlertFinder finds alerts; attest.AlertStore is one. The control statuses
// read the alerts raised by detections mapped to a control.
type AlertFinder interface {
	FindAlerts(ctx context.Context, f attest.AlertFilter) ([]*attest.Alert, error)
}

// Reader reads stored evidence; attest.EvidenceStore is one, and so is a
// client of the evidence API of attest serve.
type Reader interface {
	FindEvidence(ctx context.Context, f attest.EvidenceFilter) ([]*attest.Evidence, error)
	EvidenceByID(ctx context.Context, id int64) (*attest.Evidence, error)
}

// Day is the length of a snapshot's day; days are UTC.
const Day = 24 * time.Hour

// StartOfDay returns the midnight UTC that starts t's day.
func StartOfDay(t time.Time) time.Time {
	return t.UTC().Truncate(Day)
}

// History is what the control statuses of a run of days are derived from:
// every scan that was the latest of its repository on one of the days, and
// the alerts raised before the last day ended.
type History struct {
	From, To time.Time
	// Scans are in the order received.
	Scans []*Scan
	// Alerts are nil when no alert store was given (AlertsKnown unset):
	// the statuses then rest on the evidence alone.
	Alerts      []*attest.Alert
	AlertsKnown bool

	// status caches each scan's verdict on each control; byControl the
	// alerts of each framework and control.
	status    map[*Scan]map[string]string
	byControl map[string][]*attest.Alert
}

// LoadHistory reads the history of the days in [from, to) (midnights UTC):
// the metadata of every scan received before to, then the bodies of those
// that are the latest of their repository on one of the days (those
// received in the period and the last of each repository before it), and,
// when alerts is not nil, every alert first seen before to.
func LoadHistory(ctx context.Context, ev Reader, alerts AlertFinder, from, to time.Time) (*History, error) {
	return loadHistory(ctx, ev, alerts, from, to, nil)
}

// ScanFunc returns the decoded scan of a piece of evidence given without
// its body. A cache of decoded scans (evidence never changes) can stand in
// for reading and decoding the body each time.
type ScanFunc func(ctx context.Context, e *attest.Evidence) (*Scan, error)

// loadHistory is LoadHistory reading the scans through read, or from ev
// when read is nil.
func loadHistory(ctx context.Context, ev Reader, alerts AlertFinder, from, to time.Time, read ScanFunc) (*History, error) {
	if read == nil {
		read = func(ctx context.Context, m *attest.Evidence) (*Scan, error) {
			e, err := ev.EvidenceByID(ctx, m.ID)
			if err != nil {
				return nil, err
			}
			s, err := ReadScan(e)
			if err != nil {
				return nil, err
			}
			e.Body = nil // what the reports need is in s
			return s, nil
		}
	}
	if !from.Before(to) {
		return nil, fmt.Errorf("history: from %s is not before to %s", from.Format(time.DateOnly), to.Format(time.DateOnly))
	}
	var metas []*attest.Evidence
	var before int64
	for {
		page, err := ev.FindEvidence(ctx, attest.EvidenceFilter{Kind: attest.EvidenceScan, To: to, BeforeID: before, Limit: 1000})
		if err != nil {
			return nil, fmt.Errorf("history: %w", err)
		}
		if len(page) == 0 {
			break
		}
		metas = append(metas, page...)
		before = page[len(page)-1].ID
	}
	// Newest first: keep everything received in the period and, before
	// it, the first (newest) of each repository.
	h := &History{From: from, To: to, status: map[*Scan]map[string]string{}}
	seenBefore := map[string]bool{}
	var keep []*attest.Evidence
	for _, m := range metas {
		if m.Received.Before(from) {
			if seenBefore[m.Repository] {
				continue
			}
			seenBefore[m.Repository] = true
		}
		keep = append(keep, m)
	}
	slices.Reverse(keep)
	slices.SortStableFunc(keep, func(a, b *attest.Evidence) int { return a.Received.Compare(b.Received) })
	for _, m := range keep {
		s, err := read(ctx, m)
		if err != nil {
			return nil, fmt.Errorf("history: %w", err)
		}
		h.Scans = append(h.Scans, s)
	}
	if alerts != nil {
		all, err := findAlerts(ctx, alerts, to)
		if err != nil {
			return nil, fmt.Errorf("history: %w", err)
		}
		h.Alerts, h.AlertsKnown = all, true
	}
	return h, nil
}

// findAlerts pages through every alert whose LastSeen is before to and
// keeps those first seen before to.
func findAlerts(ctx context.Context, alerts AlertFinder, to time.Time) ([]*attest.Alert, error) {
	var out []*attest.Alert
	var before int64
	for {
		page, err := alerts.FindAlerts(ctx, attest.AlertFilter{BeforeID: before, Limit: 1000})
		if err != nil {
			return nil, err
		}
		if len(page) == 0 {
			return out, nil
		}
		for _, a := range page {
			if a.FirstSeen.Before(to) {
				out = append(out, a)
			}
		}
		before = page[len(page)-1].ID
	}
}

// Latest returns the latest scan of each repository received before t, in
// the order of their repositories.
func (h *History) Latest(t time.Time) []*Scan {
	last := map[string]*Scan{}
	var repos []string
	for _, s := range h.Scans {
		if !s.Evidence.Received.Before(t) {
			break
		}
		if _, ok := last[s.Evidence.Repository]; !ok {
			repos = append(repos, s.Evidence.Repository)
		}
		last[s.Evidence.Repository] = s
	}
	slices.Sort(repos)
	out := make([]*Scan, len(repos))
	for i, r := range repos {
		out[i] = last[r]
	}
	return out
}

// AlertOpenAt reports whether an alert was raised before t and neither
// acknowledged nor resolved by then. Only an alert's latest status change is
// kept, so an alert acknowledged and later resolved counts as open until it
// was resolved: the statuses err towards fail, never towards pass.
func AlertOpenAt(a *attest.Alert, t time.Time) bool {
	if !a.FirstSeen.Before(t) {
		return false
	}
	return a.Status == attest.AlertOpen || a.StatusAt.IsZero() || !a.StatusAt.Before(t)
}

// AlertResolvedBy reports whether an alert was resolved before t.
func AlertResolvedBy(a *attest.Alert, t time.Time) bool {
	return a.Status == attest.AlertResolved && !a.StatusAt.IsZero() && a.StatusAt.Before(t)
}

// Statuses returns the status of every control of the framework on day
// (a midnight UTC), in the order given: the worst verdict of the latest
// scan of each repository received before the day ended (Scan.
// ControlStatus), then fail if an alert of high or critical severity raised
// by a detection mapped to the control was still open when the day ended.
// Evidence lists the scans with verdicts on the control; Alerts the alerts
// mapped to it that were raised before the day ended and not resolved
// before it began.
func (h *History) Statuses(framework string, controls []attest.Control, day time.Time) []attest.ControlStatus {
	end := day.Add(Day)
	latest := h.Latest(end)
	out := make([]attest.ControlStatus, len(controls))
	for i, c := range controls {
		st := attest.ControlStatus{Framework: framework, Control: c.ID, Day: day, Status: attest.ControlNoEvidence}
		for _, s := range latest {
			v := h.scanStatus(s, framework, c.ID)
			if v != attest.ControlNoEvidence {
				st.Evidence = append(st.Evidence, s.Evidence.ID)
			}
			st.Status = Worse(st.Status, v)
		}
		for _, a := range h.alertsOf(framework, c.ID) {
			if !a.FirstSeen.Before(end) || AlertResolvedBy(a, day) {
				continue
			}
			st.Alerts = append(st.Alerts, a.ID)
			if attest.SeverityRank(a.Severity) >= attest.SeverityRank(attest.SeverityHigh) && AlertOpenAt(a, end) {
				st.Status = attest.StatusFail
			}
		}
		slices.Sort(st.Evidence)
		slices.Sort(st.Alerts)
		out[i] = st
	}
	return out
}

func (h *History) scanStatus(s *Scan, framework, control string) string {
	m := h.status[s]
	if m == nil {
		m = map[string]string{}
		h.status[s] = m
	}
	k := framework + "\x00" + control
	v, ok := m[k]
	if !ok {
		v = s.ControlStatus(framework, control)
		m[k] = v
	}
	return v
}

func (h *History) alertsOf(framework, control string) []*attest.Alert {
	if h.byControl == nil {
		h.byControl = map[string][]*attest.Alert{}
		for _, a := range h.Alerts {
			for fw, ids := range a.Controls {
				for _, id := range ids {
					h.byControl[fw+"\x00"+id] = append(h.byControl[fw+"\x00"+id], a)
				}
			}
		}
	}
	return h.byControl[framework+"\x00"+control]
}
