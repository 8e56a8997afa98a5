package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/attest-dev/attest"
)

// broadcaster wakes every live feed when events are stored: wait returns a
// channel that notify closes.
type broadcaster struct {
	mu sync.Mutex
	ch chan struct{}
}

func newBroadcaster() *broadcaster { return &broadcaster{ch: make(chan struct{})} }

func (b *broadcaster) wait() <-chan struct{} {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.ch
}

func (b *broadcaster) notify() {
	b.mu.Lock()
	defer b.mu.Unlock()
	close(b.ch)
	b.ch = make(chan struct{})
}

// liveEvent is an event as the live feed sends it; the script puts each
// field into the page as text, never as markup.
type liveEvent struct {
	Seq      int64  `json:"seq"`
	Time     string `json:"time"`
	Source   string `json:"source"`
	Actor    string `json:"actor"`
	Action   string `json:"action"`
	Target   string `json:"target"`
	Outcome  string `json:"outcome"`
	SourceIP string `json:"source_ip"`
}

// Live feed limits: events sent per look, and the keep-alive comment that
// stops proxies from closing an idle stream.
const (
	liveBatch     = 200
	liveKeepAlive = 15 * time.Second
)

// handleLive streams new events matching the page's filters as
// Server-Sent Events, starting after the seq the page showed last (or the
// Last-Event-ID of a reconnecting browser). It wakes when this process
// stores events and every LivePoll for events stored by other replicas.
func (h *Handler) handleLive(w http.ResponseWriter, r *http.Request, s *session) {
	f, _, err := h.eventFilter(r)
	if err != nil {
		h.fail(w, r, s.Session, err)
		return
	}
	after := int64(-1)
	for _, v := range []string{r.Header.Get("Last-Event-ID"), r.URL.Query().Get("after")} {
		if v == "" {
			continue
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < -1 {
			h.fail(w, r, s.Session, attest.Errorf(attest.EINVALID, "after %q: want a seq", v))
			return
		}
		after = n
		break
	}
	if after < 0 {
		latest, err := h.Events.FindEvents(r.Context(), attest.EventFilter{AfterSeq: -1, Newest: true, Limit: 1})
		if err != nil {
			h.fail(w, r, s.Session, err)
			return
		}
		if len(latest) > 0 {
			after = latest[0].Seq
		}
	}
	rc := http.NewResponseController(w)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	write := func(msg string) bool {
		_ = rc.SetWriteDeadline(time.Now().Add(30 * time.Second))
		if _, err := fmt.Fprint(w, msg); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	if !write(": attest live feed\nretry: 3000\n\n") {
		return
	}
	poll := time.NewTicker(h.LivePoll)
	defer poll.Stop()
	keepAlive := time.NewTicker(liveKeepAlive)
	defer keepAlive.Stop()
	for {
		wake := h.live.wait()
		f.AfterSeq, f.Limit = after, liveBatch
		events, err := h.Events.FindEvents(r.Context(), f)
		if err != nil {
			if !clientGone(r.Context(), err) {
				h.Logger.Warn("live feed", "err", err)
			}
			return
		}
		for _, e := range events {
			b, _ := json.Marshal(toLive(e))
			if !write(fmt.Sprintf("id: %d\nevent: event\ndata: %s\n\n", e.Seq, b)) {
				return
			}
			after = e.Seq
		}
		if len(events) == liveBatch {
			continue
		}
		select {
		case <-r.Context().Done():
			return
		case <-wake:
		case <-poll.C:
		case <-keepAlive.C:
			if !write(": keep-alive\n\n") {
				return
			}
		}
	}
}

func toLive(e *attest.Event) liveEvent {
	return liveEvent{Seq: e.Seq, Time: formatTime(eventTime(e)), Source: e.Source,
		Actor: e.Actor, Action: e.Action, Target: e.Target, Outcome: e.Outcome, SourceIP: e.SourceIP}
}

// eventTime is the event's own time, else when it was received.
func eventTime(e *attest.Event) time.Time {
	if e.Time.IsZero() {
		return e.Received
	}
	return e.Time
}
