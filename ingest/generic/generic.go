// Package generic normalises JSON events of sources without a dedicated
// normaliser: GitHub's audit log stream, Okta's System Log, and any other
// source that sends JSON objects. A body is one object, a JSON array of
// objects, or newline-delimited JSON (one object a line); top-level arrays in
// newline-delimited JSON are flattened. The caller names the source.
//
// The Profile says how fields are read:
//
//   - ProfileGitHub (GitHub audit log streaming and the audit log API):
//     Time from @timestamp (milliseconds since the epoch), else created_at;
//     Actor actor; Action action; Target repo, else repository (git
//     events), org, business; SourceIP actor_ip; UserAgent user_agent;
//     ExternalID and DedupKey _document_id. Outcome unknown: GitHub does not record one.
//   - ProfileOkta (Okta System Log, as the /api/v1/logs API returns it or
//     inside an event hook's data.events): Time published; Actor
//     actor.alternateId; Action eventType; Target the first target's
//     alternateId (its displayName when the alternateId is "unknown");
//     Outcome from outcome.result (SUCCESS and ALLOW success, FAILURE and
//     DENY failure, others unknown); MFA true for
//     user.authentication.auth_via_mfa, else nil; SourceIP
//     client.ipAddress; UserAgent client.userAgent.rawUserAgent; Severity
//     severity in lower case; ExternalID and DedupKey uuid. Raw is each System Log event,
//     not the event hook's envelope.
//   - ProfileCommon (any other source): Time from the first present of
//     time, timestamp, @timestamp, published, eventTime (RFC 3339 or a
//     zone-less date and time read as UTC, or a number of seconds,
//     milliseconds, microseconds or nanoseconds since the epoch, told apart
//     by magnitude); a record with none of them has a zero Time. Actor,
//     Action, Target, ExternalID, SourceIP, UserAgent and Outcome are taken
//     from common names when they hold strings (see the commonKeys
//     variable) and left empty otherwise; DedupKey is ExternalID. Outcome is unknown unless an
//     "outcome" or "result" string says success or failure.
//
// Whatever the profile, Raw keeps the whole record. A record must be an
// object; with ProfileGitHub and ProfileOkta it needs a time.
package generic

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/ingest"
)

// Profiles of field extraction.
const (
	ProfileCommon = "common"
	ProfileGitHub = "github"
	ProfileOkta   = "okta"
)

// Normaliser normalises the JSON records of one generic source.
type Normaliser struct {
	// Profile is ProfileGitHub, ProfileOkta or ProfileCommon; New chooses
	// it from the source name.
	Profile string

	source string
}

var _ ingest.Bounded = (*Normaliser)(nil)

// New returns a normaliser for the named source. Its profile is ProfileGitHub
// when the name starts with "github", ProfileOkta when it starts with "okta"
// (case ignored), and ProfileCommon otherwise.
func New(source string) *Normaliser {
	n := &Normaliser{Profile: ProfileCommon, source: source}
	switch name := strings.ToLower(source); {
	case strings.HasPrefix(name, "github"):
		n.Profile = ProfileGitHub
	case strings.HasPrefix(name, "okta"):
		n.Profile = ProfileOkta
	}
	return n
}

// Source returns the source name given to New.
func (n *Normaliser) Source() string { return n.source }

// Normalise returns one event per record of body. See package ingest for the
// batch policy; an unknown Profile refuses the body.
func (n *Normaliser) Normalise(body []byte) ([]*attest.Event, error) {
	return n.NormaliseWithin(body, ingest.Limits{})
}

// NormaliseWithin is Normalise within lim.
func (n *Normaliser) NormaliseWithin(body []byte, lim ingest.Limits) ([]*attest.Event, error) {
	var fn func(ingest.Value) (*attest.Event, error)
	switch n.Profile {
	case ProfileCommon, "":
		fn = n.common
	case ProfileGitHub:
		fn = n.github
	case ProfileOkta:
		fn = n.okta
	default:
		return nil, attest.Errorf(attest.EINTERNAL, "generic source %q: unknown profile %q", n.source, n.Profile)
	}
	values, err := ingest.SplitN(body, lim.Records())
	if err != nil {
		return nil, err
	}
	var records []ingest.Value
	for _, v := range values {
		if len(records) > lim.Records() {
			break // too many: CollectWithin refuses the body
		}
		switch {
		case v.Kind() == "array":
			records = append(records, v.ElementsN(lim.Records())...)
		case n.Profile == ProfileOkta && isEventHook(v):
			events, _ := v.Member("data")
			events, _ = events.Member("events")
			records = append(records, events.ElementsN(lim.Records())...)
		default:
			records = append(records, v)
		}
	}
	return ingest.CollectWithin(body, records, lim, fn)
}

