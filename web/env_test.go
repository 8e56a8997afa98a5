package web_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/alerting"
	"github.com/attest-dev/attest/auditlog"
	"github.com/attest-dev/attest/detect"
	"github.com/attest-dev/attest/evidence"
	attesthttp "github.com/attest-dev/attest/http"
	"github.com/attest-dev/attest/ingest"
	"github.com/attest-dev/attest/ingest/cloudtrail"
	"github.com/attest-dev/attest/ingest/falco"
	"github.com/attest-dev/attest/ingest/generic"
	"github.com/attest-dev/attest/ingest/k8saudit"
	"github.com/attest-dev/attest/sqlite"
	"github.com/attest-dev/attest/web"
)

// env is attest serve in miniature: a real SQLite store, the audit log, the
// HTTP server listening on loopback with the dashboard mounted, an
// in-process OIDC provider, and an ingest and an admin token.
type env struct {
	t      testing.TB
	db     *sqlite.DB
	log    *auditlog.Log
	srv    *attesthttp.Server
	web    *web.Handler
	idp    *provider
	url    string
	clock  *clock
	ingest string
	admin  string
}

// clock is a settable clock; zero means the system time.
type clock struct {
	mu     sync.Mutex
	offset time.Duration
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset)
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset += d
}

func newEnv(t *testing.T) *env {
	t.Helper()
	return newEnvAt(t, t.TempDir())
}

