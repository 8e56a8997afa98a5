package web

import (
	"cmp"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/attest-dev/attest"
	attesthttp "github.com/attest-dev/attest/http"
)

// filterForm is the events page's filter as the form shows it.
type filterForm struct {
	Source, Actor, Action, Outcome string
}

// Link returns path with the filter and one more parameter as its query,
// for the older-events link and the live feed. Every value is
// query-escaped, and path is one of ours, so the URL is safe as it is.
func (f filterForm) Link(path, key string, value int64) template.URL {
	q := url.Values{}
	for k, v := range map[string]string{"source": f.Source, "actor": f.Actor, "action": f.Action, "outcome": f.Outcome} {
		if v != "" {
			q.Set(k, v)
		}
	}
	q.Set(key, strconv.FormatInt(value, 10))
	return template.URL(path + "?" + q.Encode())
}

// eventFilter reads the filters of the events page and its live feed. An
// actor stands for every name the identity map links to it.
func (h *Handler) eventFilter(r *http.Request) (attest.EventFilter, filterForm, error) {
	q := r.URL.Query()
	form := filterForm{Source: q.Get("source"), Actor: q.Get("actor"), Action: q.Get("action"), Outcome: q.Get("outcome")}
	f := attest.EventFilter{AfterSeq: -1, Source: form.Source, Action: form.Action, Outcome: form.Outcome}
	switch form.Outcome {
	case "", attest.OutcomeSuccess, attest.OutcomeFailure, attest.OutcomeUnknown:
	default:
		return f, form, attest.Errorf(attest.EINVALID, "outcome %q: want success, failure or unknown", form.Outcome)
	}
	for _, v := range []string{form.Source, form.Actor, form.Action} {
		if len(v) > 1000 || !utf8.ValidString(v) {
			return f, form, attest.Errorf(attest.EINVALID, "a filter is longer than 1000 bytes or not UTF-8")
		}
	}
	if form.Actor != "" {
		_, f.Actors = h.Identities.Resolve(form.Actor)
	}
	return f, form, nil
}

type eventsView struct {
	Filter filterForm
	Events []*attest.Event
	// Newest is the seq the live feed continues after; Older the cursor of
	// the next page (0: none).
	Newest int64
	Older  int64
	// Before is the page's own cursor: a page of older events does not
	// take live events.
	Before  int64
	Sources []string
}

func (h *Handler) handleEvents(w http.ResponseWriter, r *http.Request, s *session) {
	f, form, err := h.eventFilter(r)
	if err != nil {
		h.fail(w, r, s.Session, err)
		return
	}
	v := eventsView{Filter: form, Newest: -1}
	if b := r.URL.Query().Get("before"); b != "" {
		if v.Before, err = strconv.ParseInt(b, 10, 64); err != nil || v.Before < 1 {
			h.fail(w, r, s.Session, attest.Errorf(attest.EINVALID, "before %q: want a seq from 1", b))
			return
		}
	}
	f.Newest, f.BeforeSeq, f.Limit = true, v.Before, DefaultPageSize+1
	events, err := h.Events.FindEvents(r.Context(), f)
	if err != nil {
		h.fail(w, r, s.Session, err)
		return
	}
	if len(events) > DefaultPageSize {
		events = events[:DefaultPageSize]
		v.Older = events[len(events)-1].Seq
	}
	v.Events = events
	if len(events) > 0 {
		v.Newest = events[0].Seq
	} else if v.Before == 0 {
		// No match yet: the live feed starts after the newest event of all.
		latest, err := h.Events.FindEvents(r.Context(), attest.EventFilter{AfterSeq: -1, Newest: true, Limit: 1})
		if err != nil {
			h.fail(w, r, s.Session, err)
			return
		}
		if len(latest) > 0 {
			v.Newest = latest[0].Seq
		}
	}
	v.Sources = []string{"k8s-audit", "falco", "cloudtrail", attesthttp.SourceAttest}
	if form.Source != "" && !slices.Contains(v.Sources, form.Source) {
		v.Sources = append(v.Sources, form.Source)
	}
	h.render(w, r, http.StatusOK, "events", view{Title: "Events", Nav: "events", Data: v})
}

type eventView struct {
	Event *attest.Event
	// Raw is the raw record as text when it is UTF-8; RawBase64 otherwise.
	Raw       string
	RawBase64 string
}

func (h *Handler) handleEvent(w http.ResponseWriter, r *http.Request, s *session) {
	seq, err := strconv.ParseInt(r.PathValue("seq"), 10, 64)
	if err != nil || seq < 0 {
		h.fail(w, r, s.Session, attest.Errorf(attest.EINVALID, "event %q: want a seq from 0", r.PathValue("seq")))
		return
	}
	e, err := h.Events.EventBySeq(r.Context(), seq)
	if err != nil {
		h.fail(w, r, s.Session, err)
		return
	}
	v := eventView{Event: e}
	if j := attesthttp.NewEvent(e); j.RawEncoding == "base64" {
		v.RawBase64 = string(j.Raw)
	} else {
		v.Raw = string(e.Raw)
	}
	h.render(w, r, http.StatusOK, "event", view{Title: "Event " + strconv.FormatInt(seq, 10), Nav: "events", Data: v})
}

// timelineLimit is how many of an actor's latest events the timeline shows.
const timelineLimit = 500

type actorView struct {
	Person  string
	Aliases []string
	Events  []*attest.Event
	// Sources counts the shown events per source.
	Sources []sourceCount
	Capped  bool
}

type sourceCount struct {
	Source string
	Count  int
}

// handleActor shows one person's latest events across every source and
// every name the identity map links to them, in the order they happened.
func (h *Handler) handleActor(w http.ResponseWriter, r *http.Request, s *session) {
	name := r.PathValue("name")
	if name == "" || len(name) > 1000 || !utf8.ValidString(name) {
		h.fail(w, r, s.Session, attest.Errorf(attest.EINVALID, "actor name is empty, longer than 1000 bytes or not UTF-8"))
		return
	}
	person, names := h.Identities.Resolve(name)
	events, err := h.Events.FindEvents(r.Context(), attest.EventFilter{AfterSeq: -1, Actors: names, Newest: true, Limit: timelineLimit + 1})
	if err != nil {
		h.fail(w, r, s.Session, err)
		return
	}
	v := actorView{Person: person, Aliases: names}
	if len(events) > timelineLimit {
		events, v.Capped = events[:timelineLimit], true
	}
	slices.SortStableFunc(events, func(a, b *attest.Event) int {
		return cmp.Or(eventTime(b).Compare(eventTime(a)), cmp.Compare(b.Seq, a.Seq))
	})
	counts := map[string]int{}
	for _, e := range events {
		counts[e.Source]++
	}
	for src, n := range counts {
		v.Sources = append(v.Sources, sourceCount{src, n})
	}
	slices.SortFunc(v.Sources, func(a, b sourceCount) int { return cmp.Or(b.Count-a.Count, cmp.Compare(a.Source, b.Source)) })
	v.Events = events
	h.render(w, r, http.StatusOK, "actor", view{Title: "Actor " + person, Nav: "events", Data: v})
}
