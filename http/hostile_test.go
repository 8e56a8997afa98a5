package http_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	attesthttp "github.com/attest-dev/attest/http"
	"github.com/attest-dev/attest/ingest"
)

// The tests in this file send the shapes an attack probe on loopback sent
// (issue 8, item 20); each also checks that /healthz still answers.

// checkHealthz fails the test unless /healthz answers 200 within a second.
func checkHealthz(t *testing.T, e *env) {
	t.Helper()
	c := &http.Client{Timeout: time.Second}
	resp, err := c.Get(e.url + "/healthz")
	if err != nil {
		t.Fatalf("/healthz: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("/healthz: %d", resp.StatusCode)
	}
}

// metricsText returns the server's /metrics page.
func metricsText(t *testing.T, e *env) string {
	t.Helper()
	rec := httptest.NewRecorder()
	e.srv.MetricsHandler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	return rec.Body.String()
}

// TestServer_MetricLabels checks that made-up methods and many generic
// sources do not each become a metric label.
func TestServer_MetricLabels(t *testing.T) {
	e := newEnv(t, newMemStore(), realNormalisers)
	for i := range 300 {
		r := e.do(t, fmt.Sprintf("M%dXYZ", i), "/api/v1/events", "", nil)
		if r.status < 400 {
			t.Fatalf("method M%dXYZ: %d", i, r.status)
		}
	}
	for i := range 100 {
		e.do(t, "POST", fmt.Sprintf("/api/v1/ingest/src-%d", i), "ingest", []byte(`{"action":"a"}`))
	}
	m := metricsText(t, e)
	if strings.Contains(m, "XYZ") {
		t.Errorf("made-up methods became metric labels")
	}
	if !strings.Contains(m, `method="other"`) {
		t.Errorf("no method=\"other\" label for made-up methods")
	}
	sources := map[string]bool{}
	for _, line := range strings.Split(m, "\n") {
		if strings.HasPrefix(line, "attest_ingest_requests_total{") {
			_, rest, _ := strings.Cut(line, `source="`)
			src, _, _ := strings.Cut(rest, `"`)
			sources[src] = true
		}
	}
	if len(sources) > 65 || !sources["other"] {
		t.Errorf("%d source labels (other: %v), want at most 64 and other", len(sources), sources["other"])
	}
	checkHealthz(t, e)
}

// manyNumbers is a JSON array of n ones: n records that are not objects.
func manyNumbers(n int) []byte {
	var b bytes.Buffer
	b.WriteByte('[')
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		b.WriteByte('1')
	}
	b.WriteByte(']')
	return b.Bytes()
}

// TestServer_ManyBadRecords checks that a batch of many bad records is
// answered with the first few and a count, not every one.
func TestServer_ManyBadRecords(t *testing.T) {
	e := newEnv(t, newMemStore(), realNormalisers, func(s *attesthttp.Server) { s.Limits.MaxRecords = 300000 })
	const n = 200000 // 400 KB
	r := e.do(t, "POST", "/api/v1/ingest/myapp", "ingest", manyNumbers(n))
	ans := decode[errorAnswer](t, r, 400)
	if len(ans.Records) != ingest.MaxRecordErrors {
		t.Errorf("%d records listed, want the first %d", len(ans.Records), ingest.MaxRecordErrors)
	}
	if last := ans.Records[len(ans.Records)-1]; last.Index != ingest.MaxRecordErrors-1 || last.Line != ingest.MaxRecordErrors {
		t.Errorf("last listed record %+v, want index %d on line %d", last, ingest.MaxRecordErrors-1, ingest.MaxRecordErrors)
	}
	if !strings.Contains(ans.Error, fmt.Sprintf("%d of %d records refused", n, n)) {
		t.Errorf("error %q does not count every refused record", ans.Error)
	}
	if len(r.body) > 64<<10 {
		t.Errorf("answer is %d bytes", len(r.body))
	}
	checkHealthz(t, e)
}

