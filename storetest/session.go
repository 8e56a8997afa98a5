package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/google/go-cmp/cmp"
)

func sessionRecord(action, user string) *attest.Event {
	return &attest.Event{Time: base, Received: base, Source: "attest", Actor: user, Action: action,
		Target: "web", Outcome: attest.OutcomeSuccess, Raw: []byte(`{"action":"` + action + `"}`)}
}

func testSessions(t *testing.T, open func(t *testing.T) *Harness) {
	ctx := context.Background()
	s := open(t).Store
	if found, err := s.AnySession(ctx); err != nil || found {
		t.Fatalf("AnySession on an empty store = %v, %v; want false", found, err)
	}
	created := time.Date(2025, 1, 2, 3, 4, 5, 6, time.UTC)
	sess := &attest.Session{ID: "ses_1", User: "alice@example.com", Role: attest.ScopeRespond, Via: "oidc",
		Created: created, Expires: created.Add(8 * time.Hour)}
	rec := sessionRecord("web.signin", "alice@example.com")
	if err := s.CreateSession(ctx, sess, []byte("secret-1"), nil, rec); err != nil {
		t.Fatalf("CreateSession: %v", err)
	}
	if rec.Seq != 0 {
		t.Errorf("sign-in record got seq %d, want 0", rec.Seq)
	}
	got, err := s.SessionBySecretHash(ctx, []byte("secret-1"))
	if err != nil {
		t.Fatalf("SessionBySecretHash: %v", err)
	}
	if diff := cmp.Diff(sess, got, eventCmp); diff != "" {
		t.Errorf("session mismatch (-want +got):\n%s", diff)
	}
	if found, err := s.AnySession(ctx); err != nil || !found {
		t.Errorf("AnySession after a sign-in = %v, %v; want true", found, err)
	}
	if _, err := s.SessionBySecretHash(ctx, []byte("secret-2")); attest.ErrorCode(err) != attest.ENOTFOUND {
		t.Errorf("unknown secret: %v, want ENOTFOUND", err)
	}
	dup := *sess
	dup.ID = "ses_2"
	if err := s.CreateSession(ctx, &dup, []byte("secret-1"), nil, sessionRecord("web.signin", "x")); attest.ErrorCode(err) != attest.ECONFLICT {
		t.Errorf("taken secret hash: %v, want ECONFLICT", err)
	}
	bad := *sess
	bad.ID, bad.Role = "ses_3", attest.ScopeIngest
	if err := s.CreateSession(ctx, &bad, []byte("secret-3"), nil, sessionRecord("web.signin", "x")); attest.ErrorCode(err) != attest.EINVALID {
		t.Errorf("ingest role: %v, want EINVALID", err)
	}
	// No session without its audit record.
	norec := *sess
	norec.ID = "ses_4"
	if err := s.CreateSession(ctx, &norec, []byte("secret-4"), nil, nil); attest.ErrorCode(err) != attest.EINVALID {
		t.Errorf("without a record: %v, want EINVALID", err)
	}
	if _, err := s.SessionBySecretHash(ctx, []byte("secret-4")); attest.ErrorCode(err) != attest.ENOTFOUND {
		t.Errorf("session stored without its record: %v", err)
	}

	out := sessionRecord("web.signout", "alice@example.com")
	if err := s.EndSession(ctx, []byte("secret-1"), out); err != nil {
		t.Fatalf("EndSession: %v", err)
	}
	if out.Seq != 1 {
		t.Errorf("sign-out record got seq %d, want 1", out.Seq)
	}
	if _, err := s.SessionBySecretHash(ctx, []byte("secret-1")); attest.ErrorCode(err) != attest.ENOTFOUND {
		t.Errorf("ended session: %v, want ENOTFOUND", err)
	}
	if err := s.EndSession(ctx, []byte("secret-1"), sessionRecord("web.signout", "alice@example.com")); attest.ErrorCode(err) != attest.ENOTFOUND {
		t.Errorf("ending twice: %v, want ENOTFOUND", err)
	}

	// Revoking a token ends the sessions signed in with it, and only those.
	t.Run("RevokedToken", func(t *testing.T) {
		s := open(t).Store
		tok := &attest.Token{ID: "tok_web", Name: "ops", Scope: attest.ScopeAdmin, Created: created}
		if err := s.CreateToken(ctx, tok, []byte("token-secret"), tokenRecord("token.create", "tok_web")); err != nil {
			t.Fatal(err)
		}
		viaToken := &attest.Session{ID: "ses_tok", User: "ops", Role: attest.ScopeAdmin, Via: "token", TokenID: "tok_web",
			Created: created, Expires: created.Add(12 * time.Hour)}
		if err := s.CreateSession(ctx, viaToken, []byte("secret-tok"), nil, sessionRecord("web.signin", "ops")); err != nil {
			t.Fatal(err)
		}
		other := &attest.Session{ID: "ses_sso", User: "bob@example.com", Role: attest.ScopeRead, Via: "oidc",
			Created: created, Expires: created.Add(12 * time.Hour)}
		if err := s.CreateSession(ctx, other, []byte("secret-sso"), nil, sessionRecord("web.signin", "bob@example.com")); err != nil {
			t.Fatal(err)
		}
		if got, err := s.SessionBySecretHash(ctx, []byte("secret-tok")); err != nil || got.TokenID != "tok_web" {
			t.Fatalf("session of the token before revocation: %+v, %v", got, err)
		}
		if err := s.RevokeToken(ctx, "tok_web", tokenRecord("token.revoke", "tok_web")); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SessionBySecretHash(ctx, []byte("secret-tok")); attest.ErrorCode(err) != attest.ENOTFOUND {
			t.Errorf("session of a revoked token: %v, want ENOTFOUND", err)
		}
		if _, err := s.SessionBySecretHash(ctx, []byte("secret-sso")); err != nil {
			t.Errorf("another session ended with the token: %v", err)
		}
	})

	t.Run("Link", func(t *testing.T) {
		now := created.Add(time.Hour)
		if err := s.CreateSignInLink(ctx, []byte("link-1"), now.Add(15*time.Minute), sessionRecord("web.signin_link.create", "root")); err != nil {
			t.Fatalf("CreateSignInLink: %v", err)
		}
		if err := s.CreateSignInLink(ctx, []byte("link-2"), now.Add(15*time.Minute), sessionRecord("web.signin_link.create", "root")); err != nil {
			t.Fatalf("CreateSignInLink: %v", err)
		}
		admin := func(id string, at time.Time) *attest.Session {
			return &attest.Session{ID: id, User: "admin", Role: attest.ScopeAdmin, Via: "link", Created: at, Expires: at.Add(time.Hour)}
		}
		if err := s.CreateSession(ctx, admin("ses_l1", now), []byte("ls-1"), []byte("link-1"), sessionRecord("web.signin", "admin")); err != nil {
			t.Fatalf("CreateSession with a fresh link: %v", err)
		}
		if err := s.CreateSession(ctx, admin("ses_l2", now), []byte("ls-2"), []byte("link-1"), sessionRecord("web.signin", "admin")); attest.ErrorCode(err) != attest.ENOTFOUND {
			t.Errorf("a used link: %v, want ENOTFOUND", err)
		}
		if _, err := s.SessionBySecretHash(ctx, []byte("ls-2")); attest.ErrorCode(err) != attest.ENOTFOUND {
			t.Errorf("a used link made a session: %v", err)
		}
		if err := s.CreateSession(ctx, admin("ses_l3", now.Add(16*time.Minute)), []byte("ls-3"), []byte("link-2"), sessionRecord("web.signin", "admin")); attest.ErrorCode(err) != attest.ENOTFOUND {
			t.Errorf("an expired link: %v, want ENOTFOUND", err)
		}
		if err := s.CreateSession(ctx, admin("ses_l4", now), []byte("ls-4"), []byte("link-9"), sessionRecord("web.signin", "admin")); attest.ErrorCode(err) != attest.ENOTFOUND {
			t.Errorf("an unknown link: %v, want ENOTFOUND", err)
		}
	})
}

