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
	// one alert.
	RaiseAlert(ctx context.Context, a *Alert, window time.Duration) (created bool, err error)
	// FindAlerts returns the alerts that match the filter.
	FindAlerts(ctx context.Context, f AlertFilter) ([]*Alert, error)
	// AlertByID returns one alert, or ENOTFOUND.
	AlertByID(ctx context.Context, id int64) (*Alert, error)
	// SetAlertStatus moves an alert to status (acknowledged or resolved),
	// appending record (the audit record of the change, actor set) to the
	// audit log in the same transaction. Moving backwards, or to the status
	// it already has, is ECONFLICT; an unknown alert is ENOTFOUND.
	SetAlertStatus(ctx context.Context, id int64, status, by, note string, record *Event) (*Alert, error)
}
