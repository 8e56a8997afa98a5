package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/attest-dev/attest"
)

// newNotification returns a job for alert id on channel, of kind raised.
func newNotification(alert int64, channel string) *attest.Notification {
	return &attest.Notification{
		AlertID: alert,
		Channel: channel,
		Kind:    attest.NotifyRaised,
		Payload: []byte(fmt.Sprintf(`{"id":%d,"rule":"aws-cloudtrail-stop-logging"}`, alert)),
		Created: base,
	}
}

func mustEnqueue(t *testing.T, s Store, ns ...*attest.Notification) {
	t.Helper()
	if err := s.EnqueueNotifications(context.Background(), ns); err != nil {
		t.Fatalf("EnqueueNotifications: %v", err)
	}
}

func mustClaim(t *testing.T, s Store, claimer string, now time.Time, limit int) []*attest.Notification {
	t.Helper()
	ns, err := s.ClaimNotifications(context.Background(), claimer, now, time.Minute, limit)
	if err != nil {
		t.Fatalf("ClaimNotifications(%s, %v): %v", claimer, now, err)
	}
	return ns
}

func notificationIDs(ns []*attest.Notification) []int64 {
	out := make([]int64, len(ns))
	for i, n := range ns {
		out[i] = n.ID
	}
	return out
}

