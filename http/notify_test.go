package http_test

import (
	"context"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	attesthttp "github.com/attest-dev/attest/http"
	"github.com/attest-dev/attest/notify"
)

type notificationsJSON struct {
	Notifications []attest.Notification `json:"notifications"`
	NextCursor    string                `json:"next_cursor"`
}

func TestServer_Notifications(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			st := b.open(t)
			queue := st.(attest.NotificationStore)
			e := newEnv(t, st, func(s *attesthttp.Server) { s.Notifications = queue })
			ctx := context.Background()
			var jobs []*attest.Notification
			for i := range 3 {
				jobs = append(jobs, &attest.Notification{AlertID: int64(i + 1), Channel: "slack", Kind: attest.NotifyRaised, Payload: []byte(`{}`), Created: testNow})
			}
			if err := queue.EnqueueNotifications(ctx, jobs); err != nil {
				t.Fatal(err)
			}
			claimed, err := queue.ClaimNotifications(ctx, "test", testNow.Add(time.Hour), time.Minute, 1)
			if err != nil || len(claimed) != 1 {
				t.Fatalf("claim: %v, %v", claimed, err)
			}
			if err := queue.CompleteNotification(ctx, claimed[0].ID, "test", testNow, attest.NotificationResult{
				State: attest.NotificationDead, Error: `status 404: {"error":"no_service"}`}); err != nil {
				t.Fatal(err)
			}

			page := decode[notificationsJSON](t, e.do(t, "GET", "/api/v1/notifications?state=dead", "read", nil), 200)
			if len(page.Notifications) != 1 || page.Notifications[0].ID != claimed[0].ID || page.Notifications[0].LastError != `status 404: {"error":"no_service"}` {
				t.Fatalf("dead letters = %+v", page)
			}
			decode[notificationsJSON](t, e.do(t, "GET", "/api/v1/notifications?state=dead", "admin", nil), 200)
			decode[errorAnswer](t, e.do(t, "GET", "/api/v1/notifications", "ingest", nil), 403)
			decode[errorAnswer](t, e.do(t, "GET", "/api/v1/notifications?state=lost", "read", nil), 400)

			// Pages, newest first.
			first := decode[notificationsJSON](t, e.do(t, "GET", "/api/v1/notifications?limit=2", "read", nil), 200)
			if len(first.Notifications) != 2 || first.NextCursor == "" {
				t.Fatalf("first page = %+v", first)
			}
			rest := decode[notificationsJSON](t, e.do(t, "GET", "/api/v1/notifications?limit=2&cursor="+first.NextCursor, "read", nil), 200)
			if len(rest.Notifications) != 1 || rest.Notifications[0].ID != jobs[0].ID || rest.NextCursor != "" {
				t.Fatalf("second page = %+v", rest)
			}

			path := "/api/v1/notifications/" + itoa(claimed[0].ID) + "/retry"
			decode[errorAnswer](t, e.do(t, "POST", path, "read", nil), 403)
			got := decode[attest.Notification](t, e.do(t, "POST", path, "admin", nil), 200)
			if got.State != attest.NotificationPending || got.Attempts != 0 {
				t.Errorf("retried = %+v", got)
			}
			decode[errorAnswer](t, e.do(t, "POST", path, "admin", nil), 409)
			decode[errorAnswer](t, e.do(t, "POST", "/api/v1/notifications/999999/retry", "admin", nil), 404)
			decode[errorAnswer](t, e.do(t, "POST", "/api/v1/notifications/x/retry", "admin", nil), 400)

			audit := e.allEvents(t, "/api/v1/events?source=attest&action=notification.retry", 100)
			if len(audit) != 1 || audit[0].Actor != "admin" || audit[0].Target != "notification/"+itoa(claimed[0].ID) {
				t.Errorf("audit of the retry = %+v", audit)
			}
		})
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// A channel that is down fills the queue; the server stays ready and
// /metrics shows the failures and the depth.
func TestServer_ReadyWhileChannelDown(t *testing.T) {
	st := backends[0].open(t)
	queue := st.(attest.NotificationStore)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	down := "http://" + ln.Addr().String() + "/hook"
	ln.Close() // nothing listens there any more
	setup := &notify.Setup{
		Endpoints:   map[string]notify.Endpoint{"hook": {Channel: notify.NewWebhook(down, notify.Literal("k"), nil, nil), Timeout: time.Second}},
		Router:      &notify.Router{Routes: []notify.Route{{Channels: []string{"hook"}}}},
		MaxAttempts: 5, Backoff: notify.Backoff{Initial: time.Minute, Max: time.Hour},
	}
	d := notify.NewDispatcher(queue, setup)
	metrics := notify.NewMetrics(queue, []string{"hook"})
	d.Metrics = metrics
	e := newEnv(t, st, func(s *attesthttp.Server) {
		s.Notifications = queue
		s.Collectors = append(s.Collectors, metrics)
	})
	n := &notify.Notifier{Store: queue, Router: setup.Router}
	if err := n.Enqueue(context.Background(), &attest.Alert{ID: 1, Rule: "r", Severity: "high"}, attest.NotifyRaised); err != nil {
		t.Fatal(err)
	}
	if claimed, err := d.RunOnce(context.Background()); err != nil || claimed != 1 {
		t.Fatalf("RunOnce = %d, %v", claimed, err)
	}
	if r := e.do(t, "GET", "/readyz", "", nil); r.status != http.StatusOK {
		t.Fatalf("/readyz with a channel down = %d %s, want 200", r.status, r.body)
	}
	r := e.do(t, "GET", "/metrics", "read", nil)
	for _, want := range []string{
		`attest_notify_failures_total{channel="hook",outcome="retry"} 1`,
		`attest_notify_queue{state="pending"} 1`,
		`attest_notify_deliveries_total{channel="hook"} 0`,
	} {
		if !strings.Contains(string(r.body), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}