func newEnvAt(t testing.TB, dir string) *env {
	t.Helper()
	ctx := context.Background()
	e := &env{t: t, clock: &clock{}}
	e.db = sqlite.NewDB(filepath.Join(dir, "attest.db"))
	e.db.Synchronous = "NORMAL"
	if err := e.db.Open(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.db.Close() })
	keys, err := auditlog.LoadOrCreateKey(ctx, e.db.KeyStore(), "attest-test")
	if err != nil {
		t.Fatal(err)
	}
	e.log = auditlog.NewLog(e.db, keys)

	e.web = web.New(e.db, e.db, e.db)
	e.web.Counter, e.web.Log = e.db, e.log
	e.web.Now = e.clock.now
	e.web.LivePoll = 200 * time.Millisecond
	e.web.Identities = attesthttp.IdentityMap{{Name: "alice", Aliases: []string{"alice@example.com", "arn:aws:iam::111122223333:user/alice"}}}

	e.srv = attesthttp.NewServer()
	e.srv.Addr = "127.0.0.1:0"
	e.srv.Events, e.srv.Tokens, e.srv.DB = e.db, e.db, e.db
	e.srv.Log, e.srv.LogKey = e.log, keys.VerifierKey
	e.srv.Normalisers = []ingest.Normaliser{k8saudit.New(), falco.New(), cloudtrail.New()}
	e.srv.Generic = func(source string) ingest.Normaliser { return generic.New(source) }
	e.srv.Identities = e.web.Identities
	pub := auditlog.NewPublisher(e.log, 100*time.Millisecond)
	pubCtx, stopPub := context.WithCancel(context.Background())
	pubDone := make(chan struct{})
	go func() { defer close(pubDone); pub.Run(pubCtx) }()
	t.Cleanup(func() { stopPub(); <-pubDone })
	// The detections run as in attest serve: built-in rules over every
	// stored event, raising alerts in the store.
	rules, err := detect.LoadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	e.web.Detections = rules
	worker := alerting.NewWorker(detect.NewEngine(rules, detect.Options{Window: e.db.Window()}), e.db, e.db, e.db)
	workerCtx, stopWorker := context.WithCancel(context.Background())
	workerDone := make(chan struct{})
	go func() { defer close(workerDone); worker.Run(workerCtx) }()
	t.Cleanup(func() { stopWorker(); <-workerDone })
	e.web.Alerts, e.srv.Alerts = e.db, e.db
	snap, err := evidence.NewSnapshotter(e.db, e.db)
	if err != nil {
		t.Fatal(err)
	}
	snap.Alerts, snap.Now, snap.Scans = e.db, e.clock.now, e.web.Scan
	e.web.Evidence, e.web.Controls, e.srv.Evidence, e.srv.Controls = e.db, snap, e.db, snap
	e.srv.AfterAppend = func() { pub.Notify(); e.web.Notify(); worker.Notify() }
	e.srv.Web = e.web
	e.srv.ShutdownTimeout = time.Second
	if err := e.srv.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.srv.Close() })
	e.url = e.srv.URL()

	_, e.ingest, err = attesthttp.CreateToken(ctx, e.db, attesthttp.NewToken{Name: "ci-ingest", Scope: attest.ScopeIngest, Actor: "test", Via: "cli"}, time.Now(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	_, e.admin, err = attesthttp.CreateToken(ctx, e.db, attesthttp.NewToken{Name: "ops-admin", Scope: attest.ScopeAdmin, Actor: "test", Via: "cli"}, time.Now(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// withOIDC starts the in-process provider and points the dashboard at it,
// with groups admins → admin, oncall → respond, engineering → read.
func (e *env) withOIDC(t *testing.T) *provider {
	t.Helper()
	e.idp = newProvider(t)
	e.web.OIDC = &web.OIDC{
		Issuer: e.idp.issuer(), ClientID: e.idp.clientID, ClientSecret: e.idp.clientSecret,
		RedirectURL: e.url + "/auth/callback",
		Roles: map[string][]string{
			attest.ScopeAdmin: {"admins"}, attest.ScopeRespond: {"oncall"}, attest.ScopeRead: {"engineering"},
		},
	}
	if err := e.web.OIDC.Validate(); err != nil {
		t.Fatal(err)
	}
	return e.idp
}

// browser is an HTTP client with a cookie jar that behaves as a browser
// does: it follows redirects and sends Origin with a POST.
type browser struct {
	t      testing.TB
	e      *env
	client *http.Client
}

func (e *env) browser() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: e.t, e: e, client: &http.Client{Jar: jar, Timeout: 30 * time.Second}}
}

// get fetches a path of the dashboard (or a full URL) and returns the
// status and body, after redirects.
func (b *browser) get(path string) (int, string) {
	b.t.Helper()
	u := path
	if strings.HasPrefix(path, "/") {
		u = b.e.url + path
	}
	resp, err := b.client.Get(u)
	if err != nil {
		b.t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// post sends a form with the dashboard's Origin (set origin to "" for none,
// or to another site's).
func (b *browser) post(path string, form url.Values, origin string) (int, string) {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodPost, b.e.url+path, strings.NewReader(form.Encode()))
	if err != nil {
		b.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	resp, err := b.client.Do(req)
	if err != nil {
		b.t.Fatalf("POST %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([0-9a-f]+)"`)

// csrf reads the CSRF token from a signed-in page.
func (b *browser) csrf() string {
	b.t.Helper()
	_, body := b.get("/events")
	m := csrfRE.FindStringSubmatch(body)
	if m == nil {
		b.t.Fatalf("no CSRF token on /events:\n%s", body)
	}
	return m[1]
}

// signInToken signs in with an API token secret.
func (b *browser) signInToken(secret string) (int, string) {
	b.t.Helper()
	return b.post("/signin/token", url.Values{"token": {secret}}, b.e.url)
}

// ingestJSON posts records to a generic source with the ingest token.
func (e *env) ingestJSON(t testing.TB, source, body string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, e.url+"/api/v1/ingest/"+source, bytes.NewReader([]byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+e.ingest)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusAccepted {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("ingest %s: %s: %s", source, resp.Status, b)
	}
}

// ingestFile posts a fixture of testdata/events to a dedicated endpoint.
func (e *env) ingestFile(t testing.TB, endpoint, name string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "events", name))
	if err != nil {
		t.Fatal(err)
	}
	e.ingestJSON(t, endpoint, string(b))
}

// records returns the audit records of source attest with the action.
func (e *env) records(t testing.TB, action string) []*attest.Event {
	t.Helper()
	got, err := e.db.FindEvents(context.Background(), attest.EventFilter{AfterSeq: -1, Source: "attest", Action: action})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func cryptoRand() io.Reader { return rand.Reader }

// createToken makes an API token of the scope.
func createToken(e *env, name, scope string) (*attest.Token, string, error) {
	return attesthttp.CreateToken(context.Background(), e.db, attesthttp.NewToken{Name: name, Scope: scope, Actor: "test", Via: "cli"}, time.Now(), rand.Reader)
}

// upload posts a report to an evidence endpoint with the admin token.
func (e *env) upload(t testing.TB, path string, body []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, e.url+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+e.admin)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("upload %s: %s: %s", path, resp.Status, b)
	}
}

// seedEvidence uploads two scans of one repository and two releases: the
// repository's example scan, preceded by the same scan with its first
// failure passing (so the latest has one new failure), and the example
// vulnerability release 1.5.0, preceded by 1.4.0 without its first
// vulnerability (so 1.5.0 has one new).
func (e *env) seedEvidence(t testing.TB) {
	t.Helper()
	scan, err := os.ReadFile(filepath.Join("..", "testdata", "evidence", "scan-aws-web.json"))
	if err != nil {
		t.Fatal(err)
	}
	e.upload(t, "/api/v1/evidence/scans?repository=github.com/acme/infra&commit=1111111&branch=main", edit(t, scan, func(doc map[string]any) {
		for _, f := range doc["findings"].([]any) {
			if m := f.(map[string]any); m["status"] == "fail" {
				m["status"] = "pass"
				return
			}
		}
	}))
	e.upload(t, "/api/v1/evidence/scans?repository=github.com/acme/infra&commit=2222222&branch=main", scan)
	vulns, err := os.ReadFile(filepath.Join("..", "testdata", "evidence", "vulns-release-1.5.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	e.upload(t, "/api/v1/evidence/vulns?repository=github.com/acme/shop&release=1.4.0", edit(t, vulns, func(doc map[string]any) {
		doc["vulnerabilities"] = doc["vulnerabilities"].([]any)[1:]
	}))
	e.upload(t, "/api/v1/evidence/vulns?repository=github.com/acme/shop&release=1.5.0", vulns)
}

// edit changes a JSON document.
func edit(t testing.TB, body []byte, change func(doc map[string]any)) []byte {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	change(doc)
	out, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
