package auditor

import (
	"cmp"
	"context"
	"encoding/base64"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/catalog"
	"github.com/attest-dev/attest/detect"
	"github.com/attest-dev/attest/evidence"
)

// Report is an auditor's report of one framework over a period.
type Report struct {
	Framework        string `json:"framework"`
	FrameworkVersion string `json:"framework_version"`
	// From is the first day of the period and To the day after the last
	// (midnights UTC); Days counts the days.
	From       time.Time  `json:"from"`
	To         time.Time  `json:"to"`
	Days       int        `json:"days"`
	Generated  time.Time  `json:"generated"`
	Checkpoint Checkpoint `json:"checkpoint"`
	Controls   []Control  `json:"controls"`
	// Populations an auditor samples from.
	Scans      []ScanRow      `json:"scans"`
	Alerts     []AlertRow     `json:"alerts"`
	Exceptions []ExceptionRow `json:"exceptions"`
	// AlertsKnown is unset when the source keeps no alerts: the statuses
	// then rest on the evidence alone, and the report says so.
	AlertsKnown bool `json:"alerts_known"`
}

// LastDay is the last day of the period.
func (r *Report) LastDay() time.Time { return r.To.Add(-evidence.Day) }

// Checkpoint is the signed audit-log checkpoint the report was made from.
type Checkpoint struct {
	Origin string `json:"origin"`
	Size   uint64 `json:"size"`
	// Root is the base64 root hash of the log at Size.
	Root string `json:"root"`
	// Note is the signed checkpoint as the log published it.
	Note string `json:"note"`
}

// ParseCheckpoint reads the origin, size and root of a signed checkpoint
// note (its signature is for attest audit verify to check). An empty note
// is the zero Checkpoint.
func ParseCheckpoint(note []byte) (Checkpoint, error) {
	if len(note) == 0 {
		return Checkpoint{}, nil
	}
	lines := strings.SplitN(string(note), "\n", 4)
	if len(lines) < 4 {
		return Checkpoint{}, fmt.Errorf("checkpoint: want origin, size and root lines")
	}
	size, err := strconv.ParseUint(lines[1], 10, 64)
	if err != nil {
		return Checkpoint{}, fmt.Errorf("checkpoint size %q: %w", lines[1], err)
	}
	if _, err := base64.StdEncoding.DecodeString(lines[2]); err != nil {
		return Checkpoint{}, fmt.Errorf("checkpoint root %q: %w", lines[2], err)
	}
	return Checkpoint{Origin: lines[0], Size: size, Root: lines[2], Note: string(note)}, nil
}

// Control is one criterion or requirement over the period.
type Control struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Automatable string `json:"automatable,omitempty"`
	// Rules and Detections support the control.
	Rules      []RuleRef      `json:"rules"`
	Detections []DetectionRef `json:"detections"`
	// Daily is the status of each day of the period, in order.
	Daily []string `json:"daily"`
	// DaysPass ... count the days of each status; PassShare is DaysPass
	// over the period's days.
	DaysPass       int     `json:"days_pass"`
	DaysFail       int     `json:"days_fail"`
	DaysIncomplete int     `json:"days_incomplete"`
	DaysNoEvidence int     `json:"days_no_evidence"`
	PassShare      float64 `json:"pass_share"`
	// Status is the status on the last day.
	Status     string         `json:"status"`
	Periods    []Period       `json:"periods"`
	Exceptions []ExceptionRow `json:"exceptions"`
	Alerts     []AlertRow     `json:"alerts"`
}

// RuleRef names a rule that supports a control.
type RuleRef struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Severity string `json:"severity"`
}

// DetectionRef names a detection that supports a control.
type DetectionRef struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Level string `json:"level"`
}

