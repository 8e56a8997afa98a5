package alerting

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/detect"
	"github.com/prometheus/client_golang/prometheus"
)

// Defaults of a new Worker.
const (
	DefaultBatch  = 2000
	DefaultLease  = time.Minute
	DefaultPoll   = time.Second
	DefaultSettle = 100 * time.Millisecond
)

// Worker evaluates the stored events after ingest acknowledged them and
// raises their matches as alerts. Create it with NewWorker, adjust the
// exported fields, then call Run. It is a prometheus.Collector of its own
// counters.
type Worker struct {
	Engine *detect.Engine
	Events attest.EventStore
	Alerts attest.AlertStore
	Cursor attest.EvalCursor
	// Windows are the grouping windows of the rules' alerts.
	Windows Windows
	// Owner names this worker in its claims; unique per process.
	Owner string
	// Batch is the most events one claim takes.
	Batch int
	// Lease is how long a claim holds before another worker may take it.
	Lease time.Duration
	// Poll is how long the worker sleeps when the log is evaluated to its
	// end, unless Notify wakes it first.
	Poll time.Duration
	// Settle is how long the worker waits after Notify before it claims,
	// so that one claim takes the batches that arrive meanwhile: fewer,
	// larger claims take the database's write lock less often.
	Settle time.Duration
	Logger *slog.Logger
	Now    func() time.Time
	// AfterRaise, when set, is called after each match is stored, with the
	// alert (its ID set) and whether the match opened it; a match the store
	// had recorded before (a.Count 0) is not passed on. It runs on the
	// worker's goroutine: it must return quickly.
	AfterRaise func(a *attest.Alert, created bool)

	wake chan struct{}
	held heldEvents

	events      atomic.Int64
	panics      atomic.Int64
	created     atomic.Int64
	added       atomic.Int64
	repeated    atomic.Int64
	mu          sync.Mutex
	raiseErrors map[string]int64
	evalSeconds prometheus.Histogram
	delay       prometheus.Histogram
}

// NewWorker returns a worker with the defaults: a unique owner name, batches
// of DefaultBatch, DefaultLease, DefaultPoll, DefaultWindow, the system clock
// and a logger that discards.
func NewWorker(engine *detect.Engine, events attest.EventStore, alerts attest.AlertStore, cursor attest.EvalCursor) *Worker {
	host, _ := os.Hostname()
	b := make([]byte, 4)
	rand.Read(b)
	return &Worker{
		Engine: engine, Events: events, Alerts: alerts, Cursor: cursor,
		Windows: Windows{Default: DefaultWindow},
		Owner:   fmt.Sprintf("%s/%d/%s", host, os.Getpid(), hex.EncodeToString(b)),
		Batch:   DefaultBatch, Lease: DefaultLease, Poll: DefaultPoll, Settle: DefaultSettle,
		Logger:      slog.New(slog.DiscardHandler),
		Now:         time.Now,
		wake:        make(chan struct{}, 1),
		raiseErrors: map[string]int64{},
		evalSeconds: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "attest_detect_evaluation_seconds",
			Help:    "Time to run the detections over one event.",
			Buckets: prometheus.ExponentialBuckets(1e-6, 4, 10),
		}),
		delay: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "attest_detect_delay_seconds",
			Help:    "Time from an event being stored to its evaluation.",
			Buckets: prometheus.ExponentialBuckets(0.005, 3, 12),
		}),
	}
}

// Notify wakes the worker to look for new events (after an ingest batch is
// stored). It never blocks.
func (w *Worker) Notify() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// Stored hands the worker events that this process has just stored, with
// the Seq that AppendEvents gave them (an ingest batch), so that it
// evaluates them without reading them back from the store: the read, on a
// connection whose cache every append empties, cost about as much as the
// evaluation itself. The worker holds a copy of each (attest.Event.Stored)
// until it claims its seq; the claim, kept in the store, still decides which
// worker evaluates what, and whatever the worker does not hold (records
// appended otherwise, by another replica, or before a restart) it reads
// from the store as before. Repeats of stored records (Duplicate) are left
// out. Past maxHeldBytes of held records, further events are not held. It
// never blocks for long and is safe for concurrent use.
func (w *Worker) Stored(events []*attest.Event) {
	w.held.add(events)
}

// maxHeldBytes bounds the raw records that Stored holds.
const maxHeldBytes = 64 << 20

// heldEvents are the events of Stored, by seq, until claimed.
type heldEvents struct {
	mu     sync.Mutex
	events map[int64]*attest.Event
	bytes  int
	min    int64 // no held seq is below min
}

// heldOverhead is what one held event counts for besides its raw record.
const heldOverhead = 512

