// Package http serves attest over HTTP: event ingest from Kubernetes audit
// webhooks, Falco, CloudTrail and generic JSON sources, the event query API,
// an actor's timeline across sources, the audit-log endpoints, admin actions,
// health probes and Prometheus metrics.
//
// Endpoints and the token scope each needs (admin may do everything):
//
//	GET  /healthz                        none: the process is up
//	GET  /readyz                         none: the database answers
//	GET  /metrics                        read (or none on MetricsAddr)
//	POST /api/v1/ingest/k8s-audit        ingest
//	POST /api/v1/ingest/falco            ingest
//	POST /api/v1/ingest/cloudtrail       ingest
//	POST /api/v1/ingest/{source}         ingest: a generic JSON source
//	POST /api/v1/ingest                  ingest: the source the token is bound to
//	GET  /api/v1/ingest[/{source}]       ingest: Okta event hook verification
//	GET  /api/v1/events                  read
//	GET  /api/v1/events/{seq}            read
//	GET  /api/v1/actors/{name}/timeline  read
//	GET  /api/v1/alerts                  read or respond: ?status=&severity=&rule=&source=&from=&to=&cursor=
//	GET  /api/v1/alerts/{id}             read or respond: the alert with its events
//	POST /api/v1/alerts/{id}/ack         respond: {"note": "..."} (optional)
//	POST /api/v1/alerts/{id}/resolve     respond: {"note": "..."} (optional)
//	GET  /api/v1/log/checkpoint          read: latest signed checkpoint (text)
//	GET  /api/v1/log/key                 read: the checkpoints' verifier key
//	GET  /api/v1/log/inclusion           read: ?seq=&size=
//	GET  /api/v1/log/consistency         read: ?from=&to=
//	POST /api/v1/evidence/scans          evidence: an attest scan JSON report
//	POST /api/v1/evidence/vulns          evidence: an attest vulns merge JSON report
//	GET  /api/v1/evidence                read: ?kind=&repository=&branch=&digest=&from=&to=&limit=&cursor=
//	GET  /api/v1/evidence/{id}           read: the report exactly as uploaded
//	GET  /api/v1/controls/status         read: ?framework=&from=&to= (days), daily control statuses
//	POST /api/v1/tokens                  admin: {"name","scope","source"}
//	POST /api/v1/admin/retention         admin: {"older_than": "400d"} (days, or a duration like 9600h)
//	GET  /api/v1/notifications           read: ?state=pending|delivered|dead&channel=&alert=&cursor=
//	POST /api/v1/notifications/{id}/retry  admin: a dead notification back to the queue
//	/ (anything else outside /api/)      the dashboard (Web, package web), with its own sign-in
//	POST /api/v1/admission/validate      admission, or a client certificate verified by ClientCAFile:
//	                                     kube-apiserver's AdmissionReview (admission.k8s.io/v1)
//
// Tokens travel as "Authorization: Bearer att_..." (or as the password of
// HTTP Basic authentication, for senders that can put credentials only in
// the URL, such as Falco's http_output); the server looks them up by the
// SHA-256 of the secret, and every failure to authenticate gets the same 401. /metrics needs a read token because its labels name the sources
// that send events; a scraper that cannot send a token gets MetricsAddr, a
// second listener without authentication meant for a private network.
//
// Errors are JSON ({"error": "...", "records": [{"index", "reason"}]}) with
// one table from attest error codes to HTTP statuses (errors.go). The ingest
// policy is in ingest.go: a batch is accepted whole or refused whole, and
// acknowledged only once stored.
package http

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/ingest"
	"github.com/prometheus/client_golang/prometheus"
)

// Defaults of a new Server.
const (
	DefaultMaxBodyBytes    = 10 << 20  // 10 MiB on the wire
	DefaultMaxDecodedBytes = 100 << 20 // 100 MiB after gzip is undone
	DefaultShutdownTimeout = 10 * time.Second
	DefaultBodyReadTimeout = time.Minute
	DefaultWriteTimeout    = 30 * time.Second
	DefaultMaxPageBytes    = 8 << 20
)

