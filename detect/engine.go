package detect

import (
	"log/slog"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/attest-dev/attest"
	"github.com/valyala/fastjson"
)

// Match is one rule firing: a detection rule on an event, or a correlation
// rule whose condition an event completed.
type Match struct {
	Rule *Rule
	// Event is the event that raised the match (for a correlation, the one
	// that completed it).
	Event *attest.Event
	// Seqs are the events (by Seq) that raised it: the one event, or every
	// event inside the correlation's window.
	Seqs []int64
	// Group keys the alert the match belongs to: the correlation's
	// group-by values, else the event's actor and target.
	Group string
	// Count is the correlation's measured value (events, distinct values or
	// rules seen); 1 for a detection rule.
	Count int
	// Detected is when the engine raised the match (the engine's clock);
	// Event.Time is when the event happened.
	Detected time.Time
	// First is the time of the earliest event of Seqs (Event.Time for a
	// detection rule).
	First time.Time
}

// Observation is one event that a correlation counts.
type Observation struct {
	Time time.Time
	Seq  int64
	// Value is what the correlation counts: the field's value (value_count)
	// or the rule that matched (temporal); empty for event_count.
	Value string
}

// Window keeps the observations of correlation rules. The engine keys
// series by rule and group, and reads event times, not the clock, so that
// replaying history gives the alerts it gave live. An in-memory
// implementation serves one process; a database one lets replicas share
// windows.
type Window interface {
	// Observe appends o to the series key and forgets the series'
	// observations older than o.Time minus span. Then, atomically with the
	// append, it calls fires with the observations that remain (oldest
	// first, o included); when fires returns true the series is forgotten
	// (the correlation fired and starts over) and Observe returns the
	// observations and true. Two evaluations of one series never both see
	// the same observations fire.
	Observe(key string, o Observation, span time.Duration, fires func([]Observation) bool) ([]Observation, bool, error)
}

// Options adjust an Engine; the zero value is usable.
type Options struct {
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// Window keeps correlation state; a MemoryWindow when nil.
	Window Window
	// Logger receives evaluation errors; discarded when nil.
	Logger *slog.Logger
}

// Engine evaluates events against a rule set. It is pure: it stores
// nothing but correlation windows (through Window) and counters. It is safe
// for concurrent use.
type Engine struct {
	rules    *RuleSet
	bySource map[string]*sourceRules
	now      func() time.Time
	window   Window
	log      *slog.Logger
	parsers  sync.Pool
	stats    map[*Rule]*ruleStats
	errors   atomic.Int64
}

type ruleStats struct {
	matches atomic.Int64
	errors  atomic.Int64
}

// RuleStats counts one rule's matches and errors since the engine started.
type RuleStats struct {
	Rule    string
	Matches int64
	Errors  int64
}

// NewEngine returns an engine over the rule set.
func NewEngine(rules *RuleSet, opts Options) *Engine {
	e := &Engine{rules: rules, bySource: map[string]*sourceRules{}, now: opts.Now, window: opts.Window, log: opts.Logger, stats: map[*Rule]*ruleStats{}}
	if e.now == nil {
		e.now = time.Now
	}
	if e.window == nil {
		e.window = NewMemoryWindow()
	}
	if e.log == nil {
		e.log = slog.New(slog.DiscardHandler)
	}
	bySource := map[string][]*Rule{}
	for _, r := range rules.Rules {
		e.stats[r] = &ruleStats{}
		if r.Correlation != nil {
			continue
		}
		for _, s := range r.sources {
			bySource[s] = append(bySource[s], r)
		}
	}
	for s, rs := range bySource {
		e.bySource[s] = newSourceRules(rs)
	}
	e.parsers.New = func() any { return &evalState{} }
	return e
}

type evalState struct {
	p     fastjson.Parser
	d     doc
	marks []bool
}

// Evaluate returns the matches that the event raises. An event whose raw
// record is not JSON raises none and is counted as an error (Stats) and
// logged; evaluation never stops.
func (e *Engine) Evaluate(ev *attest.Event) []Match {
	src := e.bySource[sourceKey(ev.Source)]
	if src == nil {
		return nil
	}
	st := e.parsers.Get().(*evalState)
	defer e.parsers.Put(st)
	root, err := st.p.ParseBytes(ev.Raw)
	if err != nil {
		e.errors.Add(1)
		e.log.Warn("detect: event is not JSON", "seq", ev.Seq, "source", ev.Source, "err", err)
		return nil
	}
	st.d.root = root
	st.marks = append(st.marks[:0], make([]bool, len(src.rules))...)
	src.mark(&st.d, st.marks)
	var out []Match
	for i, r := range src.rules {
		if src.indexed[i] && !st.marks[i] {
			continue
		}
		if !r.match(&st.d) {
			continue
		}
		e.stats[r].matches.Add(1)
		if !r.suppressed {
			out = append(out, Match{Rule: r, Event: ev, Seqs: []int64{ev.Seq}, Group: eventGroup(ev), Count: 1, Detected: e.now(), First: ev.Time})
		}
		for _, c := range r.usedBy {
			m, ok, err := e.correlate(c, r, &st.d, ev)
			if err != nil {
				e.stats[c].errors.Add(1)
				e.log.Warn("detect: correlation window", "rule", c.Key(), "seq", ev.Seq, "err", err)
				continue
			}
			if ok {
				e.stats[c].matches.Add(1)
				out = append(out, m)
			}
		}
	}
	st.d.root = nil
	return out
}

