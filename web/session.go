package web

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/auditlog"
	attesthttp "github.com/attest-dev/attest/http"
)

// Cookie names. Over TLS the session cookie takes the __Host- prefix, which
// browsers accept only from a secure origin, for the whole host, path /.
const (
	sessionCookie       = "attest_session"
	secureSessionCookie = "__Host-attest_session"
)

// Sign-in methods, as Session.Via and in the audit records.
const (
	ViaOIDC  = "oidc"
	ViaToken = "token"
	ViaLink  = "link"
)

// Audit record actions of the dashboard.
const (
	ActionSignIn     = "web.signin"
	ActionSignOut    = "web.signout"
	ActionLinkCreate = "web.signin_link.create"
	ActionVerify     = auditlog.VerifyAction
)

// session is the signed-in session of a request and its CSRF token.
type session struct {
	*attest.Session
	secretHash []byte
	csrf       string
}

type sessionKey struct{}

func sessionFrom(ctx context.Context) *session {
	s, _ := ctx.Value(sessionKey{}).(*session)
	return s
}

// csrfToken derives a session's CSRF token from its secret: only the holder
// of the cookie can know it, and nothing needs to be stored.
func csrfToken(secret string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte("attest csrf"))
	return hex.EncodeToString(m.Sum(nil))
}

func hashSecret(secret string) []byte {
	sum := sha256.Sum256([]byte(secret))
	return sum[:]
}

func (h *Handler) secure(r *http.Request) bool { return r.TLS != nil || h.SecureCookies }

func (h *Handler) cookieName(r *http.Request) string {
	if h.secure(r) {
		return secureSessionCookie
	}
	return sessionCookie
}

// lookup finds the request's session, if its cookie names one in force.
func (h *Handler) lookup(r *http.Request) (*session, error) {
	c, err := r.Cookie(h.cookieName(r))
	if err != nil || c.Value == "" || len(c.Value) > 100 {
		return nil, nil
	}
	hash := hashSecret(c.Value)
	s, err := h.Sessions.SessionBySecretHash(r.Context(), hash)
	switch attest.ErrorCode(err) {
	case "":
	case attest.ENOTFOUND:
		return nil, nil
	default:
		return nil, err
	}
	if !h.Now().Before(s.Expires) {
		return nil, nil
	}
	return &session{Session: s, secretHash: hash, csrf: csrfToken(c.Value)}, nil
}

// signedIn serves next to a session of at least role need: a request
// without one is sent to the sign-in page (GET) or refused (401), one of a
// lesser role refused (403). A POST must carry the session's CSRF token.
func (h *Handler) signedIn(need string, next func(http.ResponseWriter, *http.Request, *session)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s, err := h.lookup(r)
		if err != nil {
			h.fail(w, r, nil, err)
			return
		}
		if s == nil {
			if r.Method == http.MethodGet && r.URL.Path != "/events/live" {
				http.Redirect(w, r, "/signin?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			h.fail(w, r, nil, attest.Errorf(attest.EUNAUTHORIZED, "sign in first"))
			return
		}
		r = r.WithContext(context.WithValue(r.Context(), sessionKey{}, s))
		if !allows(s.Role, need) {
			h.fail(w, r, s.Session, attest.Errorf(attest.EFORBIDDEN, "your role %s cannot do this; it needs %s", s.Role, need))
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			got := r.PostFormValue("csrf")
			if subtle.ConstantTimeCompare([]byte(got), []byte(s.csrf)) != 1 {
				h.Logger.Warn("csrf token refused", "path", r.URL.Path, "user", s.User)
				h.fail(w, r, s.Session, attest.Errorf(attest.EFORBIDDEN, "this form has expired or did not come from this dashboard; reload the page and try again"))
				return
			}
		}
		next(w, r, s)
	})
}

