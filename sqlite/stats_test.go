package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/storetest"
)

// TestDB_WriterStats checks that the writer's counters count the commits
// of AppendEvents, their rows and the pages they wrote, and that a batch
// that repeats stored records only (nothing committed) counts nothing.
func TestDB_WriterStats(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, filepath.Join(t.TempDir(), "attest.db"))
	events := storetest.NewEvents(0, 400)
	for _, e := range events {
		e.DedupKey = e.ExternalID
	}
	before, err := db.WriterStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range [][]*attest.Event{events[:300], events[300:], events[:10]} { // the last repeats only
		if err := db.AppendEvents(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	after, err := db.WriterStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := after.Commits - before.Commits; got != 2 {
		t.Errorf("commits: %d, want 2", got)
	}
	if got := after.Rows - before.Rows; got != 400 {
		t.Errorf("rows: %d, want 400", got)
	}
	// 400 records of a few hundred bytes each fill dozens of pages.
	if got := after.PagesWritten - before.PagesWritten; got < 20 {
		t.Errorf("pages written: %d, want at least 20", got)
	}
	db.Close()
	if _, err := db.WriterStats(ctx); err == nil {
		t.Error("WriterStats after Close: no error")
	}
}
