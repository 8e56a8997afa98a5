package alerting_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/alerting"
	"github.com/attest-dev/attest/detect"
	"github.com/attest-dev/attest/ingest/source"
	"github.com/attest-dev/attest/postgres"
	"github.com/attest-dev/attest/sqlite"
	"github.com/jackc/pgx/v5"
	"github.com/prometheus/client_golang/prometheus"
)

// store is what the worker needs of a backend, and its window.
type store interface {
	attest.EventStore
	attest.AlertStore
	attest.EvalCursor
	window() detect.Window
}

type sqliteStore struct{ *sqlite.DB }

func (s sqliteStore) window() detect.Window { return s.Window() }

type postgresStore struct{ *postgres.DB }

func (s postgresStore) window() detect.Window { return s.Window() }

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// backends open a fresh store; the second call of the returned function
// opens another handle on the same database (a restart, a replica).
var backends = []struct {
	name string
	open func(t *testing.T) func() store
}{
	{"sqlite", func(t *testing.T) func() store {
		path := filepath.Join(t.TempDir(), "attest.db")
		return func() store {
			db := sqlite.NewDB(path)
			db.Logger = quiet
			if err := db.Open(context.Background()); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			return sqliteStore{db}
		}
	}},
	{"postgres", func(t *testing.T) func() store {
		dsn := postgresDSN(t)
		return func() store {
			db := postgres.NewDB(dsn)
			db.Logger = quiet
			if err := db.Open(context.Background()); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			return postgresStore{db}
		}
	}},
}