// isEventHook reports whether v is an Okta event hook request, whose
// data.events hold System Log events.
func isEventHook(v ingest.Value) bool {
	var hook struct {
		EventType string `json:"eventType"`
	}
	if v.Kind() != "object" || v.Decode(&hook) != nil || hook.EventType != "com.okta.event_hook" {
		return false
	}
	data, ok := v.Member("data")
	if !ok {
		return false
	}
	events, ok := data.Member("events")
	return ok && events.Kind() == "array"
}

// github reads a GitHub audit log event.
func (n *Normaliser) github(v ingest.Value) (*attest.Event, error) {
	if err := v.Object(); err != nil {
		return nil, err
	}
	var e struct {
		Timestamp  json.RawMessage `json:"@timestamp"`
		CreatedAt  json.RawMessage `json:"created_at"`
		DocumentID string          `json:"_document_id"`
		Action     string          `json:"action"`
		Actor      string          `json:"actor"`
		ActorIP    string          `json:"actor_ip"`
		UserAgent  string          `json:"user_agent"`
		Repo       string          `json:"repo"`
		Repository string          `json:"repository"`
		Org        string          `json:"org"`
		Business   string          `json:"business"`
	}
	if err := v.Decode(&e); err != nil {
		return nil, err
	}
	key, raw := "@timestamp", e.Timestamp
	if isAbsent(raw) {
		key, raw = "created_at", e.CreatedAt
	}
	if isAbsent(raw) {
		return nil, errors.New("@timestamp and created_at are missing")
	}
	t, err := parseTime(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", key, err)
	}
	return &attest.Event{
		Time:       t,
		Source:     n.source,
		ExternalID: e.DocumentID,
		DedupKey:   e.DocumentID,
		Actor:      e.Actor,
		Action:     e.Action,
		Target:     first(e.Repo, e.Repository, e.Org, e.Business),
		Outcome:    attest.OutcomeUnknown,
		SourceIP:   ip(e.ActorIP),
		UserAgent:  e.UserAgent,
	}, nil
}

// oktaMFAEvent is the System Log event type of a factor verification.
const oktaMFAEvent = "user.authentication.auth_via_mfa"

// okta reads an Okta System Log event.
func (n *Normaliser) okta(v ingest.Value) (*attest.Event, error) {
	if err := v.Object(); err != nil {
		return nil, err
	}
	var e struct {
		Actor struct {
			AlternateID string `json:"alternateId"`
		} `json:"actor"`
		Client struct {
			UserAgent struct {
				RawUserAgent string `json:"rawUserAgent"`
			} `json:"userAgent"`
			IPAddress string `json:"ipAddress"`
		} `json:"client"`
		EventType string `json:"eventType"`
		Outcome   struct {
			Result string `json:"result"`
		} `json:"outcome"`
		Published string `json:"published"`
		Severity  string `json:"severity"`
		UUID      string `json:"uuid"`
		Target    []struct {
			AlternateID string `json:"alternateId"`
			DisplayName string `json:"displayName"`
		} `json:"target"`
	}
	if err := v.Decode(&e); err != nil {
		return nil, err
	}
	if e.Published == "" {
		return nil, errors.New("published is missing")
	}
	t, err := time.Parse(time.RFC3339Nano, e.Published)
	if err != nil {
		return nil, fmt.Errorf("published %q is not an RFC 3339 time", e.Published)
	}
	ev := &attest.Event{
		Time:       t.UTC(),
		Source:     n.source,
		ExternalID: e.UUID,
		DedupKey:   e.UUID,
		Actor:      e.Actor.AlternateID,
		Action:     e.EventType,
		Outcome:    attest.OutcomeUnknown,
		SourceIP:   ip(e.Client.IPAddress),
		UserAgent:  e.Client.UserAgent.RawUserAgent,
		Severity:   strings.ToLower(e.Severity),
	}
	if len(e.Target) > 0 {
		ev.Target = e.Target[0].AlternateID
		if ev.Target == "" || ev.Target == "unknown" {
			ev.Target = e.Target[0].DisplayName
		}
	}
	switch e.Outcome.Result {
	case "SUCCESS", "ALLOW":
		ev.Outcome = attest.OutcomeSuccess
	case "FAILURE", "DENY":
		ev.Outcome = attest.OutcomeFailure
	}
	if e.EventType == oktaMFAEvent {
		yes := true
		ev.MFA = &yes
	}
	return ev, nil
}

// commonKeys are the member names ProfileCommon reads each field from, in
// order of preference.
var commonKeys = struct {
	Time, Actor, Action, Target, ID, IP, UserAgent, Outcome, Severity []string
}{
	Time:      []string{"time", "timestamp", "@timestamp", "published", "eventTime"},
	Actor:     []string{"actor", "user", "username", "user_name", "principal"},
	Action:    []string{"action", "event", "eventType", "event_type", "eventName", "event_name"},
	Target:    []string{"target", "resource", "object"},
	ID:        []string{"id", "uuid", "event_id", "eventId", "eventID"},
	IP:        []string{"source_ip", "src_ip", "client_ip", "ip", "remote_addr", "sourceIPAddress"},
	UserAgent: []string{"user_agent", "userAgent"},
	Outcome:   []string{"outcome", "result", "status"},
	Severity:  []string{"severity", "level", "priority"},
}

