package http

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/attest-dev/attest"
)

// TokenPrefix starts every token secret, so that a leaked secret is easy to
// recognise (and to scan for).
const TokenPrefix = "att_"

// SourceAttest is the source of the server's own admin events.
const SourceAttest = "attest"

// requestInfo carries what the auth middleware learnt back out to the
// request log.
type requestInfo struct {
	token *attest.Token
}

type requestInfoKey struct{}

func withRequestInfo(ctx context.Context) (context.Context, *requestInfo) {
	info := &requestInfo{}
	return context.WithValue(ctx, requestInfoKey{}, info), info
}

// tokenFrom returns the token that authenticated the request, or nil.
func tokenFrom(ctx context.Context) *attest.Token {
	if info, ok := ctx.Value(requestInfoKey{}).(*requestInfo); ok {
		return info.token
	}
	return nil
}

func (info *requestInfo) name() string {
	if info.token == nil {
		return ""
	}
	return info.token.Name
}

// HashSecret returns the hash under which a token secret is stored: SHA-256
// of the whole secret, prefix included.
func HashSecret(secret string) []byte {
	sum := sha256.Sum256([]byte(secret))
	return sum[:]
}

// allows reports whether a token of scope has may call an endpoint that needs
// one of the scopes need. Admin may do everything; read, ingest, respond and
// evidence are separate.
func allows(has string, need ...string) bool {
	return has == attest.ScopeAdmin || slices.Contains(need, has)
}

// errUnauthorized is the one answer for every authentication failure, so that
// a caller cannot tell a missing header from an unknown or revoked token.
var errUnauthorized = attest.Errorf(attest.EUNAUTHORIZED, "missing or invalid API token")

