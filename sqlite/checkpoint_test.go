package sqlite

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/attest-dev/attest/storetest"
)

// TestDB_Checkpoints appends while the database stays open and checks that
// the background checkpoints copy the log into the database file: without
// them (wal_autocheckpoint is off) every page appended would stay in the
// log until Close.
func TestDB_Checkpoints(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "attest.db")
	db := NewDB(path)
	db.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := db.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	const rows, batch = 8_000, 400
	for i := 0; i < rows; i += batch {
		if err := db.AppendEvents(ctx, storetest.NewEvents(i, i+batch)); err != nil {
			t.Fatal(err)
		}
	}
	size := func(p string) int64 {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		return fi.Size()
	}
	// The rows take some 5 MiB; the database file without them, 200 KiB.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		main, wal := size(path), size(path+"-wal")
		if main > 2<<20 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("database file of %d bytes after %d rows (log %d bytes): no checkpoint copied them", main, rows, wal)
		}
	}
	if n, err := db.LogHead(ctx); err != nil || n.Size != rows {
		t.Fatalf("log head %d, %v; want %d", n.Size, err, rows)
	}
}
