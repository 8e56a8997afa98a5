package evidence_test

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/evidence"
	et "github.com/attest-dev/attest/evidence/evidencetest"
	"github.com/attest-dev/attest/sqlite"
)

func openDB(t testing.TB) *sqlite.DB {
	t.Helper()
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "attest.db"))
	db.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := db.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// alertList is an in-memory alert store: FindAlerts as the real ones
// answer it (newest first, BeforeID cursor, Limit).
type alertList []*attest.Alert

func (l alertList) FindAlerts(_ context.Context, f attest.AlertFilter) ([]*attest.Alert, error) {
	var out []*attest.Alert
	for i := len(l) - 1; i >= 0; i-- {
		a := l[i]
		if f.BeforeID > 0 && a.ID >= f.BeforeID {
			continue
		}
		out = append(out, a)
		if f.Limit > 0 && len(out) == f.Limit {
			break
		}
	}
	return out, nil
}

var day0 = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

func at(day int, hour int) time.Time {
	return day0.AddDate(0, 0, day).Add(time.Duration(hour) * time.Hour)
}

func mustScan(t *testing.T, db *sqlite.DB, repo string, received time.Time, gap bool, vs ...et.Verdict) *attest.Evidence {
	t.Helper()
	e, err := et.AddScan(context.Background(), db, repo, received, gap, vs...)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// statusOf returns the status of control on day from a Range answer.
func statusOf(sts []attest.ControlStatus, control string, day time.Time) attest.ControlStatus {
	for _, s := range sts {
		if s.Control == control && s.Day.Equal(day) {
			return s
		}
	}
	return attest.ControlStatus{Status: "missing"}
}

func TestSnapshotter_Range(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	pass := func(rule, res string) et.Verdict {
		return et.Verdict{Rule: rule, Resource: res, Status: attest.StatusPass}
	}
	// Day 0: infra passes everything. Day 1: payments fails encryption.
	// Day 2: payments again, now undecided; infra with a coverage gap.
	// Day 3: nothing new.
	a0 := mustScan(t, db, "acme/infra", at(0, 10), false, pass("aws-s3-encryption", "aws_s3_bucket.logs"), pass("aws-cloudtrail-enabled", "aws_cloudtrail.main"))
	b1 := mustScan(t, db, "acme/payments", at(1, 9), false, et.Verdict{Rule: "aws-s3-encryption", Resource: "aws_s3_bucket.cards", Status: attest.StatusFail})
	b2 := mustScan(t, db, "acme/payments", at(2, 9), false, et.Verdict{Rule: "aws-s3-encryption", Resource: "aws_s3_bucket.cards", Status: attest.StatusUnknown})
	a2 := mustScan(t, db, "acme/infra", at(2, 23), true, pass("aws-s3-encryption", "aws_s3_bucket.logs"), pass("aws-cloudtrail-enabled", "aws_cloudtrail.main"))
	// A high alert on CC7.2 raised on day 1, acknowledged on day 2; a
	// critical one on day 3 still open; a low one never handled.
	alerts := alertList{
		{ID: 1, Rule: "cloudtrail-stopped", Severity: attest.SeverityHigh, Controls: map[string][]string{"soc2": {"CC7.2"}},
			FirstSeen: at(1, 12), LastSeen: at(1, 12), Status: attest.AlertAcknowledged, StatusAt: at(2, 8)},
		{ID: 2, Rule: "root-login", Severity: attest.SeverityCritical, Controls: map[string][]string{"soc2": {"CC6.8"}},
			FirstSeen: at(3, 1), LastSeen: at(3, 2), Status: attest.AlertOpen},
		{ID: 3, Rule: "noisy", Severity: attest.SeverityLow, Controls: map[string][]string{"soc2": {"CC6.8"}},
			FirstSeen: at(0, 1), LastSeen: at(0, 1), Status: attest.AlertOpen},
	}
	s, err := evidence.NewSnapshotter(db, db)
	if err != nil {
		t.Fatal(err)
	}
	s.Alerts = alerts
	s.Now = func() time.Time { return at(3, 15) }

	sts, err := s.Range(ctx, "soc2", day0, day0.AddDate(0, 0, 4), true)
	if err != nil {
		t.Fatal(err)
	}
	controls, _ := s.Controls("soc2")
	if len(sts) != 4*len(controls) {
		t.Fatalf("%d statuses, want %d days × %d controls", len(sts), 4, len(controls))
	}
	for _, tc := range []struct {
		control string
		day     int
		status  string
		ev      []int64
		alerts  []int64
	}{
		{"CC6.1", 0, attest.StatusPass, []int64{a0.ID}, nil},
		{"CC6.1", 1, attest.StatusFail, []int64{a0.ID, b1.ID}, nil},
		{"CC6.1", 2, attest.ControlIncomplete, []int64{b2.ID, a2.ID}, nil},
		{"CC6.1", 3, attest.ControlIncomplete, []int64{b2.ID, a2.ID}, nil},
		{"CC7.2", 0, attest.StatusPass, []int64{a0.ID}, nil},
		{"CC7.2", 1, attest.StatusFail, []int64{a0.ID}, []int64{1}},        // the high alert open at the end of day 1
		{"CC7.2", 2, attest.ControlIncomplete, []int64{a2.ID}, []int64{1}}, // acknowledged; infra's gap
		{"CC6.8", 0, attest.ControlNoEvidence, nil, []int64{3}},            // a low alert does not fail
		{"CC6.8", 3, attest.StatusFail, nil, []int64{2, 3}},
		{"CC1.1", 3, attest.ControlNoEvidence, nil, nil},
	} {
		got := statusOf(sts, tc.control, at(tc.day, 0))
		if got.Status != tc.status || !slices.Equal(got.Evidence, sortedIDs(tc.ev)) || !slices.Equal(got.Alerts, tc.alerts) {
			t.Errorf("%s day %d = %s evidence %v alerts %v; want %s %v %v", tc.control, tc.day, got.Status, got.Evidence, got.Alerts, tc.status, sortedIDs(tc.ev), tc.alerts)
		}
	}

	// Days 0 to 2 are over and were stored; day 3 (today) was not.
	stored, err := db.ControlStatuses(ctx, "soc2", day0, day0.AddDate(0, 0, 4))
	if err != nil || len(stored) != 3*len(controls) {
		t.Fatalf("stored %d statuses, %v; want days 0 to 2", len(stored), err)
	}
	// Evidence stored later (here with an earlier receive time, which an
	// upload cannot have) does not change a stored day: a snapshot of a
	// past day never changes. Today's status follows it.
	mustScan(t, db, "acme/payments", at(1, 20), false, pass("aws-s3-encryption", "aws_s3_bucket.cards"))
	mustScan(t, db, "acme/payments", at(3, 14), false, pass("aws-s3-encryption", "aws_s3_bucket.cards"))
	again, err := s.Range(ctx, "soc2", day0, day0.AddDate(0, 0, 4), true)
	if err != nil {
		t.Fatal(err)
	}
	if got := statusOf(again, "CC6.1", at(1, 0)); got.Status != attest.StatusFail {
		t.Errorf("stored day 1 changed to %s", got.Status)
	}
	if got := statusOf(again, "CC6.1", at(3, 0)); got.Status != attest.ControlIncomplete || len(got.Evidence) != 2 {
		t.Errorf("today = %+v; want incomplete from infra's gap, with the new payments scan", got)
	}

	// Without alerts the statuses rest on the evidence alone.
	s.Alerts = nil
	s.Statuses = nil
	plain, err := s.Range(ctx, "soc2", at(3, 0), at(4, 0), false)
	if err != nil {
		t.Fatal(err)
	}
	if got := statusOf(plain, "CC6.8", at(3, 0)); got.Status != attest.ControlNoEvidence || got.Alerts != nil {
		t.Errorf("CC6.8 without alerts = %+v", got)
	}
	if _, err := s.Range(ctx, "iso27001", day0, at(1, 0), false); attest.ErrorCode(err) != attest.EINVALID {
		t.Errorf("unknown framework: %v", err)
	}
}

func sortedIDs(ids []int64) []int64 {
	if ids == nil {
		return nil
	}
	c := slices.Clone(ids)
	slices.Sort(c)
	return c
}

func TestSnapshotter_Run(t *testing.T) {
	db := openDB(t)
	mustScan(t, db, "acme/infra", at(0, 10), false, et.Verdict{Rule: "aws-s3-encryption", Resource: "aws_s3_bucket.logs", Status: attest.StatusPass})
	s, err := evidence.NewSnapshotter(db, db)
	if err != nil {
		t.Fatal(err)
	}
	s.MaxBackfill = 3
	now := at(2, 6)
	s.Now = func() time.Time { return now }
	ctx, cancel := context.WithCancel(context.Background())
	var waits []time.Duration
	s.Wait = func(ctx context.Context, d time.Duration) error {
		waits = append(waits, d)
		if len(waits) == 2 {
			cancel()
			return ctx.Err()
		}
		now = now.Add(d) // the clock reaches the next run
		return nil
	}
	s.Run(ctx)
	// First run at day 2 06:00 stores days -1, 0 and 1 of both frameworks;
	// the second, at day 3 00:01, stores day 2.
	if want := []time.Duration{18*time.Hour + time.Minute, 24 * time.Hour}; !slices.Equal(waits, want) {
		t.Errorf("waits = %v, want %v", waits, want)
	}
	for _, fw := range []string{"soc2", "pci-dss-4.0"} {
		sts, err := db.ControlStatuses(context.Background(), fw, at(-5, 0), at(5, 0))
		if err != nil {
			t.Fatal(err)
		}
		days := map[time.Time]bool{}
		for _, st := range sts {
			days[st.Day] = true
		}
		if len(days) != 4 || !days[at(-1, 0)] || !days[at(2, 0)] || days[at(3, 0)] {
			t.Errorf("%s: stored days %v; want day -1 to day 2", fw, days)
		}
		if got := statusOf(sts, "3.5.1", at(0, 0)); fw == "pci-dss-4.0" && got.Status != attest.StatusPass {
			t.Errorf("pci 3.5.1 on day 0 = %+v", got)
		}
	}
}

// TestSnapshotter_Scans: with Scans set, Range reads every scan through it
// (the dashboard's cache of decoded scans) and derives the same statuses
// as from the store.
func TestSnapshotter_Scans(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	mustScan(t, db, "acme/infra", at(0, 10), false, et.Verdict{Rule: "aws-s3-encryption", Resource: "aws_s3_bucket.logs", Status: attest.StatusPass})
	mustScan(t, db, "acme/payments", at(1, 9), false, et.Verdict{Rule: "aws-s3-encryption", Resource: "aws_s3_bucket.cards", Status: attest.StatusFail})
	plain, err := evidence.NewSnapshotter(db, db)
	if err != nil {
		t.Fatal(err)
	}
	plain.Now = func() time.Time { return at(2, 15) }
	want, err := plain.Range(ctx, "soc2", day0, day0.AddDate(0, 0, 3), false)
	if err != nil {
		t.Fatal(err)
	}
	cached, _ := evidence.NewSnapshotter(db, db)
	cached.Now = plain.Now
	decoded := map[int64]*evidence.Scan{}
	var reads []int64
	cached.Scans = func(ctx context.Context, m *attest.Evidence) (*evidence.Scan, error) {
		reads = append(reads, m.ID)
		if s, ok := decoded[m.ID]; ok {
			return s, nil
		}
		e, err := db.EvidenceByID(ctx, m.ID)
		if err != nil {
			return nil, err
		}
		s, err := evidence.ReadScan(e)
		decoded[m.ID] = s
		return s, err
	}
	for range 2 {
		got, err := cached.Range(ctx, "soc2", day0, day0.AddDate(0, 0, 3), false)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.EqualFunc(got, want, func(a, b attest.ControlStatus) bool {
			return a.Control == b.Control && a.Day.Equal(b.Day) && a.Status == b.Status && slices.Equal(a.Evidence, b.Evidence)
		}) {
			t.Fatalf("statuses through Scans differ from those read from the store")
		}
	}
	if len(reads) != 4 || len(decoded) != 2 {
		t.Errorf("Range read scans %v through Scans (%d decoded), want both scans on each of 2 calls", reads, len(decoded))
	}
}
