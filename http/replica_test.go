package http_test

import (
	"context"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	attesthttp "github.com/attest-dev/attest/http"
	"github.com/attest-dev/attest/sqlite"
	"github.com/google/go-cmp/cmp"
)

// swapDB is a SQLite store whose handle a test can close and replace, as an
// operator restarting the database file's host would.
type swapDB struct {
	cur atomic.Pointer[sqlite.DB]
}

func (s *swapDB) AppendEvents(ctx context.Context, ev []*attest.Event) error {
	return s.cur.Load().AppendEvents(ctx, ev)
}

func (s *swapDB) FindEvents(ctx context.Context, f attest.EventFilter) ([]*attest.Event, error) {
	return s.cur.Load().FindEvents(ctx, f)
}

func (s *swapDB) EventBySeq(ctx context.Context, seq int64) (*attest.Event, error) {
	return s.cur.Load().EventBySeq(ctx, seq)
}

func (s *swapDB) CreateToken(ctx context.Context, t *attest.Token, h []byte, record *attest.Event) error {
	return s.cur.Load().CreateToken(ctx, t, h, record)
}

func (s *swapDB) TokenBySecretHash(ctx context.Context, h []byte) (*attest.Token, error) {
	return s.cur.Load().TokenBySecretHash(ctx, h)
}

func (s *swapDB) Ping(ctx context.Context) error { return s.cur.Load().Ping(ctx) }

// checkDown checks that the server refuses ingest with 503 and is not ready.
func checkDown(t *testing.T, e *env) {
	t.Helper()
	r := e.do(t, "POST", "/api/v1/ingest/falco", "ingest", fixture(t, "falco-alert.json"))
	if r.status != 503 {
		t.Fatalf("ingest with the database gone: %d %s, want 503", r.status, r.body)
	}
	if r := e.do(t, "GET", "/readyz", "", nil); r.status != 503 {
		t.Errorf("readyz with the database gone: %d, want 503", r.status)
	}
	if r := e.do(t, "GET", "/healthz", "", nil); r.status != 200 {
		t.Errorf("healthz with the database gone: %d, want 200", r.status)
	}
}

// checkBack waits until ingest works again and checks that every event
// accepted before is still there, numbered without gaps.
func checkBack(t *testing.T, e *env, before int) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		r := e.do(t, "POST", "/api/v1/ingest/falco", "ingest", fixture(t, "falco-alert.json"))
		if r.status == 200 {
			break
		}
		if r.status != 503 || time.Now().After(deadline) {
			t.Fatalf("ingest after recovery: %d %s", r.status, r.body)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if r := e.do(t, "GET", "/readyz", "", nil); r.status != 200 {
		t.Errorf("readyz after recovery: %d", r.status)
	}
	all := e.allEvents(t, "/api/v1/events?", 1000)
	if len(all) != before+1 {
		t.Errorf("%d events after recovery, want the %d from before and 1 new", len(all), before)
	}
	for i, ev := range all {
		if ev.Seq != int64(i) {
			t.Fatalf("event %d has seq %d", i, ev.Seq)
		}
	}
}

// TestServer_DatabaseGone takes the database away under a running server:
// ingest answers 503 (never 200) and /readyz fails, and once the database is
// back both recover with nothing lost.
func TestServer_DatabaseGone(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "attest.db")
		sw := &swapDB{}
		sw.cur.Store(openSQLite(t, path))
		e := newEnv(t, sw, realNormalisers)
		decode[ingestAnswer](t, e.do(t, "POST", "/api/v1/ingest/k8s-audit", "ingest", fixture(t, "k8s-audit-eventlist.json")), 200)
		before := len(e.allEvents(t, "/api/v1/events?", 1000))

		sw.cur.Load().Close()
		checkDown(t, e)
		sw.cur.Store(openSQLite(t, path))
		checkBack(t, e, before)
	})
	t.Run("postgres", func(t *testing.T) {
		dsn := postgresDSN(t)
		st := openPostgres(t, dsn)
		e := newEnv(t, st, realNormalisers)
		decode[ingestAnswer](t, e.do(t, "POST", "/api/v1/ingest/k8s-audit", "ingest", fixture(t, "k8s-audit-eventlist.json")), 200)
		before := len(e.allEvents(t, "/api/v1/events?", 1000))

		// Refuse new connections to the database and cut the open ones.
		dbName := dsnDatabase(t, dsn)
		base := postgresBase(t)
		adminExec(t, base,
			"ALTER DATABASE "+dbName+" ALLOW_CONNECTIONS false",
			"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"+dbName+"' AND pid <> pg_backend_pid()")
		checkDown(t, e)
		adminExec(t, base, "ALTER DATABASE "+dbName+" ALLOW_CONNECTIONS true")
		checkBack(t, e, before)
	})
}

