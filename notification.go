package attest

import (
	"context"
	"time"
)

// Notification states. A notification is pending until a channel accepts it
// (delivered) or it is given up on (dead); an admin may send a dead one back
// to pending.
const (
	NotificationPending   = "pending"
	NotificationDelivered = "delivered"
	NotificationDead      = "dead"
)

// Notification kinds: what happened to the alert.
const (
	NotifyRaised   = "alert.raised"
	NotifyResolved = "alert.resolved"
)

// Notification is one message owed to one channel about one alert: a job of
// the durable notification queue.
type Notification struct {
	ID      int64  `json:"id"`
	AlertID int64  `json:"alert_id"`
	Channel string `json:"channel"`
	// Kind is NotifyRaised or NotifyResolved.
	Kind string `json:"kind"`
	// Payload is the alert as JSON at the time the notification was made,
	// what the channel renders.
	Payload []byte `json:"-"`
	// Attempts counts the deliveries tried (each claim is one).
	Attempts int `json:"attempts"`
	// NextAttempt is when the job may next be claimed.
	NextAttempt time.Time `json:"next_attempt"`
	// LastError is why the latest attempt failed: for an answer that
	// refused it, the status and the first bytes of the body.
	LastError string    `json:"last_error,omitempty"`
	State     string    `json:"state"`
	Created   time.Time `json:"created"`
	Updated   time.Time `json:"updated"`
	// ClaimedBy and LeaseUntil name the dispatcher that holds the job and
	// until when; past LeaseUntil another may claim it.
	ClaimedBy  string    `json:"claimed_by,omitempty"`
	LeaseUntil time.Time `json:"lease_until,omitzero"`
}

// NotificationFilter selects notifications; zero fields do not filter. They
// come back newest first (by ID, descending); BeforeID is the cursor.
type NotificationFilter struct {
	State    string
	Channel  string
	AlertID  int64
	BeforeID int64
	Limit    int
}

// NotificationResult is what became of one claimed delivery.
type NotificationResult struct {
	// State is NotificationDelivered, NotificationDead, or
	// NotificationPending to try again at RetryAt.
	State   string
	RetryAt time.Time
	// Error is the reason of a failure, kept as LastError.
	Error string
	// Released gives the job back unattempted (the dispatcher stopped
	// before it finished): its attempt is not counted and it may be
	// claimed again at once.
	Released bool
}

// NotificationStore is the durable notification queue. Both backends
// implement it; with PostgreSQL several replicas share it and each job is
// delivered by one of them.
type NotificationStore interface {
	// EnqueueNotifications adds jobs in one transaction, each pending and
	// due at its NextAttempt (Created when zero). A job for an alert,
	// channel and kind that the queue already holds is not added again: it
	// keeps its state and its ID is set to the stored one. ID, State and
	// Created are set on each.
	EnqueueNotifications(ctx context.Context, ns []*Notification) error
	// ClaimNotifications takes up to limit pending jobs due at now whose
	// lease is free or expired, for claimer until now+lease: each counts one
	// more attempt. A job is claimed by one caller at a time, across
	// processes. A resolve job is not claimed while the raise job of the
	// same alert and channel is pending, so a channel never hears of the
	// resolve first.
	ClaimNotifications(ctx context.Context, claimer string, now time.Time, lease time.Duration, limit int) ([]*Notification, error)
	// CompleteNotification records the outcome of a claimed job at now. It
	// returns ECONFLICT when claimer no longer holds the job (its lease
	// expired and another claimed it, or it is no longer pending) and
	// ENOTFOUND for an unknown id.
	CompleteNotification(ctx context.Context, id int64, claimer string, now time.Time, r NotificationResult) error
	// FindNotifications returns the jobs that match the filter.
	FindNotifications(ctx context.Context, f NotificationFilter) ([]*Notification, error)
	// NotificationCounts returns how many jobs are in each state.
	NotificationCounts(ctx context.Context) (map[string]int64, error)
	// RetryNotification sends a dead job back to pending, due at now with
	// its attempts reset, and appends record (the audit record of the
	// request, actor set) in the same transaction. It returns ENOTFOUND for
	// an unknown id and ECONFLICT for a job that is not dead.
	RetryNotification(ctx context.Context, id int64, now time.Time, record *Event) (*Notification, error)
}

// Validate reports, as EINVALID, a notification that cannot be queued.
func (n *Notification) Validate() error {
	switch {
	case n == nil:
		return Errorf(EINVALID, "notification is nil")
	case n.Channel == "":
		return Errorf(EINVALID, "notification has no channel")
	case n.Kind != NotifyRaised && n.Kind != NotifyResolved:
		return Errorf(EINVALID, "notification kind %q is not %s or %s", n.Kind, NotifyRaised, NotifyResolved)
	case n.Payload == nil:
		return Errorf(EINVALID, "notification has no payload")
	}
	return nil
}