// Pinger reports whether the database can be reached.
type Pinger interface {
	// Ping returns nil when the database answers, or an error (usually
	// EUNAVAILABLE) when it does not.
	Ping(ctx context.Context) error
}

// Server is the attest HTTP server. Create it with NewServer, set its exported
// fields, then call Open; Close shuts it down gracefully.
type Server struct {
	// Addr is the address to listen on, such as ":8080" or "127.0.0.1:0".
	Addr string
	// TLSCert and TLSKey, when both are set, are the PEM files of the
	// server's certificate and key; the server then speaks only HTTPS.
	TLSCert, TLSKey string
	// ClientCAFile, when set, is a PEM bundle of the CAs whose client
	// certificates authenticate callers of the admission endpoint
	// (kube-apiserver with a client certificate in its webhook
	// kubeconfig). A client may still come without a certificate and show
	// a token instead; one whose certificate does not verify is refused
	// during the TLS handshake. It needs TLSCert.
	ClientCAFile string
	// MetricsAddr, when set, serves /metrics without authentication on a
	// second listener (for a scraper on a private network). /metrics on Addr
	// always needs a read or admin token.
	MetricsAddr string

	// Events and Tokens are the store; both are required.
	Events attest.EventStore
	Tokens attest.TokenStore
	// DB answers /readyz. When nil, Events is used if it is a Pinger, and
	// the server is always ready otherwise.
	DB Pinger
	// Evidence keeps uploaded reports; when nil the evidence endpoints
	// answer 404.
	Evidence attest.EvidenceStore
	// Controls answers /api/v1/controls/status; when nil it answers 404.
	Controls ControlStatuses
	// Log serves the audit-log endpoints; when nil they answer 404.
	Log AuditLog
	// LogKey is the note verifier key of the log's checkpoints, served at
	// /api/v1/log/key.
	LogKey string
	// AfterAppend, when set, is called after each batch is stored (to ask
	// for a checkpoint soon, to wake the detections). It must not block.
	AfterAppend func()
	// AfterIngest, when set, is called with the events of each ingest batch
	// once stored (their Seq set, repeats of stored records marked
	// Duplicate), before AfterAppend: the detections' worker takes them
	// without reading them back. It must not block or keep the slice.
	AfterIngest func(events []*attest.Event)
	// Notifications is the notification queue behind
	// /api/v1/notifications; when nil those endpoints answer 404.
	Notifications attest.NotificationStore
	// AfterNotificationRetry, when set, is called after an admin sent a
	// notification back to the queue (to wake the dispatcher). It must
	// not block.
	AfterNotificationRetry func()
	// Alerts serves the alert endpoints; when nil they answer 404.
	Alerts attest.AlertStore
	// AfterAlertStatus, when set, is called with an alert after its status
	// changed through the API (to notify). It must not block.
	AfterAlertStatus func(*attest.Alert)

	// Normalisers serve the dedicated ingest endpoints, by Source():
	// /api/v1/ingest/k8s-audit, /falco, /cloudtrail.
	Normalisers []ingest.Normaliser
	// Generic returns the normaliser of a generic JSON source; it serves
	// /api/v1/ingest/{source}. When nil, generic ingest answers 404.
	Generic func(source string) ingest.Normaliser

	// Collectors are more Prometheus collectors to serve at /metrics (the
	// detection worker's, the notification queue's); they are registered
	// by Open.
	Collectors []prometheus.Collector

	// Identities links one person's names across sources for the timeline.
	Identities IdentityMap

	// Web, when set, serves every path outside /api/, /healthz, /readyz
	// and /metrics: the dashboard (package web).
	Web http.Handler
	// Admission judges /api/v1/admission/validate; when nil the endpoint
	// answers 404.
	Admission Admitter

	Logger *slog.Logger
	Now    func() time.Time
	// Rand is the source of token secrets and ids.
	Rand io.Reader

	// MaxBodyBytes limits a request body as sent; larger bodies get 413.
	MaxBodyBytes int64
	// MaxDecodedBytes limits a gzip body once decompressed.
	MaxDecodedBytes int64
	// ShutdownTimeout bounds how long Close waits for requests in flight.
	ShutdownTimeout time.Duration
	// MaxConcurrentIngest is how many ingest requests are read and stored
	// at once; more wait their turn. It bounds memory to about this many
	// times MaxBodyBytes plus MaxDecodedBytes.
	MaxConcurrentIngest int
	// Limits bound what one ingest request may make: records, bytes of a
	// record, bytes of a normalised field (zero fields take the defaults of
	// package ingest).
	Limits ingest.Limits
	// BodyReadTimeout bounds reading one ingest body. The body is read
	// before the request takes one of the MaxConcurrentIngest slots, so a
	// slow sender holds only its own connection, and only this long.
	BodyReadTimeout time.Duration
	// WriteTimeout bounds writing one answer: a client that does not read
	// its answer releases the handler after this long.
	WriteTimeout time.Duration
	// MaxPageBytes caps the raw records of one page of events; a page ends
	// early (with a next_cursor) when it would hold more.
	MaxPageBytes int64

	metrics    *metrics
	clientCAs  *x509.CertPool
	ingestOnce sync.Once
	ingestSem  chan struct{}
	handler    http.Handler
	ln         net.Listener
	srv        *http.Server
	metricsLn  net.Listener
	metricsSrv *http.Server
}

