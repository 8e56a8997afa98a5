package http

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"github.com/attest-dev/attest"
)

// NotificationsPage is the answer of GET /api/v1/notifications, newest
// first. NextCursor, when set, is the cursor of the next page.
type NotificationsPage struct {
	Notifications []*attest.Notification `json:"notifications"`
	NextCursor    string                 `json:"next_cursor,omitempty"`
}

// handleNotifications lists the notification queue: ?state=pending|delivered|dead,
// ?channel=, ?alert=ID, ?limit=, ?cursor= (from next_cursor).
func (s *Server) handleNotifications(w http.ResponseWriter, r *http.Request) {
	if s.Notifications == nil {
		s.writeError(w, r, attest.Errorf(attest.ENOTFOUND, "notifications are not configured"))
		return
	}
	q := r.URL.Query()
	f := attest.NotificationFilter{State: q.Get("state"), Channel: q.Get("channel"), Limit: DefaultLimit}
	switch f.State {
	case "", attest.NotificationPending, attest.NotificationDelivered, attest.NotificationDead:
	default:
		s.writeError(w, r, attest.Errorf(attest.EINVALID, "state %q: want pending, delivered or dead", f.State))
		return
	}
	for name, dst := range map[string]*int64{"alert": &f.AlertID, "cursor": &f.BeforeID} {
		if v := q.Get(name); v != "" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n <= 0 {
				s.writeError(w, r, attest.Errorf(attest.EINVALID, "%s %q: want a positive whole number", name, v))
				return
			}
			*dst = n
		}
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > MaxLimit {
			s.writeError(w, r, attest.Errorf(attest.EINVALID, "limit %q: want 1 to %d", v, MaxLimit))
			return
		}
		f.Limit = n
	}
	limit := f.Limit
	f.Limit = limit + 1 // one more says whether a next page exists
	ns, err := s.Notifications.FindNotifications(r.Context(), f)
	if err != nil {
		s.storeError("find_notifications", err)
		s.writeError(w, r, err)
		return
	}
	page := NotificationsPage{Notifications: ns}
	if page.Notifications == nil {
		page.Notifications = []*attest.Notification{}
	}
	if len(ns) > limit {
		page.Notifications = ns[:limit]
		page.NextCursor = strconv.FormatInt(ns[limit-1].ID, 10)
	}
	writeJSON(w, http.StatusOK, page)
}

// handleRetryNotification sends a dead notification back to the queue. The
// audit log records who asked, in the same transaction.
func (s *Server) handleRetryNotification(w http.ResponseWriter, r *http.Request) {
	if s.Notifications == nil {
		s.writeError(w, r, attest.Errorf(attest.ENOTFOUND, "notifications are not configured"))
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.writeError(w, r, attest.Errorf(attest.EINVALID, "notification id %q: want a positive whole number", r.PathValue("id")))
		return
	}
	actor := actorOf(r.Context())
	now := s.Now().UTC()
	raw, err := json.Marshal(map[string]any{"action": "notification.retry", "via": "api", "actor": actor, "notification": id})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	record := &attest.Event{
		Time: now, Received: now, Source: SourceAttest, ExternalID: fmt.Sprintf("notification/%d", id),
		Actor: actor, Action: "notification.retry", Target: fmt.Sprintf("notification/%d", id),
		Outcome: attest.OutcomeSuccess, Raw: raw,
	}
	n, err := s.Notifications.RetryNotification(r.Context(), id, now, record)
	if err != nil {
		s.storeError("retry_notification", err)
		s.writeError(w, r, err)
		return
	}
	s.Logger.Info("notification retried", "id", id, "channel", n.Channel, "by", actor)
	if s.AfterAppend != nil {
		s.AfterAppend()
	}
	if s.AfterNotificationRetry != nil {
		s.AfterNotificationRetry()
	}
	writeJSON(w, http.StatusOK, n)
}
