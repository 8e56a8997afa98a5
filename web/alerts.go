package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/attest-dev/attest"
	attesthttp "github.com/attest-dev/attest/http"
)

// severities in the order the dashboard shows them.
var severities = []string{"critical", "high", "medium", "low", "info"}

type alertFilterForm struct {
	Status, Severity, Rule, Source string
}

type alertsView struct {
	Filter     alertFilterForm
	Alerts     []*attest.Alert
	Older      int64
	Statuses   []string
	Severities []string
}

// Link returns /alerts with the filter and the cursor before.
func (f alertFilterForm) Link(before int64) string {
	q := []string{}
	for _, kv := range [][2]string{{"status", f.Status}, {"severity", f.Severity}, {"rule", f.Rule}, {"source", f.Source}} {
		if kv[1] != "" {
			q = append(q, kv[0]+"="+urlQueryEscape(kv[1]))
		}
	}
	q = append(q, "before="+strconv.FormatInt(before, 10))
	return "/alerts?" + strings.Join(q, "&")
}

func (h *Handler) handleAlerts(w http.ResponseWriter, r *http.Request, s *session) {
	if h.Alerts == nil {
		h.fail(w, r, s.Session, errNoStore("alerts"))
		return
	}
	q := r.URL.Query()
	form := alertFilterForm{Status: q.Get("status"), Severity: q.Get("severity"), Rule: q.Get("rule"), Source: q.Get("source")}
	switch form.Status {
	case "", attest.AlertOpen, attest.AlertAcknowledged, attest.AlertResolved:
	default:
		h.fail(w, r, s.Session, attest.Errorf(attest.EINVALID, "status %q: want open, acknowledged or resolved", form.Status))
		return
	}
	f := attest.AlertFilter{Status: form.Status, Severity: form.Severity, Rule: form.Rule, Source: form.Source, Limit: DefaultPageSize + 1}
	if b := q.Get("before"); b != "" {
		n, err := strconv.ParseInt(b, 10, 64)
		if err != nil || n < 1 {
			h.fail(w, r, s.Session, attest.Errorf(attest.EINVALID, "before %q: want an alert id from 1", b))
			return
		}
		f.BeforeID = n
	}
	alerts, err := h.Alerts.FindAlerts(r.Context(), f)
	if err != nil {
		h.fail(w, r, s.Session, err)
		return
	}
	v := alertsView{Filter: form, Statuses: []string{attest.AlertOpen, attest.AlertAcknowledged, attest.AlertResolved}, Severities: severities}
	if len(alerts) > DefaultPageSize {
		alerts = alerts[:DefaultPageSize]
		v.Older = alerts[len(alerts)-1].ID
	}
	v.Alerts = alerts
	h.render(w, r, http.StatusOK, "alerts", view{Title: "Alerts", Nav: "alerts", Data: v})
}

type alertView struct {
	Alert  *attest.Alert
	Events []*attest.Event
	// Omitted counts the alert's events not shown.
	Omitted int64
	// Controls lists framework:control pairs, sorted.
	Controls []string
}

// alertEvents is how many of an alert's events its page shows.
const alertEvents = 100

func (h *Handler) alertByPath(w http.ResponseWriter, r *http.Request, s *session) (*attest.Alert, bool) {
	if h.Alerts == nil {
		h.fail(w, r, s.Session, errNoStore("alerts"))
		return nil, false
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		h.fail(w, r, s.Session, attest.Errorf(attest.EINVALID, "alert %q: want an id from 1", r.PathValue("id")))
		return nil, false
	}
	a, err := h.Alerts.AlertByID(r.Context(), id)
	if err != nil {
		h.fail(w, r, s.Session, err)
		return nil, false
	}
	return a, true
}

func (h *Handler) handleAlert(w http.ResponseWriter, r *http.Request, s *session) {
	a, ok := h.alertByPath(w, r, s)
	if !ok {
		return
	}
	v := alertView{Alert: a, Omitted: a.SeqsDropped}
	for i, seq := range a.Seqs {
		if i >= alertEvents {
			v.Omitted += int64(len(a.Seqs) - i)
			break
		}
		e, err := h.Events.EventBySeq(r.Context(), seq)
		if err != nil {
			h.fail(w, r, s.Session, err)
			return
		}
		v.Events = append(v.Events, e)
	}
	for fw, ids := range a.Controls {
		for _, id := range ids {
			v.Controls = append(v.Controls, fw+" "+id)
		}
	}
	sortStrings(v.Controls)
	h.render(w, r, http.StatusOK, "alert", view{Title: fmt.Sprintf("Alert %d", a.ID), Nav: "alerts", Flash: alertFlash(r.URL.Query().Get("flash")), Data: v})
}

// handleAlertStatus acknowledges or resolves an alert with a note; the
// change and who made it go to the audit log in the same transaction.
func (h *Handler) handleAlertStatus(status string) func(http.ResponseWriter, *http.Request, *session) {
	return func(w http.ResponseWriter, r *http.Request, s *session) {
		a, ok := h.alertByPath(w, r, s)
		if !ok {
			return
		}
		note := strings.TrimSpace(r.PostFormValue("note"))
		changed, err := attesthttp.ChangeAlertStatus(r.Context(), h.Alerts, attesthttp.AlertStatusChange{
			ID: a.ID, Status: status, Note: note, Actor: s.User, Via: "web",
		}, h.Now())
		if err != nil {
			h.fail(w, r, s.Session, err)
			return
		}
		h.Logger.Info("alert status changed", "id", a.ID, "status", status, "by", s.User)
		h.Notify()
		if h.AfterAlertStatus != nil {
			h.AfterAlertStatus(changed)
		}
		http.Redirect(w, r, fmt.Sprintf("/alerts/%d?flash=%s", a.ID, urlQueryEscape(changed.Status)), http.StatusSeeOther)
	}
}

// alertFlash is the message after a status change, named by the new status
// in the query: only a status word, so that a link from elsewhere cannot
// put its own text on the page.
func alertFlash(status string) string {
	switch status {
	case attest.AlertAcknowledged, attest.AlertResolved:
		return "Alert " + status + "."
	}
	return ""
}
