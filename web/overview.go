package web

import (
	"cmp"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/evidence"
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
	// Alerts counts the alerts not resolved, by severity and status;
	// HasAlerts says the server keeps alerts.
	HasAlerts  bool
	AlertRows  []alertCount
	AlertTotal int
	// Evidence: failing resources by severity over the latest scan of each
	// repository, the newest release's critical vulnerabilities, and each
	// framework's control statuses today.
	HasEvidence bool
	Failing     []sevCount
	Critical    []attest.Vulnerability
	Release     *attest.Evidence
	Frameworks  []frameworkStatus
}

type frameworkStatus struct {
	Framework string
	Counts    []sevCount
}

// overviewCritical is how many critical vulnerabilities the overview lists.
const overviewCritical = 10

type alertCount struct {
	Severity     string
	Open, Acked  int
	OpenLink     string
	AckedLink    string
	SeverityRank int
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
		counts, err := summary(h, fmt.Sprintf("counts %s %s", from, to), func() ([]attest.EventCount, error) {
			return h.Counter.CountEvents(ctx, from, to)
		})
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
	if h.Alerts != nil {
		v.HasAlerts = true
		if v.AlertRows, v.AlertTotal, err = h.alertCounts(r); err != nil {
			h.fail(w, r, s.Session, err)
			return
		}
	}
	if h.Evidence != nil {
		v.HasEvidence = true
		if err := h.evidenceSummary(r, &v); err != nil {
			h.fail(w, r, s.Session, err)
			return
		}
	}
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

// maxCountedAlerts bounds the alerts the overview reads to count them.
const maxCountedAlerts = 100000

// alertCounts counts the open and acknowledged alerts by severity.
func (h *Handler) alertCounts(r *http.Request) ([]alertCount, int, error) {
	rows := map[string]*alertCount{}
	for i, sev := range severities {
		rows[sev] = &alertCount{Severity: sev, SeverityRank: i}
	}
	total := 0
	for _, status := range []string{attest.AlertOpen, attest.AlertAcknowledged} {
		f := attest.AlertFilter{Status: status, Limit: 1000}
		for read := 0; read < maxCountedAlerts; {
			page, err := h.Alerts.FindAlerts(r.Context(), f)
			if err != nil {
				return nil, 0, err
			}
			for _, a := range page {
				row := rows[a.Severity]
				if row == nil {
					row = &alertCount{Severity: a.Severity, SeverityRank: len(severities)}
					rows[a.Severity] = row
				}
				if status == attest.AlertOpen {
					row.Open++
				} else {
					row.Acked++
				}
				total++
			}
			read += len(page)
			if len(page) < f.Limit {
				break
			}
			f.BeforeID = page[len(page)-1].ID
		}
	}
	var out []alertCount
	for _, row := range rows {
		row.OpenLink = "/alerts?status=open&severity=" + urlQueryEscape(row.Severity)
		row.AckedLink = "/alerts?status=acknowledged&severity=" + urlQueryEscape(row.Severity)
		out = append(out, *row)
	}
	slices.SortFunc(out, func(a, b alertCount) int {
		return cmp.Or(a.SeverityRank-b.SeverityRank, cmp.Compare(a.Severity, b.Severity))
	})
	return out, total, nil
}

// evidenceSummary fills the overview's evidence sections.
func (h *Handler) evidenceSummary(r *http.Request, v *overviewView) error {
	groups, err := h.latestByRoot(r)
	if err != nil {
		return err
	}
	counts := map[string]int{}
	for _, g := range groups {
		sc, err := h.readScan(r, g.Latest)
		if err != nil {
			return err
		}
		for _, f := range sc.Failures {
			if f.Root == g.Root {
				counts[f.Severity]++
			}
		}
	}
	for _, sev := range severities {
		v.Failing = append(v.Failing, sevCount{sev, counts[sev]})
	}
	releases, err := h.Evidence.FindEvidence(r.Context(), attest.EvidenceFilter{Kind: attest.EvidenceVulns, Limit: 1})
	if err != nil {
		return err
	}
	if len(releases) == 1 {
		_, rep, err := h.readVulns(r, releases[0].ID)
		if err != nil {
			return err
		}
		v.Release = releases[0]
		for _, vu := range rep.Vulnerabilities {
			if vu.Severity == "critical" && vu.Suppression == nil && len(v.Critical) < overviewCritical {
				v.Critical = append(v.Critical, vu)
			}
		}
	}
	if h.Controls != nil {
		today := evidence.StartOfDay(h.Now())
		for _, fw := range h.Controls.Frameworks {
			sts, err := summary(h, fmt.Sprintf("controls %s %s", fw, today), func() ([]attest.ControlStatus, error) {
				return h.Controls.Range(r.Context(), fw, today, today.Add(evidence.Day), false)
			})
			if err != nil {
				return err
			}
			n := map[string]int{}
			for _, st := range sts {
				n[st.Status]++
			}
			fs := frameworkStatus{Framework: fw}
			for _, k := range []string{attest.StatusPass, attest.StatusFail, attest.ControlIncomplete, attest.ControlNoEvidence} {
				fs.Counts = append(fs.Counts, sevCount{k, n[k]})
			}
			v.Frameworks = append(v.Frameworks, fs)
		}
	}
	return nil
}
