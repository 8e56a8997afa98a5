package web_test

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	attesthttp "github.com/attest-dev/attest/http"
	"github.com/attest-dev/attest/web"
)

// signInOIDC runs the whole authorization code flow: dashboard → provider
// → callback → overview. It returns the final status and body.
func (b *browser) signInOIDC() (int, string) {
	b.t.Helper()
	return b.get("/auth/oidc?next=%2Fevents")
}

func TestOIDC_GroupsMapToRoles(t *testing.T) {
	e := newEnv(t)
	idp := e.withOIDC(t)
	for _, tc := range []struct {
		groups []string
		role   string
	}{
		{[]string{"admins"}, "admin"},
		{[]string{"oncall"}, "respond"},
		{[]string{"engineering"}, "read"},
		{[]string{"engineering", "admins", "oncall"}, "admin"},
		{[]string{"contractors"}, ""},
		{nil, ""},
	} {
		t.Run(strings.Join(tc.groups, "+"), func(t *testing.T) {
			idp.mu.Lock()
			idp.Groups, idp.Email = tc.groups, "user-"+strings.Join(tc.groups, "-")+"@example.com"
			user := idp.Email
			idp.mu.Unlock()
			before := len(e.records(t, web.ActionSignIn))
			b := e.browser()
			status, body := b.signInOIDC()
			recs := e.records(t, web.ActionSignIn)
			if len(recs) != before+1 {
				t.Fatalf("sign-in records %d → %d, want one more", before, len(recs))
			}
			rec := recs[len(recs)-1]
			if rec.Actor != user {
				t.Errorf("sign-in record actor %q, want %q", rec.Actor, user)
			}
			if tc.role == "" {
				if status != http.StatusForbidden || !strings.Contains(body, "none of their groups") {
					t.Fatalf("no role: status %d, want 403 saying why:\n%s", status, body)
				}
				if rec.Outcome != attest.OutcomeFailure {
					t.Errorf("refused sign-in recorded as %s", rec.Outcome)
				}
				if status, _ := b.get("/events"); status != http.StatusOK {
					t.Fatalf("sign-in page: %d", status)
				}
				if _, body := b.get("/events"); !strings.Contains(body, `action="/signin/token"`) {
					t.Errorf("a person without a role reached a page")
				}
				return
			}
			if status != http.StatusOK || !strings.Contains(body, user+" · "+tc.role) {
				t.Fatalf("status %d, want the events page signed in as %s · %s:\n%s", status, user, tc.role, body)
			}
			if !strings.Contains(body, "<h1>Events</h1>") {
				t.Errorf("not sent on to next=/events")
			}
			if rec.Outcome != attest.OutcomeSuccess || !strings.Contains(string(rec.Raw), `"role":"`+tc.role+`"`) {
				t.Errorf("sign-in record %s %s, want success with role %s", rec.Outcome, rec.Raw, tc.role)
			}
		})
	}
	if len(idp.Methods) == 0 || idp.Methods[0] != "S256" {
		t.Errorf("authorize requests used PKCE methods %v, want S256", idp.Methods)
	}
}

func TestOIDC_RefusesBadIDTokens(t *testing.T) {
	e := newEnv(t)
	idp := e.withOIDC(t)
	idp.Groups = []string{"admins"}
	for _, tc := range []struct {
		name string
		set  func(p *provider)
		want string
	}{
		{"wrong nonce", func(p *provider) { p.Nonce = "not-the-nonce-asked-for" }, "nonce"},
		{"expired", func(p *provider) { p.Lifetime = -time.Minute }, "expired"},
		{"wrong audience", func(p *provider) { p.Audience = "another-client" }, "audience"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			idp.mu.Lock()
			idp.Nonce, idp.Lifetime, idp.Audience = "", time.Hour, ""
			tc.set(idp)
			idp.mu.Unlock()
			before := len(e.records(t, web.ActionSignIn))
			b := e.browser()
			status, body := b.signInOIDC()
			if status != http.StatusUnauthorized || !strings.Contains(body, tc.want) {
				t.Fatalf("status %d, want 401 mentioning %q:\n%s", status, tc.want, body)
			}
			if _, body := b.get("/"); strings.Contains(body, "Sign out") {
				t.Errorf("a session was made from a bad ID token")
			}
			if n := len(e.records(t, web.ActionSignIn)); n != before {
				t.Errorf("a refused ID token was recorded as a sign-in")
			}
		})
	}
	t.Run("state mismatch", func(t *testing.T) {
		idp.mu.Lock()
		idp.Nonce, idp.Lifetime, idp.Audience = "", time.Hour, ""
		idp.mu.Unlock()
		b := e.browser()
		// Start a sign-in but stop at the provider's redirect back.
		b.client.CheckRedirect = func(req *http.Request, via []*http.Request) error {
			if req.URL.Path == "/auth/callback" {
				return http.ErrUseLastResponse
			}
			return nil
		}
		resp, err := b.client.Get(e.url + "/auth/oidc")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		back, err := url.Parse(resp.Header.Get("Location"))
		if err != nil || back.Query().Get("code") == "" {
			t.Fatalf("provider did not redirect back with a code: %v %v", resp.Header.Get("Location"), err)
		}
		q := back.Query()
		q.Set("state", "forged")
		b.client.CheckRedirect = nil
		status, body := b.get("/auth/callback?" + q.Encode())
		if status != http.StatusUnauthorized || !strings.Contains(body, "state") {
			t.Fatalf("forged state: %d, want 401:\n%s", status, body)
		}
	})
	t.Run("no flow cookie", func(t *testing.T) {
		status, _ := e.browser().get("/auth/callback?code=x&state=y")
		if status != http.StatusUnauthorized {
			t.Fatalf("callback without a sign-in in progress: %d, want 401", status)
		}
	})
}