// TestServer_EventsPerRequest checks that a small gzip body of a million
// records is refused without a million events in memory.
func TestServer_EventsPerRequest(t *testing.T) {
	e := newEnv(t, newMemStore(), realNormalisers)
	body := gz(t, bytes.Repeat([]byte("{}\n"), 1000000))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	r := e.do(t, "POST", "/api/v1/ingest/myapp", "ingest", body, "Content-Encoding", "gzip")
	runtime.ReadMemStats(&after)
	ans := decode[errorAnswer](t, r, 400)
	if !strings.Contains(ans.Error, fmt.Sprintf("more than %d records", ingest.DefaultMaxRecords)) {
		t.Errorf("error %q does not name the limit", ans.Error)
	}
	// 3 MB decompressed; a million events took over 1 GB.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
		t.Errorf("the request allocated %d MB", alloc>>20)
	}
	// The limit is configurable.
	e2 := newEnv(t, newMemStore(), realNormalisers, func(s *attesthttp.Server) { s.Limits.MaxRecords = 2 })
	decode[errorAnswer](t, e2.do(t, "POST", "/api/v1/ingest/myapp", "ingest", []byte("{}\n{}\n{}")), 400)
	decode[ingestAnswer](t, e2.do(t, "POST", "/api/v1/ingest/myapp", "ingest", []byte("{}\n{}")), 200)
	checkHealthz(t, e)
}

// TestServer_GzipOnce checks that a body is decompressed at most twice
// (Content-Encoding and a gzip file), never again by a normaliser.
func TestServer_GzipOnce(t *testing.T) {
	e := newEnv(t, newMemStore(), realNormalisers)
	inner := gz(t, gz(t, fixture(t, "cloudtrail-log.json")))
	r := e.do(t, "POST", "/api/v1/ingest/cloudtrail", "ingest", gz(t, inner), "Content-Encoding", "gzip")
	if ans := decode[errorAnswer](t, r, 400); !strings.Contains(ans.Error, "another gzip stream") {
		t.Errorf("gzip three deep: %q", ans.Error)
	}
	// Twice is a CloudTrail file compressed again on the wire.
	decode[ingestAnswer](t, e.do(t, "POST", "/api/v1/ingest/cloudtrail", "ingest", gz(t, fixture(t, "cloudtrail-log.json.gz")), "Content-Encoding", "gzip"), 200)
	checkHealthz(t, e)
}

// TestServer_LongFields checks that a normalised field is stored cut to
// the limit while Raw keeps the record whole.
func TestServer_LongFields(t *testing.T) {
	st := newMemStore()
	e := newEnv(t, st, realNormalisers)
	actor := strings.Repeat("é", 50000)
	rec := fmt.Sprintf(`{"actor":%q,"action":"a"}`, actor)
	decode[ingestAnswer](t, e.do(t, "POST", "/api/v1/ingest/myapp", "ingest", []byte(rec)), 200)
	got := st.events[len(st.events)-1]
	if len(got.Actor) > ingest.DefaultMaxFieldBytes || !strings.HasSuffix(got.Actor, "…") || !strings.HasPrefix(actor, strings.TrimSuffix(got.Actor, "…")) {
		t.Errorf("actor stored as %d bytes ending %q", len(got.Actor), got.Actor[max(0, len(got.Actor)-8):])
	}
	if string(got.Raw) != rec {
		t.Errorf("raw changed")
	}
}