// origin is the dashboard's own origin for a request: URL's, else the
// request's scheme and Host.
func (h *Handler) origin(r *http.Request) string {
	if h.URL != "" {
		if u, err := url.Parse(h.URL); err == nil {
			return u.Scheme + "://" + u.Host
		}
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// checkOrigin refuses a state-changing request that a browser says came
// from another site: by Sec-Fetch-Site, then Origin, then Referer. A request
// with none of them is refused too: every browser that runs the dashboard
// sends Origin with a POST.
func (h *Handler) checkOrigin(r *http.Request) error {
	refuse := attest.Errorf(attest.EFORBIDDEN, "cross-site request refused")
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
		return refuse
	}
	want := h.origin(r)
	if o := r.Header.Get("Origin"); o != "" {
		if o != want {
			return refuse
		}
		return nil
	}
	ref := r.Header.Get("Referer")
	if ref == "" {
		return refuse
	}
	u, err := url.Parse(ref)
	if err != nil || u.Scheme+"://"+u.Host != want {
		return refuse
	}
	return nil
}

// record is an audit record of the dashboard: source attest, by actor.
func (h *Handler) record(r *http.Request, action, actor, target, outcome string, detail map[string]any) *attest.Event {
	now := h.Now().UTC()
	payload := map[string]any{"action": action, "via": "web", "actor": actor}
	for k, v := range detail {
		payload[k] = v
	}
	raw, _ := json.Marshal(payload)
	return &attest.Event{
		Time: now, Received: now, Source: attesthttp.SourceAttest,
		Actor: actor, Action: action, Target: target, Outcome: outcome,
		SourceIP: clientIP(r), UserAgent: truncate(r.UserAgent(), 512), Raw: raw,
	}
}

func clientIP(r *http.Request) string {
	if i := strings.LastIndexByte(r.RemoteAddr, ':'); i > 0 {
		return strings.Trim(r.RemoteAddr[:i], "[]")
	}
	return r.RemoteAddr
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

// newSecret returns a random secret for a cookie or a link and an id.
func (h *Handler) newSecret() (secret, id string, err error) {
	var b [32 + 8]byte
	if _, err := io.ReadFull(h.Rand, b[:]); err != nil {
		return "", "", fmt.Errorf("read random: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b[:32]), "ses_" + hex.EncodeToString(b[32:]), nil
}

// startSession creates a session for user with role, records the sign-in
// (using up linkHash, when set, in the same transaction), sets the cookie
// and sends the person on to next.
func (h *Handler) startSession(w http.ResponseWriter, r *http.Request, user, role, via string, linkHash []byte, next string, detail map[string]any) {
	h.startSessionFor(w, r, &attest.Session{User: user, Role: role, Via: via}, linkHash, next, detail)
}

// startSessionFor is startSession for a session whose fields beyond user,
// role and via (a token id) the caller sets.
func (h *Handler) startSessionFor(w http.ResponseWriter, r *http.Request, s *attest.Session, linkHash []byte, next string, detail map[string]any) {
	user, role, via := s.User, s.Role, s.Via
	secret, id, err := h.newSecret()
	if err != nil {
		h.fail(w, r, nil, err)
		return
	}
	now := h.Now().UTC()
	s.ID, s.Created, s.Expires = id, now, now.Add(h.SessionTTL)
	if detail == nil {
		detail = map[string]any{}
	}
	detail["session"], detail["role"], detail["method"] = id, role, via
	rec := h.record(r, ActionSignIn, user, "web/session/"+id, attest.OutcomeSuccess, detail)
	if err := h.Sessions.CreateSession(r.Context(), s, hashSecret(secret), linkHash, rec); err != nil {
		if attest.ErrorCode(err) == attest.ENOTFOUND && linkHash != nil {
			err = attest.Errorf(attest.EUNAUTHORIZED, "this sign-in link is unknown, used or expired")
		}
		h.fail(w, r, nil, err)
		return
	}
	h.Logger.Info("signed in", "user", user, "role", role, "via", via, "session", id)
	http.SetCookie(w, &http.Cookie{
		Name: h.cookieName(r), Value: secret, Path: "/", Expires: s.Expires,
		HttpOnly: true, Secure: h.secure(r), SameSite: http.SameSiteLaxMode,
	})
	http.Redirect(w, r, localPath(next), http.StatusSeeOther)
}

// localPath keeps a "next" target on this site: a path of the dashboard,
// never a URL of another host ("//evil", "/\evil", or "/\t/evil", which a
// browser reads as "//evil" because it drops tabs and newlines).
func localPath(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\") ||
		strings.ContainsFunc(next, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return "/"
	}
	return next
}

// recordRefusal writes the audit record of a sign-in refused to a known
// identity (an OIDC user without a role, a token of the wrong scope).
func (h *Handler) recordRefusal(r *http.Request, user, via, reason string) {
	rec := h.record(r, ActionSignIn, user, "web/session", attest.OutcomeFailure, map[string]any{"method": via, "reason": reason})
	if err := h.Events.AppendEvents(r.Context(), []*attest.Event{rec}); err != nil {
		h.Logger.Error("record refused sign-in", "user", user, "err", err)
	}
	h.Logger.Warn("sign-in refused", "user", user, "via", via, "reason", reason)
}

func (h *Handler) handleSignOut(w http.ResponseWriter, r *http.Request, s *session) {
	rec := h.record(r, ActionSignOut, s.User, "web/session/"+s.ID, attest.OutcomeSuccess, map[string]any{"session": s.ID})
	if err := h.Sessions.EndSession(r.Context(), s.secretHash, rec); err != nil && attest.ErrorCode(err) != attest.ENOTFOUND {
		h.fail(w, r, s.Session, err)
		return
	}
	h.Logger.Info("signed out", "user", s.User, "session", s.ID)
	http.SetCookie(w, &http.Cookie{Name: h.cookieName(r), Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: h.secure(r), SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, "/signin", http.StatusSeeOther)
}

type signInView struct {
	OIDC  bool
	Next  string
	Error string
}

func (h *Handler) handleSignInPage(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusOK, "signin", view{Title: "Sign in", Data: signInView{
		OIDC: h.OIDC != nil, Next: localPath(r.URL.Query().Get("next")),
	}})
}

// roleOfScope maps an API token's scope to the dashboard role it signs in
// with; ingest and evidence tokens cannot sign in.
func roleOfScope(scope string) string {
	switch scope {
	case attest.ScopeRead, attest.ScopeRespond, attest.ScopeAdmin:
		return scope
	}
	return ""
}

// handleTokenSignIn signs in with an API token of scope read, respond or
// admin; the session has the token's scope as its role and its name as the
// user.
func (h *Handler) handleTokenSignIn(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 8<<10)
	secret := strings.TrimSpace(r.PostFormValue("token"))
	next := r.PostFormValue("next")
	refuse := func() {
		h.render(w, r, http.StatusUnauthorized, "signin", view{Title: "Sign in", Data: signInView{
			OIDC: h.OIDC != nil, Next: localPath(next), Error: "That token is unknown, revoked, or cannot sign in.",
		}})
	}
	if !strings.HasPrefix(secret, attesthttp.TokenPrefix) || len(secret) > 200 {
		refuse()
		return
	}
	t, err := h.Tokens.TokenBySecretHash(r.Context(), attesthttp.HashSecret(secret))
	switch attest.ErrorCode(err) {
	case "":
	case attest.ENOTFOUND:
		h.Logger.Warn("sign-in refused", "via", ViaToken, "reason", "unknown token")
		refuse()
		return
	default:
		h.fail(w, r, nil, err)
		return
	}
	role := roleOfScope(t.Scope)
	if t.Revoked || role == "" {
		h.recordRefusal(r, t.Name, ViaToken, "token scope "+t.Scope+" cannot sign in")
		refuse()
		return
	}
	h.startSessionFor(w, r, &attest.Session{User: t.Name, Role: role, Via: ViaToken, TokenID: t.ID}, nil, next, map[string]any{"token": t.ID})
}

// NewSignInLink creates a one-time admin sign-in link valid for ttl and
// records its creation by actor (the operating-system user of attest
// serve). It returns the path and query to append to the dashboard's URL.
func NewSignInLink(ctx context.Context, sessions attest.SessionStore, actor string, now time.Time, ttl time.Duration, random io.Reader) (string, error) {
	var b [32]byte
	if _, err := io.ReadFull(random, b[:]); err != nil {
		return "", fmt.Errorf("sign-in link: read random: %w", err)
	}
	secret := base64.RawURLEncoding.EncodeToString(b[:])
	now = now.UTC()
	raw, _ := json.Marshal(map[string]any{"action": ActionLinkCreate, "via": "cli", "actor": actor, "expires": now.Add(ttl)})
	rec := &attest.Event{Time: now, Received: now, Source: attesthttp.SourceAttest, Actor: actor,
		Action: ActionLinkCreate, Target: "web/signin-link", Outcome: attest.OutcomeSuccess, Raw: raw}
	if err := sessions.CreateSignInLink(ctx, hashSecret(secret), now.Add(ttl), rec); err != nil {
		return "", fmt.Errorf("sign-in link: %w", err)
	}
	return "/signin/link?t=" + secret, nil
}

// LinkUser is the user name of a session made from a one-time sign-in link.
const LinkUser = "admin (sign-in link)"

// handleLinkPage asks the person to confirm: a link that signs in on GET
// would be used up by any program that fetches URLs ahead of a click.
func (h *Handler) handleLinkPage(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusOK, "link", view{Title: "Sign in with a one-time link", Data: r.URL.Query().Get("t")})
}

func (h *Handler) handleLinkSignIn(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 8<<10)
	secret := r.PostFormValue("t")
	if secret == "" || len(secret) > 100 {
		h.fail(w, r, nil, attest.Errorf(attest.EUNAUTHORIZED, "this sign-in link is unknown, used or expired"))
		return
	}
	h.startSession(w, r, LinkUser, attest.ScopeAdmin, ViaLink, hashSecret(secret), "/", nil)
}