// Period is a run of days a control failed (or could not be decided), and
// what ended it: the first following day it passed, with the evidence that
// showed it.
type Period struct {
	Status string    `json:"status"`
	From   time.Time `json:"from"`
	// Last is the period's last day.
	Last time.Time `json:"last"`
	Days int       `json:"days"`
	// Resolved is the day the control passed again (zero: it had not by
	// the end of the report's period, or the next days had no evidence).
	Resolved   time.Time `json:"resolved,omitzero"`
	ResolvedBy []int64   `json:"resolved_by,omitempty"`
	// Then is the status of the day after the period, when it is not pass.
	Then string `json:"then,omitempty"`
	// Evidence and Alerts are what the failing days rested on.
	Evidence []int64 `json:"evidence,omitempty"`
	Alerts   []int64 `json:"alerts,omitempty"`
}

// ScanRow is one stored scan.
type ScanRow struct {
	ID         int64     `json:"id"`
	Received   time.Time `json:"received"`
	Repository string    `json:"repository"`
	Commit     string    `json:"commit"`
	Branch     string    `json:"branch"`
	Pipeline   string    `json:"pipeline"`
	Uploader   string    `json:"uploader"`
	SHA256     string    `json:"sha256"`
	Seq        int64     `json:"seq"`
	Passed     int       `json:"passed"`
	Failed     int       `json:"failed"`
	Waived     int       `json:"waived"`
	Unknown    int       `json:"unknown"`
	Errors     int       `json:"errors"`
	Incomplete bool      `json:"incomplete"`
	// InPeriod is unset for the scan of a repository received before the
	// period, which stood on its first days.
	InPeriod bool `json:"in_period"`
}

// AlertRow is one alert and its handling. Only the latest status change
// of an alert is kept: TimeToAcknowledge is known for an alert that is
// acknowledged (not yet resolved), TimeToResolve for one resolved.
type AlertRow struct {
	ID                int64          `json:"id"`
	Rule              string         `json:"rule"`
	Title             string         `json:"title"`
	Severity          string         `json:"severity"`
	Status            string         `json:"status"`
	FirstSeen         time.Time      `json:"first_seen"`
	LastSeen          time.Time      `json:"last_seen"`
	Count             int64          `json:"count"`
	StatusAt          time.Time      `json:"status_at,omitzero"`
	StatusBy          string         `json:"status_by,omitempty"`
	Note              string         `json:"note,omitempty"`
	TimeToAcknowledge *time.Duration `json:"time_to_acknowledge,omitempty"`
	TimeToResolve     *time.Duration `json:"time_to_resolve,omitempty"`
	Controls          []string       `json:"controls,omitempty"`
}

// Exception states.
const (
	ExceptionInForce = "in force"
	ExceptionRemoved = "removed"
	ExceptionExpired = "expired"
)

// ExceptionRow is one exception of the register as the scans applied it:
// when it was first and last seen, and its state at the end of the period.
type ExceptionRow struct {
	Repository    string    `json:"repository"`
	RuleID        string    `json:"rule_id"`
	Resource      string    `json:"resource"`
	Owner         string    `json:"owner"`
	Justification string    `json:"justification"`
	Ticket        string    `json:"ticket,omitempty"`
	Expires       time.Time `json:"expires,omitzero"`
	Source        string    `json:"source"`
	FirstSeen     time.Time `json:"first_seen"`
	FirstScan     int64     `json:"first_scan"`
	LastSeen      time.Time `json:"last_seen"`
	LastScan      int64     `json:"last_scan"`
	State         string    `json:"state"`
}

// Source is where a report's data comes from.
type Source struct {
	Evidence evidence.Reader
	// Alerts, when set, adds the alerts; without it the report rests on
	// the evidence alone.
	Alerts evidence.AlertFinder
	// Stored, when set, answers the days whose snapshot is stored; the
	// other days are derived from the evidence. Remote, when set instead,
	// answers every day (a server that derives and keeps them).
	Stored attest.ControlStatusStore
	Remote func(ctx context.Context, framework string, from, to time.Time) ([]attest.ControlStatus, error)
	// Checkpoint is the latest signed checkpoint of the audit log.
	Checkpoint []byte
	Now        time.Time
}

