package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/google/go-cmp/cmp"
)

// hour is the grouping window of the suite's alerts, as the server's default.
const hour = time.Hour

// newAlert returns a match of rule on group at base+at, raised by the
// events seqs.
func newAlert(rule, group string, at time.Duration, seqs ...int64) *attest.Alert {
	return &attest.Alert{
		Rule:      rule,
		Title:     "Title of " + rule,
		Severity:  "high",
		Controls:  map[string][]string{"soc2": {"CC6.1", "CC7.2"}, "pci-dss-4.0": {"10.2.1"}},
		Group:     group,
		Source:    "cloudtrail",
		Actor:     "arn:aws:iam::111122223333:user/mallory",
		Target:    "trail/main",
		FirstSeen: base.Add(at),
		LastSeen:  base.Add(at),
		Count:     1,
		Seqs:      seqs,
		Hint:      "Turn logging back on; find out who stopped it.",
	}
}

func raise(t *testing.T, s attest.AlertStore, a *attest.Alert) bool {
	t.Helper()
	created, err := s.RaiseAlert(context.Background(), a, hour)
	if err != nil {
		t.Fatalf("RaiseAlert(%s, %s, %v): %v", a.Rule, a.Group, a.Seqs, err)
	}
	return created
}

func alertByID(t *testing.T, s attest.AlertStore, id int64) *attest.Alert {
	t.Helper()
	a, err := s.AlertByID(context.Background(), id)
	if err != nil {
		t.Fatalf("AlertByID(%d): %v", id, err)
	}
	return a
}

// statusRecord is the audit record of a status change, as the server
// writes it.
func statusRecord(id int64, status, by string) *attest.Event {
	raw, _ := json.Marshal(map[string]any{"action": "alert." + status, "alert": id, "actor": by})
	return &attest.Event{Time: base, Received: base, Source: "attest", Actor: by, Action: "alert." + status,
		Target: fmt.Sprintf("alert/%d", id), Outcome: attest.OutcomeSuccess, Raw: raw}
}