// TestServer_SlowSenders checks that senders trickling their bodies do not
// hold the ingest slots, and are cut off at BodyReadTimeout.
func TestServer_SlowSenders(t *testing.T) {
	e := newEnv(t, newMemStore(), realNormalisers, func(s *attesthttp.Server) {
		s.MaxConcurrentIngest = 1
		s.BodyReadTimeout = 2 * time.Second
	})
	secret := e.secrets["ingest"]
	var conns []net.Conn
	for range 8 {
		c, err := net.Dial("tcp", strings.TrimPrefix(e.url, "http://"))
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		fmt.Fprintf(c, "POST /api/v1/ingest/myapp HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Length: 1000\r\n\r\n{", secret)
		conns = append(conns, c)
	}
	time.Sleep(200 * time.Millisecond)
	start := time.Now()
	decode[ingestAnswer](t, e.do(t, "POST", "/api/v1/ingest/myapp", "ingest", []byte(`{"action":"fast"}`)), 200)
	if d := time.Since(start); d > time.Second {
		t.Errorf("a fast sender waited %v behind eight slow ones", d)
	}
	checkHealthz(t, e)
	// The slow ones are answered 408 once their time is up.
	conns[0].SetReadDeadline(time.Now().Add(10 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(conns[0]), nil)
	if err != nil {
		t.Fatalf("slow sender: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestTimeout {
		t.Errorf("slow sender answered %d, want 408", resp.StatusCode)
	}
}

// TestServer_GaveUpWaiting checks that a batch whose client gave up while
// waiting for an ingest slot is not stored.
func TestServer_GaveUpWaiting(t *testing.T) {
	st := newMemStore()
	e := newEnv(t, st, realNormalisers, func(s *attesthttp.Server) { s.MaxConcurrentIngest = 1 })
	started, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	st.beforeAppend = func() {
		once.Do(func() {
			close(started)
			<-release
		})
	}
	done := make(chan response)
	go func() { done <- e.do(t, "POST", "/api/v1/ingest/myapp", "ingest", []byte(`{"action":"first"}`)) }()
	<-started
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "POST", e.url+"/api/v1/ingest/myapp", strings.NewReader(`{"action":"gave-up"}`))
	req.Header.Set("Authorization", "Bearer "+e.secrets["ingest"])
	if _, err := http.DefaultClient.Do(req); err == nil {
		t.Fatal("the waiting request was answered while the slot was held")
	}
	checkHealthz(t, e)
	close(release)
	if r := <-done; r.status != 200 {
		t.Fatalf("first batch: %d %s", r.status, r.body)
	}
	time.Sleep(200 * time.Millisecond)
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, ev := range st.events {
		if ev.Action == "gave-up" {
			t.Errorf("the batch of a client that gave up was stored as seq %d", ev.Seq)
		}
	}
}

// TestServer_PageBytes checks that a page of large events is cut by bytes
// and the rest follows with the cursor.
func TestServer_PageBytes(t *testing.T) {
	e := newEnv(t, newMemStore(), realNormalisers, func(s *attesthttp.Server) { s.MaxPageBytes = 2 << 20 })
	big := strings.Repeat("x", 1<<20)
	for i := range 5 {
		decode[ingestAnswer](t, e.do(t, "POST", "/api/v1/ingest/myapp", "ingest", fmt.Appendf(nil, `{"action":"a%d","pad":%q}`, i, big)), 200)
	}
	r := e.do(t, "GET", "/api/v1/events?source=myapp&limit=1000", "read", nil)
	page := decode[pageJSON](t, r, 200)
	if len(page.Events) != 2 || page.NextCursor == "" {
		t.Fatalf("first page: %d events, cursor %q; want 2 (2 MiB) and a cursor", len(page.Events), page.NextCursor)
	}
	if all := e.allEvents(t, "/api/v1/events?source=myapp", 1000); len(all) != 5 {
		t.Errorf("paging by cursor gave %d events, want 5", len(all))
	}
	checkHealthz(t, e)
}

// syncBuffer is a bytes.Buffer safe for a logger and a test at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServer_WriteTimeout checks that a client that never reads its answer
// releases the handler after WriteTimeout.
func TestServer_WriteTimeout(t *testing.T) {
	var logs syncBuffer
	e := newEnv(t, newMemStore(), realNormalisers, func(s *attesthttp.Server) {
		s.WriteTimeout = 300 * time.Millisecond
		s.MaxPageBytes = 64 << 20
		s.Logger = slog.New(slog.NewJSONHandler(&logs, nil))
	})
	big := strings.Repeat("y", 1<<20)
	for i := range 8 {
		decode[ingestAnswer](t, e.do(t, "POST", "/api/v1/ingest/myapp", "ingest", fmt.Appendf(nil, `{"action":"a%d","pad":%q}`, i, big)), 200)
	}
	c, err := net.Dial("tcp", strings.TrimPrefix(e.url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if tc, ok := c.(*net.TCPConn); ok {
		tc.SetReadBuffer(4096)
	}
	fmt.Fprintf(c, "GET /api/v1/events?limit=1000 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n\r\n", e.secrets["read"])
	// Never read. The handler must finish (and log its request) anyway.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if strings.Contains(logs.String(), `"path":"/api/v1/events"`) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the handler of an unread answer still runs after 10 s")
		}
	}
	checkHealthz(t, e)
}

// TestServer_StrictJSON checks that a record that strict JSON readers
// refuse is refused at ingest, and that a stored one is served escaped.
func TestServer_StrictJSON(t *testing.T) {
	e := newEnv(t, newMemStore(), realNormalisers)
	for name, body := range map[string][]byte{
		"invalid UTF-8":    []byte("{\"action\":\"a\xff\"}"),
		"number overflows": []byte(`{"action":"a","n":1e999}`),
	} {
		if r := e.do(t, "POST", "/api/v1/ingest/myapp", "ingest", body); r.status != 400 {
			t.Errorf("%s: %d %s, want 400", name, r.status, r.body)
		}
	}
	ev := attesthttp.NewEvent(&attest.Event{Raw: []byte(`{"n":1e999}`)})
	if ev.RawEncoding != "text" {
		t.Errorf("stored 1e999 served with raw_encoding %q, want text", ev.RawEncoding)
	}
	b, _ := json.Marshal(ev)
	var v map[string]any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Errorf("event with 1e999 does not read back: %v", err)
	}
	checkHealthz(t, e)
}