// postgresDSN returns the URL of a fresh schema on ATTEST_TEST_POSTGRES,
// dropped at the end of the test.
func postgresDSN(t *testing.T) string {
	t.Helper()
	base := os.Getenv("ATTEST_TEST_POSTGRES")
	if base == "" {
		t.Fatal("ATTEST_TEST_POSTGRES is not set: run `export ATTEST_TEST_POSTGRES=$(scripts/postgres.sh)` from the repository root")
	}
	ctx := context.Background()
	b := make([]byte, 6)
	rand.Read(b)
	schema := "alerting_" + hex.EncodeToString(b)
	exec := func(q string) {
		conn, err := pgx.Connect(ctx, base)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, q); err != nil {
			t.Fatal(err)
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

// ingest reads a file of the shared testdata as the ingest endpoint would
// and stores its events.
func ingest(t *testing.T, s attest.EventStore, file string, edit ...func([]byte) []byte) []*attest.Event {
	t.Helper()
	body, err := os.ReadFile(filepath.Join("../testdata/events", file))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range edit {
		body = e(body)
	}
	events, err := source.Read("", body)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AppendEvents(context.Background(), events); err != nil {
		t.Fatal(err)
	}
	return events
}

func newWorker(t *testing.T, s store, w detect.Window) *alerting.Worker {
	t.Helper()
	set, err := detect.LoadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	if w == nil {
		w = s.window()
	}
	wk := alerting.NewWorker(detect.NewEngine(set, detect.Options{Window: w, Logger: quiet}), s, s, s)
	wk.Logger = quiet
	return wk
}

// drain steps the worker until the log is evaluated and returns the
// events it evaluated.
func drain(t *testing.T, w *alerting.Worker) int {
	t.Helper()
	total := 0
	for {
		n, err := w.Step(context.Background())
		if err != nil {
			t.Fatalf("Step: %v", err)
		}
		if n == 0 {
			return total
		}
		total += n
	}
}

// alertCounts returns each alert's count by rule and group.
func alertCounts(t *testing.T, s attest.AlertStore) map[string]int64 {
	t.Helper()
	alerts, err := s.FindAlerts(context.Background(), attest.AlertFilter{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for _, a := range alerts {
		full, err := s.AlertByID(context.Background(), a.ID)
		if err != nil {
			t.Fatal(err)
		}
		key := a.Rule + " " + a.Group
		if _, ok := out[key]; ok {
			t.Errorf("two alerts of %s", key)
		}
		out[key] = full.Count*1000 + int64(len(full.Seqs))
	}
	return out
}

// wantAlerts are the alerts of cloudtrail-stoplogging.json (two StopLogging
// by mallory) and cloudtrail-console-failures.json (five failed sign-ins
// by bob in five minutes), as count*1000 + seqs.
var wantAlerts = map[string]int64{
	"aws-cloudtrail-tampering actor=arn:aws:iam::111122223333:user/mallory,target=arn:aws:cloudtrail:eu-west-1:111122223333:trail/main": 2002,
	"aws-console-login-failures userIdentity.userName=bob":                                                                              1005,
}

func equalCounts(t *testing.T, what string, got, want map[string]int64) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: alerts %v, want %v", what, got, want)
		return
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: alerts %v, want %v", what, got, want)
			return
		}
	}
}

func lag(t *testing.T, s attest.EvalCursor) int64 {
	t.Helper()
	n, err := s.EvalLag(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestWorker_Step(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			open := b.open(t)
			s := open()
			ingest(t, s, "cloudtrail-stoplogging.json")
			ingest(t, s, "cloudtrail-console-failures.json")
			if n := lag(t, s); n != 8 {
				t.Errorf("lag before evaluation %d, want 8", n)
			}
			w := newWorker(t, s, nil)
			var raised []*attest.Alert
			w.AfterRaise = func(a *attest.Alert, created bool) { raised = append(raised, a) }
			if n := drain(t, w); n != 8 {
				t.Errorf("evaluated %d events, want 8", n)
			}
			equalCounts(t, "after evaluation", alertCounts(t, s), wantAlerts)
			if len(raised) != 3 || raised[0].Severity != "critical" || raised[0].Hint == "" || raised[0].Controls["soc2"] == nil {
				t.Errorf("AfterRaise saw %d alerts (want 3), first %+v", len(raised), raised[0])
			}
			if n := lag(t, s); n != 0 {
				t.Errorf("lag after evaluation %d, want 0", n)
			}
			// A restart (new handle, new engine) evaluates nothing again...
			s2 := open()
			w2 := newWorker(t, s2, nil)
			if n := drain(t, w2); n != 0 {
				t.Errorf("after a restart: evaluated %d events again", n)
			}
			// ...and evaluates what is stored next: another StopLogging.
			ingest(t, s2, "cloudtrail-stoplogging.json", func(b []byte) []byte {
				return bytes.ReplaceAll(b, []byte(`"9b1f3c7e-0000`), []byte(`"9b1f3c7e-1111`))
			})
			if n := drain(t, w2); n != 3 {
				t.Errorf("evaluated %d new events, want 3", n)
			}
			want := map[string]int64{}
			for k, v := range wantAlerts {
				want[k] = v
			}
			want["aws-cloudtrail-tampering actor=arn:aws:iam::111122223333:user/mallory,target=arn:aws:cloudtrail:eu-west-1:111122223333:trail/main"] = 4004
			equalCounts(t, "after more events", alertCounts(t, s), want)
		})
	}
}

// TestWorker_crash stops a worker in the middle of a claim, as a crash
// would: another worker takes the claim over once its lease ends and the
// alerts come out as if nothing had happened.
func TestWorker_crash(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			open := b.open(t)
			s := open()
			ingest(t, s, "cloudtrail-stoplogging.json")
			ingest(t, s, "cloudtrail-console-failures.json")
			dying := newWorker(t, s, nil)
			dying.Lease = time.Millisecond
			ctx, cancel := context.WithCancel(context.Background())
			dying.AfterRaise = func(*attest.Alert, bool) { cancel() } // dies after its first alert
			if _, err := dying.Step(ctx); err == nil {
				t.Fatal("the dying worker finished its claim")
			}
			if got := alertCounts(t, s); len(got) != 1 {
				t.Fatalf("after the crash: %v, want the first alert only", got)
			}
			time.Sleep(5 * time.Millisecond)
			// The same handle goes on after the cancelled calls, and so does
			// another (a replica).
			if _, err := newWorker(t, s, nil).Step(context.Background()); err != nil {
				t.Fatalf("the same handle after the crash: %v", err)
			}
			w := newWorker(t, open(), nil)
			drain(t, w)
			equalCounts(t, "after the takeover", alertCounts(t, s), wantAlerts)
		})
	}
}