func testNotifications(t *testing.T, open func(t *testing.T) *Harness) {
	ctx := context.Background()
	t.Run("EnqueueOnce", func(t *testing.T) {
		s := open(t).Store
		a, b := newNotification(1, "slack"), newNotification(1, "pagerduty")
		mustEnqueue(t, s, a, b)
		if a.ID == 0 || b.ID == 0 || a.ID == b.ID || a.State != attest.NotificationPending {
			t.Fatalf("enqueued %+v and %+v, want distinct ids, pending", a, b)
		}
		// The same alert, channel and kind again (the same events posted
		// twice, or another replica): no second job.
		again := newNotification(1, "slack")
		resolved := newNotification(1, "slack")
		resolved.Kind = attest.NotifyResolved
		mustEnqueue(t, s, again, resolved)
		if again.ID != a.ID {
			t.Errorf("enqueue again: id %d, want the stored %d", again.ID, a.ID)
		}
		if resolved.ID == a.ID {
			t.Errorf("the resolve job took the raise job's id")
		}
		all, err := s.FindNotifications(ctx, attest.NotificationFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 3 {
			t.Fatalf("FindNotifications = %d jobs, want 3", len(all))
		}
		if all[0].ID < all[1].ID {
			t.Errorf("FindNotifications not newest first: %v", notificationIDs(all))
		}
		got, err := s.FindNotifications(ctx, attest.NotificationFilter{Channel: "slack", Limit: 1})
		if err != nil || len(got) != 1 || got[0].ID != resolved.ID {
			t.Errorf("FindNotifications(slack, limit 1) = %v, %v; want [%d]", notificationIDs(got), err, resolved.ID)
		}
		got, err = s.FindNotifications(ctx, attest.NotificationFilter{BeforeID: resolved.ID, AlertID: 1})
		if err != nil || len(got) != 2 {
			t.Errorf("FindNotifications(before %d) = %v, %v; want 2 jobs", resolved.ID, notificationIDs(got), err)
		}
		if string(got[1].Payload) != string(a.Payload) || !got[1].Created.Equal(base) {
			t.Errorf("stored job = %+v (payload %s), want payload %s created %v", got[1], got[1].Payload, a.Payload, base)
		}
		bad := newNotification(2, "slack")
		bad.Kind = "alert.exploded"
		if err := s.EnqueueNotifications(ctx, []*attest.Notification{newNotification(2, "slack"), bad}); attest.ErrorCode(err) != attest.EINVALID {
			t.Errorf("enqueue of an unknown kind = %v, want EINVALID", err)
		}
		if got, _ := s.FindNotifications(ctx, attest.NotificationFilter{AlertID: 2}); len(got) != 0 {
			t.Errorf("a refused batch stored %d jobs", len(got))
		}
	})

	t.Run("ClaimAndComplete", func(t *testing.T) {
		s := open(t).Store
		now := base.Add(time.Hour)
		early, late := newNotification(1, "webhook"), newNotification(2, "webhook")
		late.NextAttempt = now.Add(time.Minute)
		mustEnqueue(t, s, late, early)

		got := mustClaim(t, s, "a", now, 10)
		if len(got) != 1 || got[0].ID != early.ID || got[0].Attempts != 1 || got[0].ClaimedBy != "a" ||
			!got[0].LeaseUntil.Equal(now.Add(time.Minute)) {
			t.Fatalf("claim = %+v, want only the due job, attempt 1, leased to a for a minute", got)
		}
		if again := mustClaim(t, s, "b", now.Add(30*time.Second), 10); len(again) != 0 {
			t.Fatalf("claim while the lease holds = %v, want nothing", notificationIDs(again))
		}
		// A failure to deliver: retried later, with the reason kept.
		if err := s.CompleteNotification(ctx, early.ID, "a", now, attest.NotificationResult{
			State: attest.NotificationPending, RetryAt: now.Add(2 * time.Minute), Error: "503 Service Unavailable: try later",
		}); err != nil {
			t.Fatalf("CompleteNotification(retry): %v", err)
		}
		if err := s.CompleteNotification(ctx, early.ID, "a", now, attest.NotificationResult{State: attest.NotificationDelivered}); attest.ErrorCode(err) != attest.ECONFLICT {
			t.Errorf("completing a job no longer held = %v, want ECONFLICT", err)
		}
		if err := s.CompleteNotification(ctx, 9999, "a", now, attest.NotificationResult{State: attest.NotificationDelivered}); attest.ErrorCode(err) != attest.ENOTFOUND {
			t.Errorf("completing an unknown job = %v, want ENOTFOUND", err)
		}
		got = mustClaim(t, s, "a", now.Add(time.Minute), 10)
		if len(got) != 1 || got[0].ID != late.ID {
			t.Fatalf("claim at +1m = %v, want only %d", notificationIDs(got), late.ID)
		}
		if err := s.CompleteNotification(ctx, late.ID, "a", now, attest.NotificationResult{State: attest.NotificationDead, Error: "404 Not Found: no such hook"}); err != nil {
			t.Fatal(err)
		}
		got = mustClaim(t, s, "a", now.Add(2*time.Minute), 10)
		if len(got) != 1 || got[0].ID != early.ID || got[0].Attempts != 2 || got[0].LastError != "503 Service Unavailable: try later" {
			t.Fatalf("claim at +2m = %+v, want the retried job, attempt 2, its last error", got)
		}
		if err := s.CompleteNotification(ctx, early.ID, "a", now, attest.NotificationResult{State: attest.NotificationDelivered}); err != nil {
			t.Fatal(err)
		}
		if more := mustClaim(t, s, "a", now.Add(time.Hour), 10); len(more) != 0 {
			t.Errorf("delivered and dead jobs claimed again: %v", notificationIDs(more))
		}
		counts, err := s.NotificationCounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]int64{attest.NotificationPending: 0, attest.NotificationDelivered: 1, attest.NotificationDead: 1}
		for k, v := range want {
			if counts[k] != v {
				t.Errorf("NotificationCounts = %v, want %v", counts, want)
				break
			}
		}
		dead, err := s.FindNotifications(ctx, attest.NotificationFilter{State: attest.NotificationDead})
		if err != nil || len(dead) != 1 || dead[0].ID != late.ID || dead[0].LastError != "404 Not Found: no such hook" || dead[0].ClaimedBy != "" {
			t.Errorf("dead jobs = %+v, %v; want %d with its answer, unclaimed", dead, err, late.ID)
		}
	})

	t.Run("Release", func(t *testing.T) {
		s := open(t).Store
		n := newNotification(1, "email")
		mustEnqueue(t, s, n)
		now := base.Add(time.Hour)
		mustClaim(t, s, "a", now, 1)
		// A dispatcher that stops before finishing gives the job back:
		// claimable at once, the attempt not counted.
		if err := s.CompleteNotification(ctx, n.ID, "a", now, attest.NotificationResult{Released: true}); err != nil {
			t.Fatal(err)
		}
		got := mustClaim(t, s, "b", now, 1)
		if len(got) != 1 || got[0].Attempts != 1 {
			t.Fatalf("claim after release = %+v, want the job at attempt 1", got)
		}
	})

	t.Run("LeaseExpires", func(t *testing.T) {
		h := open(t)
		s := h.Store
		n := newNotification(1, "pagerduty")
		mustEnqueue(t, s, n)
		now := base.Add(time.Hour)
		if got := mustClaim(t, s, "crashed", now, 1); len(got) != 1 {
			t.Fatalf("first claim = %v", notificationIDs(got))
		}
		// The claimer dies holding the job; once its lease has passed,
		// another process takes it.
		other := h.Reopen(t)
		if got := mustClaim(t, other, "survivor", now.Add(59*time.Second), 1); len(got) != 0 {
			t.Fatalf("claimed before the lease passed: %v", notificationIDs(got))
		}
		got := mustClaim(t, other, "survivor", now.Add(time.Minute), 1)
		if len(got) != 1 || got[0].ID != n.ID || got[0].Attempts != 2 || got[0].ClaimedBy != "survivor" {
			t.Fatalf("claim after the lease = %+v, want the job at attempt 2 for survivor", got)
		}
		if err := s.CompleteNotification(ctx, n.ID, "crashed", now.Add(time.Minute), attest.NotificationResult{State: attest.NotificationDelivered}); attest.ErrorCode(err) != attest.ECONFLICT {
			t.Errorf("the late claimer completed a job it lost = %v, want ECONFLICT", err)
		}
		if err := other.CompleteNotification(ctx, n.ID, "survivor", now.Add(time.Minute), attest.NotificationResult{State: attest.NotificationDelivered}); err != nil {
			t.Errorf("survivor: %v", err)
		}
	})

	t.Run("ClaimRace", func(t *testing.T) {
		h := open(t)
		const jobs = 60
		var ns []*attest.Notification
		for i := range jobs {
			ns = append(ns, newNotification(int64(i+1), "webhook"))
		}
		mustEnqueue(t, h.Store, ns...)
		now := base.Add(time.Hour)
		stores := []Store{h.Store, h.Reopen(t)}
		var mu sync.Mutex
		claimed := map[int64]string{}
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for w := range 4 {
			wg.Go(func() {
				s, name := stores[w%2], fmt.Sprintf("claimer-%d", w)
				for {
					got, err := s.ClaimNotifications(ctx, name, now, time.Minute, 3)
					if err != nil {
						errs <- err
						return
					}
					if len(got) == 0 {
						return
					}
					mu.Lock()
					for _, n := range got {
						if prev, ok := claimed[n.ID]; ok {
							errs <- fmt.Errorf("job %d claimed by %s and %s", n.ID, prev, name)
						}
						claimed[n.ID] = name
					}
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		if len(claimed) != jobs {
			t.Errorf("%d jobs claimed, want %d", len(claimed), jobs)
		}
	})

	t.Run("ResolveAfterRaise", func(t *testing.T) { testResolveAfterRaise(t, open) })

	t.Run("RetryDead", func(t *testing.T) {
		s := open(t).Store
		n := newNotification(1, "slack")
		mustEnqueue(t, s, n)
		now := base.Add(time.Hour)
		mustClaim(t, s, "a", now, 1)
		record := func() *attest.Event {
			return &attest.Event{Time: now, Source: "attest", Actor: "admin-alice", Action: "notification.retry",
				Target: fmt.Sprintf("notification/%d", n.ID), Outcome: attest.OutcomeSuccess, Raw: []byte(`{"action":"notification.retry"}`)}
		}
		if _, err := s.RetryNotification(ctx, n.ID, now, record()); attest.ErrorCode(err) != attest.ECONFLICT {
			t.Errorf("retry of a pending job = %v, want ECONFLICT", err)
		}
		if _, err := s.RetryNotification(ctx, 9999, now, record()); attest.ErrorCode(err) != attest.ENOTFOUND {
			t.Errorf("retry of an unknown job = %v, want ENOTFOUND", err)
		}
		if err := s.CompleteNotification(ctx, n.ID, "a", now, attest.NotificationResult{State: attest.NotificationDead, Error: "410 Gone"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RetryNotification(ctx, n.ID, now, nil); attest.ErrorCode(err) != attest.EINVALID {
			t.Errorf("retry without an audit record = %v, want EINVALID", err)
		}
		rec := record()
		got, err := s.RetryNotification(ctx, n.ID, now.Add(time.Minute), rec)
		if err != nil {
			t.Fatalf("RetryNotification: %v", err)
		}
		if got.State != attest.NotificationPending || got.Attempts != 0 || !got.NextAttempt.Equal(now.Add(time.Minute)) || got.LastError != "410 Gone" {
			t.Errorf("retried job = %+v, want pending, 0 attempts, due at +1m, the last error kept", got)
		}
		stored, err := s.EventBySeq(ctx, rec.Seq)
		if err != nil || stored.Actor != "admin-alice" || stored.Action != "notification.retry" {
			t.Errorf("audit record of the retry = %+v, %v; want by admin-alice", stored, err)
		}
		if c := mustClaim(t, s, "b", now.Add(time.Minute), 1); len(c) != 1 || c[0].ID != n.ID {
			t.Errorf("the retried job is not claimable: %v", notificationIDs(c))
		}
	})
}

func testResolveAfterRaise(t *testing.T, open func(t *testing.T) *Harness) {
	ctx := context.Background()
	s := open(t).Store
	raise := newNotification(1, "pagerduty")
	resolve := newNotification(1, "pagerduty")
	resolve.Kind = attest.NotifyResolved
	other := newNotification(1, "slack")
	other.Kind = attest.NotifyResolved
	mustEnqueue(t, s, raise, resolve, other)
	now := base.Add(time.Hour)
	got := mustClaim(t, s, "a", now, 10)
	if len(got) != 2 || got[0].ID != raise.ID || got[1].ID != other.ID {
		t.Fatalf("claimed %v, want the raise %d and the other channel's resolve %d, not the resolve %d behind its raise",
			notificationIDs(got), raise.ID, other.ID, resolve.ID)
	}
	if err := s.CompleteNotification(ctx, other.ID, "a", now, attest.NotificationResult{State: attest.NotificationDelivered}); err != nil {
		t.Fatal(err)
	}
	if err := s.CompleteNotification(ctx, raise.ID, "a", now, attest.NotificationResult{State: attest.NotificationPending, RetryAt: now.Add(time.Minute), Error: "503"}); err != nil {
		t.Fatal(err)
	}
	if got := mustClaim(t, s, "a", now.Add(30*time.Second), 10); len(got) != 0 {
		t.Fatalf("claimed %v while the raise waits for its retry", notificationIDs(got))
	}
	got = mustClaim(t, s, "a", now.Add(time.Minute), 10)
	if len(got) != 1 || got[0].ID != raise.ID {
		t.Fatalf("claimed %v, want the raise again", notificationIDs(got))
	}
	if err := s.CompleteNotification(ctx, raise.ID, "a", now, attest.NotificationResult{State: attest.NotificationDelivered}); err != nil {
		t.Fatal(err)
	}
	if got := mustClaim(t, s, "a", now.Add(time.Minute), 10); len(got) != 1 || got[0].ID != resolve.ID {
		t.Fatalf("claimed %v after the raise was delivered, want the resolve %d", notificationIDs(got), resolve.ID)
	}
}