func TestTokenSignIn(t *testing.T) {
	e := newEnv(t)
	t.Run("admin", func(t *testing.T) {
		status, body := e.browser().signInToken(e.admin)
		if status != http.StatusOK || !strings.Contains(body, "ops-admin · admin") {
			t.Fatalf("%d, want the overview as ops-admin · admin:\n%s", status, body)
		}
	})
	t.Run("ingest token refused", func(t *testing.T) {
		before := len(e.records(t, web.ActionSignIn))
		status, body := e.browser().signInToken(e.ingest)
		if status != http.StatusUnauthorized || !strings.Contains(body, "cannot sign in") {
			t.Fatalf("%d, want 401:\n%s", status, body)
		}
		recs := e.records(t, web.ActionSignIn)
		if len(recs) != before+1 || recs[len(recs)-1].Outcome != attest.OutcomeFailure || recs[len(recs)-1].Actor != "ci-ingest" {
			t.Errorf("the refused sign-in of a known token is not recorded as a failure by ci-ingest")
		}
	})
	t.Run("revoking the token ends its session", func(t *testing.T) {
		ctx := context.Background()
		_, secret, err := attesthttp.CreateToken(ctx, e.db, attesthttp.NewToken{Name: "temp-admin", Scope: attest.ScopeAdmin, Actor: "test", Via: "cli"}, time.Now(), rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		b := e.browser()
		if status, _ := b.signInToken(secret); status != http.StatusOK {
			t.Fatalf("sign-in: %d", status)
		}
		if status, body := b.get("/events"); status != http.StatusOK || !strings.Contains(body, "temp-admin") {
			t.Fatalf("before revocation: %d", status)
		}
		tok, err := e.db.TokenBySecretHash(ctx, attesthttp.HashSecret(secret))
		if err != nil {
			t.Fatal(err)
		}
		if err := e.db.RevokeToken(ctx, tok.ID, &attest.Event{Time: time.Now(), Source: "attest", Actor: "test", Action: "token.revoke", Target: "token/" + tok.ID, Outcome: attest.OutcomeSuccess, Raw: []byte(`{}`)}); err != nil {
			t.Fatal(err)
		}
		if status, body := b.get("/events"); status == http.StatusOK && strings.Contains(body, "temp-admin") {
			t.Errorf("the session of a revoked token still opens pages")
		}
	})
	t.Run("unknown token refused", func(t *testing.T) {
		status, _ := e.browser().signInToken("att_" + strings.Repeat("x", 43))
		if status != http.StatusUnauthorized {
			t.Fatalf("%d, want 401", status)
		}
	})
}

func TestSignInLink(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	path, err := web.NewSignInLink(ctx, e.db, "root", e.clock.now(), 15*time.Minute, cryptoRand())
	if err != nil {
		t.Fatal(err)
	}
	if got := e.records(t, web.ActionLinkCreate); len(got) != 1 || got[0].Actor != "root" {
		t.Fatalf("link creation records %v, want one by root", got)
	}
	secret := strings.TrimPrefix(path, "/signin/link?t=")
	b := e.browser()
	// Opening the link only asks for confirmation: a link scanner that
	// fetches it does not use it up.
	if status, body := b.get(path); status != http.StatusOK || !strings.Contains(body, `action="/signin/link"`) {
		t.Fatalf("GET link: %d\n%s", status, body)
	}
	status, body := b.post("/signin/link", url.Values{"t": {secret}}, e.url)
	if status != http.StatusOK || !strings.Contains(body, web.LinkUser+" · admin") {
		t.Fatalf("first use: %d, want the overview as admin:\n%s", status, body)
	}
	if status, _ := e.browser().post("/signin/link", url.Values{"t": {secret}}, e.url); status != http.StatusUnauthorized {
		t.Errorf("second use: %d, want 401", status)
	}
	path2, err := web.NewSignInLink(ctx, e.db, "root", e.clock.now(), 15*time.Minute, cryptoRand())
	if err != nil {
		t.Fatal(err)
	}
	e.clock.advance(16 * time.Minute)
	if status, _ := e.browser().post("/signin/link", url.Values{"t": {strings.TrimPrefix(path2, "/signin/link?t=")}}, e.url); status != http.StatusUnauthorized {
		t.Errorf("expired link: %d, want 401", status)
	}
}

func TestSignOut(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	if status, _ := b.signInToken(e.admin); status != http.StatusOK {
		t.Fatal("sign-in failed")
	}
	jarCookies := b.client.Jar.Cookies(mustURL(t, e.url))
	status, body := b.post("/signout", url.Values{"csrf": {b.csrf()}}, e.url)
	if status != http.StatusOK || !strings.Contains(body, `action="/signin/token"`) {
		t.Fatalf("sign-out: %d, want the sign-in page:\n%s", status, body)
	}
	recs := e.records(t, web.ActionSignOut)
	if len(recs) != 1 || recs[0].Actor != "ops-admin" {
		t.Fatalf("sign-out records %v, want one by ops-admin", recs)
	}
	// The old cookie, replayed, no longer signs anyone in.
	replay := e.browser()
	replay.client.Jar.SetCookies(mustURL(t, e.url), jarCookies)
	if _, body := replay.get("/events"); strings.Contains(body, "Sign out") {
		t.Errorf("a signed-out session's cookie still works")
	}
}

func TestSession_Expires(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	b.signInToken(e.admin)
	e.clock.advance(web.DefaultSessionTTL + time.Minute)
	if _, body := b.get("/events"); strings.Contains(body, "Sign out") {
		t.Errorf("an expired session still signs in")
	}
}

// TestCrossSite refuses state changes from other sites, without a CSRF
// token, or without an Origin or Referer, and lets the same form through
// from the dashboard itself.
func TestCrossSite(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	b.signInToken(e.admin)
	csrf := b.csrf()
	before := len(e.records(t, web.ActionVerify))
	for _, tc := range []struct {
		name   string
		origin string
		form   url.Values
		want   int
	}{
		{"other origin", "http://evil.example", url.Values{"csrf": {csrf}}, http.StatusForbidden},
		{"same host other port", "http://127.0.0.1:1", url.Values{"csrf": {csrf}}, http.StatusForbidden},
		{"no origin or referer", "", url.Values{"csrf": {csrf}}, http.StatusForbidden},
		{"no csrf token", e.url, url.Values{}, http.StatusForbidden},
		{"wrong csrf token", e.url, url.Values{"csrf": {strings.Repeat("0", 64)}}, http.StatusForbidden},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if status, _ := b.post("/log/verify", tc.form, tc.origin); status != tc.want {
				t.Errorf("status %d, want %d", status, tc.want)
			}
		})
	}
	t.Run("cross-site sign-in", func(t *testing.T) {
		if status, _ := e.browser().post("/signin/token", url.Values{"token": {e.admin}}, "http://evil.example"); status != http.StatusForbidden {
			t.Errorf("login CSRF: %d, want 403", status)
		}
	})
	t.Run("referer of this site", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodPost, e.url+"/log/verify", strings.NewReader(url.Values{"csrf": {csrf}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Referer", e.url+"/log")
		resp, err := b.client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("status %d, want 200 after the redirect to /log", resp.StatusCode)
		}
	})
	if got := len(e.records(t, web.ActionVerify)); got != before+1 {
		t.Errorf("verification records %d → %d: a refused request changed something, or the allowed one did not", before, got)
	}
	if _, err := e.log.Publish(context.Background()); err != nil {
		t.Fatal(err)
	}
	if status, body := b.post("/log/verify", url.Values{"csrf": {csrf}}, e.url); status != http.StatusOK || !strings.Contains(body, "no tampering found") {
		t.Errorf("verify from the dashboard: %d\n%s", status, body)
	}
}