// failingWindow is a correlation window whose database is gone.
type failingWindow struct{}

func (failingWindow) Observe(string, detect.Observation, time.Duration, func([]detect.Observation) bool) ([]detect.Observation, bool, error) {
	return nil, false, errors.New("window store down")
}

// TestWorker_ruleErrors checks that rules failing at runtime are counted
// and the others go on: a correlation whose window cannot be updated, and
// an event whose record is not JSON.
func TestWorker_ruleErrors(t *testing.T) {
	open := backends[0].open(t)
	s := open()
	ingest(t, s, "cloudtrail-stoplogging.json")
	if err := s.AppendEvents(context.Background(), []*attest.Event{{Time: time.Now(), Source: "cloudtrail", Raw: []byte("not json")}}); err != nil {
		t.Fatal(err)
	}
	ingest(t, s, "cloudtrail-console-failures.json")
	w := newWorker(t, s, failingWindow{})
	if n := drain(t, w); n != 9 {
		t.Fatalf("evaluated %d events, want 9", n)
	}
	got := alertCounts(t, s)
	if len(got) != 1 {
		t.Errorf("alerts %v, want only the tampering one (the correlation cannot count)", got)
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(w)
	m := gather(t, reg)
	for name, want := range map[string]float64{
		`attest_detect_rule_errors_total{rule="aws-console-login-failures"}`: 5,
		`attest_detect_rule_errors_total{rule="aws-cloudtrail-tampering"}`:   0,
		`attest_detect_matches_total{rule="aws-cloudtrail-tampering"}`:       2,
		`attest_detect_event_errors_total`:                                   1,
		`attest_detect_events_total`:                                         9,
		`attest_detect_alert_matches_total{result="opened"}`:                 1,
		`attest_detect_alert_matches_total{result="joined"}`:                 1,
		`attest_detect_lag_events`:                                           0,
		`attest_detect_evaluation_seconds_count`:                             9,
		`attest_detect_delay_seconds_count`:                                  9,
	} {
		if v, ok := m[name]; !ok || v != want {
			t.Errorf("%s = %v (present %v), want %v", name, v, ok, want)
		}
	}
}

// gather returns every sample of the registry by its name and labels.
func gather(t *testing.T, reg *prometheus.Registry) map[string]float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, mf := range mfs {
		for _, m := range mf.GetMetric() {
			name := mf.GetName()
			if len(m.GetLabel()) > 0 {
				name += "{"
				for i, l := range m.GetLabel() {
					if i > 0 {
						name += ","
					}
					name += l.GetName() + `="` + l.GetValue() + `"`
				}
				name += "}"
			}
			switch {
			case m.Counter != nil:
				out[name] = m.GetCounter().GetValue()
			case m.Gauge != nil:
				out[name] = m.GetGauge().GetValue()
			case m.Histogram != nil:
				out[name+"_count"] = float64(m.GetHistogram().GetSampleCount())
			}
		}
	}
	return out
}

func TestReplay_Run(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			open := b.open(t)
			s := open()
			ingest(t, s, "cloudtrail-stoplogging.json")
			ingest(t, s, "cloudtrail-console-failures.json")
			set, err := detect.LoadBuiltin()
			if err != nil {
				t.Fatal(err)
			}
			replay := func() alerting.ReplayResult {
				t.Helper()
				r := &alerting.Replay{Engine: detect.NewEngine(set, detect.Options{}), Events: s, Alerts: s, Page: 3, Logger: quiet}
				res, err := r.Run(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				return res
			}
			res := replay()
			if res.Events != 8 || res.Matches != 3 || res.New != 3 || res.Opened != 2 {
				t.Errorf("first replay: %+v", res)
			}
			equalCounts(t, "after a replay", alertCounts(t, s), wantAlerts)
			// Replaying twice raises nothing new.
			if res := replay(); res.Events != 8 || res.Matches != 3 || res.New != 0 || res.Opened != 0 {
				t.Errorf("second replay: %+v", res)
			}
			// Nor does the live worker over the same events.
			drain(t, newWorker(t, s, nil))
			equalCounts(t, "after the worker", alertCounts(t, s), wantAlerts)
			// Since skips what happened before it.
			r := &alerting.Replay{Engine: detect.NewEngine(set, detect.Options{}), Events: s, Alerts: s,
				Since: time.Date(2026, 3, 1, 11, 0, 0, 0, time.UTC), Logger: quiet}
			if res, err := r.Run(context.Background()); err != nil || res.Events != 5 {
				t.Errorf("replay since 11:00: %+v, %v; want the 5 sign-ins", res, err)
			}
		})
	}
}

