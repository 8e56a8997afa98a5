package notify_test

import (
	"context"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/notify"
	"github.com/attest-dev/attest/sqlite"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

// clock is a settable clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func openDB(t *testing.T, path string) *sqlite.DB {
	t.Helper()
	db := sqlite.NewDB(path)
	db.Logger = slog.New(slog.DiscardHandler)
	if err := db.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// rig is a dispatcher over a real SQLite queue with one webhook channel
// named "hook" pointing at a loopback recorder.
type rig struct {
	db       *sqlite.DB
	hook     *recorder
	clock    *clock
	d        *notify.Dispatcher
	notifier *notify.Notifier
	metrics  *notify.Metrics
}

func newRig(t *testing.T) *rig {
	t.Helper()
	r := &rig{db: openDB(t, filepath.Join(t.TempDir(), "attest.db")), hook: newRecorder(t), clock: &clock{t: sent}}
	setup := &notify.Setup{
		Endpoints: map[string]notify.Endpoint{
			"hook": {Channel: notify.NewWebhook(r.hook.URL, notify.Literal("k"), nil, r.clock.now), Timeout: 2 * time.Second},
		},
		Router:      &notify.Router{Routes: []notify.Route{{Channels: []string{"hook"}}}},
		AlertURL:    "https://attest.example/alerts/{id}",
		MaxAttempts: 3,
		Backoff:     notify.Backoff{Initial: 30 * time.Second, Max: 10 * time.Minute},
	}
	r.d = notify.NewDispatcher(r.db, setup)
	r.d.Now, r.d.Rand = r.clock.now, rand.New(rand.NewPCG(1, 2))
	r.metrics = notify.NewMetrics(r.db, []string{"hook"})
	r.d.Metrics = r.metrics
	r.notifier = &notify.Notifier{Store: r.db, Router: setup.Router, Now: r.clock.now, Wake: r.d.Wake}
	return r
}

func (r *rig) enqueue(t *testing.T, a *attest.Alert) {
	t.Helper()
	if err := r.notifier.Enqueue(context.Background(), a, attest.NotifyRaised); err != nil {
		t.Fatal(err)
	}
}

func (r *rig) runOnce(t *testing.T) int {
	t.Helper()
	n, err := r.d.RunOnce(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func (r *rig) job(t *testing.T) *attest.Notification {
	t.Helper()
	ns, err := r.db.FindNotifications(context.Background(), attest.NotificationFilter{})
	if err != nil || len(ns) != 1 {
		t.Fatalf("jobs = %v, %v; want one", ns, err)
	}
	return ns[0]
}

func TestDispatcher_RetryThenDeliver(t *testing.T) {
	r := newRig(t)
	r.hook.set(http.StatusServiceUnavailable, "maintenance", nil)
	r.enqueue(t, testAlert())
	if n := r.runOnce(t); n != 1 {
		t.Fatalf("claimed %d, want 1", n)
	}
	j := r.job(t)
	wait := j.NextAttempt.Sub(sent)
	if j.State != attest.NotificationPending || j.LastError != "status 503: maintenance" || wait < 15*time.Second || wait > 30*time.Second {
		t.Fatalf("after a 503: %+v (retry in %v), want pending, the answer kept, a retry in 15s-30s", j, wait)
	}
	// Not due yet: nothing is claimed.
	if n := r.runOnce(t); n != 0 {
		t.Fatalf("claimed %d before the retry is due", n)
	}
	r.hook.set(http.StatusOK, "", nil)
	r.clock.advance(wait)
	if n := r.runOnce(t); n != 1 {
		t.Fatalf("claimed %d when due, want 1", n)
	}
	if j := r.job(t); j.State != attest.NotificationDelivered || j.Attempts != 2 {
		t.Errorf("after the retry: %+v, want delivered at attempt 2", j)
	}
	if reqs := r.hook.got(); len(reqs) != 2 || !strings.Contains(string(reqs[1].body), `"url":"https://attest.example/alerts/42"`) {
		t.Errorf("requests = %d, want 2 carrying the alert's link", len(reqs))
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(r.metrics)
	want := `
# HELP attest_notify_deliveries_total Notifications a channel accepted, by channel.
# TYPE attest_notify_deliveries_total counter
attest_notify_deliveries_total{channel="hook"} 1
# HELP attest_notify_failures_total Failed notification deliveries, by channel and what followed (retry, dead).
# TYPE attest_notify_failures_total counter
attest_notify_failures_total{channel="hook",outcome="dead"} 0
attest_notify_failures_total{channel="hook",outcome="retry"} 1
`
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want), "attest_notify_deliveries_total", "attest_notify_failures_total"); err != nil {
		t.Error(err)
	}
}

func TestDispatcher_DeadLetters(t *testing.T) {
	t.Run("4xx at once, with the answer", func(t *testing.T) {
		r := newRig(t)
		r.hook.set(http.StatusUnprocessableEntity, `{"error":"unknown field alert"}`, nil)
		r.enqueue(t, testAlert())
		r.runOnce(t)
		j := r.job(t)
		if j.State != attest.NotificationDead || j.Attempts != 1 || j.LastError != `status 422: {"error":"unknown field alert"}` {
			t.Fatalf("after a 422: %+v, want dead after one attempt with the answer", j)
		}
		reg := prometheus.NewRegistry()
		reg.MustRegister(r.metrics)
		want := `
# HELP attest_notify_queue Notifications in the queue, by state (pending, delivered, dead).
# TYPE attest_notify_queue gauge
attest_notify_queue{state="dead"} 1
attest_notify_queue{state="delivered"} 0
attest_notify_queue{state="pending"} 0
# HELP attest_notify_failures_total Failed notification deliveries, by channel and what followed (retry, dead).
# TYPE attest_notify_failures_total counter
attest_notify_failures_total{channel="hook",outcome="dead"} 1
attest_notify_failures_total{channel="hook",outcome="retry"} 0
`
		if err := testutil.GatherAndCompare(reg, strings.NewReader(want), "attest_notify_queue", "attest_notify_failures_total"); err != nil {
			t.Error(err)
		}
	})
	t.Run("after MaxAttempts of 5xx", func(t *testing.T) {
		r := newRig(t)
		r.hook.set(http.StatusInternalServerError, "boom", nil)
		r.enqueue(t, testAlert())
		for i := range 3 {
			if n := r.runOnce(t); n != 1 {
				t.Fatalf("attempt %d claimed %d", i+1, n)
			}
			r.clock.advance(time.Hour)
		}
		j := r.job(t)
		if j.State != attest.NotificationDead || j.Attempts != 3 || j.LastError != "gave up after 3 attempts: status 500: boom" {
			t.Fatalf("after 3 failures: %+v, want dead", j)
		}
	})
	t.Run("unknown channel", func(t *testing.T) {
		r := newRig(t)
		if err := r.db.EnqueueNotifications(context.Background(), []*attest.Notification{{AlertID: 1, Channel: "gone", Kind: attest.NotifyRaised, Payload: []byte(`{"id":1}`), Created: r.clock.now()}}); err != nil {
			t.Fatal(err)
		}
		r.clock.advance(time.Hour)
		r.runOnce(t)
		if j := r.job(t); j.State != attest.NotificationDead || !strings.Contains(j.LastError, `"gone" is not configured`) {
			t.Fatalf("job of a removed channel: %+v", j)
		}
	})
}

func TestDispatcher_RetryAfterAndTimeout(t *testing.T) {
	t.Run("Retry-After longer than the backoff", func(t *testing.T) {
		r := newRig(t)
		r.hook.set(http.StatusTooManyRequests, "", http.Header{"Retry-After": {"600"}})
		r.enqueue(t, testAlert())
		r.runOnce(t)
		if j := r.job(t); j.State != attest.NotificationPending || !j.NextAttempt.Equal(sent.Add(600*time.Second)) {
			t.Fatalf("after 429 Retry-After 600: %+v, want a retry at +600s", j)
		}
	})
	t.Run("timeout", func(t *testing.T) {
		r := newRig(t)
		r.hook.delay = 10 * time.Second
		ep := r.d.Endpoints["hook"]
		ep.Timeout = 100 * time.Millisecond
		r.d.Endpoints["hook"] = ep
		r.enqueue(t, testAlert())
		r.runOnce(t)
		if j := r.job(t); j.State != attest.NotificationPending || !strings.Contains(j.LastError, "timeout") {
			t.Fatalf("after a timeout: %+v, want a retry", j)
		}
	})
}

func TestDispatcher_OncePerAlert(t *testing.T) {
	r := newRig(t)
	a := testAlert()
	// The same alert enqueued again (the same events posted twice): one
	// delivery.
	r.enqueue(t, a)
	r.enqueue(t, a)
	r.runOnce(t)
	r.runOnce(t)
	if n := len(r.hook.got()); n != 1 {
		t.Errorf("%d deliveries, want 1", n)
	}
}

func TestDispatcher_ShutdownReleases(t *testing.T) {
	r := newRig(t)
	r.hook.delay = 30 * time.Second
	r.enqueue(t, testAlert())
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		r.d.Run(ctx)
	}()
	// Wait until the delivery is in flight, then stop.
	deadline := time.Now().Add(10 * time.Second)
	for len(r.hook.got()) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("no delivery started")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after its context ended")
	}
	j := r.job(t)
	if j.State != attest.NotificationPending || j.Attempts != 0 || j.ClaimedBy != "" {
		t.Fatalf("after shutdown: %+v, want pending, unclaimed, no attempt counted", j)
	}
	// The next start delivers it.
	r.hook.delay = 0
	r.d.ID = "after-restart"
	if n := r.runOnce(t); n != 1 {
		t.Fatalf("after restart claimed %d", n)
	}
	if j := r.job(t); j.State != attest.NotificationDelivered {
		t.Errorf("after restart: %+v", j)
	}
}