// eventGroup is the group of a detection rule's match: actor and target.
func eventGroup(ev *attest.Event) string {
	return "actor=" + ev.Actor + ",target=" + ev.Target
}

func (e *Engine) correlate(c, base *Rule, d *doc, ev *attest.Event) (Match, bool, error) {
	corr := c.Correlation
	var group strings.Builder
	for i, g := range corr.groupBy {
		if i > 0 {
			group.WriteByte(',')
		}
		v, _ := g.first(d)
		group.WriteString(g.name)
		group.WriteByte('=')
		group.WriteString(v)
	}
	o := Observation{Time: ev.Time, Seq: ev.Seq}
	switch corr.Type {
	case CorrelationValueCount:
		v, ok := corr.field.first(d)
		if !ok {
			return Match{}, false, nil
		}
		o.Value = v
	case CorrelationTemporal, CorrelationTemporalOrdered:
		o.Value = base.Key()
	}
	key := c.Key() + "\x00" + group.String()
	var n int
	obs, fired, err := e.window.Observe(key, o, corr.Window, func(obs []Observation) bool {
		n = measure(corr, obs)
		return compare(float64(n), corr.Op, corr.Count)
	})
	if err != nil || !fired {
		return Match{}, false, err
	}
	seqs := make([]int64, len(obs))
	for i, x := range obs {
		seqs[i] = x.Seq
	}
	slices.Sort(seqs)
	return Match{Rule: c, Event: ev, Seqs: seqs, Group: group.String(), Count: n, Detected: e.now(), First: obs[0].Time}, true, nil
}

// measure returns what a correlation counts over the observations: events,
// distinct values, distinct rules, or rules seen in order.
func measure(corr *Correlation, obs []Observation) int {
	var n int
	switch corr.Type {
	case CorrelationEventCount:
		n = len(obs)
	case CorrelationValueCount, CorrelationTemporal:
		seen := map[string]bool{}
		for _, x := range obs {
			seen[x.Value] = true
		}
		n = len(seen)
	case CorrelationTemporalOrdered:
		// The longest prefix of the rule order seen in order.
		for _, x := range obs {
			if n < len(corr.refs) && x.Value == corr.refs[n].Key() {
				n++
			}
		}
	}
	return n
}

func compare(n float64, op string, want float64) bool {
	switch op {
	case "gt":
		return n > want
	case "gte":
		return n >= want
	case "lt":
		return n < want
	case "lte":
		return n <= want
	case "eq":
		return n == want
	}
	return false
}

// Stats returns the per-rule counters, in rule order, and the number of
// events that could not be evaluated.
func (e *Engine) Stats() ([]RuleStats, int64) {
	out := make([]RuleStats, 0, len(e.rules.Rules))
	for _, r := range e.rules.Rules {
		s := e.stats[r]
		out = append(out, RuleStats{Rule: r.Key(), Matches: s.matches.Load(), Errors: s.errors.Load()})
	}
	return out, e.errors.Load()
}

// MemoryWindow is a Window in memory. Series that saw nothing for longer
// than their span are swept away after as many observations as there are
// series (at least sweepEvery), so memory follows the groups active within
// the window, not every group ever seen, at an amortised constant cost.
type MemoryWindow struct {
	mu     sync.Mutex
	series map[string]*series
	calls  int // observations since the last sweep
	kept   int // series the last sweep kept
	latest time.Time
}

type series struct {
	obs  []Observation
	span time.Duration
}

var _ Window = (*MemoryWindow)(nil)

const sweepEvery = 4096

// NewMemoryWindow returns an empty in-memory window.
func NewMemoryWindow() *MemoryWindow { return &MemoryWindow{series: map[string]*series{}} }

// Observe implements Window.
func (w *MemoryWindow) Observe(key string, o Observation, span time.Duration, fires func([]Observation) bool) ([]Observation, bool, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if o.Time.After(w.latest) {
		w.latest = o.Time
	}
	w.calls++
	if w.calls >= sweepEvery && w.calls >= w.kept {
		w.sweep()
		w.calls, w.kept = 0, len(w.series)
	}
	s := w.series[key]
	if s == nil {
		s = &series{span: span}
		w.series[key] = s
	}
	cut := o.Time.Add(-span)
	i := 0
	for i < len(s.obs) && s.obs[i].Time.Before(cut) {
		i++
	}
	s.obs = append(s.obs[:0], s.obs[i:]...)
	// Keep time order when events arrive out of order.
	j := len(s.obs)
	for j > 0 && s.obs[j-1].Time.After(o.Time) {
		j--
	}
	s.obs = slices.Insert(s.obs, j, o)
	if fires == nil || !fires(s.obs) {
		return nil, false, nil
	}
	delete(w.series, key)
	return s.obs, true, nil
}

// Len returns the number of series held.
func (w *MemoryWindow) Len() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.series)
}

func (w *MemoryWindow) sweep() {
	for k, s := range w.series {
		if n := len(s.obs); n == 0 || s.obs[n-1].Time.Before(w.latest.Add(-s.span)) {
			delete(w.series, k)
		}
	}
}

// Rules returns the rule set the engine evaluates.
func (e *Engine) Rules() *RuleSet { return e.rules }