// TestServer_QueryDoesNotParse checks that a query string that does not
// parse is refused, never read as no filter.
func TestServer_QueryDoesNotParse(t *testing.T) {
	e := newEnv(t, newMemStore(), realNormalisers)
	for _, q := range []string{"action=a;b", "action=a&action=b", "source=%zz"} {
		decode[errorAnswer](t, e.do(t, "GET", "/api/v1/events?"+q, "read", nil), 400)
		decode[errorAnswer](t, e.do(t, "GET", "/api/v1/actors/alice/timeline?"+q, "read", nil), 400)
	}
	checkHealthz(t, e)
}

// TestServer_ClientGoneMidStore checks that a client that disconnects while
// its batch is stored is counted as cancelled, not as the database failing.
func TestServer_ClientGoneMidStore(t *testing.T) {
	st := newMemStore()
	e := newEnv(t, st, realNormalisers)
	entered := make(chan struct{})
	st.beforeAppend = func() {
		close(entered)
		time.Sleep(500 * time.Millisecond)
	}
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "POST", e.url+"/api/v1/ingest/myapp", strings.NewReader(`{"action":"a"}`))
	req.Header.Set("Authorization", "Bearer "+e.secrets["ingest"])
	go func() {
		<-entered
		cancel()
	}()
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
	}
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if strings.Contains(metricsText(t, e), `attest_ingest_requests_total{outcome="cancelled",source="myapp"} 1`) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no cancelled ingest counted:\n%s", grepLines(metricsText(t, e), "attest_"))
		}
	}
	if m := metricsText(t, e); strings.Contains(m, "attest_store_errors_total{") || strings.Contains(m, `outcome="unavailable"`) {
		t.Errorf("a client gone counted as a store failure:\n%s", grepLines(m, "attest_"))
	}
	checkHealthz(t, e)
}