// NewServer returns a server with defaults: 10 MiB body limit, the system
// clock, crypto/rand and a logger that discards.
func NewServer() *Server {
	s := &Server{
		Logger:          slog.New(slog.DiscardHandler),
		Now:             time.Now,
		Rand:            rand.Reader,
		MaxBodyBytes:    DefaultMaxBodyBytes,
		MaxDecodedBytes: DefaultMaxDecodedBytes,
		ShutdownTimeout: DefaultShutdownTimeout,
		BodyReadTimeout: DefaultBodyReadTimeout,
		WriteTimeout:    DefaultWriteTimeout,
		MaxPageBytes:    DefaultMaxPageBytes,
		// Parsing is CPU work and appends are serialised by the store: a
		// few requests per core keep both busy.
		MaxConcurrentIngest: 4 * runtime.GOMAXPROCS(0),
		metrics:             newMetrics(),
	}
	s.handler = s.routes()
	return s
}

// Handler returns the server's routes, for use with httptest or another
// listener. Open serves the same handler.
func (s *Server) Handler() http.Handler { return s.handler }

// MetricsHandler returns /metrics without authentication, as served on
// MetricsAddr.
func (s *Server) MetricsHandler() http.Handler { return s.metrics.handler() }

// Open starts listening on Addr (and MetricsAddr) and serves in the
// background. It returns once the listeners are bound.
func (s *Server) Open() error {
	if s.Events == nil || s.Tokens == nil {
		return errors.New("open server: event and token stores are required")
	}
	if (s.TLSCert == "") != (s.TLSKey == "") {
		return errors.New("open server: set both the TLS certificate and key, or neither")
	}
	for _, c := range s.Collectors {
		if err := s.metrics.registry.Register(c); err != nil {
			return fmt.Errorf("open server: register metrics: %w", err)
		}
	}
	var tlsConfig *tls.Config
	if s.TLSCert != "" {
		cert, err := tls.LoadX509KeyPair(s.TLSCert, s.TLSKey)
		if err != nil {
			return fmt.Errorf("open server: load tls key pair: %w", err)
		}
		tlsConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	}
	if s.ClientCAFile != "" {
		if tlsConfig == nil {
			return errors.New("open server: a client CA bundle needs TLS (set the TLS certificate and key)")
		}
		pool, err := loadClientCAs(s.ClientCAFile)
		if err != nil {
			return fmt.Errorf("open server: %w", err)
		}
		s.clientCAs = pool
		tlsConfig.ClientCAs = pool
		tlsConfig.ClientAuth = tls.VerifyClientCertIfGiven
	}

	ln, err := net.Listen("tcp", s.Addr)
	if err != nil {
		return fmt.Errorf("open server: %w", err)
	}
	if tlsConfig != nil {
		ln = tls.NewListener(ln, tlsConfig)
	}
	s.ln = ln
	s.srv = s.newHTTPServer(s.handler)
	go s.serve(s.srv, ln, "api")

	if s.MetricsAddr != "" {
		mln, err := net.Listen("tcp", s.MetricsAddr)
		if err != nil {
			ln.Close()
			return fmt.Errorf("open metrics listener: %w", err)
		}
		s.metricsLn = mln
		s.metricsSrv = s.newHTTPServer(s.metrics.handler())
		go s.serve(s.metricsSrv, mln, "metrics")
	}
	s.Logger.Info("serving", "addr", ln.Addr().String(), "tls", tlsConfig != nil, "metrics_addr", s.MetricsAddr)
	return nil
}

