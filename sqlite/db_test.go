package sqlite_test

import (
	"context"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/detect"
	"github.com/attest-dev/attest/sqlite"
	"github.com/attest-dev/attest/storetest"
)

// openTest opens a fresh database in a temporary directory.
func openTest(t testing.TB, path string) *sqlite.DB {
	t.Helper()
	db := sqlite.NewDB(path)
	db.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := db.Open(context.Background()); err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func harness(t *testing.T) *storetest.Harness {
	path := filepath.Join(t.TempDir(), "attest.db")
	db := openTest(t, path)
	raw, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	exec := func(q string) error {
		_, err := raw.Exec(q)
		return err
	}
	return &storetest.Harness{
		Store: db,
		Exec:  exec,
		Tamper: func(t *testing.T, q string) {
			t.Helper()
			// Drop every trigger there is, as an attacker would.
			rows, err := raw.Query("SELECT name FROM sqlite_master WHERE type = 'trigger'")
			if err != nil {
				t.Fatal(err)
			}
			var triggers []string
			for rows.Next() {
				var name string
				if err := rows.Scan(&name); err != nil {
					t.Fatal(err)
				}
				triggers = append(triggers, name)
			}
			if err := rows.Close(); err != nil {
				t.Fatal(err)
			}
			for _, trg := range triggers {
				if err := exec("DROP TRIGGER " + trg); err != nil {
					t.Fatal(err)
				}
			}
			if err := exec(q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		},
		Blob: func(b []byte) string { return "x'" + hex.EncodeToString(b) + "'" },
		True: "1",
		KeyRow: func(source, key string, seq int64) string {
			return fmt.Sprintf("INSERT INTO event_key_hashes (hash, seq) VALUES (attest_key_hash('%s', '%s'), %d)", source, key, seq)
		},
		Reopen: func(t *testing.T) storetest.Store { return openTest(t, path) },
		Window: func(s storetest.Store) detect.Window { return s.(*sqlite.DB).Window() },
	}
}

func TestDB_Contract(t *testing.T) {
	storetest.Run(t, harness)
}

func TestDB_OpenUnwritable(t *testing.T) {
	dir := t.TempDir()
	// A directory where the file should be: SQLite cannot open it.
	path := filepath.Join(dir, "attest.db")
	if err := os.Mkdir(path, 0o700); err != nil {
		t.Fatal(err)
	}
	db := sqlite.NewDB(path)
	db.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := db.Open(context.Background()); attest.ErrorCode(err) != attest.EUNAVAILABLE {
		t.Fatalf("Open(directory) = %v, want EUNAVAILABLE", err)
	}
	if err := sqlite.NewDB(filepath.Join(dir, "a?b.db")).Open(context.Background()); attest.ErrorCode(err) != attest.EINVALID {
		t.Errorf("Open(path with ?) = %v, want EINVALID", err)
	}
}