// Build makes the report of framework for the days from (first day) to to
// (the day after the last), midnights UTC. The period may not end after
// today.
func Build(ctx context.Context, src Source, framework string, from, to time.Time) (*Report, error) {
	cats, err := catalog.Load()
	if err != nil {
		return nil, err
	}
	cat, ok := cats[framework]
	if !ok {
		return nil, attest.Errorf(attest.EINVALID, "framework %q: want %s or %s", framework, attest.FrameworkSOC2, attest.FrameworkPCIDSS)
	}
	from, to = evidence.StartOfDay(from), evidence.StartOfDay(to)
	switch {
	case !from.Before(to):
		return nil, attest.Errorf(attest.EINVALID, "the period from %s to %s is empty", from.Format(time.DateOnly), to.Add(-evidence.Day).Format(time.DateOnly))
	case to.After(evidence.StartOfDay(src.Now).Add(evidence.Day)):
		return nil, attest.Errorf(attest.EINVALID, "the period ends on %s, after today", to.Add(-evidence.Day).Format(time.DateOnly))
	}
	cp, err := ParseCheckpoint(src.Checkpoint)
	if err != nil {
		return nil, err
	}
	h, err := evidence.LoadHistory(ctx, src.Evidence, src.Alerts, from, to)
	if err != nil {
		return nil, err
	}
	statuses, err := dailyStatuses(ctx, src, h, framework, cat.Controls, from, to)
	if err != nil {
		return nil, err
	}
	r := &Report{
		Framework: framework, FrameworkVersion: cat.Version,
		From: from, To: to, Days: int(to.Sub(from) / evidence.Day),
		Generated: src.Now.UTC(), Checkpoint: cp, AlertsKnown: h.AlertsKnown,
	}
	r.Scans = scanRows(h, from)
	r.Exceptions = exceptionRows(h, to)
	r.Alerts = alertRows(h, framework, from)
	detections, err := detect.LoadBuiltin()
	if err != nil {
		return nil, fmt.Errorf("detections: %w", err)
	}
	rules := map[string]attest.Rule{}
	for _, s := range h.Scans {
		for id, rl := range s.Rules {
			rules[id] = rl
		}
	}
	for _, c := range cat.Controls {
		ctl := Control{ID: c.ID, Title: c.Title, Automatable: c.Automatable, Rules: []RuleRef{}, Detections: []DetectionRef{}}
		for _, rl := range rules {
			if slices.Contains(rl.Controls[framework], c.ID) {
				ctl.Rules = append(ctl.Rules, RuleRef{ID: rl.ID, Title: rl.Title, Severity: rl.Severity})
			}
		}
		slices.SortFunc(ctl.Rules, func(a, b RuleRef) int { return cmp.Compare(a.ID, b.ID) })
		for _, d := range detections.Rules {
			if slices.Contains(d.Controls[framework], c.ID) {
				ctl.Detections = append(ctl.Detections, DetectionRef{ID: d.Key(), Title: d.Title, Level: d.Level})
			}
		}
		slices.SortFunc(ctl.Detections, func(a, b DetectionRef) int { return cmp.Compare(a.ID, b.ID) })
		days := statuses[c.ID]
		ctl.Daily = make([]string, len(days))
		for i, st := range days {
			ctl.Daily[i] = st.Status
			switch st.Status {
			case attest.StatusPass:
				ctl.DaysPass++
			case attest.StatusFail:
				ctl.DaysFail++
			case attest.ControlIncomplete:
				ctl.DaysIncomplete++
			default:
				ctl.DaysNoEvidence++
			}
		}
		if len(days) > 0 {
			ctl.Status = days[len(days)-1].Status
			ctl.PassShare = float64(ctl.DaysPass) / float64(len(days))
		}
		ctl.Periods = periods(days)
		ruleIDs := map[string]bool{}
		for _, rl := range ctl.Rules {
			ruleIDs[rl.ID] = true
		}
		ctl.Exceptions = []ExceptionRow{}
		for _, x := range r.Exceptions {
			if ruleIDs[x.RuleID] {
				ctl.Exceptions = append(ctl.Exceptions, x)
			}
		}
		ctl.Alerts = []AlertRow{}
		for _, a := range r.Alerts {
			if slices.Contains(a.Controls, c.ID) {
				ctl.Alerts = append(ctl.Alerts, a)
			}
		}
		r.Controls = append(r.Controls, ctl)
	}
	return r, nil
}

