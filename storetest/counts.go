package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/auditlog"
	"github.com/google/go-cmp/cmp"
)

// recount counts every stored event per UTC day, source and outcome the
// slow way, reading each event back: what the daily counts must equal.
func recount(t *testing.T, s Store) map[attest.EventCount]bool {
	t.Helper()
	events, err := s.FindEvents(context.Background(), attest.EventFilter{AfterSeq: -1, Limit: 100000})
	if err != nil {
		t.Fatalf("FindEvents: %v", err)
	}
	n := map[attest.EventCount]int64{}
	for _, e := range events {
		at := e.Time
		if at.IsZero() {
			at = e.Received
		}
		at = at.UTC()
		day := time.Date(at.Year(), at.Month(), at.Day(), 0, 0, 0, 0, time.UTC)
		n[attest.EventCount{Day: day, Source: e.Source, Outcome: e.Outcome}]++
	}
	out := map[attest.EventCount]bool{}
	for k, c := range n {
		k.Count = c
		out[k] = true
	}
	return out
}

// counted reads the daily counts over a span wide enough for every event
// of the test, as a set.
func counted(t *testing.T, s Store, from, to time.Time) map[attest.EventCount]bool {
	t.Helper()
	got, err := s.CountEvents(context.Background(), from, to)
	if err != nil {
		t.Fatalf("CountEvents: %v", err)
	}
	out := map[attest.EventCount]bool{}
	for i, c := range got {
		if i > 0 {
			p := got[i-1]
			if !p.Day.Before(c.Day) && (p.Day.After(c.Day) || p.Source > c.Source || p.Source == c.Source && p.Outcome >= c.Outcome) {
				t.Errorf("CountEvents out of order: %+v before %+v", p, c)
			}
		}
		if c.Day.Location() != time.UTC {
			t.Errorf("CountEvents day %v not in UTC", c.Day)
		}
		c.Day = c.Day.UTC()
		out[c] = true
	}
	return out
}