func (s *Server) newHTTPServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		// A backstop for every handler: the read, the work and the answer.
		// Handlers that write much set their own deadline (writeDeadline).
		WriteTimeout:   3 * time.Minute,
		IdleTimeout:    2 * time.Minute,
		MaxHeaderBytes: 64 << 10,
		ErrorLog:       slog.NewLogLogger(s.Logger.Handler(), slog.LevelWarn),
	}
}

func (s *Server) serve(srv *http.Server, ln net.Listener, name string) {
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		s.Logger.Error("serve", "listener", name, "err", err)
	}
}

// URL returns the base URL the server listens on, such as
// "http://127.0.0.1:41234". It is empty before Open.
func (s *Server) URL() string {
	if s.ln == nil {
		return ""
	}
	scheme := "http"
	if s.TLSCert != "" {
		scheme = "https"
	}
	addr := s.ln.Addr().(*net.TCPAddr)
	host := addr.IP.String()
	if addr.IP.IsUnspecified() {
		host = "localhost"
	}
	return fmt.Sprintf("%s://%s", scheme, net.JoinHostPort(host, fmt.Sprint(addr.Port)))
}

// MetricsURL returns the base URL of the metrics listener, or "" when there
// is none.
func (s *Server) MetricsURL() string {
	if s.metricsLn == nil {
		return ""
	}
	return "http://" + s.metricsLn.Addr().String()
}

// Close stops accepting connections and waits up to ShutdownTimeout for
// requests in flight to finish; requests still running then are cut off.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), s.ShutdownTimeout)
	defer cancel()
	var errs []error
	for _, srv := range []*http.Server{s.srv, s.metricsSrv} {
		if srv == nil {
			continue
		}
		if err := srv.Shutdown(ctx); err != nil {
			errs = append(errs, err)
			srv.Close()
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("close server: %w", err)
	}
	return nil
}