func TestRoles(t *testing.T) {
	e := newEnv(t)
	_, read, err := createToken(e, "auditor", attest.ScopeRead)
	if err != nil {
		t.Fatal(err)
	}
	b := e.browser()
	if status, body := b.signInToken(read); status != http.StatusOK || !strings.Contains(body, "auditor · read") {
		t.Fatalf("read sign-in: %d\n%s", status, body)
	}
	if _, body := b.get("/log"); strings.Contains(body, `id="verify"`) {
		t.Errorf("the log page offers a read session to verify")
	}
	if status, _ := b.post("/log/verify", url.Values{"csrf": {b.csrf()}}, e.url); status != http.StatusForbidden {
		t.Errorf("read session verifying: %d, want 403", status)
	}
}

func TestSecurityHeaders(t *testing.T) {
	e := newEnv(t)
	resp, err := http.Get(e.url + "/signin")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	csp := resp.Header.Get("Content-Security-Policy")
	for _, want := range []string{"script-src 'self'", "frame-ancestors 'none'", "style-src 'self'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("CSP %q allows inline or eval", csp)
	}
	if got := resp.Header.Get("X-Frame-Options"); got != "DENY" {
		t.Errorf("X-Frame-Options %q", got)
	}

	t.Run("cookie over plain HTTP", func(t *testing.T) {
		c := sessionCookieOf(t, e.url, e.admin, http.DefaultClient)
		if c.Name != "attest_session" || !c.HttpOnly || c.Secure || c.SameSite != http.SameSiteLaxMode {
			t.Errorf("cookie %+v: want HttpOnly, SameSite=Lax, not Secure", c)
		}
	})
	t.Run("cookie over TLS", func(t *testing.T) {
		ts := httptest.NewTLSServer(e.srv.Handler())
		defer ts.Close()
		client := ts.Client()
		client.Transport.(*http.Transport).TLSClientConfig = &tls.Config{InsecureSkipVerify: true}
		c := sessionCookieOf(t, ts.URL, e.admin, client)
		if c.Name != "__Host-attest_session" || !c.HttpOnly || !c.Secure || c.SameSite != http.SameSiteLaxMode || c.Path != "/" {
			t.Errorf("cookie %+v: want __Host- prefix, HttpOnly, Secure, SameSite=Lax, Path=/", c)
		}
	})
	t.Run("API paths stay JSON", func(t *testing.T) {
		resp, err := http.Get(e.url + "/api/v1/nothing")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
			t.Errorf("/api/v1/nothing: %d %s, want a JSON 404", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
	})
}

// sessionCookieOf signs in with a token at base and returns the cookie set.
func sessionCookieOf(t *testing.T, base, secret string, client *http.Client) *http.Cookie {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, base+"/signin/token", strings.NewReader(url.Values{"token": {secret}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", base)
	c := *client
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for _, ck := range resp.Cookies() {
		if strings.HasSuffix(ck.Name, "attest_session") {
			return ck
		}
	}
	t.Fatalf("no session cookie in %d %v", resp.StatusCode, resp.Header)
	return nil
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestSignIn_NextStaysOnSite: browsers drop tabs and newlines from a
// Location, so "/\t/evil.example" would become "//evil.example", another
// host. Every such next must send the person to "/" instead.
func TestSignIn_NextStaysOnSite(t *testing.T) {
	e := newEnv(t)
	for _, next := range []string{"//evil.example", "/\\evil.example", "/\t/evil.example", "/\x0b/evil.example", "/\x7f/evil.example", "https://evil.example"} {
		b := e.browser()
		b.client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		req, err := http.NewRequest(http.MethodPost, e.url+"/signin/token", strings.NewReader(url.Values{"token": {e.admin}, "next": {next}}.Encode()))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", e.url)
		resp, err := b.client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || loc != "/" {
			t.Errorf("next %q: %d to %q, want 303 to /", next, resp.StatusCode, loc)
		}
	}
}

// TestSignInPage_NoMessageFromQuery: nothing of the dashboard links to
// /signin with a message, so one in the query is a stranger's text shown
// in the dashboard's own error style ("sign in at https://evil.example").
func TestSignInPage_NoMessageFromQuery(t *testing.T) {
	e := newEnv(t)
	status, body := e.browser().get("/signin?error=" + url.QueryEscape("Your session expired, sign in at evil.example"))
	if status != http.StatusOK || strings.Contains(body, "evil.example") || strings.Contains(body, `id="signin-error"`) {
		t.Fatalf("%d, want the sign-in page without the query's message:\n%s", status, body)
	}
}

// TestOIDC_UnverifiedEmailIsNotTheUser: a provider that lets people type
// any email says so with email_verified false; such an email must not
// become the name the dashboard and its audit records give the person.
func TestOIDC_UnverifiedEmailIsNotTheUser(t *testing.T) {
	e := newEnv(t)
	idp := e.withOIDC(t)
	idp.mu.Lock()
	idp.Subject, idp.Email, idp.Groups, idp.EmailUnverified = "sub-mallory", "ceo@example.com", []string{"engineering"}, true
	idp.mu.Unlock()
	status, body := e.browser().signInOIDC()
	recs := e.records(t, web.ActionSignIn)
	if status != http.StatusOK || len(recs) == 0 || recs[len(recs)-1].Actor != "sub-mallory" || strings.Contains(body, "ceo@example.com") {
		t.Fatalf("status %d, want a session of sub-mallory, not of the unverified email:\n%s", status, body)
	}
}