// TestServer_Replicas runs two servers on two loopback ports over one
// PostgreSQL database. Clients send to both at once; both then answer with
// the same events in the same order, numbered without gaps.
func TestServer_Replicas(t *testing.T) {
	dsn := postgresDSN(t)
	a := newEnv(t, openPostgres(t, dsn), realNormalisers)
	// The second replica shares the database and so the tokens: reuse a's.
	b := &env{srv: attesthttp.NewServer(), secrets: a.secrets, client: a.client}
	st := openPostgres(t, dsn)
	b.srv.Addr, b.srv.Events, b.srv.Tokens = "127.0.0.1:0", st, st
	b.srv.Now = a.srv.Now
	realNormalisers(b.srv)
	if err := b.srv.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.srv.Close() })
	b.url = b.srv.URL()
	if a.url == b.url {
		t.Fatal("both replicas on one address")
	}

	payloads := []struct{ path, file string }{
		{"/api/v1/ingest/k8s-audit", "k8s-audit-eventlist.json"},
		{"/api/v1/ingest/falco", "falco-alert.json"},
		{"/api/v1/ingest/cloudtrail", "cloudtrail-log.json.gz"},
		{"/api/v1/ingest/okta", "okta-systemlog.json"},
	}
	// Every payload is sent several times, to both replicas at once: each
	// record is stored once, and every sending of a payload is acknowledged
	// with the same seqs.
	const workers, rounds = 6, 8
	var wg sync.WaitGroup
	var mu sync.Mutex
	acks := map[string][]int64{}
	for w := range workers {
		wg.Go(func() {
			e := []*env{a, b}[w%2]
			for i := range rounds {
				p := payloads[(w+i)%len(payloads)]
				r := e.do(t, "POST", p.path, "ingest", fixture(t, p.file))
				if r.status != 200 {
					t.Errorf("worker %d: %s: %d %s", w, p.file, r.status, r.body)
					return
				}
				ack := decode[ingestAnswer](t, r, 200)
				seqs := ack.Seqs
				if ack.Duplicates == 0 {
					for s := *ack.FirstSeq; s <= *ack.LastSeq; s++ {
						seqs = append(seqs, s)
					}
				}
				mu.Lock()
				if prev, ok := acks[p.file]; ok && !slices.Equal(prev, seqs) {
					t.Errorf("%s acknowledged with seqs %v, before with %v", p.file, seqs, prev)
				}
				acks[p.file] = seqs
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if t.Failed() {
		return
	}

	fromA := a.allEvents(t, "/api/v1/events?", 500)
	fromB := b.allEvents(t, "/api/v1/events?", 333)
	if diff := cmp.Diff(fromA, fromB); diff != "" {
		t.Fatalf("replicas disagree (-a +b):\n%s", diff)
	}
	accepted := 0
	for _, seqs := range acks {
		accepted += len(seqs)
	}
	const tokenEvents = 4
	if len(fromA) != accepted+tokenEvents {
		t.Errorf("%d events, want %d records of %d payloads and %d token creations", len(fromA), accepted, len(acks), tokenEvents)
	}
	for i, ev := range fromA {
		if ev.Seq != int64(i) {
			t.Fatalf("event %d has seq %d: want no gaps", i, ev.Seq)
		}
	}
	// Each payload's records have seqs of their own.
	seen := map[int64]bool{}
	for file, seqs := range acks {
		for _, s := range seqs {
			if seen[s] {
				t.Fatalf("%s: seq %d acknowledged for another payload too", file, s)
			}
			seen[s] = true
		}
	}
	t.Logf("%d batches, %d events over two replicas", len(acks), accepted)
}