// routes builds the server's handler. Handlers read the exported fields at
// request time, so fields set after NewServer take effect.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	// handle registers a route, and for its path alone an answer of 405
	// with the allowed method to requests of any other method.
	handle := func(method, path string, h http.Handler) {
		mux.Handle(method+" "+path, h)
		allow := method
		if method == http.MethodGet {
			allow += ", HEAD"
		}
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Allow", allow)
			s.writeError(w, r, attest.Errorf(codeMethodNotAllowed, "%s %s: this endpoint takes %s", r.Method, r.URL.Path, method))
		})
	}
	handle("GET", "/healthz", http.HandlerFunc(s.handleHealthz))
	handle("GET", "/readyz", http.HandlerFunc(s.handleReadyz))
	handle("GET", "/metrics", s.require(s.metrics.handler(), attest.ScopeRead))

	// Ingest paths take POST, and GET for Okta's event hook verification.
	for _, path := range []string{"/api/v1/ingest/{source}", "/api/v1/ingest"} {
		mux.Handle("POST "+path, s.require(http.HandlerFunc(s.handleIngest), attest.ScopeIngest))
		mux.Handle(path, s.require(http.HandlerFunc(s.handleVerification), attest.ScopeIngest))
	}

	handle("GET", "/api/v1/events", s.require(http.HandlerFunc(s.handleEvents), attest.ScopeRead))
	handle("GET", "/api/v1/events/{seq}", s.require(http.HandlerFunc(s.handleEvent), attest.ScopeRead))
	handle("GET", "/api/v1/actors/{name}/timeline", s.require(http.HandlerFunc(s.handleTimeline), attest.ScopeRead))

	handle("GET", "/api/v1/log/checkpoint", s.require(http.HandlerFunc(s.handleCheckpoint), attest.ScopeRead))
	handle("GET", "/api/v1/log/key", s.require(http.HandlerFunc(s.handleKey), attest.ScopeRead))
	handle("GET", "/api/v1/log/inclusion", s.require(http.HandlerFunc(s.handleInclusion), attest.ScopeRead))
	handle("GET", "/api/v1/log/consistency", s.require(http.HandlerFunc(s.handleConsistency), attest.ScopeRead))

	handle("GET", "/api/v1/alerts", s.require(http.HandlerFunc(s.handleAlerts), attest.ScopeRead, attest.ScopeRespond))
	handle("GET", "/api/v1/alerts/{id}", s.require(http.HandlerFunc(s.handleAlert), attest.ScopeRead, attest.ScopeRespond))
	handle("POST", "/api/v1/alerts/{id}/ack", s.require(s.handleAlertStatus(attest.AlertAcknowledged), attest.ScopeRespond))
	handle("POST", "/api/v1/alerts/{id}/resolve", s.require(s.handleAlertStatus(attest.AlertResolved), attest.ScopeRespond))
	// The upload paths are also matched by /api/v1/evidence/{id}: their
	// answers of 405 to GET are registered one method at a time (another
	// method gets the 405 of /api/v1/evidence/{id}).
	for kind, path := range map[string]string{attest.EvidenceScan: "/api/v1/evidence/scans", attest.EvidenceVulns: "/api/v1/evidence/vulns"} {
		mux.Handle("POST "+path, s.require(s.handleUploadEvidence(kind), attest.ScopeEvidence))
		mux.HandleFunc("GET "+path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Allow", "POST")
			s.writeError(w, r, attest.Errorf(codeMethodNotAllowed, "%s %s: this endpoint takes POST", r.Method, r.URL.Path))
		})
	}
	handle("GET", "/api/v1/evidence", s.require(http.HandlerFunc(s.handleFindEvidence), attest.ScopeRead))
	handle("GET", "/api/v1/evidence/{id}", s.require(http.HandlerFunc(s.handleEvidence), attest.ScopeRead))
	handle("GET", "/api/v1/controls/status", s.require(http.HandlerFunc(s.handleControlStatus), attest.ScopeRead))

	handle("POST", "/api/v1/tokens", s.require(http.HandlerFunc(s.handleCreateToken), attest.ScopeAdmin))
	handle("POST", "/api/v1/admin/retention", s.require(http.HandlerFunc(s.handleRetention), attest.ScopeAdmin))
	handle("GET", "/api/v1/notifications", s.require(http.HandlerFunc(s.handleNotifications), attest.ScopeRead))
	handle("POST", "/api/v1/notifications/{id}/retry", s.require(http.HandlerFunc(s.handleRetryNotification), attest.ScopeAdmin))
	handle("POST", "/api/v1/admission/validate", s.requireAdmission(http.HandlerFunc(s.handleAdmission)))

	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if s.Web != nil && r.URL.Path != "/api" && !strings.HasPrefix(r.URL.Path, "/api/") {
			s.Web.ServeHTTP(w, r)
			return
		}
		s.writeError(w, r, attest.Errorf(attest.ENOTFOUND, "no endpoint %s %s", r.Method, r.URL.Path))
	})
	return s.instrument(mux)
}

func (s *Server) handleHealthz(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

func (s *Server) handleReadyz(w http.ResponseWriter, r *http.Request) {
	p := s.DB
	if p == nil {
		p, _ = s.Events.(Pinger)
	}
	if p != nil {
		ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
		defer cancel()
		if err := p.Ping(ctx); err != nil {
			s.metrics.storeErrors.WithLabelValues("ping", attest.ErrorCode(err)).Inc()
			s.Logger.Warn("database not ready", "err", err)
			writeJSON(w, http.StatusServiceUnavailable, errorBody{Error: "database unavailable"})
			return
		}
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
}
