package web

import (
	"cmp"
	"context"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/attest-dev/attest"
	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

// OIDC is the single sign-on configuration: an OpenID Connect provider, this
// dashboard as its client, and which groups give which role.
type OIDC struct {
	// Issuer is the provider's issuer URL; its discovery document is read
	// on the first sign-in (and again after a failure), so the server
	// starts even while the provider is unreachable.
	Issuer       string `yaml:"issuer"`
	ClientID     string `yaml:"client_id"`
	ClientSecret string `yaml:"client_secret"`
	// RedirectURL is where the provider sends people back:
	// <dashboard URL>/auth/callback.
	RedirectURL string `yaml:"redirect_url"`
	// Scopes asked for besides openid; default email, profile and groups.
	Scopes []string `yaml:"scopes"`
	// GroupsClaim names the ID token claim that lists the person's groups
	// (default "groups").
	GroupsClaim string `yaml:"groups_claim"`
	// Roles maps each role (read, respond, admin) to the groups that get
	// it. A person gets the highest role of their groups; one in no listed
	// group cannot sign in.
	Roles map[string][]string `yaml:"roles"`
	// HTTPClient, when set, is used to reach the provider (tests).
	HTTPClient *http.Client `yaml:"-"`

	mu       sync.Mutex
	provider *oidc.Provider
}

// Validate checks the configuration.
func (o *OIDC) Validate() error {
	switch {
	case o.Issuer == "":
		return fmt.Errorf("oidc: issuer is required")
	case o.ClientID == "":
		return fmt.Errorf("oidc: client_id is required")
	case o.RedirectURL == "":
		return fmt.Errorf("oidc: redirect_url is required")
	case len(o.Roles) == 0:
		return fmt.Errorf("oidc: roles is empty: map read, respond or admin to groups")
	}
	for role, groups := range o.Roles {
		if roleRank[role] == 0 {
			return fmt.Errorf("oidc: roles: %q is not read, respond or admin", role)
		}
		if len(groups) == 0 {
			return fmt.Errorf("oidc: roles: %s lists no group", role)
		}
	}
	return nil
}

// RoleOf returns the highest role that the groups give, or "".
func (o *OIDC) RoleOf(groups []string) string {
	best := ""
	for role, want := range o.Roles {
		for _, g := range groups {
			if slices.Contains(want, g) && roleRank[role] > roleRank[best] {
				best = role
			}
		}
	}
	return best
}

func (o *OIDC) context(ctx context.Context) context.Context {
	if o.HTTPClient != nil {
		return oidc.ClientContext(ctx, o.HTTPClient)
	}
	return ctx
}

// discover returns the provider, reading its discovery document the first
// time.
func (o *OIDC) discover(ctx context.Context) (*oidc.Provider, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.provider != nil {
		return o.provider, nil
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	p, err := oidc.NewProvider(o.context(ctx), o.Issuer)
	if err != nil {
		return nil, attest.Errorf(attest.EUNAVAILABLE, "the sign-on provider %s cannot be reached: %v", o.Issuer, err)
	}
	o.provider = p
	return p, nil
}

func (o *OIDC) config(p *oidc.Provider) *oauth2.Config {
	scopes := o.Scopes
	if len(scopes) == 0 {
		scopes = []string{"email", "profile", "groups"}
	}
	return &oauth2.Config{
		ClientID: o.ClientID, ClientSecret: o.ClientSecret, RedirectURL: o.RedirectURL,
		Endpoint: p.Endpoint(), Scopes: append([]string{oidc.ScopeOpenID}, scopes...),
	}
}

// flowCookie holds what the callback checks: the state, the nonce and the
// PKCE verifier of one sign-in, for ten minutes.
const flowCookie = "attest_oidc"

type flow struct {
	State    string `json:"s"`
	Nonce    string `json:"n"`
	Verifier string `json:"v"`
	Next     string `json:"x"`
}

func (h *Handler) randomString() (string, error) {
	var b [32]byte
	if _, err := io.ReadFull(h.Rand, b[:]); err != nil {
		return "", fmt.Errorf("read random: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b[:]), nil
}

// handleOIDCStart sends the person to the provider with a fresh state,
// nonce and PKCE challenge.
func (h *Handler) handleOIDCStart(w http.ResponseWriter, r *http.Request) {
	if h.OIDC == nil {
		h.fail(w, r, nil, attest.Errorf(attest.ENOTFOUND, "single sign-on is not configured"))
		return
	}
	p, err := h.OIDC.discover(r.Context())
	if err != nil {
		h.fail(w, r, nil, err)
		return
	}
	var f flow
	for _, s := range []*string{&f.State, &f.Nonce} {
		if *s, err = h.randomString(); err != nil {
			h.fail(w, r, nil, err)
			return
		}
	}
	f.Verifier = oauth2.GenerateVerifier()
	f.Next = localPath(r.URL.Query().Get("next"))
	value, _ := json.Marshal(f)
	http.SetCookie(w, &http.Cookie{
		Name: flowCookie, Value: base64.RawURLEncoding.EncodeToString(value), Path: "/auth/", MaxAge: 600,
		HttpOnly: true, Secure: h.secure(r), SameSite: http.SameSiteLaxMode,
	})
	url := h.OIDC.config(p).AuthCodeURL(f.State, oidc.Nonce(f.Nonce), oauth2.S256ChallengeOption(f.Verifier))
	http.Redirect(w, r, url, http.StatusFound)
}

// claims are the ID token claims the dashboard reads.
type claims struct {
	Subject           string `json:"sub"`
	Email             string `json:"email"`
	PreferredUsername string `json:"preferred_username"`
	Name              string `json:"name"`
	// EmailVerified is a boolean, or the strings "true" and "false" of
	// some providers.
	EmailVerified any `json:"email_verified"`
}

// handleOIDCCallback checks the state, exchanges the code (with the PKCE
// verifier), verifies the ID token (signature, issuer, audience, expiry,
// nonce), maps the groups to a role and starts a session.
func (h *Handler) handleOIDCCallback(w http.ResponseWriter, r *http.Request) {
	if h.OIDC == nil {
		h.fail(w, r, nil, attest.Errorf(attest.ENOTFOUND, "single sign-on is not configured"))
		return
	}
	unauthorized := func(msg string, args ...any) {
		h.Logger.Warn("oidc sign-in refused", "reason", fmt.Sprintf(msg, args...))
		h.fail(w, r, nil, attest.Errorf(attest.EUNAUTHORIZED, "single sign-on failed: "+msg, args...))
	}
	c, err := r.Cookie(flowCookie)
	if err != nil {
		unauthorized("no sign-in in progress in this browser (or it took longer than ten minutes)")
		return
	}
	http.SetCookie(w, &http.Cookie{Name: flowCookie, Value: "", Path: "/auth/", MaxAge: -1, HttpOnly: true, Secure: h.secure(r), SameSite: http.SameSiteLaxMode})
	var f flow
	if b, err := base64.RawURLEncoding.DecodeString(c.Value); err != nil || json.Unmarshal(b, &f) != nil || f.State == "" {
		unauthorized("the sign-in cookie is damaged")
		return
	}
	q := r.URL.Query()
	if e := q.Get("error"); e != "" {
		unauthorized("the provider answered %s", truncate(e, 100))
		return
	}
	if subtle.ConstantTimeCompare([]byte(q.Get("state")), []byte(f.State)) != 1 {
		unauthorized("the state does not match this browser's sign-in")
		return
	}
	p, err := h.OIDC.discover(r.Context())
	if err != nil {
		h.fail(w, r, nil, err)
		return
	}
	ctx := h.OIDC.context(r.Context())
	tok, err := h.OIDC.config(p).Exchange(ctx, q.Get("code"), oauth2.VerifierOption(f.Verifier))
	if err != nil {
		unauthorized("the provider refused the code: %v", err)
		return
	}
	rawID, ok := tok.Extra("id_token").(string)
	if !ok || rawID == "" {
		unauthorized("the provider sent no ID token")
		return
	}
	idt, err := p.VerifierContext(ctx, &oidc.Config{ClientID: h.OIDC.ClientID, Now: h.Now}).Verify(ctx, rawID)
	if err != nil {
		unauthorized("the ID token does not verify: %v", err)
		return
	}
	if subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(f.Nonce)) != 1 {
		unauthorized("the ID token's nonce does not match this sign-in")
		return
	}
	var cl claims
	all := map[string]any{}
	if err := idt.Claims(&cl); err != nil || idt.Claims(&all) != nil {
		unauthorized("the ID token's claims do not parse")
		return
	}
	if cl.EmailVerified == false || cl.EmailVerified == "false" {
		// Anyone may type an unverified email: it does not name the person.
		cl.Email = ""
	}
	user := cmp.Or(cl.Email, cl.PreferredUsername, cl.Name, cl.Subject)
	groups := groupsOf(all[cmp.Or(h.OIDC.GroupsClaim, "groups")])
	role := h.OIDC.RoleOf(groups)
	if role == "" {
		h.recordRefusal(r, user, ViaOIDC, "no role for groups "+strings.Join(groups, ", "))
		h.fail(w, r, nil, attest.Errorf(attest.EFORBIDDEN, "%s is signed in at the provider, but none of their groups is given a role on this dashboard", user))
		return
	}
	h.startSession(w, r, user, role, ViaOIDC, nil, f.Next, map[string]any{"issuer": idt.Issuer, "subject": idt.Subject, "groups": groups})
}

// groupsOf reads a groups claim: a list of strings, or one string.
func groupsOf(v any) []string {
	switch g := v.(type) {
	case string:
		return []string{g}
	case []any:
		var out []string
		for _, x := range g {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}
