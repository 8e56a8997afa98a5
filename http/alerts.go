package http

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/attest-dev/attest"
)

// MaxAlertEvents is how many of an alert's events GET /api/v1/alerts/{id}
// shows in full; the rest are listed by seq (Alert.Seqs) and read through
// /api/v1/events/{seq}.
const MaxAlertEvents = 100

// MaxNoteBytes bounds the note of an alert's status change.
const MaxNoteBytes = 4096

// AlertsPage is the answer of GET /api/v1/alerts. NextCursor is empty on
// the last page.
type AlertsPage struct {
	Alerts     []*attest.Alert `json:"alerts"`
	NextCursor string          `json:"next_cursor,omitempty"`
}

// AlertDetail is the answer of GET /api/v1/alerts/{id}: the alert and its
// first MaxAlertEvents events (or fewer, when their raw records pass
// MaxPageBytes); EventsOmitted counts the seqs of Alert.Seqs not shown.
type AlertDetail struct {
	*attest.Alert
	Events        []Event `json:"events"`
	EventsOmitted int     `json:"events_omitted,omitempty"`
}

const alertCursorPrefix = "alert:"

// EncodeAlertCursor returns the opaque cursor that continues after the
// alert with the given id (alerts come newest first).
func EncodeAlertCursor(id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(alertCursorPrefix + strconv.FormatInt(id, 10)))
}

// DecodeAlertCursor returns the alert id a cursor continues after; it
// returns EINVALID for anything EncodeAlertCursor did not make.
func DecodeAlertCursor(c string) (int64, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err == nil {
		if rest, ok := strings.CutPrefix(string(b), alertCursorPrefix); ok {
			if id, err := strconv.ParseInt(rest, 10, 64); err == nil && id > 0 {
				return id, nil
			}
		}
	}
	return 0, attest.Errorf(attest.EINVALID, "cursor %q is not one this server gave out for alerts", c)
}

// alertStatuses are the values of the status filter.
var alertStatuses = map[string]bool{attest.AlertOpen: true, attest.AlertAcknowledged: true, attest.AlertResolved: true}

// parseAlertFilter reads the query of GET /api/v1/alerts: status,
// severity, rule, source, from, to (bounds of last_seen), limit, cursor.
func parseAlertFilter(rawQuery string) (attest.AlertFilter, error) {
	f := attest.AlertFilter{Limit: DefaultLimit}
	q, err := parseQuery(rawQuery)
	if err != nil {
		return f, err
	}
	known := map[string]bool{"status": true, "severity": true, "rule": true, "source": true, "from": true, "to": true, "limit": true, "cursor": true}
	for k := range q {
		if !known[k] {
			return f, attest.Errorf(attest.EINVALID, "unknown query parameter %q", k)
		}
	}
	f.Status, f.Severity, f.Rule, f.Source = q.Get("status"), q.Get("severity"), q.Get("rule"), q.Get("source")
	if f.Status != "" && !alertStatuses[f.Status] {
		return f, attest.Errorf(attest.EINVALID, "status %q: want open, acknowledged or resolved", f.Status)
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
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > MaxLimit {
			return f, attest.Errorf(attest.EINVALID, "limit %q: want a whole number from 1 to %d", v, MaxLimit)
		}
		f.Limit = n
	}
	if v := q.Get("cursor"); v != "" {
		if f.BeforeID, err = DecodeAlertCursor(v); err != nil {
			return f, err
		}
	}
	return f, nil
}

func (s *Server) handleAlerts(w http.ResponseWriter, r *http.Request) {
	if s.Alerts == nil {
		s.writeError(w, r, attest.Errorf(attest.ENOTFOUND, "this server keeps no alerts"))
		return
	}
	f, err := parseAlertFilter(r.URL.RawQuery)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	limit := f.Limit
	f.Limit = limit + 1
	alerts, err := s.Alerts.FindAlerts(r.Context(), f)
	if err != nil {
		s.queryError(w, r, "find_alerts", err)
		return
	}
	page := AlertsPage{Alerts: alerts}
	if page.Alerts == nil {
		page.Alerts = []*attest.Alert{}
	}
	if len(alerts) > limit {
		page.Alerts = alerts[:limit]
		page.NextCursor = EncodeAlertCursor(page.Alerts[limit-1].ID)
	}
	s.writeDeadline(w)
	writeJSON(w, http.StatusOK, page)
}

// alertID reads the {id} of an alert's path.
func alertID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		return 0, attest.Errorf(attest.EINVALID, "alert id %q: want a whole number from 1", r.PathValue("id"))
	}
	return id, nil
}

