package notify_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/notify"
	"github.com/attest-dev/attest/postgres"
	"github.com/jackc/pgx/v5"
)

// postgresDSN returns the DSN of a fresh schema on the server in
// ATTEST_TEST_POSTGRES, dropped when the test ends.
func postgresDSN(t *testing.T) string {
	t.Helper()
	base := os.Getenv("ATTEST_TEST_POSTGRES")
	if base == "" {
		t.Fatal("ATTEST_TEST_POSTGRES is not set: run `export ATTEST_TEST_POSTGRES=$(scripts/postgres.sh)` from the repository root")
	}
	ctx := context.Background()
	b := make([]byte, 6)
	rand.Read(b)
	schema := "notify_" + hex.EncodeToString(b)
	exec := func(q string) {
		conn, err := pgx.Connect(ctx, base)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec("CREATE SCHEMA " + schema)
	t.Cleanup(func() { exec("DROP SCHEMA " + schema + " CASCADE") })
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func openPostgres(t *testing.T, dsn string) *postgres.DB {
	t.Helper()
	db := postgres.NewDB(dsn)
	db.Logger = slog.New(slog.DiscardHandler)
	if err := db.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestDispatcher_Replicas: two replicas over one PostgreSQL, each with its
// own dispatcher, both enqueueing every alert (as each would when both see
// the alert): every notification reaches the webhook exactly once.
func TestDispatcher_Replicas(t *testing.T) {
	dsn := postgresDSN(t)
	hook := newRecorder(t)
	const alerts = 40
	router := &notify.Router{Routes: []notify.Route{{Channels: []string{"hook"}}}}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var done []chan struct{}
	for range 2 {
		db := openPostgres(t, dsn)
		d := notify.NewDispatcher(db, &notify.Setup{
			Endpoints:   map[string]notify.Endpoint{"hook": {Channel: notify.NewWebhook(hook.URL, notify.Literal("k"), nil, nil), Timeout: 5 * time.Second}},
			MaxAttempts: 3, Backoff: notify.Backoff{Initial: time.Second, Max: time.Second},
		})
		d.Batch, d.Poll = 4, 20*time.Millisecond
		n := &notify.Notifier{Store: db, Router: router, Wake: d.Wake}
		for i := range alerts {
			if err := n.Enqueue(ctx, &attest.Alert{ID: int64(i + 1), Rule: "r", Severity: "high"}, attest.NotifyRaised); err != nil {
				t.Fatal(err)
			}
		}
		ch := make(chan struct{})
		go func() {
			defer close(ch)
			d.Run(ctx)
		}()
		done = append(done, ch)
	}
	for deadline := time.Now().Add(30 * time.Second); len(hook.got()) < alerts; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d deliveries after 30s, want %d", len(hook.got()), alerts)
		}
	}
	// Give a second delivery of anything the time to show up.
	time.Sleep(300 * time.Millisecond)
	cancel()
	for _, ch := range done {
		<-ch
	}
	seen := map[string]int{}
	for _, r := range hook.got() {
		seen[r.header.Get("X-Attest-Delivery")]++
	}
	if len(seen) != alerts || len(hook.got()) != alerts {
		t.Fatalf("%d deliveries of %d notifications, want %d of %d", len(hook.got()), len(seen), alerts, alerts)
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("notification %s delivered %d times", id, n)
		}
	}
}
