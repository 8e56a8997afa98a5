package auditor_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/auditlog"
	et "github.com/attest-dev/attest/evidence/evidencetest"
	"github.com/attest-dev/attest/report/auditor"
	"github.com/attest-dev/attest/sqlite"
)

// hostile is text from outside that no renderer may let through as markup.
const hostile = `<script>alert(1)</script><img src=x onerror=alert(2)> | ** [x](javascript:alert(3)) =cmd()`

var day0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func at(d, h int) time.Time { return day0.AddDate(0, 0, d).Add(time.Duration(h) * time.Hour) }

// alertList is an in-memory alert store answering FindAlerts as the real
// ones do (newest first, BeforeID cursor, Limit).
type alertList []*attest.Alert

func (l alertList) FindAlerts(_ context.Context, f attest.AlertFilter) ([]*attest.Alert, error) {
	var out []*attest.Alert
	for i := len(l) - 1; i >= 0; i-- {
		if f.BeforeID > 0 && l[i].ID >= f.BeforeID {
			continue
		}
		out = append(out, l[i])
		if f.Limit > 0 && len(out) == f.Limit {
			break
		}
	}
	return out, nil
}

// fixture stores ten days of scans of two repositories in a real SQLite
// database, with an exception, a failing period that ends, and alerts; it
// signs a checkpoint and returns the source of a report over days 0 to 9.
func fixture(t *testing.T) (auditor.Source, *sqlite.DB) {
	t.Helper()
	ctx := context.Background()
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "attest.db"))
	db.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := db.Open(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ex := &attest.Exception{RuleID: "aws-s3-encryption", Resource: "aws_s3_bucket.public", Owner: "owner " + hostile,
		Justification: "public website " + hostile, Expires: at(30, 0), Ticket: "=HYPERLINK(\"http://evil\")", Source: attest.Pos{File: ".attest.yaml", Line: 4}}
	add := func(repo string, received time.Time, gap bool, vs ...et.Verdict) {
		if _, err := et.AddScan(ctx, db, repo, received, gap, vs...); err != nil {
			t.Fatal(err)
		}
	}
	v := func(rule, res, status string) et.Verdict {
		return et.Verdict{Rule: rule, Resource: res, Status: status}
	}
	waived := et.Verdict{Rule: "aws-s3-encryption", Resource: "aws_s3_bucket.public", Status: attest.StatusWaived, Exception: ex}
	// Before the period: infra passes.
	add("acme/infra", at(-3, 10), false, v("aws-s3-encryption", "aws_s3_bucket.logs", "pass"), v("aws-cloudtrail-enabled", "aws_cloudtrail.main", "pass"), waived)
	// Day 2: encryption fails; day 5: fixed. Day 7: a gap.
	add("acme/infra", at(2, 10), false, v("aws-s3-encryption", "aws_s3_bucket.logs", "fail"), v("aws-cloudtrail-enabled", "aws_cloudtrail.main", "pass"), waived)
	add("acme/infra", at(5, 9), false, v("aws-s3-encryption", "aws_s3_bucket.logs", "pass"), v("aws-cloudtrail-enabled", "aws_cloudtrail.main", "pass"), waived)
	add(hostile, at(7, 9), true, v("k8s-privileged", "Pod/default/web", "pass"))
	db.AppendEvents(ctx, []*attest.Event{{Time: at(1, 0), Source: "k8s-audit", Actor: "alice", Outcome: attest.OutcomeSuccess, Raw: []byte(`{}`)}})
	keys, err := auditlog.LoadOrCreateKey(ctx, db.KeyStore(), "attest.test/log")
	if err != nil {
		t.Fatal(err)
	}
	note, err := auditlog.NewLog(db, keys).Publish(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ack := 90 * time.Minute
	alerts := alertList{
		{ID: 1, Rule: "cloudtrail-stopped", Title: "CloudTrail stopped", Severity: attest.SeverityHigh, Controls: map[string][]string{"soc2": {"CC7.2"}},
			FirstSeen: at(3, 12), LastSeen: at(3, 12), Count: 1, Status: attest.AlertResolved, StatusAt: at(4, 6), StatusBy: "bob", Note: "note " + hostile},
		{ID: 2, Rule: "root-login", Title: "Root login", Severity: attest.SeverityCritical, Controls: map[string][]string{"soc2": {"CC6.8"}},
			FirstSeen: at(8, 23), LastSeen: at(8, 23), Count: 2, Status: attest.AlertAcknowledged, StatusAt: at(8, 23).Add(ack), StatusBy: "carol"},
	}
	return auditor.Source{Evidence: db, Stored: db, Alerts: alerts, Checkpoint: note, Now: at(12, 0)}, db
}

func build(t *testing.T, src auditor.Source) *auditor.Report {
	t.Helper()
	r, err := auditor.Build(context.Background(), src, "soc2", at(0, 0), at(10, 0))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func control(t *testing.T, r *auditor.Report, id string) auditor.Control {
	t.Helper()
	for _, c := range r.Controls {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("no control %s", id)
	return auditor.Control{}
}

func TestBuild(t *testing.T) {
	src, _ := fixture(t)
	r := build(t, src)
	if r.Days != 10 || len(r.Controls) != 61 || r.Checkpoint.Size != 5 || r.Checkpoint.Origin != "attest.test/log" {
		t.Errorf("report: %d days, %d controls, checkpoint %+v", r.Days, len(r.Controls), r.Checkpoint)
	}
	cc61 := control(t, r, "CC6.1")
	// Days 0-1 pass (the scan before the period), 2-4 fail, 5-6 pass, 7-9
	// incomplete (the gap of the hostile repository's scan).
	want := []string{"pass", "pass", "fail", "fail", "fail", "pass", "pass", "incomplete", "incomplete", "incomplete"}
	if !slices.Equal(cc61.Daily, want) || cc61.DaysPass != 4 || cc61.PassShare != 0.4 {
		t.Errorf("CC6.1 daily %v pass %d share %v; want %v", cc61.Daily, cc61.DaysPass, cc61.PassShare, want)
	}
	if len(cc61.Periods) != 2 || cc61.Periods[0].Days != 3 || !cc61.Periods[0].Resolved.Equal(at(5, 0)) ||
		cc61.Periods[1].Status != "incomplete" || !cc61.Periods[1].Resolved.IsZero() {
		t.Errorf("CC6.1 periods %+v", cc61.Periods)
	}
	if got := cc61.Periods[0].Outcome(r); !strings.Contains(got, "passed again on 2026-01-06 with scan 3 of acme/infra@") {
		t.Errorf("outcome %q", got)
	}
	if len(cc61.Rules) != 2 || len(cc61.Exceptions) != 1 || cc61.Exceptions[0].State != auditor.ExceptionInForce || cc61.Exceptions[0].FirstScan != 1 {
		t.Errorf("CC6.1 rules %v exceptions %+v", cc61.Rules, cc61.Exceptions)
	}
	// CC7.2 fails while the high alert is open (days 3), not after.
	cc72 := control(t, r, "CC7.2")
	if cc72.Daily[3] != "fail" || cc72.Daily[4] != "pass" || len(cc72.Alerts) != 1 || *cc72.Alerts[0].TimeToResolve != 18*time.Hour {
		t.Errorf("CC7.2 daily %v alerts %+v", cc72.Daily, cc72.Alerts)
	}
	if len(cc72.Detections) == 0 {
		t.Error("CC7.2 lists no detections; the built-in detections support it")
	}
	cc68 := control(t, r, "CC6.8")
	if cc68.Daily[8] != "fail" || cc68.Daily[9] != "incomplete" || *cc68.Alerts[0].TimeToAcknowledge != 90*time.Minute {
		t.Errorf("CC6.8 daily %v alerts %+v", cc68.Daily, cc68.Alerts)
	}
	if len(r.Scans) != 4 || r.Scans[0].InPeriod || !r.Scans[3].InPeriod || !r.Scans[3].Incomplete {
		t.Errorf("scans %+v", r.Scans)
	}
	if c := control(t, r, "CC1.1"); c.Shown() || c.DaysNoEvidence != 10 {
		t.Errorf("CC1.1 = %+v", c)
	}

	for _, bad := range []struct {
		fw       string
		from, to time.Time
	}{{"iso", at(0, 0), at(1, 0)}, {"soc2", at(3, 0), at(3, 0)}, {"soc2", at(0, 0), at(20, 0)}} {
		if _, err := auditor.Build(context.Background(), src, bad.fw, bad.from, bad.to); attest.ErrorCode(err) != attest.EINVALID {
			t.Errorf("%s %s..%s: %v, want EINVALID", bad.fw, bad.from, bad.to, err)
		}
	}
}

// TestBuild_storedDays: a day whose snapshot is stored is reported as
// stored, even if the evidence would now say otherwise.
func TestBuild_storedDays(t *testing.T) {
	src, db := fixture(t)
	ctx := context.Background()
	controls := build(t, src).Controls
	var sts []attest.ControlStatus
	for _, c := range controls {
		st := attest.ControlStatus{Framework: "soc2", Control: c.ID, Day: at(2, 0), Status: attest.ControlNoEvidence}
		if c.ID == "CC6.1" {
			st.Status = attest.StatusPass
		}
		sts = append(sts, st)
	}
	if _, err := db.AddControlStatuses(ctx, "soc2", at(2, 0), sts); err != nil {
		t.Fatal(err)
	}
	if got := control(t, build(t, src), "CC6.1").Daily[2]; got != "pass" {
		t.Errorf("stored day 2 reported as %s", got)
	}
}

func TestRenderers_escape(t *testing.T) {
	src, _ := fixture(t)
	r := build(t, src)
	var md, html, zipped bytes.Buffer
	if err := auditor.Markdown(&md, r); err != nil {
		t.Fatal(err)
	}
	if err := auditor.HTML(&html, r); err != nil {
		t.Fatal(err)
	}
	if err := auditor.CSV(&zipped, r); err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"markdown": md.String(), "html": html.String()} {
		bad := []string{"<script", "<img"}
		if name == "markdown" {
			bad = append(bad, "](javascript")
		}
		for _, bad := range bad {
			if strings.Contains(out, bad) {
				t.Errorf("%s output contains %q unescaped", name, bad)
			}
		}
	}
	for _, want := range []string{"&lt;script&gt;alert\\(1\\)&lt;/script&gt;", "| CC6.1 |", "passed again on 2026-01-06", "attest audit verify --checkpoint"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "<svg", "tree size 5", "class=\"cover\""} {
		if !strings.Contains(html.String(), want) {
			t.Errorf("html lacks %q", want)
		}
	}
	zr, err := zip.NewReader(bytes.NewReader(zipped.Bytes()), int64(zipped.Len()))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][][]string{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		if strings.HasSuffix(f.Name, ".csv") {
			rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
			if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			files[f.Name] = rows
		} else if f.Name == "checkpoint.txt" && !strings.HasPrefix(string(data), "attest.test/log\n5\n") {
			t.Errorf("checkpoint.txt = %q", data)
		}
	}
	for name, n := range map[string]int{"controls.csv": 61, "daily.csv": 610, "scans.csv": 4, "alerts.csv": 2, "exceptions.csv": 1, "periods.csv": -1} {
		rows, ok := files[name]
		if !ok || (n >= 0 && len(rows) != n+1) {
			t.Errorf("%s: %d rows, want %d and a header", name, len(rows)-1, n)
		}
	}
	// A cell a spreadsheet would run is defused; the text is kept.
	if ex := files["exceptions.csv"][1]; ex[4] != "public website "+hostile || ex[5] != `'=HYPERLINK("http://evil")` || ex[12] != "in force" {
		t.Errorf("exceptions.csv row %q", ex)
	}
	if al := files["alerts.csv"][1]; al[11] != "" || al[12] != "18.00" {
		t.Errorf("alerts.csv row %q", al)
	}
}
