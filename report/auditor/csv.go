package auditor

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// CSV writes the populations an auditor samples from as a zip of CSV
// files (one table each, UTF-8, a header row, times in RFC 3339 UTC):
//
//	controls.csv    one row per control: what supports it and its days by status
//	daily.csv       one row per control and day: the status and what it rests on
//	periods.csv     every failing or incomplete period and what ended it
//	scans.csv       every scan the period's statuses rest on
//	alerts.csv      every alert with its handling
//	exceptions.csv  every exception as the scans applied it, first and last seen
//	checkpoint.txt  the signed audit-log checkpoint the report was made from
//
// One zip rather than one file: the tables have different columns, and a
// zip keeps them together with the checkpoint that dates them. A cell that
// a spreadsheet would read as a formula (starting with = + - @ or a tab)
// is written with a leading apostrophe.
func CSV(w io.Writer, r *Report) error {
	zw := zip.NewWriter(w)
	files := []struct {
		name string
		rows func() [][]string
	}{
		{"controls.csv", r.controlRows},
		{"daily.csv", r.dailyRows},
		{"periods.csv", r.periodRows},
		{"scans.csv", r.scanRows},
		{"alerts.csv", r.alertRows},
		{"exceptions.csv", r.exceptionRows},
	}
	for _, f := range files {
		var buf bytes.Buffer
		cw := csv.NewWriter(&buf)
		for _, row := range f.rows() {
			for i := range row {
				row[i] = safeCell(row[i])
			}
			cw.Write(row)
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return fmt.Errorf("csv %s: %w", f.name, err)
		}
		if err := addFile(zw, f.name, buf.Bytes(), r.Generated); err != nil {
			return err
		}
	}
	if r.Checkpoint.Note != "" {
		if err := addFile(zw, "checkpoint.txt", []byte(r.Checkpoint.Note), r.Generated); err != nil {
			return err
		}
	}
	return zw.Close()
}

func addFile(zw *zip.Writer, name string, data []byte, modified time.Time) error {
	fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: modified.UTC()})
	if err != nil {
		return fmt.Errorf("csv %s: %w", name, err)
	}
	if _, err := fw.Write(data); err != nil {
		return fmt.Errorf("csv %s: %w", name, err)
	}
	return nil
}

// safeCell keeps a spreadsheet from reading a cell as a formula.
func safeCell(s string) string {
	if s != "" && strings.ContainsAny(s[:1], "=+-@\t\r") {
		return "'" + s
	}
	return s
}

func rfc(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func ids(v []int64) string {
	s := make([]string, len(v))
	for i, id := range v {
		s[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(s, " ")
}

func hours(d *time.Duration) string {
	if d == nil {
		return ""
	}
	return strconv.FormatFloat(d.Hours(), 'f', 2, 64)
}

func (r *Report) controlRows() [][]string {
	rows := [][]string{{"framework", "control", "title", "automatable", "rules", "detections", "days", "days_pass", "days_fail",
		"days_incomplete", "days_no_evidence", "pass_share", "last_day_status", "exceptions", "alerts"}}
	for _, c := range r.Controls {
		var rules, dets []string
		for _, rl := range c.Rules {
			rules = append(rules, rl.ID)
		}
		for _, d := range c.Detections {
			dets = append(dets, d.ID)
		}
		rows = append(rows, []string{r.Framework, c.ID, c.Title, c.Automatable, strings.Join(rules, " "), strings.Join(dets, " "),
			strconv.Itoa(r.Days), strconv.Itoa(c.DaysPass), strconv.Itoa(c.DaysFail), strconv.Itoa(c.DaysIncomplete),
			strconv.Itoa(c.DaysNoEvidence), strconv.FormatFloat(c.PassShare, 'f', 4, 64), c.Status,
			strconv.Itoa(len(c.Exceptions)), strconv.Itoa(len(c.Alerts))})
	}
	return rows
}

func (r *Report) dailyRows() [][]string {
	rows := [][]string{{"framework", "control", "day", "status"}}
	for _, c := range r.Controls {
		for i, st := range c.Daily {
			rows = append(rows, []string{r.Framework, c.ID, day(r.From.AddDate(0, 0, i)), st})
		}
	}
	return rows
}

func (r *Report) periodRows() [][]string {
	rows := [][]string{{"framework", "control", "status", "from", "last", "days", "evidence", "alerts", "resolved", "resolved_by", "outcome"}}
	for _, c := range r.Controls {
		for _, p := range c.Periods {
			resolved := ""
			if !p.Resolved.IsZero() {
				resolved = day(p.Resolved)
			}
			rows = append(rows, []string{r.Framework, c.ID, p.Status, day(p.From), day(p.Last), strconv.Itoa(p.Days),
				ids(p.Evidence), ids(p.Alerts), resolved, ids(p.ResolvedBy), p.Outcome(r)})
		}
	}
	return rows
}

func (r *Report) scanRows() [][]string {
	rows := [][]string{{"id", "received", "repository", "commit", "branch", "pipeline", "uploader", "sha256", "audit_record",
		"passed", "failed", "waived", "unknown", "errors", "incomplete", "in_period"}}
	for _, s := range r.Scans {
		rows = append(rows, []string{strconv.FormatInt(s.ID, 10), rfc(s.Received), s.Repository, s.Commit, s.Branch, s.Pipeline,
			s.Uploader, s.SHA256, strconv.FormatInt(s.Seq, 10), strconv.Itoa(s.Passed), strconv.Itoa(s.Failed), strconv.Itoa(s.Waived),
			strconv.Itoa(s.Unknown), strconv.Itoa(s.Errors), strconv.FormatBool(s.Incomplete), strconv.FormatBool(s.InPeriod)})
	}
	return rows
}

func (r *Report) alertRows() [][]string {
	rows := [][]string{{"id", "detection", "title", "severity", "controls", "first_seen", "last_seen", "count", "status",
		"status_at", "status_by", "hours_to_acknowledge", "hours_to_resolve", "note"}}
	for _, a := range r.Alerts {
		rows = append(rows, []string{strconv.FormatInt(a.ID, 10), a.Rule, a.Title, a.Severity, strings.Join(a.Controls, " "),
			rfc(a.FirstSeen), rfc(a.LastSeen), strconv.FormatInt(a.Count, 10), a.Status, rfc(a.StatusAt), a.StatusBy,
			hours(a.TimeToAcknowledge), hours(a.TimeToResolve), a.Note})
	}
	return rows
}

func (r *Report) exceptionRows() [][]string {
	rows := [][]string{{"repository", "rule", "resource", "owner", "justification", "ticket", "expires", "declared_at",
		"first_seen", "first_scan", "last_seen", "last_scan", "state"}}
	for _, x := range r.Exceptions {
		exp := ""
		if !x.Expires.IsZero() {
			exp = day(x.Expires)
		}
		rows = append(rows, []string{x.Repository, x.RuleID, x.Resource, x.Owner, x.Justification, x.Ticket, exp, x.Source,
			rfc(x.FirstSeen), strconv.FormatInt(x.FirstScan, 10), rfc(x.LastSeen), strconv.FormatInt(x.LastScan, 10), x.State})
	}
	return rows
}
