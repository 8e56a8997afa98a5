package http

import (
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Ingest outcomes, the values of the outcome label of
// attest_ingest_requests_total.
const (
	outcomeAccepted    = "accepted"
	outcomeRejected    = "rejected"    // bad payload: 4xx
	outcomeUnavailable = "unavailable" // store down: 503
	outcomeError       = "error"       // internal error: 500
	outcomeCancelled   = "cancelled"   // the client went away: nothing stored
)

// maxSourceLabels bounds the values of the source label: an ingest token
// may name any generic source, and each label value costs memory for the
// life of the process. Sources past the first this many are counted as
// "other".
const maxSourceLabels = 64

// labelSet admits label values up to a bound and names the rest "other".
type labelSet struct {
	mu   sync.Mutex
	seen map[string]bool
	max  int
}

func (l *labelSet) label(v string) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.seen[v] {
		return v
	}
	if len(l.seen) < l.max {
		l.seen[v] = true
		return v
	}
	return "other"
}

// knownMethods are the methods that get their own metric label; a request
// may carry any token as its method, and others are labelled "other".
var knownMethods = map[string]bool{
	http.MethodGet: true, http.MethodHead: true, http.MethodPost: true, http.MethodPut: true,
	http.MethodPatch: true, http.MethodDelete: true, http.MethodOptions: true,
}

func methodLabel(m string) string {
	if knownMethods[m] {
		return m
	}
	return "other"
}

// metrics are one server's Prometheus collectors, in a registry of their own
// so that two servers in one process do not collide.
type metrics struct {
	registry         *prometheus.Registry
	sources          *labelSet
	ingestRequests   *prometheus.CounterVec
	ingestEvents     *prometheus.CounterVec
	ingestDuplicates *prometheus.CounterVec
	duration         *prometheus.HistogramVec
	storeErrors      *prometheus.CounterVec
	// admissionDecisions counts admission reviews by outcome.
	admissionDecisions *prometheus.CounterVec
}

func newMetrics() *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		sources:  &labelSet{seen: map[string]bool{}, max: maxSourceLabels},
		ingestRequests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "attest_ingest_requests_total",
			Help: "Ingest requests by source and outcome (accepted, rejected, unavailable, error).",
		}, []string{"source", "outcome"}),
		ingestEvents: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "attest_ingest_events_total",
			Help: "Events stored durably, by source.",
		}, []string{"source"}),
		ingestDuplicates: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "attest_ingest_duplicates_total",
			Help: "Records acknowledged without being stored again, because their source id was stored before.",
		}, []string{"source"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "attest_http_request_duration_seconds",
			Help:    "Time to answer HTTP requests, by route pattern, method and status code.",
			Buckets: prometheus.ExponentialBuckets(0.001, 2.5, 12),
		}, []string{"route", "method", "code"}),
		storeErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "attest_store_errors_total",
			Help: "Errors from the event and token store, by operation and error code.",
		}, []string{"op", "code"}),
		admissionDecisions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "attest_admission_reviews_total",
			Help: "Admission reviews answered, by outcome (allowed, denied, error); dry runs included.",
		}, []string{"outcome"}),
	}
	m.registry.MustRegister(m.ingestRequests, m.ingestEvents, m.ingestDuplicates, m.duration, m.storeErrors, m.admissionDecisions,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{Registry: m.registry})
}

// statusRecorder remembers the status a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
	r.ResponseWriter.WriteHeader(status)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// instrument times every request, records it in the duration histogram by
// route pattern, and logs it.
func (s *Server) instrument(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ctx, info := withRequestInfo(r.Context())
		r = r.WithContext(ctx)
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		elapsed := time.Since(start)
		route := r.Pattern
		if route == "" || route == "/" {
			route = "other"
		}
		s.metrics.duration.WithLabelValues(route, methodLabel(r.Method), strconv.Itoa(rec.status)).Observe(elapsed.Seconds())
		level := slogLevelFor(rec.status)
		s.Logger.Log(r.Context(), level, "request",
			"method", r.Method, "path", r.URL.Path, "status", rec.status,
			"duration_ms", float64(elapsed.Microseconds())/1000, "remote", r.RemoteAddr,
			"token", info.name())
	})
}

// slogLevelFor logs server errors as errors, refusals as warnings and the
// rest as information.
func slogLevelFor(status int) slog.Level {
	switch {
	case status >= 500:
		return slog.LevelError
	case status >= 400:
		return slog.LevelWarn
	}
	return slog.LevelInfo
}
