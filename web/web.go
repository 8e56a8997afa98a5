package web

import (
	"bytes"
	"context"
	"crypto/rand"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/auditlog"
	"github.com/attest-dev/attest/detect"
	"github.com/attest-dev/attest/evidence"
	attesthttp "github.com/attest-dev/attest/http"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Defaults of a new Handler.
const (
	DefaultSessionTTL = 12 * time.Hour
	DefaultLinkTTL    = 15 * time.Minute
	DefaultLivePoll   = 2 * time.Second
	DefaultPageSize   = 100
)

// Handler serves the dashboard. Create it with New, set its exported fields,
// then serve it (package http mounts it at "/").
type Handler struct {
	// Events, Sessions and Tokens are required: the events shown, the
	// sessions of people signed in, and the API tokens one may sign in
	// with.
	Events   attest.EventStore
	Sessions attest.SessionStore
	Tokens   attest.TokenStore
	// Counter, when set, counts events for the overview's charts.
	Counter attest.EventCounter
	// Log, when set, is the audit log the log page shows and verifies.
	Log *auditlog.Log
	// Alerts, when set, serves the alert pages; respond and admin may
	// acknowledge and resolve. AfterAlertStatus, when set, is called with
	// an alert after its status changed (notifications).
	Alerts           attest.AlertStore
	AfterAlertStatus func(*attest.Alert)
	// Evidence, when set, serves the posture, vulnerability and exception
	// pages; Controls (with Evidence) the controls page.
	Evidence attest.EvidenceStore
	Controls *evidence.Snapshotter
	// Detections, when set, are the detection rules the server runs; the
	// controls page lists those mapped to each control.
	Detections *detect.RuleSet
	// Identities links one person's names across sources for the actor
	// timeline.
	Identities attesthttp.IdentityMap
	// OIDC, when set, offers single sign-on.
	OIDC *OIDC

	// URL is the dashboard's external base URL, such as
	// "https://attest.example.com"; POSTs must come from its origin. When
	// empty, the origin is the request's own scheme and Host.
	URL string
	// SecureCookies marks cookies Secure even when the request did not come
	// over TLS (behind a proxy that ends TLS). Requests over TLS always get
	// Secure cookies.
	SecureCookies bool
	// SessionTTL is how long a session lasts; LinkTTL how long a one-time
	// sign-in link may be used.
	SessionTTL time.Duration
	LinkTTL    time.Duration
	// LivePoll is how often a live feed looks for events stored by another
	// replica; events stored through this process wake it at once (Notify).
	LivePoll time.Duration
	// SummaryTTL is how long derived figures (event counts per day, control
	// statuses derived from the evidence) are reused.
	SummaryTTL time.Duration

	Logger *slog.Logger
	Now    func() time.Time
	Rand   io.Reader

	mux   *http.ServeMux
	pages map[string]*template.Template
	live  *broadcaster
	cache *caches

	verifyMu sync.Mutex
}

// New returns a dashboard over the stores with defaults: the system clock,
// crypto/rand, a logger that discards.
func New(events attest.EventStore, sessions attest.SessionStore, tokens attest.TokenStore) *Handler {
	h := &Handler{
		Events: events, Sessions: sessions, Tokens: tokens,
		SessionTTL: DefaultSessionTTL, LinkTTL: DefaultLinkTTL, LivePoll: DefaultLivePoll,
		Logger: slog.New(slog.DiscardHandler), Now: time.Now, Rand: rand.Reader,
		live: newBroadcaster(), cache: newCaches(), SummaryTTL: DefaultSummaryTTL,
	}
	h.pages = mustParsePages()
	h.mux = h.routes()
	return h
}

// Notify tells live feeds that events were stored; it does not block. Wire
// it to http.Server.AfterAppend.
func (h *Handler) Notify() { h.live.notify() }

// ServeHTTP serves the dashboard with its security headers.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	hdr.Set("Content-Security-Policy", contentSecurityPolicy)
	hdr.Set("X-Frame-Options", "DENY")
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Referrer-Policy", "same-origin")
	hdr.Set("Cross-Origin-Opener-Policy", "same-origin")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		if err := h.checkOrigin(r); err != nil {
			h.Logger.Warn("cross-site request refused", "method", r.Method, "path", r.URL.Path,
				"origin", r.Header.Get("Origin"), "referer", r.Header.Get("Referer"))
			h.fail(w, r, nil, err)
			return
		}
	}
	h.mux.ServeHTTP(w, r)
}

// contentSecurityPolicy allows scripts, styles, images and connections from
// the server alone: no inline script, no inline style, no framing.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// Roles from least to most: each includes those before it.
var roleRank = map[string]int{attest.ScopeRead: 1, attest.ScopeRespond: 2, attest.ScopeAdmin: 3}

// allows reports whether a session of role has may do what needs need.
func allows(has, need string) bool { return roleRank[has] >= roleRank[need] && roleRank[has] > 0 }