// common reads a record of an unknown source.
func (n *Normaliser) common(v ingest.Value) (*attest.Event, error) {
	if err := v.Object(); err != nil {
		return nil, err
	}
	var m members
	if err := v.Decode(&m); err != nil {
		return nil, err
	}
	id := m.first(commonKeys.ID, true)
	ev := &attest.Event{
		Source:     n.source,
		ExternalID: id,
		DedupKey:   id,
		Actor:      m.first(commonKeys.Actor, false),
		Action:     m.first(commonKeys.Action, false),
		Target:     m.first(commonKeys.Target, false),
		Outcome:    attest.OutcomeUnknown,
		SourceIP:   ip(m.first(commonKeys.IP, false)),
		UserAgent:  m.first(commonKeys.UserAgent, false),
		Severity:   strings.ToLower(m.first(commonKeys.Severity, false)),
	}
	for _, k := range commonKeys.Time {
		raw, ok := m[k]
		if !ok || isAbsent(raw) {
			continue
		}
		t, err := parseTime(raw)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k, err)
		}
		ev.Time = t
		break
	}
	switch strings.ToLower(m.first(commonKeys.Outcome, false)) {
	case "success", "succeeded", "ok", "allow", "allowed":
		ev.Outcome = attest.OutcomeSuccess
	case "failure", "failed", "fail", "error", "deny", "denied":
		ev.Outcome = attest.OutcomeFailure
	}
	return ev, nil
}

// members are a record's top-level members, undecoded.
type members map[string]json.RawMessage

// first returns the first of keys whose value is a non-empty string (or,
// when numbers is set, a number, as written).
func (m members) first(keys []string, numbers bool) string {
	for _, k := range keys {
		raw := m[k]
		var s string
		if json.Unmarshal(raw, &s) == nil && s != "" {
			return s
		}
		if numbers && len(raw) > 0 && (raw[0] == '-' || raw[0] >= '0' && raw[0] <= '9') {
			return string(raw)
		}
	}
	return ""
}

// isAbsent reports whether a member is missing or null.
func isAbsent(raw json.RawMessage) bool {
	return len(raw) == 0 || string(raw) == "null"
}

// zoneless are the time layouts without a zone that are read as UTC.
var zoneless = []string{"2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999"}

// parseTime reads a time that is an RFC 3339 string, a zone-less date and
// time (UTC), or a number (or a string holding one) of seconds,
// milliseconds, microseconds or nanoseconds since the Unix epoch.
func parseTime(raw json.RawMessage) (time.Time, error) {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
			return t.UTC(), nil
		}
		if t, err := time.Parse("2006-01-02 15:04:05.999999999Z07:00", s); err == nil {
			return t.UTC(), nil
		}
		for _, layout := range zoneless {
			if t, err := time.Parse(layout, s); err == nil {
				return t, nil
			}
		}
		if _, err := strconv.ParseFloat(s, 64); err != nil {
			return time.Time{}, fmt.Errorf("%q is not a time", s)
		}
		// A number in a string: read it as one.
		raw = json.RawMessage(s)
	}
	if n, err := strconv.ParseInt(string(raw), 10, 64); err == nil && n >= 0 {
		// Tell the unit by magnitude: seconds reach 1e11 only in the year 5138.
		switch {
		case n < 1e11:
			return time.Unix(n, 0).UTC(), nil
		case n < 1e14:
			return time.UnixMilli(n).UTC(), nil
		case n < 1e17:
			return time.UnixMicro(n).UTC(), nil
		}
		return time.Unix(0, n).UTC(), nil
	}
	f, err := strconv.ParseFloat(string(raw), 64)
	if err != nil || f < 0 || math.IsInf(f, 0) || math.IsNaN(f) {
		return time.Time{}, fmt.Errorf("%s is not a time: want a string or a number since the epoch", raw)
	}
	// A fraction: seconds or milliseconds, by the same rule.
	switch {
	case f < 1e11:
		sec, frac := math.Modf(f)
		return time.Unix(int64(sec), int64(math.Round(frac*1e9))).UTC(), nil
	case f < 1e14:
		return time.Unix(0, int64(math.Round(f*1e6))).UTC(), nil
	}
	return time.Time{}, fmt.Errorf("%s is out of range for a time", raw)
}

// ip returns s when it is an IP address, else "".
func ip(s string) string {
	if _, err := netip.ParseAddr(s); err != nil {
		return ""
	}
	return s
}

// first returns the first non-empty string.
func first(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