// dailyStatuses returns each control's statuses, one per day in order.
func dailyStatuses(ctx context.Context, src Source, h *evidence.History, framework string, controls []attest.Control, from, to time.Time) (map[string][]attest.ControlStatus, error) {
	var all []attest.ControlStatus
	if src.Remote != nil {
		var err error
		if all, err = src.Remote(ctx, framework, from, to); err != nil {
			return nil, err
		}
	} else {
		var stored []attest.ControlStatus
		if src.Stored != nil {
			var err error
			if stored, err = src.Stored.ControlStatuses(ctx, framework, from, to); err != nil {
				return nil, err
			}
		}
		have := map[time.Time]bool{}
		for _, st := range stored {
			have[st.Day] = true
		}
		all = stored
		for d := from; d.Before(to); d = d.Add(evidence.Day) {
			if !have[d] {
				all = append(all, h.Statuses(framework, controls, d)...)
			}
		}
	}
	byControl := map[string][]attest.ControlStatus{}
	for _, st := range all {
		byControl[st.Control] = append(byControl[st.Control], st)
	}
	days := int(to.Sub(from) / evidence.Day)
	for _, c := range controls {
		sts := byControl[c.ID]
		slices.SortFunc(sts, func(a, b attest.ControlStatus) int { return a.Day.Compare(b.Day) })
		if len(sts) != days {
			return nil, fmt.Errorf("control %s has statuses for %d of the %d days", c.ID, len(sts), days)
		}
		byControl[c.ID] = sts
	}
	return byControl, nil
}

// periods finds the runs of failing or incomplete days and what ended each.
func periods(days []attest.ControlStatus) []Period {
	out := []Period{}
	for i := 0; i < len(days); {
		st := days[i].Status
		if st != attest.StatusFail && st != attest.ControlIncomplete {
			i++
			continue
		}
		p := Period{Status: st, From: days[i].Day}
		j := i
		for ; j < len(days) && days[j].Status == st; j++ {
			p.Evidence = append(p.Evidence, days[j].Evidence...)
			p.Alerts = append(p.Alerts, days[j].Alerts...)
		}
		p.Last, p.Days = days[j-1].Day, j-i
		p.Evidence, p.Alerts = uniq(p.Evidence), uniq(p.Alerts)
		if j < len(days) {
			if days[j].Status == attest.StatusPass {
				p.Resolved, p.ResolvedBy = days[j].Day, days[j].Evidence
			} else {
				p.Then = days[j].Status
			}
		}
		out = append(out, p)
		i = j
	}
	return out
}

func uniq(ids []int64) []int64 {
	slices.Sort(ids)
	return slices.Compact(ids)
}

func scanRows(h *evidence.History, from time.Time) []ScanRow {
	out := []ScanRow{}
	for _, s := range h.Scans {
		e := s.Evidence
		row := ScanRow{ID: e.ID, Received: e.Received, Repository: e.Repository, Commit: e.Commit, Branch: e.Branch,
			Pipeline: e.Pipeline, Uploader: e.Uploader, SHA256: e.SHA256, Seq: e.Seq, Incomplete: s.Incomplete,
			InPeriod: !e.Received.Before(from)}
		for _, v := range s.Verdicts {
			row.Passed += v[attest.StatusPass]
			row.Failed += v[attest.StatusFail]
			row.Waived += v[attest.StatusWaived]
			row.Unknown += v[attest.StatusUnknown]
			row.Errors += v[attest.StatusError]
		}
		out = append(out, row)
	}
	return out
}

