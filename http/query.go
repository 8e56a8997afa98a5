package http

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/ingest"
)

// Page sizes of the query API.
const (
	DefaultLimit = 100
	MaxLimit     = 1000
)

// Event is an event as the query API shows it: the stored event with the raw
// record inline as JSON when it is JSON that any reader accepts. A raw
// record that is not (not JSON, or JSON with invalid UTF-8 or a number such
// as 1e999 that overflows a float) is a JSON string (raw_encoding "text"), or
// base64 when it is not UTF-8 (raw_encoding "base64"); the stored bytes are
// unchanged either way. An event whose source gave no time shows the time it
// was received, and says so with time_source "received".
type Event struct {
	*attest.Event
	Time        time.Time       `json:"time"`
	TimeSource  string          `json:"time_source,omitempty"`
	Raw         json.RawMessage `json:"raw"`
	RawEncoding string          `json:"raw_encoding,omitempty"`
}

// TimeSourceReceived is the time_source of an event shown at the time it
// was received, because its source gave no time.
const TimeSourceReceived = "received"

// NewEvent wraps an event for JSON output.
func NewEvent(e *attest.Event) Event {
	out := Event{Event: e, Time: e.Time}
	if e.Time.IsZero() {
		out.Time, out.TimeSource = e.Received, TimeSourceReceived
	}
	switch {
	case ingest.Strict(e.Raw):
		out.Raw = e.Raw
	case utf8.Valid(e.Raw):
		out.Raw, _ = json.Marshal(string(e.Raw))
		out.RawEncoding = "text"
	default:
		out.Raw, _ = json.Marshal(base64.StdEncoding.EncodeToString(e.Raw))
		out.RawEncoding = "base64"
	}
	return out
}

// EventsPage is the answer of GET /api/v1/events and of the timeline.
// NextCursor is empty on the last page.
type EventsPage struct {
	Actor      string   `json:"actor,omitempty"`
	Aliases    []string `json:"aliases,omitempty"`
	Events     []Event  `json:"events"`
	NextCursor string   `json:"next_cursor,omitempty"`
}

const cursorPrefix = "seq:"

// EncodeCursor returns the opaque cursor that continues after seq.
func EncodeCursor(seq int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(cursorPrefix + strconv.FormatInt(seq, 10)))
}

// DecodeCursor returns the seq a cursor continues after; it returns EINVALID
// for anything EncodeCursor did not make.
func DecodeCursor(c string) (int64, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err == nil {
		if rest, ok := strings.CutPrefix(string(b), cursorPrefix); ok {
			if seq, err := strconv.ParseInt(rest, 10, 64); err == nil && seq >= 0 {
				return seq, nil
			}
		}
	}
	return 0, attest.Errorf(attest.EINVALID, "cursor %q is not one this server gave out", c)
}

const timeCursorPrefix = "time:"

// EncodeTimeCursor returns the opaque cursor of the timeline that continues
// after the event at time t with seq.
func EncodeTimeCursor(t time.Time, seq int64) string {
	return base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, "%s%d:%d", timeCursorPrefix, t.UnixNano(), seq))
}

// DecodeTimeCursor returns the time and seq a timeline cursor continues
// after; it returns EINVALID for anything EncodeTimeCursor did not make.
func DecodeTimeCursor(c string) (time.Time, int64, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err == nil {
		if rest, ok := strings.CutPrefix(string(b), timeCursorPrefix); ok {
			ns, seqText, _ := strings.Cut(rest, ":")
			n, err1 := strconv.ParseInt(ns, 10, 64)
			seq, err2 := strconv.ParseInt(seqText, 10, 64)
			if err1 == nil && err2 == nil && seq >= 0 {
				return time.Unix(0, n).UTC(), seq, nil
			}
		}
	}
	return time.Time{}, 0, attest.Errorf(attest.EINVALID, "cursor %q is not one this server gave out for a timeline", c)
}

// eventTime is the time an event is ordered by: its own, else when it was
// received.
func eventTime(e *attest.Event) time.Time {
	if e.Time.IsZero() {
		return e.Received
	}
	return e.Time
}

// parseFilter reads the query parameters shared by the events list and the
// timeline: from, to, source, action, outcome, limit and cursor (and actor
// when withActor).
func parseFilter(rawQuery string, withActor bool) (attest.EventFilter, error) {
	f := attest.EventFilter{AfterSeq: -1, Limit: DefaultLimit}
	q, err := parseQuery(rawQuery)
	if err != nil {
		return f, err
	}
	known := map[string]bool{"from": true, "to": true, "source": true, "action": true, "outcome": true, "limit": true, "cursor": true}
	if withActor {
		known["actor"] = true
	}
	for k := range q {
		if !known[k] {
			return f, attest.Errorf(attest.EINVALID, "unknown query parameter %q", k)
		}
	}
	if f.From, err = parseTime(q, "from"); err != nil {
		return f, err
	}
	if f.To, err = parseTime(q, "to"); err != nil {
		return f, err
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		return f, attest.Errorf(attest.EINVALID, "from %s is not before to %s", q.Get("from"), q.Get("to"))
	}
	f.Source = q.Get("source")
	f.Action = q.Get("action")
	f.Outcome = q.Get("outcome")
	switch f.Outcome {
	case "", attest.OutcomeSuccess, attest.OutcomeFailure, attest.OutcomeUnknown:
	default:
		return f, attest.Errorf(attest.EINVALID, "outcome %q: want success, failure or unknown", f.Outcome)
	}
	if withActor && q.Get("actor") != "" {
		f.Actors = []string{q.Get("actor")}
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > MaxLimit {
			return f, attest.Errorf(attest.EINVALID, "limit %q: want a whole number from 1 to %d", v, MaxLimit)
		}
		f.Limit = n
	}
	// The events list pages by seq; the timeline (withActor unset) by
	// event time.
	f.ByTime = !withActor
	if v := q.Get("cursor"); v != "" && f.ByTime {
		if f.AfterTime, f.AfterSeq, err = DecodeTimeCursor(v); err != nil {
			return f, err
		}
	} else if v != "" {
		if f.AfterSeq, err = DecodeCursor(v); err != nil {
			return f, err
		}
	}
	return f, nil
}

