package sqlite_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
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

// TestDB_AppendCache appends groups of 2,000 records of 1 KiB with random
// keys, as a busy CloudTrail feed sends them, and checks that the writer's
// page cache holds what each group changes: no dirty page is written
// before its commit (SQLite's default cache of 2,000 KiB spills hundreds
// per group), and the pages of the indexes stay cached from one group to
// the next.
func TestDB_AppendCache(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, filepath.Join(t.TempDir(), "attest.db"))
	rng := rand.New(rand.NewPCG(1, 2))
	pad := strings.Repeat("x", 900)
	group := func(from int) []*attest.Event {
		events := storetest.NewEvents(from, from+2000)
		for _, e := range events {
			e.Source = "cloudtrail"
			e.DedupKey = fmt.Sprintf("%016x-%016x", rng.Uint64(), rng.Uint64())
			e.Raw = fmt.Appendf(nil, `{"eventID":%q,"pad":%q}`, e.DedupKey, pad)
		}
		return events
	}
	if err := db.AppendEvents(ctx, group(0)); err != nil {
		t.Fatal(err)
	}
	before, err := db.WriterStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 5; i++ {
		if err := db.AppendEvents(ctx, group(i*2000)); err != nil {
			t.Fatal(err)
		}
	}
	after, err := db.WriterStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if spilled := after.CacheSpills - before.CacheSpills; spilled > 0 {
		t.Errorf("%d pages spilled before their commit, want none", spilled)
	}
	if read := after.CacheMisses - before.CacheMisses; read > 100 {
		t.Errorf("%d pages read back by the writer, want few", read)
	}
	t.Logf("%d commits, %.0f pages written per commit", after.Commits-before.Commits,
		float64(after.PagesWritten-before.PagesWritten)/float64(after.Commits-before.Commits))
}