// exceptionRows follows each exception through the scans of its
// repository: first and last seen, and whether the latest scan of the
// repository still applied it (in force), listed it as expired, or no
// longer had it (removed).
func exceptionRows(h *evidence.History, to time.Time) []ExceptionRow {
	type key struct{ repo, rule, resource, source string }
	rows := map[key]*ExceptionRow{}
	var order []key
	latest := map[string]*evidence.Scan{}
	for _, s := range h.Scans {
		repo := s.Evidence.Repository
		latest[repo] = s
		see := func(x attest.Exception, expired bool) {
			k := key{repo, x.RuleID, x.Resource, x.Source.String()}
			r, ok := rows[k]
			if !ok {
				r = &ExceptionRow{Repository: repo, RuleID: x.RuleID, Resource: x.Resource, Owner: x.Owner,
					Justification: x.Justification, Ticket: x.Ticket, Expires: x.Expires, Source: x.Source.String(),
					FirstSeen: s.Evidence.Received, FirstScan: s.Evidence.ID}
				rows[k] = r
				order = append(order, k)
			}
			r.LastSeen, r.LastScan = s.Evidence.Received, s.Evidence.ID
			r.Owner, r.Justification, r.Ticket, r.Expires = x.Owner, x.Justification, x.Ticket, x.Expires
			if expired {
				r.State = ExceptionExpired
			}
		}
		for _, x := range s.Exceptions {
			see(x, false)
		}
		for _, x := range s.Expired {
			see(x, true)
		}
	}
	out := []ExceptionRow{}
	for _, k := range order {
		r := rows[k]
		switch last := latest[k.repo]; {
		case r.LastScan != last.Evidence.ID:
			r.State = ExceptionRemoved
		case r.State == ExceptionExpired:
		case !r.Expires.IsZero() && (&attest.Exception{Expires: r.Expires}).Expired(to.Add(-time.Nanosecond)):
			r.State = ExceptionExpired
		default:
			r.State = ExceptionInForce
		}
		out = append(out, *r)
	}
	slices.SortStableFunc(out, func(a, b ExceptionRow) int {
		return cmp.Or(cmp.Compare(a.Repository, b.Repository), cmp.Compare(a.RuleID, b.RuleID), cmp.Compare(a.Resource, b.Resource))
	})
	return out
}

// alertRows lists the alerts raised before the period ended and not
// resolved before it began, oldest first, with the framework's controls
// their detections support.
func alertRows(h *evidence.History, framework string, from time.Time) []AlertRow {
	out := []AlertRow{}
	for _, a := range h.Alerts {
		if evidence.AlertResolvedBy(a, from) {
			continue
		}
		row := AlertRow{ID: a.ID, Rule: a.Rule, Title: a.Title, Severity: a.Severity, Status: a.Status,
			FirstSeen: a.FirstSeen, LastSeen: a.LastSeen, Count: a.Count, StatusAt: a.StatusAt, StatusBy: a.StatusBy, Note: a.Note}
		if !a.StatusAt.IsZero() {
			d := a.StatusAt.Sub(a.FirstSeen)
			switch a.Status {
			case attest.AlertAcknowledged:
				row.TimeToAcknowledge = &d
			case attest.AlertResolved:
				row.TimeToResolve = &d
			}
		}
		row.Controls = slices.Sorted(slices.Values(a.Controls[framework]))
		out = append(out, row)
	}
	slices.SortFunc(out, func(a, b AlertRow) int { return cmp.Or(a.FirstSeen.Compare(b.FirstSeen), cmp.Compare(a.ID, b.ID)) })
	return out
}
