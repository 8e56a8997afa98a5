package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	attesthttp "github.com/attest-dev/attest/http"
	"github.com/attest-dev/attest/sqlite"
)

// serveDB creates an empty SQLite database as attest serve does on first
// start.
func serveDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "attest.db")
	initDB(t, path)
	return path
}

// initDB opens the database at dsn as attest serve does on start, creating
// it (SQLite) or its tables, then closes it.
func initDB(t *testing.T, dsn string) {
	t.Helper()
	st, err := openStore(context.Background(), dsn, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestToken_MissingDB(t *testing.T) {
	// Only serve creates a database: token commands and audit verify
	// refuse a path where none is, naming it, and create nothing.
	missing := filepath.Join(t.TempDir(), "typo.db")
	for _, args := range [][]string{
		{"token", "create", "--db", missing, "--scope", "read", "--name", "laptop"},
		{"token", "list", "--db", missing},
		{"token", "revoke", "--db", missing, "tok_1"},
		{"audit", "verify", "--db", missing},
	} {
		var out, errOut bytes.Buffer
		code := run(context.Background(), args, nil, &out, &errOut)
		if code != exitInput || !strings.Contains(errOut.String(), "database "+missing+" does not exist") || out.Len() != 0 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and the path named", args, code, out.String(), errOut.String())
		}
		if _, err := os.Stat(missing); err == nil {
			t.Fatalf("%v created %s", args, missing)
		}
	}
}

func TestRunTokenCreate(t *testing.T) {
	db := serveDB(t)
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	ctx := context.Background()
	p := tokenCreateParams{DB: db, Name: "falco-prod", Scope: "ingest", Source: "falco", Actor: "cli:ops", Now: now, Rand: rand.Reader}
	var out, errOut bytes.Buffer
	if err := runTokenCreate(ctx, p, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	secret := strings.TrimSuffix(out.String(), "\n")
	if !strings.HasPrefix(secret, attesthttp.TokenPrefix) || strings.ContainsAny(secret, " \n") {
		t.Fatalf("stdout %q, want the secret alone", out.String())
	}
	if strings.Contains(errOut.String(), secret) {
		t.Error("the secret is on stderr too")
	}

	st := sqlite.NewDB(db)
	if err := st.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tok, err := st.TokenBySecretHash(ctx, attesthttp.HashSecret(secret))
	if err != nil {
		t.Fatalf("the secret does not find its token: %v", err)
	}
	if tok.Name != "falco-prod" || tok.Scope != attest.ScopeIngest || tok.Source != "falco" {
		t.Errorf("stored token %+v", tok)
	}
	events, err := st.FindEvents(ctx, attest.EventFilter{Source: "attest", AfterSeq: -1})
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 1 || events[0].Action != "token.create" || events[0].Actor != "cli:ops" || !events[0].Time.Equal(now) {
		t.Fatalf("audit events %+v, want one token.create by cli:ops", events)
	}
	if bytes.Contains(events[0].Raw, []byte(secret)) {
		t.Error("the audit event holds the secret")
	}

	for _, bad := range []tokenCreateParams{
		{DB: db, Name: "x", Scope: "superuser"},
		{DB: db, Name: "", Scope: "read"},
		{DB: db, Name: "x", Scope: "read", Source: "falco"},
	} {
		bad.Now, bad.Rand = now, rand.Reader
		var o bytes.Buffer
		err := runTokenCreate(ctx, bad, &o, &bytes.Buffer{})
		if err == nil || o.Len() != 0 {
			t.Errorf("%+v: error %v, stdout %q; want an error and nothing printed", bad, err, o.String())
		}
	}
}

func TestRunTokenRevoke(t *testing.T) {
	db := serveDB(t)
	ctx := context.Background()
	var out, errOut bytes.Buffer
	if code := run(ctx, []string{"token", "create", "--db", db, "--scope", "read", "--name", "laptop"}, nil, &out, &errOut); code != 0 {
		t.Fatalf("token create: exit %d: %s", code, errOut.String())
	}
	secret := strings.TrimSpace(out.String())

	list := func() string {
		t.Helper()
		var out, errOut bytes.Buffer
		if code := run(ctx, []string{"token", "list", "--db", db}, nil, &out, &errOut); code != 0 {
			t.Fatalf("token list: exit %d: %s", code, errOut.String())
		}
		if strings.Contains(out.String(), secret) {
			t.Fatal("token list shows the secret")
		}
		return out.String()
	}
	before := list()
	if !strings.Contains(before, "laptop") || !strings.Contains(before, "active") {
		t.Fatalf("token list:\n%s", before)
	}
	id := strings.Fields(strings.Split(before, "\n")[1])[0]

	errOut.Reset()
	if code := run(ctx, []string{"token", "revoke", "--db", db, id}, nil, &out, &errOut); code != 0 {
		t.Fatalf("token revoke: exit %d: %s", code, errOut.String())
	}
	if after := list(); !strings.Contains(after, "revoked") {
		t.Errorf("token list after revoke:\n%s", after)
	}
	errOut.Reset()
	if code := run(ctx, []string{"token", "revoke", "--db", db, "tok_nope"}, nil, &out, &errOut); code != exitInput || !strings.Contains(errOut.String(), "not found") {
		t.Errorf("revoke of an unknown id: exit %d, stderr %q", code, errOut.String())
	}

	st := sqlite.NewDB(db)
	if err := st.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.TokenBySecretHash(ctx, attesthttp.HashSecret(secret)); attest.ErrorCode(err) != attest.ENOTFOUND {
		t.Errorf("a revoked token still authenticates: %v", err)
	}
	events, err := st.FindEvents(ctx, attest.EventFilter{Source: "attest", Action: "token.revoke", AfterSeq: -1})
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 1 || events[0].Target != "token/"+id {
		t.Errorf("audit events %+v, want one token.revoke of %s", events, id)
	}
}

func TestRunTokenCreate_evidenceScope(t *testing.T) {
	db := serveDB(t)
	ctx := context.Background()
	var out, errOut bytes.Buffer
	if code := run(ctx, []string{"token", "create", "--db", db, "--scope", "evidence", "--name", "ci"}, nil, &out, &errOut); code != 0 {
		t.Fatalf("token create --scope evidence: exit %d: %s", code, errOut.String())
	}
	st := sqlite.NewDB(db)
	if err := st.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tok, err := st.TokenBySecretHash(ctx, attesthttp.HashSecret(strings.TrimSpace(out.String())))
	if err != nil || tok.Scope != attest.ScopeEvidence {
		t.Errorf("token = %+v, %v; want scope evidence", tok, err)
	}
}

// TestToken_DBFile: in a pod whose database URL is a mounted Secret,
// ATTEST_DB_FILE names the file, and the token commands read it as serve
// does.
func TestToken_DBFile(t *testing.T) {
	db := serveDB(t)
	ref := filepath.Join(t.TempDir(), "dsn")
	os.WriteFile(ref, []byte(db+"\n"), 0o400)
	t.Setenv("ATTEST_DB", "")
	t.Setenv("ATTEST_DB_FILE", ref)
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"token", "create", "--scope", "read", "--name", "from-pod"}, nil, &out, &errOut); code != 0 {
		t.Fatalf("token create: exit %d: %s", code, errOut.String())
	}
	out.Reset()
	if code := run(context.Background(), []string{"token", "list"}, nil, &out, &errOut); code != 0 || !strings.Contains(out.String(), "from-pod") {
		t.Fatalf("token list: exit %d, stdout %q, stderr %q", code, out.String(), errOut.String())
	}
	t.Setenv("ATTEST_DB_FILE", filepath.Join(t.TempDir(), "missing"))
	errOut.Reset()
	if code := run(context.Background(), []string{"token", "list"}, nil, &out, &errOut); code != exitInput || !strings.Contains(errOut.String(), "database file") {
		t.Errorf("missing file: exit %d, stderr %q", code, errOut.String())
	}
}
