package attest

import (
	"bytes"
	"context"
	"time"
)

// Event outcomes.
const (
	OutcomeSuccess = "success"
	OutcomeFailure = "failure"
	OutcomeUnknown = "unknown"
)

// Event is a normalised security event. Raw keeps the record exactly as the
// source sent it, byte for byte.
type Event struct {
	// Seq is the event's position in the audit log, assigned when stored;
	// it counts from 0 without gaps.
	Seq int64 `json:"seq"`
	// Time is when the event happened, as the source says.
	Time time.Time `json:"time"`
	// Received is when attest accepted the event.
	Received time.Time `json:"received"`
	// Source names where the event came from: k8s-audit, falco, cloudtrail,
	// attest (the server's own admin actions) or a configured generic source.
	Source string `json:"source"`
	// ExternalID is the source's own id for the record (auditID, eventID).
	ExternalID string `json:"external_id,omitempty"`
	Actor      string `json:"actor,omitempty"`
	Action     string `json:"action,omitempty"`
	Target     string `json:"target,omitempty"`
	Outcome    string `json:"outcome"`
	// MFA says whether multi-factor authentication was used; nil when the
	// source does not say.
	MFA       *bool  `json:"mfa,omitempty"`
	SourceIP  string `json:"source_ip,omitempty"`
	UserAgent string `json:"user_agent,omitempty"`
	// Severity is the source's own severity or priority, if it has one.
	Severity string `json:"severity,omitempty"`
	Raw      []byte `json:"raw"`

	// DedupKey, when set, identifies the record among every record of its
	// Source (CloudTrail's eventID, a Kubernetes auditID and stage, ...):
	// the store keeps one record per Source and DedupKey, so a record that a
	// sender delivers twice is stored once. It is not part of the record's
	// leaf hash and is not read back.
	DedupKey string `json:"-"`
	// Duplicate is set by EventStore.AppendEvents when a record of the same
	// Source and DedupKey was already stored (before or earlier in the same
	// batch); Seq is then that record's and nothing new was stored.
	Duplicate bool `json:"-"`
}

// Stored returns a copy of an appended event as an EventStore reads it back:
// its times in UTC at the nanosecond (as stored), a zero Time as the zero
// time.Time, an empty Raw as nil, and the fields that are not stored
// (DedupKey, Duplicate) cleared. Raw and MFA are copies. Code handed the
// events of an ingest batch in process (the detections' worker) works on
// this form, so that it sees what it would have read from the store.
func (e *Event) Stored() *Event {
	c := *e
	if c.Time.IsZero() {
		c.Time = time.Time{}
	} else {
		c.Time = time.Unix(0, c.Time.UnixNano()).UTC()
	}
	c.Received = time.Unix(0, c.Received.UnixNano()).UTC()
	if c.MFA != nil {
		mfa := *c.MFA
		c.MFA = &mfa
	}
	c.Raw = nil
	if len(e.Raw) > 0 {
		c.Raw = bytes.Clone(e.Raw)
	}
	c.DedupKey, c.Duplicate = "", false
	return &c
}

// Token scopes. Admin includes read and ingest; read and ingest are separate.
const (
	ScopeIngest = "ingest"
	ScopeRead   = "read"
	ScopeAdmin  = "admin"
)

// Token is an API token. Only a hash of its secret is stored; the secret is
// shown once, when the token is created.
type Token struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Scope string `json:"scope"`
	// Source, when set on an ingest token, is the source name that events
	// sent with it through the generic endpoint are given.
	Source  string    `json:"source,omitempty"`
	Created time.Time `json:"created"`
	Revoked bool      `json:"revoked,omitempty"`
}

// EventFilter selects events. Zero fields do not filter. Events come back in
// ascending Seq order, which is also the order they were accepted in, or in
// event-time order with ByTime.
type EventFilter struct {
	// From and To bound the event time, From inclusive, To exclusive; an
	// event without a time of its own is placed at its Received time.
	From, To time.Time
	Source   string
	// Actors matches any of the given actor names (an identity map links one
	// person's names across sources).
	Actors  []string
	Action  string
	Outcome string
	// AfterSeq is the pagination cursor: only events with Seq > AfterSeq.
	// Negative means from the start. With ByTime the cursor is the pair
	// (AfterTime, AfterSeq): only events after it in event-time order.
	AfterSeq int64
	Limit    int
	// ByTime orders by event time (Received for an event without one),
	// then Seq, instead of by Seq alone.
	ByTime    bool
	AfterTime time.Time
	// MaxBytes, when positive, ends the result early: after the event whose
	// Raw brings the total of Raw bytes to MaxBytes or more.
	MaxBytes int64
	// Newest orders by Seq descending (newest first) instead; ByTime and
	// AfterTime are then ignored. BeforeSeq, when positive, is its cursor:
	// only events with Seq < BeforeSeq. AfterSeq still bounds from below.
	Newest    bool
	BeforeSeq int64
}

// EventStore keeps events durably in the audit log.
type EventStore interface {
	// AppendEvents stores the events in one transaction, assigning each its
	// Seq and appending it to the audit log; when it returns nil the events
	// are durable. An event whose Source and DedupKey match a stored record
	// (or an earlier event of the batch) is not stored again: it gets that
	// record's Seq and Duplicate. It returns EUNAVAILABLE when the database
	// cannot be reached and EINVALID for events that cannot be stored.
	AppendEvents(ctx context.Context, events []*Event) error
	// FindEvents returns the events that match the filter.
	FindEvents(ctx context.Context, f EventFilter) ([]*Event, error)
	// EventBySeq returns one event, or ENOTFOUND.
	EventBySeq(ctx context.Context, seq int64) (*Event, error)
}

// TokenStore keeps API tokens.
type TokenStore interface {
	// CreateToken stores a token with the hash of its secret and appends
	// record, the audit record of the creation, to the audit log in the same
	// transaction (setting its Seq). It returns EINVALID without a record.
	CreateToken(ctx context.Context, t *Token, secretHash []byte, record *Event) error
	// TokenBySecretHash returns the token whose secret hashes to h, or
	// ENOTFOUND (also for a revoked token).
	TokenBySecretHash(ctx context.Context, h []byte) (*Token, error)
}