func TestDispatcher_SurvivesRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "attest.db")
	first := openDB(t, path)
	n := &notify.Notifier{Store: first, Router: &notify.Router{Routes: []notify.Route{{Channels: []string{"hook"}}}}}
	if err := n.Enqueue(context.Background(), testAlert(), attest.NotifyRaised); err != nil {
		t.Fatal(err)
	}
	first.Close()

	hook := newRecorder(t)
	db := openDB(t, path)
	d := notify.NewDispatcher(db, &notify.Setup{
		Endpoints:   map[string]notify.Endpoint{"hook": {Channel: notify.NewWebhook(hook.URL, notify.Literal("k"), nil, nil), Timeout: time.Second}},
		MaxAttempts: 3, Backoff: notify.Backoff{Initial: time.Second, Max: time.Second},
	})
	d.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	if got, err := d.RunOnce(context.Background()); err != nil || got != 1 {
		t.Fatalf("RunOnce after reopening = %d, %v; want the queued job", got, err)
	}
	if len(hook.got()) != 1 {
		t.Errorf("%d deliveries, want 1", len(hook.got()))
	}
}

func TestBackoff_Delay(t *testing.T) {
	b := notify.Backoff{Initial: 30 * time.Second, Max: 10 * time.Minute}
	r := rand.New(rand.NewPCG(7, 7))
	for attempts, full := range map[int]time.Duration{1: 30 * time.Second, 2: time.Minute, 3: 2 * time.Minute, 5: 8 * time.Minute, 6: 10 * time.Minute, 40: 10 * time.Minute} {
		seen := map[time.Duration]bool{}
		for range 50 {
			d := b.Delay(attempts, r)
			if d < full/2 || d > full {
				t.Fatalf("Delay(%d) = %v, want within [%v, %v]", attempts, d, full/2, full)
			}
			seen[d] = true
		}
		if len(seen) < 10 {
			t.Errorf("Delay(%d) drew only %d distinct waits in 50: no jitter", attempts, len(seen))
		}
	}
}
