package attest

import (
	"cmp"
	"context"
	"slices"
	"time"
)

// Session is a person's signed-in session of the web dashboard. Only a hash
// of its secret (the cookie's value) is stored.
type Session struct {
	// ID names the session in audit records; it is not the secret.
	ID string `json:"id"`
	// User is who signed in: the OIDC subject's email or name, the API
	// token's name, or "admin (sign-in link)".
	User string `json:"user"`
	// Role is read, respond or admin (the Scope* constants).
	Role string `json:"role"`
	// Via says how the person signed in: oidc, token or link.
	Via string `json:"via"`
	// TokenID is the API token a session signed in with, if any: revoking
	// the token ends its sessions.
	TokenID string    `json:"token_id,omitempty"`
	Created time.Time `json:"created"`
	Expires time.Time `json:"expires"`
}

// SessionStore keeps the dashboard's sessions and its one-time sign-in
// links. Signing in and out are recorded in the audit log in the same
// transaction as the change.
type SessionStore interface {
	// CreateSession stores s under the hash of its secret and appends
	// record (the audit record of the sign-in) in one transaction. When
	// linkHash is set the session is made from a one-time sign-in link,
	// which it uses up in the same transaction: an unknown, used or expired
	// (at s.Created) link is ENOTFOUND and nothing is stored. A taken id
	// or hash is ECONFLICT.
	CreateSession(ctx context.Context, s *Session, secretHash, linkHash []byte, record *Event) error
	// SessionBySecretHash returns the session whose secret hashes to h, or
	// ENOTFOUND for an unknown or ended one. Expiry is the caller's to
	// check.
	SessionBySecretHash(ctx context.Context, h []byte) (*Session, error)
	// EndSession ends the session whose secret hashes to h and appends
	// record (the sign-out) in the same transaction; ENOTFOUND when there
	// is no such session in force.
	EndSession(ctx context.Context, h []byte, record *Event) error
	// CreateSignInLink stores a one-time sign-in link under the hash of its
	// secret, usable until expires, and appends record in the same
	// transaction.
	CreateSignInLink(ctx context.Context, h []byte, expires time.Time, record *Event) error
	// AnySession reports whether a session was ever created, ended ones
	// included: `attest serve` prints a sign-in link on a first start.
	AnySession(ctx context.Context) (bool, error)
}

// EventCount is how many events of one source and outcome happened on one
// day (UTC).
type EventCount struct {
	Day     time.Time `json:"day"`
	Source  string    `json:"source"`
	Outcome string    `json:"outcome"`
	Count   int64     `json:"count"`
}

// EventCounter counts events for the dashboard's charts.
type EventCounter interface {
	// CountEvents counts the events of each UTC day that overlaps
	// [from, to), by the event's time (Received for an event without
	// one), per day, source and outcome, ordered by day, source and
	// outcome. The stores keep these counts as events are appended, so
	// the cost does not grow with the number of events.
	CountEvents(ctx context.Context, from, to time.Time) ([]EventCount, error)
}

// EventDay is the UTC day an event is counted on, as days since 1970-01-01:
// the day of its time, or of Received for an event without one.
func EventDay(e *Event) int64 {
	t := e.Time
	if t.IsZero() {
		t = e.Received
	}
	return DayNumber(t)
}

// DayNumber is the UTC day of t as days since 1970-01-01 (negative before).
func DayNumber(t time.Time) int64 {
	const day = 24 * 60 * 60
	sec := t.Unix()
	d := sec / day
	if sec%day < 0 {
		d--
	}
	return d
}

// DayStart is the start (UTC midnight) of the day DayNumber numbers d.
func DayStart(d int64) time.Time {
	return time.Unix(d*24*60*60, 0).UTC()
}

// CountByDay counts events per EventDay, source and outcome, in that order:
// what an append adds to the stores' daily counts.
func CountByDay(events []Event) []EventCount {
	type key struct {
		day             int64
		source, outcome string
	}
	n := map[key]int64{}
	var keys []key
	for i := range events {
		k := key{EventDay(&events[i]), events[i].Source, events[i].Outcome}
		if n[k] == 0 {
			keys = append(keys, k)
		}
		n[k]++
	}
	slices.SortFunc(keys, func(a, b key) int {
		return cmp.Or(cmp.Compare(a.day, b.day), cmp.Compare(a.source, b.source), cmp.Compare(a.outcome, b.outcome))
	})
	out := make([]EventCount, len(keys))
	for i, k := range keys {
		out[i] = EventCount{Day: DayStart(k.day), Source: k.source, Outcome: k.outcome, Count: n[k]}
	}
	return out
}

// Validate checks that the session has an id, a user, a known role and an
// expiry after its creation; it returns EINVALID.
func (s *Session) Validate() error {
	switch {
	case s == nil || s.ID == "" || s.User == "":
		return Errorf(EINVALID, "session has no id or user")
	case !s.Expires.After(s.Created):
		return Errorf(EINVALID, "session expires before it is created")
	}
	switch s.Role {
	case ScopeRead, ScopeRespond, ScopeAdmin:
		return nil
	}
	return Errorf(EINVALID, "session role %q is not read, respond or admin", s.Role)
}