func (s *Server) handleAlert(w http.ResponseWriter, r *http.Request) {
	if s.Alerts == nil {
		s.writeError(w, r, attest.Errorf(attest.ENOTFOUND, "this server keeps no alerts"))
		return
	}
	id, err := alertID(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	a, err := s.Alerts.AlertByID(r.Context(), id)
	if err != nil {
		s.queryError(w, r, "alert_by_id", err)
		return
	}
	d := AlertDetail{Alert: a, Events: []Event{}}
	var size int64
	for _, seq := range a.Seqs {
		if len(d.Events) == MaxAlertEvents || (s.MaxPageBytes > 0 && size >= s.MaxPageBytes) {
			break
		}
		e, err := s.Events.EventBySeq(r.Context(), seq)
		if err != nil {
			s.queryError(w, r, "event_by_seq", err)
			return
		}
		size += int64(len(e.Raw))
		d.Events = append(d.Events, NewEvent(e))
	}
	d.EventsOmitted = len(a.Seqs) - len(d.Events)
	s.writeDeadline(w)
	writeJSON(w, http.StatusOK, d)
}

// queryError answers a failed read of the store.
func (s *Server) queryError(w http.ResponseWriter, r *http.Request, op string, err error) {
	if r.Context().Err() != nil {
		err = errClientGone
	} else {
		s.storeError(op, err)
	}
	s.writeError(w, r, err)
}

// alertStatusRequest is the body of POST /api/v1/alerts/{id}/ack and
// /resolve; the body may also be empty.
type alertStatusRequest struct {
	Note string `json:"note"`
}

// crossOrigin refuses browser requests that another site makes (by the
// Sec-Fetch-Site and Origin headers), so that a page elsewhere cannot make a
// signed-in browser change an alert.
var crossOrigin = http.NewCrossOriginProtection()

// handleAlertStatus answers POST /api/v1/alerts/{id}/ack and /resolve.
func (s *Server) handleAlertStatus(status string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.Alerts == nil {
			s.writeError(w, r, attest.Errorf(attest.ENOTFOUND, "this server keeps no alerts"))
			return
		}
		if err := crossOrigin.Check(r); err != nil {
			s.writeError(w, r, attest.Errorf(attest.EFORBIDDEN, "cross-origin request refused"))
			return
		}
		id, err := alertID(r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		var req alertStatusRequest
		dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 2*MaxNoteBytes+1024))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&req); err != nil && err != io.EOF {
			s.writeError(w, r, attest.Errorf(attest.EINVALID, "alert status body: %v", err))
			return
		}
		actor := actorOf(r.Context())
		a, err := ChangeAlertStatus(r.Context(), s.Alerts, AlertStatusChange{
			ID: id, Status: status, Note: req.Note, Actor: actor, Via: "api",
		}, s.Now())
		if err != nil {
			s.storeError("set_alert_status", err)
			s.writeError(w, r, err)
			return
		}
		s.Logger.Info("alert status changed", "id", id, "status", status, "by", actor)
		if s.AfterAlertStatus != nil {
			s.AfterAlertStatus(a)
		}
		writeJSON(w, http.StatusOK, a)
	}
}

// AlertStatusChange describes a change of an alert's status.
type AlertStatusChange struct {
	ID     int64
	Status string
	Note   string
	// Actor is who changes it: the token's name on the API.
	Actor string
	// Via says where the request came from ("api" or "cli").
	Via string
}

// ChangeAlertStatus moves an alert to a new status and records the change
// in the audit log, in the same transaction, as an event of source attest
// by c.Actor. It returns EINVALID for a note that is not UTF-8 or longer
// than MaxNoteBytes, and the store's errors (ENOTFOUND, ECONFLICT).
func ChangeAlertStatus(ctx context.Context, alerts attest.AlertStore, c AlertStatusChange, now time.Time) (*attest.Alert, error) {
	if len(c.Note) > MaxNoteBytes || !utf8.ValidString(c.Note) || strings.ContainsRune(c.Note, 0) {
		return nil, attest.Errorf(attest.EINVALID, "note: want UTF-8 text without NUL of at most %d bytes", MaxNoteBytes)
	}
	action := map[string]string{attest.AlertAcknowledged: "alert.acknowledge", attest.AlertResolved: "alert.resolve"}[c.Status]
	if action == "" {
		return nil, attest.Errorf(attest.EINVALID, "alert status %q: want acknowledged or resolved", c.Status)
	}
	raw, err := json.Marshal(map[string]any{"action": action, "via": c.Via, "actor": c.Actor, "alert": c.ID, "status": c.Status, "note": c.Note})
	if err != nil {
		return nil, fmt.Errorf("change alert status: %w", err)
	}
	ev := &attest.Event{
		Time:       now.UTC(),
		Received:   now.UTC(),
		Source:     SourceAttest,
		ExternalID: fmt.Sprintf("alert/%d", c.ID),
		Actor:      c.Actor,
		Action:     action,
		Target:     fmt.Sprintf("alert/%d", c.ID),
		Outcome:    attest.OutcomeSuccess,
		Raw:        raw,
	}
	a, err := alerts.SetAlertStatus(ctx, c.ID, c.Status, c.Actor, c.Note, ev)
	if err != nil {
		return nil, fmt.Errorf("change alert status: %w", err)
	}
	return a, nil
}
