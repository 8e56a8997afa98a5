// Package alerting runs the detections over the stored event log and
// raises alerts: the worker of attest serve, which evaluates each event
// after ingest has acknowledged it, and Replay, which evaluates stored
// history again for new or changed rules (attest detect replay).
//
// The worker never runs on the ingest path. It follows the log by seq:
// it claims a range of stored events from the database (attest.EvalCursor),
// evaluates them with a detect.Engine, raises the matches
// (attest.AlertStore.RaiseAlert) and finishes the claim. The cursor lives in
// the database, so a restart resumes after the last range claimed, and
// replicas over one PostgreSQL take different ranges; a claim whose worker
// died expires and is evaluated again, which raises nothing twice because
// RaiseAlert records each rule and event once and the database correlation
// window counts each event once.
//
// A rule that fails at runtime (a correlation window the database could not
// update, an alert the store refused) is counted per rule and logged; a
// panic while evaluating one event is recovered, counted and logged. The
// worker goes on with the next event.
package alerting

import (
	"strings"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/detect"
)

// DefaultWindow is how long an alert gathers repeats of its rule and group
// when neither the configuration nor the rule says otherwise.
const DefaultWindow = time.Hour

// Windows says how long each rule's alerts gather repeats: Rules (by rule
// name, id or title) over the rule's own alert_window over Default.
type Windows struct {
	Default time.Duration
	Rules   map[string]time.Duration
}

// For returns the grouping window of a rule.
func (w Windows) For(r *detect.Rule) time.Duration {
	for _, k := range []string{r.Key(), r.ID} {
		if d, ok := w.Rules[k]; ok && k != "" {
			return d
		}
	}
	if r.AlertWindow > 0 {
		return r.AlertWindow
	}
	if w.Default > 0 {
		return w.Default
	}
	return DefaultWindow
}

// Severity maps a Sigma level to an alert severity: critical, high, medium,
// low, or info for informational.
func Severity(level string) string {
	if level == detect.LevelInformational || level == "" {
		return "info"
	}
	return level
}

// NewAlert returns the alert a match raises: the rule's title, severity,
// controls and response hint, the group, the first event's source, actor
// and target, the events' times and seqs. An event without a time of its
// own is placed at the time it was received.
func NewAlert(m detect.Match) *attest.Alert {
	ev := m.Event
	last := ev.Time
	if last.IsZero() {
		last = ev.Received
	}
	first := m.First
	if first.IsZero() || first.After(last) {
		first = last
	}
	return &attest.Alert{
		Rule:      m.Rule.Key(),
		Title:     m.Rule.Title,
		Severity:  Severity(m.Rule.Level),
		Controls:  m.Rule.Controls,
		Group:     m.Group,
		Source:    ev.Source,
		Actor:     ev.Actor,
		Target:    ev.Target,
		FirstSeen: first,
		LastSeen:  last,
		Count:     1,
		Seqs:      append([]int64(nil), m.Seqs...),
		Hint:      strings.TrimSpace(m.Rule.Response),
	}
}