// testDayCounts checks the per-day event counts kept on append (migration
// 00009): exact after each append, days split at UTC midnight whatever the
// event's zone, re-deliveries not counted twice, and unchanged by retention,
// which prunes payloads and keeps the rows.
func testDayCounts(t *testing.T, open func(t *testing.T) *Harness) {
	ctx := context.Background()
	s := open(t).Store
	midnight := time.Date(2025, 3, 15, 0, 0, 0, 0, time.UTC)
	from, to := midnight.AddDate(0, 0, -3), midnight.AddDate(0, 0, 4)
	eastern := time.FixedZone("UTC+10", 10*60*60)
	at := func(i int, t time.Time) *attest.Event {
		e := NewEvent(i)
		e.Time = t
		e.DedupKey = e.ExternalID
		return e
	}
	noTime := NewEvent(5)
	noTime.Time = time.Time{}
	noTime.DedupKey = noTime.ExternalID
	noTime.Received = midnight.Add(24*time.Hour + time.Minute) // counted on its day of receipt
	batch := []*attest.Event{
		at(0, midnight.Add(-time.Nanosecond)),               // k8s-audit success, the 14th
		at(1, midnight),                                     // cloudtrail failure, the 15th
		at(2, midnight.Add(-time.Nanosecond)),               // falco success, the 14th
		at(3, midnight.Add(-time.Nanosecond)),               // k8s-audit failure, the 14th
		at(4, time.Date(2025, 3, 15, 9, 59, 0, 0, eastern)), // cloudtrail success: 23:59 UTC on the 14th
		noTime, // falco failure, the 16th
		at(6, time.Date(2025, 3, 15, 10, 0, 0, 0, eastern)), // k8s-audit success: 00:00 UTC on the 15th
	}
	mustAppend(t, s, batch)
	d14, d15, d16 := midnight.AddDate(0, 0, -1), midnight, midnight.AddDate(0, 0, 1)
	want := map[attest.EventCount]bool{
		{Day: d14, Source: "cloudtrail", Outcome: attest.OutcomeSuccess, Count: 1}: true,
		{Day: d14, Source: "falco", Outcome: attest.OutcomeSuccess, Count: 1}:      true,
		{Day: d14, Source: "k8s-audit", Outcome: attest.OutcomeFailure, Count: 1}:  true,
		{Day: d14, Source: "k8s-audit", Outcome: attest.OutcomeSuccess, Count: 1}:  true,
		{Day: d15, Source: "cloudtrail", Outcome: attest.OutcomeFailure, Count: 1}: true,
		{Day: d15, Source: "k8s-audit", Outcome: attest.OutcomeSuccess, Count: 1}:  true,
		{Day: d16, Source: "falco", Outcome: attest.OutcomeFailure, Count: 1}:      true,
	}
	if diff := cmp.Diff(want, counted(t, s, from, to)); diff != "" {
		t.Fatalf("counts after the first append (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(recount(t, s), counted(t, s, from, to)); diff != "" {
		t.Errorf("counts differ from a recount of the events (-recount +counts):\n%s", diff)
	}

	// A second append adds to the same day's row, and events delivered
	// again (same source ids) are not counted twice.
	again := []*attest.Event{at(0, midnight.Add(-time.Nanosecond)), at(1, midnight), at(12, midnight.Add(-time.Hour))}
	mustAppend(t, s, again)
	if !again[0].Duplicate || !again[1].Duplicate || again[2].Duplicate {
		t.Fatalf("re-delivery not recognised: %+v", again)
	}
	delete(want, attest.EventCount{Day: d14, Source: "k8s-audit", Outcome: attest.OutcomeSuccess, Count: 1})
	want[attest.EventCount{Day: d14, Source: "k8s-audit", Outcome: attest.OutcomeSuccess, Count: 2}] = true
	if diff := cmp.Diff(want, counted(t, s, from, to)); diff != "" {
		t.Errorf("counts after a second append with re-deliveries (-want +got):\n%s", diff)
	}

	// The range takes whole UTC days: every day that overlaps it.
	for _, c := range []struct {
		name     string
		from, to time.Time
		days     []time.Time
	}{
		{"the 15th", d15, d16, []time.Time{d15}},
		{"noon to noon", d14.Add(12 * time.Hour), d15.Add(12 * time.Hour), []time.Time{d14, d15}},
		{"one nanosecond", d16.Add(-time.Nanosecond), d16, []time.Time{d15}},
		{"in another zone", d15.In(eastern), d16.In(eastern), []time.Time{d15}},
		{"empty", d16, d16, nil},
		{"before", from, d14, nil},
	} {
		var days []time.Time
		for c := range counted(t, s, c.from, c.to) {
			if len(days) == 0 || !days[len(days)-1].Equal(c.Day) {
				days = append(days, c.Day)
			}
		}
		got := map[time.Time]bool{}
		for _, d := range days {
			got[d] = true
		}
		wantDays := map[time.Time]bool{}
		for _, d := range c.days {
			wantDays[d] = true
		}
		if diff := cmp.Diff(wantDays, got); diff != "" {
			t.Errorf("%s: days (-want +got):\n%s", c.name, diff)
		}
	}

	// Retention prunes the payloads of old events and keeps their rows:
	// their counts stay, and its own record is counted on its day.
	l := newLog(t, s)
	publish(t, l)
	l.Now = func() time.Time { return d16.Add(auditlog.DefaultRetention) }
	if n, err := l.Retain(ctx, 0, "admin-laptop"); err != nil || n == 0 {
		t.Fatalf("Retain = %d, %v; want the events pruned", n, err)
	}
	after := counted(t, s, from, to)
	if diff := cmp.Diff(want, after); diff != "" {
		t.Errorf("counts of the pruned days changed (-want +got):\n%s", diff)
	}
	retained := l.Now().UTC().Truncate(24 * time.Hour)
	wide := counted(t, s, from, retained.Add(24*time.Hour))
	if !wide[attest.EventCount{Day: retained, Source: auditlog.RetentionSource, Outcome: attest.OutcomeSuccess, Count: 1}] {
		t.Errorf("the retention record is not counted on %s: %v", retained.Format(time.DateOnly), wide)
	}
	if diff := cmp.Diff(recount(t, s), wide); diff != "" {
		t.Errorf("counts after retention differ from a recount (-recount +counts):\n%s", diff)
	}
}

// CountAll totals the daily counts of every day the store holds, by
// outcome, with "*" the total of all: for the migration tests, which check
// that migration 00009 counted the events stored before it.
func CountAll(t *testing.T, s attest.EventCounter) map[string]int64 {
	t.Helper()
	got, err := s.CountEvents(context.Background(), time.Unix(0, 0), time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatalf("CountEvents: %v", err)
	}
	out := map[string]int64{}
	for _, c := range got {
		out[c.Outcome] += c.Count
		out["*"] += c.Count
	}
	return out
}