// testAlerts checks the alert store: grouping by rule and group within the
// window, idempotence per rule and event, capped seqs with the rest
// counted, status changes recorded in the audit log, filters, and replicas
// raising the same group at once.
func testAlerts(t *testing.T, open func(t *testing.T) *Harness) {
	ctx := context.Background()
	t.Run("Grouping", func(t *testing.T) {
		s := open(t).Store
		first := newAlert("cloudtrail-stop-logging", "actor=mallory", 0, 1)
		if !raise(t, s, first) || first.ID == 0 {
			t.Fatalf("first match: created false or no id (%d)", first.ID)
		}
		// A repeat 40 minutes later joins it; so does one 50 minutes after
		// that (the window runs from the alert's last event).
		for i, at := range []time.Duration{40 * time.Minute, 90 * time.Minute} {
			a := newAlert("cloudtrail-stop-logging", "actor=mallory", at, int64(2+i))
			if raise(t, s, a) || a.ID != first.ID {
				t.Fatalf("repeat at +%v: new alert %d, want it added to %d", at, a.ID, first.ID)
			}
		}
		others := []*attest.Alert{
			newAlert("cloudtrail-stop-logging", "actor=eve", 10*time.Minute, 4),      // another group
			newAlert("cloudtrail-delete-trail", "actor=mallory", 0, 5),               // another rule
			newAlert("cloudtrail-stop-logging", "actor=mallory", 151*time.Minute, 6), // past the window
		}
		for _, a := range others {
			if !raise(t, s, a) || a.ID == first.ID {
				t.Errorf("%s %s at %v: joined alert %d, want a new one", a.Rule, a.Group, a.LastSeen, a.ID)
			}
		}
		got := alertByID(t, s, first.ID)
		want := newAlert("cloudtrail-stop-logging", "actor=mallory", 0, 1, 2, 3)
		want.ID, want.Count, want.LastSeen, want.Status = first.ID, 3, base.Add(90*time.Minute), attest.AlertOpen
		if diff := cmp.Diff(want, got, eventCmp); diff != "" {
			t.Errorf("grouped alert (-want +got):\n%s", diff)
		}
		// An event that happened earlier than the alert's first (a late
		// delivery) moves FirstSeen back.
		late := newAlert("cloudtrail-stop-logging", "actor=mallory", -5*time.Minute, 7)
		if raise(t, s, late) || late.ID != first.ID {
			t.Errorf("late event: alert %d, want %d", late.ID, first.ID)
		}
		if got := alertByID(t, s, first.ID); !got.FirstSeen.Equal(base.Add(-5*time.Minute)) || got.Count != 4 {
			t.Errorf("after a late event: first seen %v, count %d; want %v, 4", got.FirstSeen, got.Count, base.Add(-5*time.Minute))
		}
	})

	t.Run("Idempotent", func(t *testing.T) {
		s := open(t).Store
		a := newAlert("r", "g", 0, 10)
		raise(t, s, a)
		// The same rule and event again, as a second replica or a replay
		// would raise it: nothing changes.
		again := newAlert("r", "g", 0, 10)
		if raise(t, s, again) || again.ID != a.ID || again.Count != 0 {
			t.Errorf("same match again: created or other alert (%d, want %d) or count %d, want 0", again.ID, a.ID, again.Count)
		}
		// A correlation's match is its highest seq; the same window again is
		// the same match.
		c1 := newAlert("corr", "g", 0, 3, 5, 9)
		raise(t, s, c1)
		c2 := newAlert("corr", "g", 0, 9, 3, 5)
		if raise(t, s, c2) || c2.ID != c1.ID {
			t.Errorf("same correlation match again: created or other alert")
		}
		// The same event under another rule is another match.
		other := newAlert("r2", "g", 0, 10)
		if !raise(t, s, other) {
			t.Error("same event, another rule: not created")
		}
		for id, want := range map[int64]int64{a.ID: 1, c1.ID: 1} {
			if got := alertByID(t, s, id); got.Count != want {
				t.Errorf("alert %d count %d, want %d", id, got.Count, want)
			}
		}
		if got := alertByID(t, s, c1.ID); !slices.Equal(got.Seqs, []int64{3, 5, 9}) {
			t.Errorf("correlation seqs %v, want [3 5 9]", got.Seqs)
		}
	})

	t.Run("Invalid", func(t *testing.T) {
		s := open(t).Store
		for name, a := range map[string]*attest.Alert{
			"no seqs":     newAlert("r", "g", 0),
			"no rule":     newAlert("", "g", 0, 1),
			"no time":     {Rule: "r", Severity: "high", Seqs: []int64{1}},
			"no severity": {Rule: "r", LastSeen: base, Seqs: []int64{1}},
			"bad seq":     newAlert("r", "g", 0, -1),
		} {
			if _, err := s.RaiseAlert(ctx, a, hour); attest.ErrorCode(err) != attest.EINVALID {
				t.Errorf("%s: RaiseAlert = %v, want EINVALID", name, err)
			}
		}
		if got, err := s.FindAlerts(ctx, attest.AlertFilter{}); err != nil || len(got) != 0 {
			t.Errorf("after refused alerts: %d stored, %v", len(got), err)
		}
	})

	t.Run("SeqsCapped", func(t *testing.T) {
		s := open(t).Store
		var seqs []int64
		for i := range attest.MaxAlertSeqs + 5 {
			seqs = append(seqs, int64(i))
		}
		a := newAlert("burst", "g", 0, seqs...)
		raise(t, s, a)
		got := alertByID(t, s, a.ID)
		if len(got.Seqs) != attest.MaxAlertSeqs || got.SeqsDropped != 5 {
			t.Fatalf("%d seqs kept, %d dropped; want %d, 5", len(got.Seqs), got.SeqsDropped, attest.MaxAlertSeqs)
		}
		// Seqs already held are not counted again; new ones past the cap are.
		b := newAlert("burst", "g", time.Minute, 3, 2000, 2001)
		raise(t, s, b)
		got = alertByID(t, s, a.ID)
		if len(got.Seqs) != attest.MaxAlertSeqs || got.SeqsDropped != 7 || got.Count != 2 {
			t.Errorf("after more: %d kept, %d dropped, count %d; want %d, 7, 2", len(got.Seqs), got.SeqsDropped, got.Count, attest.MaxAlertSeqs)
		}
	})

	t.Run("Status", func(t *testing.T) {
		s := open(t).Store
		mustAppend(t, s, NewEvents(0, 3))
		a := newAlert("r", "g", 0, 1)
		raise(t, s, a)
		rec := statusRecord(a.ID, attest.AlertAcknowledged, "alice")
		got, err := s.SetAlertStatus(ctx, a.ID, attest.AlertAcknowledged, "alice", "looking into it", rec)
		if err != nil {
			t.Fatalf("acknowledge: %v", err)
		}
		if got.Status != attest.AlertAcknowledged || got.StatusBy != "alice" || got.Note != "looking into it" || got.StatusAt.IsZero() {
			t.Errorf("acknowledged alert: %+v", got)
		}
		if rec.Seq != 3 {
			t.Errorf("audit record seq %d, want 3 (after the 3 events)", rec.Seq)
		}
		stored, err := s.EventBySeq(ctx, rec.Seq)
		if err != nil || stored.Action != "alert.acknowledged" || stored.Actor != "alice" {
			t.Errorf("audit record: %+v, %v", stored, err)
		}
		// An acknowledged alert still takes repeats.
		rep := newAlert("r", "g", time.Minute, 2)
		if raise(t, s, rep) || rep.ID != a.ID {
			t.Errorf("repeat of an acknowledged alert made alert %d, want %d", rep.ID, a.ID)
		}
		for _, c := range []struct {
			status string
			code   string
		}{
			{attest.AlertAcknowledged, attest.ECONFLICT}, // already
			{attest.AlertOpen, attest.EINVALID},          // never back to open
			{"closed", attest.EINVALID},
		} {
			if _, err := s.SetAlertStatus(ctx, a.ID, c.status, "bob", "", statusRecord(a.ID, c.status, "bob")); attest.ErrorCode(err) != c.code {
				t.Errorf("to %s: %v, want %s", c.status, err, c.code)
			}
		}
		if _, err := s.SetAlertStatus(ctx, a.ID+100, attest.AlertResolved, "bob", "", statusRecord(a.ID+100, "resolved", "bob")); attest.ErrorCode(err) != attest.ENOTFOUND {
			t.Errorf("unknown alert: %v, want ENOTFOUND", err)
		}
		if _, err := s.SetAlertStatus(ctx, a.ID, attest.AlertResolved, "bob", "", nil); attest.ErrorCode(err) != attest.EINVALID {
			t.Errorf("no record: %v, want EINVALID", err)
		}
		got, err = s.SetAlertStatus(ctx, a.ID, attest.AlertResolved, "bob", "trail restarted", statusRecord(a.ID, "resolved", "bob"))
		if err != nil || got.Status != attest.AlertResolved || got.StatusBy != "bob" || got.Note != "trail restarted" {
			t.Fatalf("resolve: %+v, %v", got, err)
		}
		if _, err := s.SetAlertStatus(ctx, a.ID, attest.AlertAcknowledged, "carol", "", statusRecord(a.ID, "acknowledged", "carol")); attest.ErrorCode(err) != attest.ECONFLICT {
			t.Errorf("resolved to acknowledged: %v, want ECONFLICT", err)
		}
		// Refused changes appended nothing: 3 events and 2 records.
		if head, err := s.LogHead(ctx); err != nil || head.Size != 5 {
			t.Errorf("log size %d, %v; want 5", head.Size, err)
		}
		// A resolved alert takes no more: the next match opens a new one.
		next := newAlert("r", "g", 2*time.Minute, 3)
		if !raise(t, s, next) || next.ID == a.ID {
			t.Errorf("match after resolve joined the resolved alert")
		}
		// Open straight to resolved is allowed.
		if _, err := s.SetAlertStatus(ctx, next.ID, attest.AlertResolved, "bob", "", statusRecord(next.ID, "resolved", "bob")); err != nil {
			t.Errorf("open to resolved: %v", err)
		}
	})

	t.Run("Find", func(t *testing.T) {
		s := open(t).Store
		var ids []int64
		for i, c := range []struct {
			rule, severity, source string
			at                     time.Duration
		}{
			{"a", "high", "cloudtrail", 0},
			{"b", "critical", "k8s-audit", time.Hour},
			{"a", "high", "cloudtrail", 3 * time.Hour},
			{"c", "medium", "falco", 4 * time.Hour},
		} {
			a := newAlert(c.rule, "g", c.at, int64(i))
			a.Severity, a.Source = c.severity, c.source
			raise(t, s, a)
			ids = append(ids, a.ID)
		}
		if _, err := s.SetAlertStatus(ctx, ids[1], attest.AlertAcknowledged, "x", "", statusRecord(ids[1], "acknowledged", "x")); err != nil {
			t.Fatal(err)
		}
		for name, c := range map[string]struct {
			f    attest.AlertFilter
			want []int64
		}{
			"all, newest first": {attest.AlertFilter{}, []int64{ids[3], ids[2], ids[1], ids[0]}},
			"status":            {attest.AlertFilter{Status: attest.AlertOpen}, []int64{ids[3], ids[2], ids[0]}},
			"severity":          {attest.AlertFilter{Severity: "critical"}, []int64{ids[1]}},
			"rule":              {attest.AlertFilter{Rule: "a"}, []int64{ids[2], ids[0]}},
			"source":            {attest.AlertFilter{Source: "falco"}, []int64{ids[3]}},
			"from, to":          {attest.AlertFilter{From: base.Add(time.Hour), To: base.Add(4 * time.Hour)}, []int64{ids[2], ids[1]}},
			"cursor and limit":  {attest.AlertFilter{BeforeID: ids[3], Limit: 2}, []int64{ids[2], ids[1]}},
		} {
			got, err := s.FindAlerts(ctx, c.f)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			var gotIDs []int64
			for _, a := range got {
				gotIDs = append(gotIDs, a.ID)
			}
			if !slices.Equal(gotIDs, c.want) {
				t.Errorf("%s: %v, want %v", name, gotIDs, c.want)
			}
		}
	})

	t.Run("Concurrent", func(t *testing.T) {
		h := open(t)
		replicas := []Store{h.Store, h.Reopen(t), h.Reopen(t)}
		const perReplica, each = 6, 5
		var wg sync.WaitGroup
		errs := make(chan error, len(replicas)*perReplica*each*2)
		for r, s := range replicas {
			for w := range perReplica {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := range each {
						seq := int64(((r*perReplica)+w)*each + i)
						// Every writer raises its own events of one group...
						if _, err := s.RaiseAlert(ctx, newAlert("burst", "actor=mallory", time.Duration(seq)*time.Second, seq), hour); err != nil {
							errs <- err
						}
						// ...and every replica raises the same match of another.
						if _, err := s.RaiseAlert(ctx, newAlert("same", "actor=eve", 0, 1000+int64(i)), hour); err != nil {
							errs <- err
						}
					}
				}()
			}
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatalf("concurrent RaiseAlert: %v", err)
		}
		total := int64(len(replicas) * perReplica * each)
		for rule, want := range map[string]int64{"burst": total, "same": each} {
			got, err := h.Store.FindAlerts(ctx, attest.AlertFilter{Rule: rule})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 {
				t.Fatalf("rule %s: %d alerts, want 1", rule, len(got))
			}
			a := alertByID(t, h.Store, got[0].ID)
			if a.Count != want || int64(len(a.Seqs)) != want || a.SeqsDropped != 0 {
				t.Errorf("rule %s: count %d, %d seqs, %d dropped; want %d, %d, 0", rule, a.Count, len(a.Seqs), a.SeqsDropped, want, want)
			}
		}
	})
}