func (h *Handler) routes() *http.ServeMux {
	mux := http.NewServeMux()
	static, _ := fs.Sub(staticFS, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", staticHandler(http.FileServerFS(static))))

	mux.HandleFunc("GET /signin", h.handleSignInPage)
	mux.HandleFunc("POST /signin/token", h.handleTokenSignIn)
	mux.HandleFunc("GET /signin/link", h.handleLinkPage)
	mux.HandleFunc("POST /signin/link", h.handleLinkSignIn)
	mux.HandleFunc("GET /auth/oidc", h.handleOIDCStart)
	mux.HandleFunc("GET /auth/callback", h.handleOIDCCallback)
	mux.Handle("POST /signout", h.signedIn(attest.ScopeRead, h.handleSignOut))

	mux.Handle("GET /{$}", h.signedIn(attest.ScopeRead, h.handleOverview))
	mux.Handle("GET /events", h.signedIn(attest.ScopeRead, h.handleEvents))
	mux.Handle("GET /events/live", h.signedIn(attest.ScopeRead, h.handleLive))
	mux.Handle("GET /events/{seq}", h.signedIn(attest.ScopeRead, h.handleEvent))
	mux.Handle("GET /actors/{name}", h.signedIn(attest.ScopeRead, h.handleActor))
	mux.Handle("GET /alerts", h.signedIn(attest.ScopeRead, h.handleAlerts))
	mux.Handle("GET /alerts/{id}", h.signedIn(attest.ScopeRead, h.handleAlert))
	mux.Handle("POST /alerts/{id}/ack", h.signedIn(attest.ScopeRespond, h.handleAlertStatus(attest.AlertAcknowledged)))
	mux.Handle("POST /alerts/{id}/resolve", h.signedIn(attest.ScopeRespond, h.handleAlertStatus(attest.AlertResolved)))
	mux.Handle("GET /posture", h.signedIn(attest.ScopeRead, h.handlePosture))
	mux.Handle("GET /vulns", h.signedIn(attest.ScopeRead, h.handleVulns))
	mux.Handle("GET /vulns/{id}", h.signedIn(attest.ScopeRead, h.handleVuln))
	mux.Handle("GET /controls", h.signedIn(attest.ScopeRead, h.handleControls))
	mux.Handle("GET /exceptions", h.signedIn(attest.ScopeRead, h.handleExceptions))
	mux.Handle("GET /log", h.signedIn(attest.ScopeRead, h.handleLog))
	mux.Handle("POST /log/verify", h.signedIn(attest.ScopeAdmin, h.handleVerify))

	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		h.fail(w, r, nil, attest.Errorf(attest.ENOTFOUND, "no page %s", r.URL.Path))
	})
	return mux
}

// staticHandler lets browsers keep the assets for an hour.
func staticHandler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		next.ServeHTTP(w, r)
	})
}

// view is what every page template gets.
type view struct {
	Title string
	// Nav names the menu entry to highlight.
	Nav     string
	Session *attest.Session
	CSRF    string
	// Flash is a message for the person, such as the result of an action.
	Flash string
	Data  any
}

// render executes a page into a buffer first, so that a template error is
// an error page rather than half a page.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, name string, v view) {
	t, ok := h.pages[name]
	if !ok {
		h.Logger.Error("render: no template", "page", name)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	if s := sessionFrom(r.Context()); s != nil {
		v.Session, v.CSRF = s.Session, s.csrf
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
		h.Logger.Error("render", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// statusOf maps an application error code to an HTTP status.
func statusOf(code string) int {
	switch code {
	case attest.EINVALID:
		return http.StatusBadRequest
	case attest.ENOTFOUND:
		return http.StatusNotFound
	case attest.ECONFLICT:
		return http.StatusConflict
	case attest.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case attest.EFORBIDDEN:
		return http.StatusForbidden
	case attest.EUNAVAILABLE:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// fail shows an error page: the message of an application error, or
// "internal error" (logged) for any other.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, _ *attest.Session, err error) {
	code := attest.ErrorCode(err)
	if code == attest.EINTERNAL {
		if r.Context().Err() != nil {
			return
		}
		h.Logger.Error("page", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	h.render(w, r, statusOf(code), "error", view{Title: http.StatusText(statusOf(code)), Data: attest.ErrorMessage(err)})
}

func mustParsePages() map[string]*template.Template {
	pages, err := parsePages()
	if err != nil {
		panic(err)
	}
	return pages
}

// parsePages parses each page template together with the layout.
func parsePages() (map[string]*template.Template, error) {
	layout, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/_*.html")
	if err != nil {
		return nil, fmt.Errorf("parse layout: %w", err)
	}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, n := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if base == "layout" || strings.HasPrefix(base, "_") {
			continue
		}
		t, err := template.Must(layout.Clone()).ParseFS(templateFS, n)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", n, err)
		}
		pages[base] = t
	}
	return pages, nil
}

var funcs = template.FuncMap{
	"when": formatTime,
	"day":  func(t time.Time) string { return t.UTC().Format("2006-01-02") },
	"mfa": func(m *bool) string {
		switch {
		case m == nil:
			return "—"
		case *m:
			return "yes"
		}
		return "no"
	},
	"has":   allows,
	"path":  url.PathEscape,
	"marks": dayMarks,
	"add":   func(a, b int) int { return a + b },
}

// formatTime shows a time in UTC to the second.
func formatTime(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.UTC().Format("2006-01-02 15:04:05Z")
}

func urlQueryEscape(s string) string { return url.QueryEscape(s) }

func sortStrings(s []string) { slices.Sort(s) }

// errNoStore is the error page of a part of the dashboard whose store the
// server was not given.
func errNoStore(what string) error {
	return attest.Errorf(attest.ENOTFOUND, "this server keeps no %s", what)
}

// clientGone reports whether an error only means that the person left.
func clientGone(ctx context.Context, err error) bool {
	return ctx.Err() != nil || errors.Is(err, context.Canceled)
}