func (h *heldEvents) add(events []*attest.Event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, e := range events {
		if e.Duplicate {
			continue
		}
		size := len(e.Raw) + heldOverhead
		if h.bytes+size > maxHeldBytes {
			return
		}
		if h.events == nil {
			h.events = make(map[int64]*attest.Event)
		}
		if _, ok := h.events[e.Seq]; ok {
			continue
		}
		if len(h.events) == 0 || e.Seq < h.min {
			h.min = e.Seq
		}
		h.events[e.Seq] = e.Stored()
		h.bytes += size
	}
}

// take returns the held events of seq from, from+1, ... below to, in
// order, and no longer holds them or any below from (claimed by now, here
// or elsewhere). When it holds no event of seq from, it returns the seq up
// to which the caller must read the store: the first it holds after from,
// or to.
func (h *heldEvents) take(from, to int64) ([]*attest.Event, int64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.events) == 0 {
		return nil, to
	}
	if h.min < from {
		for seq, e := range h.events {
			if seq < from {
				h.drop(seq, e)
			}
		}
		h.min = from
	}
	var out []*attest.Event
	for seq := from; seq < to; seq++ {
		e, ok := h.events[seq]
		if !ok {
			break
		}
		out = append(out, e)
		h.drop(seq, e)
		h.min = seq + 1
	}
	if len(out) > 0 {
		return out, from + int64(len(out))
	}
	end := to
	for seq := range h.events {
		if seq > from && seq < end {
			end = seq
		}
	}
	return nil, end
}

func (h *heldEvents) drop(seq int64, e *attest.Event) {
	delete(h.events, seq)
	h.bytes -= len(e.Raw) + heldOverhead
}

// clear holds nothing any more.
func (h *heldEvents) clear() {
	h.mu.Lock()
	defer h.mu.Unlock()
	clear(h.events)
	h.bytes = 0
}

// Run evaluates stored events until ctx is done. Errors of the store are
// logged and retried after Poll; the claim they interrupted expires and is
// evaluated again.
func (w *Worker) Run(ctx context.Context) {
	for {
		n, err := w.Step(ctx)
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			w.Logger.Warn("detections: evaluation paused", "err", err, "retry_in", w.Poll.String())
		} else if n >= w.Batch {
			continue // a backlog: claim the next range at once
		}
		select {
		case <-ctx.Done():
			return
		case <-w.wake:
			if w.Settle > 0 {
				select {
				case <-ctx.Done():
					return
				case <-time.After(w.Settle):
				}
			}
		case <-time.After(w.Poll):
		}
	}
}

// Step claims one range of stored events, evaluates it, raises the matches
// and finishes the claim. It returns how many events it evaluated: 0 when
// every stored event is evaluated or claimed.
func (w *Worker) Step(ctx context.Context) (int, error) {
	c, err := w.Cursor.ClaimEvents(ctx, w.Owner, w.Batch, w.Lease)
	if err != nil || c == nil {
		if err == nil {
			// Every stored event is evaluated or claimed by another
			// worker: what this one holds will not be claimed here.
			w.held.clear()
		}
		return 0, err
	}
	// Evaluate what Stored handed over, and read the rest of the range in
	// pages of at most pageBytes of records: a claim of large records must
	// not hold them all in memory at once.
	for next := c.From; next < c.To; {
		held, end := w.held.take(next, c.To)
		if len(held) > 0 {
			for _, ev := range held {
				if err := w.evaluate(ctx, ev); err != nil {
					return 0, fmt.Errorf("evaluate event %d: %w", ev.Seq, err)
				}
			}
			next = end
			continue
		}
		events, err := w.Events.FindEvents(ctx, attest.EventFilter{AfterSeq: next - 1, Limit: int(end - next), MaxBytes: pageBytes})
		if err != nil {
			return 0, fmt.Errorf("read events %d to %d: %w", next, end, err)
		}
		if len(events) == 0 {
			return 0, fmt.Errorf("read events %d to %d: none stored", next, end)
		}
		for _, ev := range events {
			if ev.Seq != next {
				return 0, fmt.Errorf("read events %d to %d: found %d", next, end, ev.Seq)
			}
			if err := w.evaluate(ctx, ev); err != nil {
				return 0, fmt.Errorf("evaluate event %d: %w", ev.Seq, err)
			}
			next++
		}
	}
	if err := w.Cursor.FinishClaim(ctx, c); err != nil {
		if attest.ErrorCode(err) != attest.ECONFLICT {
			return 0, err
		}
		// The claim outlived its lease and another worker took it: it
		// evaluates the range again, which raises nothing twice.
		w.Logger.Warn("detections: claim taken over", "from", c.From, "to", c.To, "err", err)
	}
	return int(c.To - c.From), nil
}

// pageBytes bounds the raw records read at once.
const pageBytes = 32 << 20

