package attest

import (
	"context"
	"time"
)

// Alert statuses. An alert moves forward only: open → acknowledged →
// resolved, or open → resolved.
const (
	AlertOpen         = "open"
	AlertAcknowledged = "acknowledged"
	AlertResolved     = "resolved"
)

// MaxAlertSeqs is how many event seqs an alert keeps (Alert.Seqs); the
// seqs of later events are counted in Alert.SeqsDropped instead.
const MaxAlertSeqs = 1000

// ScopeRespond lets a token read and change the status of alerts; read
// cannot change them. Admin includes respond.
const ScopeRespond = "respond"

// Alert is what a detection raised: one per rule and group key within the
// rule's grouping window. Repeats of the same rule and group inside the
// window raise Count and LastSeen and add their events instead of raising
// another alert.
type Alert struct {
	ID int64 `json:"id"`
	// Rule is the detection's id; Title its title at the time.
	Rule     string `json:"rule"`
	Title    string `json:"title"`
	Severity string `json:"severity"`
	// Controls maps a framework id to the control ids the detection
	// supports, as in Rule.Controls.
	Controls map[string][]string `json:"controls,omitempty"`
	// Group is the grouping key: the correlation's group-by values, else the
	// event's actor and target.
	Group string `json:"group"`
	// Source is the event source of the first event (cloudtrail, k8s-audit...).
	Source string `json:"source,omitempty"`
	// Actor and Target are those of the first event, for display and routing.
	Actor  string `json:"actor,omitempty"`
	Target string `json:"target,omitempty"`
	// FirstSeen and LastSeen are the times of the first and latest matching
	// events; Count is how many matches the alert stands for.
	FirstSeen time.Time `json:"first_seen"`
	LastSeen  time.Time `json:"last_seen"`
	Count     int64     `json:"count"`
	// Seqs are the audit-log positions of the events that raised it (capped
	// by the store; Count is never capped). SeqsDropped counts those left
	// out of Seqs, so nothing is lost without a trace.
	Seqs        []int64 `json:"seqs,omitempty"`
	SeqsDropped int64   `json:"seqs_dropped,omitempty"`
	Status      string  `json:"status"`
	// StatusBy, StatusAt and Note record the latest status change.
	StatusBy string    `json:"status_by,omitempty"`
	StatusAt time.Time `json:"status_at,omitzero"`
	Note     string    `json:"note,omitempty"`
	// Hint is the detection's response hint.
	Hint string `json:"hint,omitempty"`
}

// AlertFilter selects alerts; zero fields do not filter. Alerts come back
// newest first (by ID, descending); BeforeID is the cursor.
type AlertFilter struct {
	Status   string
	Severity string
	Rule     string
	Source   string
	// From and To bound LastSeen, From inclusive, To exclusive.
	From, To time.Time
	BeforeID int64
	Limit    int
}

// AlertStore keeps alerts. Both backends implement it; with PostgreSQL,
// several replicas share it and still raise one alert per group.
type AlertStore interface {
	// RaiseAlert records a match: it adds to the open or acknowledged alert
	// of a.Rule and a.Group whose LastSeen is within window of a.LastSeen,
	// or creates one. It sets a.ID and reports whether the alert is new.
	// Concurrent calls for one rule and group (from several replicas) raise
	// one alert. A match is identified by a.Rule and a.MatchSeq(): raising
	// one that was recorded before (a second replica, a replay) changes
	// nothing, returns false and sets a.Count to 0. Alerts whose
	// Validate fails are EINVALID.
	RaiseAlert(ctx context.Context, a *Alert, window time.Duration) (created bool, err error)
	// FindAlerts returns the alerts that match the filter, without their
	// Seqs (AlertByID reads them).
	FindAlerts(ctx context.Context, f AlertFilter) ([]*Alert, error)
	// AlertByID returns one alert, or ENOTFOUND.
	AlertByID(ctx context.Context, id int64) (*Alert, error)
	// SetAlertStatus moves an alert to status (acknowledged or resolved),
	// appending record (the audit record of the change, actor set) to the
	// audit log in the same transaction. Moving backwards, or to the status
	// it already has, is ECONFLICT; an unknown alert is ENOTFOUND.
	SetAlertStatus(ctx context.Context, id int64, status, by, note string, record *Event) (*Alert, error)
}

// Validate checks what a store needs of an alert to raise: a rule, a
// severity, a LastSeen time and at least one event seq. It returns
// EINVALID.
func (a *Alert) Validate() error {
	switch {
	case a == nil:
		return Errorf(EINVALID, "alert is nil")
	case a.Rule == "":
		return Errorf(EINVALID, "alert has no rule")
	case a.Severity == "":
		return Errorf(EINVALID, "alert of rule %s has no severity", a.Rule)
	case a.LastSeen.IsZero():
		return Errorf(EINVALID, "alert of rule %s has no last-seen time", a.Rule)
	case len(a.Seqs) == 0:
		return Errorf(EINVALID, "alert of rule %s names no event", a.Rule)
	}
	for _, s := range a.Seqs {
		if s < 0 {
			return Errorf(EINVALID, "alert of rule %s names event seq %d", a.Rule, s)
		}
	}
	return nil
}

// MatchSeq returns the seq that identifies the match an alert to raise
// stands for: the highest of Seqs, which is the event that raised it when
// events are evaluated in log order. RaiseAlert records each rule and
// MatchSeq once.
func (a *Alert) MatchSeq() int64 {
	m := int64(-1)
	for _, s := range a.Seqs {
		m = max(m, s)
	}
	return m
}

// CheckAlertStatus reports whether an alert may move from status from to
// status to: EINVALID when to is not acknowledged or resolved, ECONFLICT
// when the move goes backwards or nowhere.
func CheckAlertStatus(from, to string) error {
	rank := map[string]int{AlertOpen: 0, AlertAcknowledged: 1, AlertResolved: 2}
	if to != AlertAcknowledged && to != AlertResolved {
		return Errorf(EINVALID, "alert status %q: want acknowledged or resolved", to)
	}
	if rank[to] <= rank[from] {
		return Errorf(ECONFLICT, "alert is %s already; it cannot become %s", from, to)
	}
	return nil
}
