package http_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attest-dev/attest/auditlog"
	"github.com/attest-dev/attest/postgres"
	"github.com/attest-dev/attest/sqlite"
	"github.com/jackc/pgx/v5"
)

// dbStore is a real backend: sqlite.DB or postgres.DB.
type dbStore interface {
	auditlog.LogStore
	store
	Ping(ctx context.Context) error
	KeyStore() auditlog.KeyStore
	Close() error
}

// backend opens a fresh, empty store of one kind.
type backend struct {
	name string
	open func(t *testing.T) dbStore
}

// backends are the stores every end-to-end test runs on. PostgreSQL needs
// ATTEST_TEST_POSTGRES; without it the PostgreSQL tests fail.
var backends = []backend{
	{"sqlite", func(t *testing.T) dbStore { return openSQLite(t, filepath.Join(t.TempDir(), "attest.db")) }},
	{"postgres", func(t *testing.T) dbStore { return openPostgres(t, postgresDSN(t)) }},
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func openSQLite(t testing.TB, path string) *sqlite.DB {
	t.Helper()
	db := sqlite.NewDB(path)
	db.Logger = quiet
	if err := db.Open(context.Background()); err != nil {
		t.Fatalf("open sqlite: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func openPostgres(t testing.TB, dsn string) *postgres.DB {
	t.Helper()
	db := postgres.NewDB(dsn)
	db.Logger = quiet
	if err := db.Open(context.Background()); err != nil {
		t.Fatalf("open postgres: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// postgresDSN creates a fresh database on the server in ATTEST_TEST_POSTGRES,
// dropped when the test ends, and returns its DSN.
func postgresDSN(t testing.TB) string {
	t.Helper()
	base := postgresBase(t)
	b := make([]byte, 6)
	rand.Read(b)
	name := "http_" + hex.EncodeToString(b)
	adminExec(t, base, "CREATE DATABASE "+name)
	t.Cleanup(func() { adminExec(t, base, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)") })
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("ATTEST_TEST_POSTGRES: %v", err)
	}
	u.Path = "/" + name
	return u.String()
}

// adminExec runs statements on the server of dsn, connected to dsn's
// database.
func adminExec(t testing.TB, dsn string, stmts ...string) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatalf("connect %s: %v", dsn, err)
	}
	defer conn.Close(ctx)
	for _, s := range stmts {
		if _, err := conn.Exec(ctx, s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// withAuditLog gives a server the audit log over st, with a fresh key.
func withAuditLog(t testing.TB, st dbStore) (*auditlog.Log, auditlog.Keys) {
	t.Helper()
	keys, err := auditlog.LoadOrCreateKey(context.Background(), st.KeyStore(), "attest.test/log")
	if err != nil {
		t.Fatal(err)
	}
	l := auditlog.NewLog(st, keys)
	l.Logger = quiet
	return l, keys
}

// postgresBase returns ATTEST_TEST_POSTGRES, failing the test when it is not
// set.
func postgresBase(t testing.TB) string {
	t.Helper()
	base := os.Getenv("ATTEST_TEST_POSTGRES")
	if base == "" {
		t.Fatal("ATTEST_TEST_POSTGRES is not set: run `export ATTEST_TEST_POSTGRES=$(scripts/postgres.sh)` from the repository root")
	}
	return base
}

// dsnDatabase returns the database name of a PostgreSQL URL.
func dsnDatabase(t testing.TB, dsn string) string {
	t.Helper()
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimPrefix(u.Path, "/")
}