// parseQuery reads a query string strictly: one that does not parse (such
// as "action=a;b", which url.Values would drop silently) or repeats a
// parameter is EINVALID, never read as no filter.
func parseQuery(raw string) (url.Values, error) {
	q, err := url.ParseQuery(raw)
	if err != nil {
		return nil, attest.Errorf(attest.EINVALID, "query %q does not parse: %v (escape ';' as %%3B)", raw, err)
	}
	for k, vs := range q {
		if len(vs) > 1 {
			return nil, attest.Errorf(attest.EINVALID, "query parameter %q is given %d times; give it once", k, len(vs))
		}
	}
	return q, nil
}

func parseTime(q url.Values, name string) (time.Time, error) {
	v := q.Get(name)
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return time.Time{}, attest.Errorf(attest.EINVALID, "%s %q: want an RFC 3339 time such as 2024-05-01T12:00:00Z", name, v)
	}
	return t, nil
}

// findPage runs the filter for one page: it asks for one event more than the
// limit to know whether another page follows, and for no more raw bytes than
// MaxPageBytes; a page cut short by bytes has a next cursor too.
func (s *Server) findPage(r *http.Request, f attest.EventFilter) (EventsPage, error) {
	limit := f.Limit
	f.Limit = limit + 1
	f.MaxBytes = s.MaxPageBytes
	events, err := s.Events.FindEvents(r.Context(), f)
	if err != nil {
		if r.Context().Err() != nil {
			return EventsPage{}, errClientGone
		}
		s.storeError("find_events", err)
		return EventsPage{}, err
	}
	page := EventsPage{Events: make([]Event, 0, min(len(events), limit))}
	var size int64
	for _, e := range events {
		size += int64(len(e.Raw))
	}
	if len(events) > limit || (s.MaxPageBytes > 0 && size >= s.MaxPageBytes && len(events) > 0) {
		events = events[:min(len(events), limit)]
		last := events[len(events)-1]
		if f.ByTime {
			page.NextCursor = EncodeTimeCursor(eventTime(last), last.Seq)
		} else {
			page.NextCursor = EncodeCursor(last.Seq)
		}
	}
	for _, e := range events {
		page.Events = append(page.Events, NewEvent(e))
	}
	return page, nil
}

func (s *Server) handleEvents(w http.ResponseWriter, r *http.Request) {
	f, err := parseFilter(r.URL.RawQuery, true)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	page, err := s.findPage(r, f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeDeadline(w)
	writeJSON(w, http.StatusOK, page)
}

// writeDeadline gives the answer WriteTimeout to be written: a client that
// does not read it releases the handler then.
func (s *Server) writeDeadline(w http.ResponseWriter) {
	if s.WriteTimeout > 0 {
		_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(s.WriteTimeout))
	}
}

func (s *Server) handleEvent(w http.ResponseWriter, r *http.Request) {
	seq, err := strconv.ParseInt(r.PathValue("seq"), 10, 64)
	if err != nil || seq < 0 {
		s.writeError(w, r, attest.Errorf(attest.EINVALID, "event seq %q: want a whole number from 0", r.PathValue("seq")))
		return
	}
	e, err := s.Events.EventBySeq(r.Context(), seq)
	if err != nil {
		if r.Context().Err() != nil {
			err = errClientGone
		} else {
			s.storeError("event_by_seq", err)
		}
		s.writeError(w, r, err)
		return
	}
	s.writeDeadline(w)
	writeJSON(w, http.StatusOK, NewEvent(e))
}

// handleTimeline answers GET /api/v1/actors/{name}/timeline: the events of
// every name the identity map links to name, across sources, in the order
// they happened (event time, then seq); an event without a time of its own
// is placed at the time it was received.
func (s *Server) handleTimeline(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	if name == "" {
		s.writeError(w, r, attest.Errorf(attest.EINVALID, "actor name is empty"))
		return
	}
	f, err := parseFilter(r.URL.RawQuery, false)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	person, aliases := s.Identities.Resolve(name)
	f.Actors = aliases
	page, err := s.findPage(r, f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	page.Actor, page.Aliases = person, aliases
	s.writeDeadline(w)
	writeJSON(w, http.StatusOK, page)
}