func grepLines(s, prefix string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, prefix) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// TestServer_OktaVerification checks the answer to the one-time
// verification request of an Okta event hook.
func TestServer_OktaVerification(t *testing.T) {
	e := newEnv(t, newMemStore(), realNormalisers)
	r := e.do(t, "GET", "/api/v1/ingest/okta", "ingest", nil, "X-Okta-Verification-Challenge", "c2VjcmV0")
	if got := decode[map[string]string](t, r, 200); got["verification"] != "c2VjcmV0" {
		t.Errorf("verification answer %v", got)
	}
	// The token-bound endpoint answers too.
	r = e.do(t, "GET", "/api/v1/ingest", "okta-only", nil, "X-Okta-Verification-Challenge", "abc")
	if got := decode[map[string]string](t, r, 200); got["verification"] != "abc" {
		t.Errorf("bound verification answer %v", got)
	}
	decode[errorAnswer](t, e.do(t, "GET", "/api/v1/ingest/okta", "", nil, "X-Okta-Verification-Challenge", "x"), 401)
	decode[errorAnswer](t, e.do(t, "GET", "/api/v1/ingest/okta", "ingest", nil), 405)
}

// TestServer_GenericWithoutTime checks that an event whose source gave no
// time is shown at its received time, and says so.
func TestServer_GenericWithoutTime(t *testing.T) {
	e := newEnv(t, newMemStore(), realNormalisers)
	decode[ingestAnswer](t, e.do(t, "POST", "/api/v1/ingest/myapp", "ingest", []byte(`{"action":"no-time"}`)), 200)
	decode[ingestAnswer](t, e.do(t, "POST", "/api/v1/ingest/myapp", "ingest", []byte(`{"action":"timed","time":"2020-01-01T00:00:00Z"}`)), 200)
	var page struct {
		Events []struct {
			Action     string    `json:"action"`
			Time       time.Time `json:"time"`
			TimeSource string    `json:"time_source"`
		} `json:"events"`
	}
	r := e.do(t, "GET", "/api/v1/events?source=myapp", "read", nil)
	if err := json.Unmarshal(r.body, &page); err != nil || len(page.Events) != 2 {
		t.Fatalf("events: %v %s", err, r.body)
	}
	if ev := page.Events[0]; !ev.Time.Equal(testNow) || ev.TimeSource != "received" {
		t.Errorf("event without a time: time %v, time_source %q; want %v, received", ev.Time, ev.TimeSource, testNow)
	}
	if ev := page.Events[1]; ev.TimeSource != "" {
		t.Errorf("event with a time: time_source %q", ev.TimeSource)
	}
	// A time range finds it at its received time.
	r = e.do(t, "GET", "/api/v1/events?source=myapp&from=2026-03-04T00:00:00Z", "read", nil)
	if err := json.Unmarshal(r.body, &page); err != nil || len(page.Events) != 1 || page.Events[0].Action != "no-time" {
		t.Errorf("from the received day: %s", r.body)
	}
}

// TestServer_IdempotencyKey checks the header that gives the records of a
// generic source without an id one.
func TestServer_IdempotencyKey(t *testing.T) {
	st := newMemStore()
	e := newEnv(t, st, realNormalisers)
	body := []byte("{\"action\":\"a\"}\n{\"action\":\"b\"}")
	first := decode[ingestAnswer](t, e.do(t, "POST", "/api/v1/ingest/myapp", "ingest", body, "Idempotency-Key", "delivery-7"), 200)
	again := decode[ingestAnswer](t, e.do(t, "POST", "/api/v1/ingest/myapp", "ingest", body, "Idempotency-Key", "delivery-7"), 200)
	if again.Duplicates != 2 || len(again.Seqs) != 2 || again.Seqs[0] != *first.FirstSeq || again.Seqs[1] != *first.LastSeq {
		t.Errorf("retry acknowledged %+v, first %+v", again, first)
	}
	n := st.count()
	decode[ingestAnswer](t, e.do(t, "POST", "/api/v1/ingest/myapp", "ingest", body, "Idempotency-Key", "delivery-8"), 200)
	decode[ingestAnswer](t, e.do(t, "POST", "/api/v1/ingest/myapp", "ingest", body), 200)
	if st.count() != n+4 {
		t.Errorf("another key and no key stored %d, want 4", st.count()-n)
	}
}