// TestWorker_pages evaluates a claim in several reads when its records are
// large, and skips none.
func TestWorker_pages(t *testing.T) {
	s := backends[0].open(t)()
	big := make([]*attest.Event, 5)
	pad := strings.Repeat("x", 12<<20)
	for i := range big {
		big[i] = &attest.Event{Time: time.Date(2026, 3, 1, 10, 0, i, 0, time.UTC), Source: "cloudtrail",
			Raw: []byte(`{"eventSource":"cloudtrail.amazonaws.com","eventName":"StopLogging","pad":"` + pad + `"}`)}
	}
	if err := s.AppendEvents(context.Background(), big); err != nil {
		t.Fatal(err)
	}
	w := newWorker(t, s, nil)
	if n := drain(t, w); n != 5 {
		t.Fatalf("evaluated %d, want 5", n)
	}
	alerts, err := s.FindAlerts(context.Background(), attest.AlertFilter{Rule: "aws-cloudtrail-tampering"})
	if err != nil || len(alerts) != 1 || alerts[0].Count != 5 {
		t.Errorf("alerts %+v, %v; want one of count 5", alerts, err)
	}
}

// countingEvents records the reads of the worker from the store.
type countingEvents struct {
	attest.EventStore
	reads []attest.EventFilter
}

func (c *countingEvents) FindEvents(ctx context.Context, f attest.EventFilter) ([]*attest.Event, error) {
	c.reads = append(c.reads, f)
	return c.EventStore.FindEvents(ctx, f)
}

// TestWorker_Stored hands the worker some ingest batches as they are
// stored (as attest serve does) and not others: it evaluates the ones
// handed over without reading them from the store, reads the others, leaves
// repeats out, and raises the same alerts as a worker that reads
// everything.
func TestWorker_Stored(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			s := b.open(t)()
			w := newWorker(t, s, nil)
			reads := &countingEvents{EventStore: s}
			w.Events = reads
			again := func(b []byte) []byte {
				return bytes.ReplaceAll(b, []byte(`"9b1f3c7e-0000`), []byte(`"9b1f3c7e-1111`))
			}
			w.Stored(ingest(t, s, "cloudtrail-stoplogging.json"))        // seqs 0 to 2
			ingest(t, s, "cloudtrail-console-failures.json")             // 3 to 7: not handed over
			w.Stored(ingest(t, s, "cloudtrail-stoplogging.json", again)) // 8 to 10
			dups := ingest(t, s, "cloudtrail-stoplogging.json")          // repeats of 0 to 2
			for _, e := range dups {
				if !e.Duplicate {
					t.Fatalf("event %d stored again", e.Seq)
				}
			}
			w.Stored(dups)
			if n := drain(t, w); n != 11 {
				t.Errorf("evaluated %d events, want 11", n)
			}
			if len(reads.reads) != 1 || reads.reads[0].AfterSeq != 2 || reads.reads[0].Limit != 5 {
				t.Errorf("reads from the store %+v, want one of seqs 3 to 7 (AfterSeq 2, Limit 5)", reads.reads)
			}
			want := map[string]int64{}
			for k, v := range wantAlerts {
				want[k] = v
			}
			want["aws-cloudtrail-tampering actor=arn:aws:iam::111122223333:user/mallory,target=arn:aws:cloudtrail:eu-west-1:111122223333:trail/main"] = 4004
			equalCounts(t, "events handed over", alertCounts(t, s), want)
			if n := lag(t, s); n != 0 {
				t.Errorf("lag after evaluation %d, want 0", n)
			}
		})
	}
}