// evaluate runs the rules over one event and raises its matches. It returns
// an error only when the store is unavailable, so that the claim is tried
// again; anything else is counted and logged.
func (w *Worker) evaluate(ctx context.Context, ev *attest.Event) error {
	if ev.Raw == nil {
		return nil // retention removed the record: nothing to read
	}
	start := time.Now()
	matches := w.safeEvaluate(ev)
	w.evalSeconds.Observe(time.Since(start).Seconds())
	w.delay.Observe(w.Now().Sub(ev.Received).Seconds())
	w.events.Add(1)
	for _, m := range matches {
		if err := w.raise(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

// safeEvaluate evaluates one event, turning a panic into a logged error.
func (w *Worker) safeEvaluate(ev *attest.Event) (out []detect.Match) {
	defer func() {
		if p := recover(); p != nil {
			w.panics.Add(1)
			w.Logger.Error("detections: evaluation failed", "seq", ev.Seq, "source", ev.Source, "panic", fmt.Sprint(p))
			out = nil
		}
	}()
	return w.Engine.Evaluate(ev)
}

func (w *Worker) raise(ctx context.Context, m detect.Match) error {
	a := NewAlert(m)
	created, err := w.Alerts.RaiseAlert(ctx, a, w.Windows.For(m.Rule))
	switch attest.ErrorCode(err) {
	case "":
	case attest.EUNAVAILABLE:
		return err
	default:
		w.mu.Lock()
		w.raiseErrors[a.Rule]++
		w.mu.Unlock()
		w.Logger.Error("detections: alert not stored", "rule", a.Rule, "seq", m.Event.Seq, "err", err)
		return nil
	}
	switch {
	case created:
		w.created.Add(1)
	case a.Count == 0:
		w.repeated.Add(1)
		return nil
	default:
		w.added.Add(1)
	}
	if w.AfterRaise != nil {
		w.AfterRaise(a, created)
	}
	return nil
}

var (
	descMatches = prometheus.NewDesc("attest_detect_matches_total",
		"Matches of each detection rule since the process started.", []string{"rule"}, nil)
	descRuleErrors = prometheus.NewDesc("attest_detect_rule_errors_total",
		"Runtime errors of each detection rule: correlation windows not updated, alerts not stored.", []string{"rule"}, nil)
	descEventErrors = prometheus.NewDesc("attest_detect_event_errors_total",
		"Events the detections could not read (not JSON) or failed on.", nil, nil)
	descEvents = prometheus.NewDesc("attest_detect_events_total",
		"Events evaluated by this process.", nil, nil)
	descAlerts = prometheus.NewDesc("attest_detect_alert_matches_total",
		"Matches raised as alerts, by whether they opened an alert, joined one, or were recorded before (evaluated again).", []string{"result"}, nil)
	descLag = prometheus.NewDesc("attest_detect_lag_events",
		"Stored events not evaluated yet, across every replica.", nil, nil)
)

// Describe implements prometheus.Collector.
func (w *Worker) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descMatches, descRuleErrors, descEventErrors, descEvents, descAlerts, descLag} {
		ch <- d
	}
	w.evalSeconds.Describe(ch)
	w.delay.Describe(ch)
}

// Collect implements prometheus.Collector. The lag is read from the store
// at each scrape; when the store does not answer it is left out.
func (w *Worker) Collect(ch chan<- prometheus.Metric) {
	stats, eventErrors := w.Engine.Stats()
	w.mu.Lock()
	raiseErrors := make(map[string]int64, len(w.raiseErrors))
	for k, v := range w.raiseErrors {
		raiseErrors[k] = v
	}
	w.mu.Unlock()
	// Rules known only by their title may share it: one series per key.
	matches, errs := map[string]int64{}, map[string]int64{}
	var keys []string
	for _, s := range stats {
		if _, ok := matches[s.Rule]; !ok {
			keys = append(keys, s.Rule)
		}
		matches[s.Rule] += s.Matches
		errs[s.Rule] += s.Errors
	}
	for _, k := range keys {
		ch <- prometheus.MustNewConstMetric(descMatches, prometheus.CounterValue, float64(matches[k]), k)
		ch <- prometheus.MustNewConstMetric(descRuleErrors, prometheus.CounterValue, float64(errs[k]+raiseErrors[k]), k)
	}
	ch <- prometheus.MustNewConstMetric(descEventErrors, prometheus.CounterValue, float64(eventErrors+w.panics.Load()))
	ch <- prometheus.MustNewConstMetric(descEvents, prometheus.CounterValue, float64(w.events.Load()))
	ch <- prometheus.MustNewConstMetric(descAlerts, prometheus.CounterValue, float64(w.created.Load()), "opened")
	ch <- prometheus.MustNewConstMetric(descAlerts, prometheus.CounterValue, float64(w.added.Load()), "joined")
	ch <- prometheus.MustNewConstMetric(descAlerts, prometheus.CounterValue, float64(w.repeated.Load()), "recorded_before")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if lag, err := w.Cursor.EvalLag(ctx); err == nil {
		ch <- prometheus.MustNewConstMetric(descLag, prometheus.GaugeValue, float64(lag))
	}
	w.evalSeconds.Collect(ch)
	w.delay.Collect(ch)
}
