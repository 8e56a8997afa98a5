package http

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/attest-dev/attest"
)

// Page sizes of the query API.
const (
	DefaultLimit = 100
	MaxLimit     = 1000
)

// Event is an event as the query API shows it: the stored event with the raw
// record inline as JSON when it is JSON. A raw record that is not JSON is a
// JSON string (raw_encoding "text"), or base64 when it is not UTF-8 either
// (raw_encoding "base64").
type Event struct {
	*attest.Event
	Raw         json.RawMessage `json:"raw"`
	RawEncoding string          `json:"raw_encoding,omitempty"`
}

// NewEvent wraps an event for JSON output.
func NewEvent(e *attest.Event) Event {
	out := Event{Event: e}
	switch {
	case json.Valid(e.Raw):
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

// parseFilter reads the query parameters shared by the events list and the
// timeline: from, to, source, action, outcome, limit and cursor (and actor
// when withActor).
func parseFilter(q url.Values, withActor bool) (attest.EventFilter, error) {
	f := attest.EventFilter{AfterSeq: -1, Limit: DefaultLimit}
	known := map[string]bool{"from": true, "to": true, "source": true, "action": true, "outcome": true, "limit": true, "cursor": true}
	if withActor {
		known["actor"] = true
	}
	for k := range q {
		if !known[k] {
			return f, attest.Errorf(attest.EINVALID, "unknown query parameter %q", k)
		}
	}
	var err error
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
	if v := q.Get("cursor"); v != "" {
		if f.AfterSeq, err = DecodeCursor(v); err != nil {
			return f, err
		}
	}
	return f, nil
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
// limit to know whether another page follows.
func (s *Server) findPage(r *http.Request, f attest.EventFilter) (EventsPage, error) {
	limit := f.Limit
	f.Limit = limit + 1
	events, err := s.Events.FindEvents(r.Context(), f)
	if err != nil {
		s.storeError("find_events", err)
		return EventsPage{}, err
	}
	page := EventsPage{Events: make([]Event, 0, min(len(events), limit))}
	if len(events) > limit {
		events = events[:limit]
		page.NextCursor = EncodeCursor(events[limit-1].Seq)
	}
	for _, e := range events {
		page.Events = append(page.Events, NewEvent(e))
	}
	return page, nil
}

func (s *Server) handleEvents(w http.ResponseWriter, r *http.Request) {
	f, err := parseFilter(r.URL.Query(), true)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	page, err := s.findPage(r, f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, page)
}

func (s *Server) handleEvent(w http.ResponseWriter, r *http.Request) {
	seq, err := strconv.ParseInt(r.PathValue("seq"), 10, 64)
	if err != nil || seq < 0 {
		s.writeError(w, r, attest.Errorf(attest.EINVALID, "event seq %q: want a whole number from 0", r.PathValue("seq")))
		return
	}
	e, err := s.Events.EventBySeq(r.Context(), seq)
	if err != nil {
		s.storeError("event_by_seq", err)
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, NewEvent(e))
}

// handleTimeline answers GET /api/v1/actors/{name}/timeline: the events of
// every name the identity map links to name, across sources.
func (s *Server) handleTimeline(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	if name == "" {
		s.writeError(w, r, attest.Errorf(attest.EINVALID, "actor name is empty"))
		return
	}
	f, err := parseFilter(r.URL.Query(), false)
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
	writeJSON(w, http.StatusOK, page)
}