func testNewest(t *testing.T, open func(t *testing.T) *Harness) {
	ctx := context.Background()
	s := open(t).Store
	mustAppend(t, s, NewEvents(0, 30))
	seqs := func(f attest.EventFilter) []int64 {
		t.Helper()
		got, err := s.FindEvents(ctx, f)
		if err != nil {
			t.Fatalf("FindEvents(%+v): %v", f, err)
		}
		var out []int64
		for _, e := range got {
			out = append(out, e.Seq)
		}
		return out
	}
	if got, want := seqs(attest.EventFilter{AfterSeq: -1, Newest: true, Limit: 3}), []int64{29, 28, 27}; !cmp.Equal(got, want) {
		t.Errorf("newest 3 = %v, want %v", got, want)
	}
	if got, want := seqs(attest.EventFilter{AfterSeq: -1, Newest: true, BeforeSeq: 27, Limit: 3}), []int64{26, 25, 24}; !cmp.Equal(got, want) {
		t.Errorf("newest 3 before 27 = %v, want %v", got, want)
	}
	if got, want := seqs(attest.EventFilter{AfterSeq: -1, Newest: true, Source: "falco", Limit: 2}), []int64{29, 26}; !cmp.Equal(got, want) {
		t.Errorf("newest 2 of falco = %v, want %v", got, want)
	}
	if got, want := seqs(attest.EventFilter{AfterSeq: 25, Newest: true, ByTime: true}), []int64{29, 28, 27, 26}; !cmp.Equal(got, want) {
		t.Errorf("newest after 25 = %v, want %v", got, want)
	}

	counts, err := s.CountEvents(ctx, base.Add(-time.Hour), base.Add(time.Hour))
	if err != nil {
		t.Fatalf("CountEvents: %v", err)
	}
	day := base.Truncate(24 * time.Hour)
	want := []attest.EventCount{
		{Day: day, Source: "cloudtrail", Outcome: attest.OutcomeFailure, Count: 5},
		{Day: day, Source: "cloudtrail", Outcome: attest.OutcomeSuccess, Count: 5},
		{Day: day, Source: "falco", Outcome: attest.OutcomeFailure, Count: 5},
		{Day: day, Source: "falco", Outcome: attest.OutcomeSuccess, Count: 5},
		{Day: day, Source: "k8s-audit", Outcome: attest.OutcomeFailure, Count: 5},
		{Day: day, Source: "k8s-audit", Outcome: attest.OutcomeSuccess, Count: 5},
	}
	if diff := cmp.Diff(want, counts, eventCmp); diff != "" {
		t.Errorf("CountEvents (-want +got):\n%s", diff)
	}
	// Counts are kept per day: a span of 10 s counts its whole day.
	if counts, err := s.CountEvents(ctx, base.Add(10*time.Second), base.Add(20*time.Second)); err != nil || len(counts) == 0 {
		t.Fatalf("CountEvents of 10 s: %v, %v", counts, err)
	} else {
		var n int64
		for _, c := range counts {
			n += c.Count
		}
		if n != 30 {
			t.Errorf("CountEvents of 10 s counted %d events, want the day's 30", n)
		}
	}
}