// require authenticates the request's bearer token and checks that its scope
// is one of need (or admin).
func (s *Server) require(next http.Handler, need ...string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t, err := s.authenticate(r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		if info, ok := r.Context().Value(requestInfoKey{}).(*requestInfo); ok {
			info.token = t
		}
		if !allows(t.Scope, need...) {
			s.writeError(w, r, attest.Errorf(attest.EFORBIDDEN, "token %q has scope %s; this endpoint needs %s", t.Name, t.Scope, strings.Join(need, " or ")))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// authenticate finds the token of the request: "Authorization: Bearer
// att_...", or HTTP Basic authentication with the secret as the password
// (any user name), for senders such as Falco's http_output that can put
// credentials only in the URL.
func (s *Server) authenticate(r *http.Request) (*attest.Token, error) {
	var secret string
	if _, password, ok := r.BasicAuth(); ok {
		secret = password
	} else {
		scheme, rest, ok := strings.Cut(r.Header.Get("Authorization"), " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") {
			return nil, errUnauthorized
		}
		secret = strings.TrimSpace(rest)
	}
	if !strings.HasPrefix(secret, TokenPrefix) || len(secret) > 200 {
		return nil, errUnauthorized
	}
	t, err := s.Tokens.TokenBySecretHash(r.Context(), HashSecret(secret))
	switch attest.ErrorCode(err) {
	case "":
	case attest.ENOTFOUND:
		return nil, errUnauthorized
	default:
		s.metrics.storeErrors.WithLabelValues("token_by_secret_hash", attest.ErrorCode(err)).Inc()
		return nil, fmt.Errorf("authenticate: %w", err)
	}
	if t.Revoked {
		return nil, errUnauthorized
	}
	return t, nil
}

// NewToken describes a token to create.
type NewToken struct {
	Name  string
	Scope string
	// Source binds an ingest token to one source name.
	Source string
	// Actor is who asks for the token, for the audit event: the name of the
	// admin token on the API, the operating-system user on the CLI.
	Actor string
	// Via says where the request came from ("api" or "cli").
	Via string
}

var (
	tokenNameRE  = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._@:/ -]{0,99}$`)
	sourceNameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,62}$`)
)

// ValidSourceName reports whether name may name a generic source: lower-case
// letters, digits, '.', '_' and '-', at most 63, and not "attest", which is
// kept for the server's own events.
func ValidSourceName(name string) bool {
	return sourceNameRE.MatchString(name) && name != SourceAttest
}

// Validate checks the name, scope and source; it returns EINVALID.
func (n NewToken) Validate() error {
	switch {
	case !tokenNameRE.MatchString(n.Name):
		return attest.Errorf(attest.EINVALID, "token name %q: want 1 to 100 letters, digits, spaces or . _ @ : / -, starting with a letter or digit", n.Name)
	case !attest.ValidScope(n.Scope):
		return attest.Errorf(attest.EINVALID, "token scope %q: want ingest, read, respond, evidence, admission or admin", n.Scope)
	case n.Source != "" && n.Scope != attest.ScopeIngest:
		return attest.Errorf(attest.EINVALID, "token source %q: only an ingest token is bound to a source", n.Source)
	case n.Source != "" && !ValidSourceName(n.Source):
		return attest.Errorf(attest.EINVALID, "token source %q: want lower-case letters, digits, . _ -, at most 63, not %q", n.Source, SourceAttest)
	}
	return nil
}

// CreateToken makes a token with a fresh secret and stores it (hashed)
// together with the audit record of its creation, an event of source
// "attest" by n.Actor, in one transaction: there is never a token without
// its record. It returns the token and its secret, which is never stored and
// must be shown to the caller once.
func CreateToken(ctx context.Context, tokens attest.TokenStore, n NewToken, now time.Time, random io.Reader) (*attest.Token, string, error) {
	if err := n.Validate(); err != nil {
		return nil, "", err
	}
	var buf [32 + 12]byte
	if _, err := io.ReadFull(random, buf[:]); err != nil {
		return nil, "", fmt.Errorf("create token: read random: %w", err)
	}
	secret := TokenPrefix + base64.RawURLEncoding.EncodeToString(buf[:32])
	t := &attest.Token{
		ID:      "tok_" + hex.EncodeToString(buf[32:]),
		Name:    n.Name,
		Scope:   n.Scope,
		Source:  n.Source,
		Created: now.UTC(),
	}
	raw, err := json.Marshal(map[string]any{
		"action": "token.create",
		"via":    n.Via,
		"actor":  n.Actor,
		"token":  t,
	})
	if err != nil {
		return nil, "", fmt.Errorf("create token: %w", err)
	}
	ev := &attest.Event{
		Time:       now.UTC(),
		Received:   now.UTC(),
		Source:     SourceAttest,
		ExternalID: t.ID,
		Actor:      n.Actor,
		Action:     "token.create",
		Target:     "token/" + t.ID,
		Outcome:    attest.OutcomeSuccess,
		Raw:        raw,
	}
	if err := tokens.CreateToken(ctx, t, HashSecret(secret), ev); err != nil {
		return nil, "", fmt.Errorf("create token: %w", err)
	}
	return t, secret, nil
}

// TokenRevoker revokes API tokens.
type TokenRevoker interface {
	// RevokeToken marks a token revoked and appends record, the audit
	// record of the revocation, in the same transaction; it returns
	// ENOTFOUND for an unknown id.
	RevokeToken(ctx context.Context, id string, record *attest.Event) error
}

// RevokeToken revokes the token with the given id and records the
// revocation in the audit log, in the same transaction, as an event of source
// attest, by actor through via ("cli" or "api"). A revoked token
// authenticates nothing.
func RevokeToken(ctx context.Context, tokens TokenRevoker, id, actor, via string, now time.Time) error {
	raw, err := json.Marshal(map[string]any{"action": "token.revoke", "via": via, "actor": actor, "token": id})
	if err != nil {
		return fmt.Errorf("revoke token: %w", err)
	}
	ev := &attest.Event{
		Time:       now.UTC(),
		Received:   now.UTC(),
		Source:     SourceAttest,
		ExternalID: id,
		Actor:      actor,
		Action:     "token.revoke",
		Target:     "token/" + id,
		Outcome:    attest.OutcomeSuccess,
		Raw:        raw,
	}
	if err := tokens.RevokeToken(ctx, id, ev); err != nil {
		return fmt.Errorf("revoke token: %w", err)
	}
	return nil
}

// createTokenRequest is the body of POST /api/v1/tokens.
type createTokenRequest struct {
	Name   string `json:"name"`
	Scope  string `json:"scope"`
	Source string `json:"source,omitempty"`
}

// createTokenResponse shows the secret, once.
type createTokenResponse struct {
	Token  *attest.Token `json:"token"`
	Secret string        `json:"secret"`
}

func (s *Server) handleCreateToken(w http.ResponseWriter, r *http.Request) {
	var req createTokenRequest
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		s.writeError(w, r, attest.Errorf(attest.EINVALID, "token request body: %v", err))
		return
	}
	actor := actorOf(r.Context())
	t, secret, err := CreateToken(r.Context(), s.Tokens, NewToken{
		Name: req.Name, Scope: req.Scope, Source: req.Source, Actor: actor, Via: "api",
	}, s.Now(), s.Rand)
	if err != nil {
		s.storeError("create_token", err)
		s.writeError(w, r, err)
		return
	}
	s.Logger.Info("token created", "id", t.ID, "name", t.Name, "scope", t.Scope, "by", actor)
	writeJSON(w, http.StatusCreated, createTokenResponse{Token: t, Secret: secret})
}

// actorOf names the token that authenticated the request for the audit
// record of an admin action: its name, or "token/<id>" when it has none.
func actorOf(ctx context.Context) string {
	t := tokenFrom(ctx)
	if t == nil {
		return ""
	}
	if t.Name != "" {
		return t.Name
	}
	return "token/" + t.ID
}

// storeError counts an error from the store unless it is the caller's fault.
func (s *Server) storeError(op string, err error) {
	switch code := attest.ErrorCode(err); code {
	case "", attest.EINVALID, attest.ENOTFOUND:
	default:
		s.metrics.storeErrors.WithLabelValues(op, code).Inc()
	}
}
