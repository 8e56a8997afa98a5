package web

import (
	"cmp"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/attest-dev/attest"
)

// Trend periods the overview offers, in days.
var trendPeriods = []int{30, 90}

type overviewView struct {
	Days    int
	Periods []int
	// EventChart is the events per day by outcome; Sources the totals per
	// source over the period.
	EventChart template.HTML
	Total      int64
	Failures   int64
	Sources    []sourceTotal
	// Failed are the newest failed events.
	Failed []*attest.Event
	Log    *logView
}

type sourceTotal struct {
	Source   string
	Count    int64
	Failures int64
}

// overviewFailed is how many of the newest failed events the overview lists.
const overviewFailed = 10

func (h *Handler) handleOverview(w http.ResponseWriter, r *http.Request, s *session) {
	v := overviewView{Days: trendPeriods[0], Periods: trendPeriods}
	if d := r.URL.Query().Get("days"); d != "" {
		n, err := strconv.Atoi(d)
		if err != nil || !slices.Contains(trendPeriods, n) {
			h.fail(w, r, s.Session, attest.Errorf(attest.EINVALID, "days %q: want 30 or 90", d))
			return
		}
		v.Days = n
	}
	ctx := r.Context()
	now := h.Now().UTC()
	to := now.Truncate(24 * time.Hour).Add(24 * time.Hour)
	from := to.AddDate(0, 0, -v.Days)
	if h.Counter != nil {
		counts, err := h.Counter.CountEvents(ctx, from, to)
		if err != nil {
			h.fail(w, r, s.Session, err)
			return
		}
		v.EventChart, v.Sources, v.Total, v.Failures = eventTrend(counts, from, to)
	}
	failed, err := h.Events.FindEvents(ctx, attest.EventFilter{AfterSeq: -1, Outcome: attest.OutcomeFailure, Newest: true, Limit: overviewFailed})
	if err != nil {
		h.fail(w, r, s.Session, err)
		return
	}
	v.Failed = failed
	if h.Log != nil {
		if v.Log, err = h.logStatus(r); err != nil {
			h.fail(w, r, s.Session, err)
			return
		}
	}
	h.render(w, r, http.StatusOK, "overview", view{Title: "Overview", Nav: "overview", Data: v})
}

var outcomeSeries = []series{
	{Name: "success", Class: "ok"}, {Name: "failure", Class: "fail"}, {Name: "unknown", Class: "unknown"},
}

// eventTrend turns the day counts into the stacked chart of outcomes per
// day and the totals per source.
func eventTrend(counts []attest.EventCount, from, to time.Time) (template.HTML, []sourceTotal, int64, int64) {
	byDay := map[time.Time][]int64{}
	bySource := map[string]*sourceTotal{}
	var total, failures int64
	for _, c := range counts {
		vals := byDay[c.Day]
		if vals == nil {
			vals = make([]int64, len(outcomeSeries))
			byDay[c.Day] = vals
		}
		i := 2
		switch c.Outcome {
		case attest.OutcomeSuccess:
			i = 0
		case attest.OutcomeFailure:
			i = 1
		}
		vals[i] += c.Count
		st := bySource[c.Source]
		if st == nil {
			st = &sourceTotal{Source: c.Source}
			bySource[c.Source] = st
		}
		st.Count += c.Count
		total += c.Count
		if i == 1 {
			st.Failures += c.Count
			failures += c.Count
		}
	}
	var bars []bar
	for _, d := range days(from, to) {
		vals := byDay[d]
		if vals == nil {
			vals = make([]int64, len(outcomeSeries))
		}
		bars = append(bars, bar{Label: d.Format("2006-01-02"), Values: vals})
	}
	var sources []sourceTotal
	for _, st := range bySource {
		sources = append(sources, *st)
	}
	slices.SortFunc(sources, func(a, b sourceTotal) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Source, b.Source))
	})
	return barChart("Events per day by outcome", outcomeSeries, bars, 720, 160), sources, total, failures
}
