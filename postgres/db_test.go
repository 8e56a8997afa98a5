package postgres_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/detect"
	"github.com/attest-dev/attest/postgres"
	"github.com/attest-dev/attest/storetest"
	"github.com/jackc/pgx/v5"
)

// testDSN returns a DSN of a fresh schema on the test server in
// ATTEST_TEST_POSTGRES, dropped at the end of the test.
func testDSN(t testing.TB) string {
	t.Helper()
	base := os.Getenv("ATTEST_TEST_POSTGRES")
	if base == "" {
		t.Fatal("ATTEST_TEST_POSTGRES is not set: start a server with `export ATTEST_TEST_POSTGRES=$(scripts/postgres.sh)` " +
			"from the repository root (it prints the DSN), then run the tests again")
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("connect to ATTEST_TEST_POSTGRES: %v", err)
	}
	defer conn.Close(ctx)
	b := make([]byte, 6)
	rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(ctx, base)
		if err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("ATTEST_TEST_POSTGRES is not a URL: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func openTest(t testing.TB, dsn string) *postgres.DB {
	t.Helper()
	db := postgres.NewDB(dsn)
	db.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := db.Open(context.Background()); err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func harness(t *testing.T) *storetest.Harness {
	dsn := testDSN(t)
	db := openTest(t, dsn)
	ctx := context.Background()
	raw, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close(ctx) })
	exec := func(q string) error {
		_, err := raw.Exec(ctx, q)
		return err
	}
	return &storetest.Harness{
		Store: db,
		Exec:  exec,
		KeyRow: func(source, key string, seq int64) string {
			return fmt.Sprintf("INSERT INTO event_keys (source, dedup_key, seq) VALUES ('%s', '%s', %d)", source, key, seq)
		},
		Tamper: func(t *testing.T, q string) {
			t.Helper()
			for _, tbl := range []string{"events", "checkpoints", "evidence", "evidence_digests", "evidence_roots", "control_status", "control_status_days"} {
				if err := exec("ALTER TABLE " + tbl + " DISABLE TRIGGER USER"); err != nil {
					t.Fatal(err)
				}
			}
			if err := exec(q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		},
		Blob:   func(b []byte) string { return fmt.Sprintf(`'\x%s'::bytea`, hex.EncodeToString(b)) },
		True:   "true",
		Reopen: func(t *testing.T) storetest.Store { return openTest(t, dsn) },
		Window: func(s storetest.Store) detect.Window { return s.(*postgres.DB).Window() },
	}
}

func TestDB_Contract(t *testing.T) {
	storetest.Run(t, harness)
}

func TestDB_OpenUnreachable(t *testing.T) {
	// Port 1 on loopback: nothing listens there, the connection is refused.
	db := postgres.NewDB("postgres://attest@127.0.0.1:1/attest?sslmode=disable&connect_timeout=2")
	db.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	err := db.Open(context.Background())
	if attest.ErrorCode(err) != attest.EUNAVAILABLE {
		t.Fatalf("Open = %v, want EUNAVAILABLE", err)
	}
	if err := postgres.NewDB("postgres://%zz").Open(context.Background()); attest.ErrorCode(err) != attest.EINVALID {
		t.Errorf("Open(bad DSN) = %v, want EINVALID", err)
	}
}
