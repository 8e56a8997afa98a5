package sqlite

import (
	"context"

	sqlite "modernc.org/sqlite"
)

// WriterStats are counters of the writer connection (see writerTx) since
// Open: what ingest costs the database, less noisy than its time on a
// shared machine.
type WriterStats struct {
	// Commits counts the transactions of AppendEvents that stored rows,
	// and Rows the rows they appended.
	Commits, Rows int64
	// PagesWritten counts the pages the writer connection wrote to the
	// write-ahead log, by appends and the detections' bookkeeping alike
	// (SQLITE_DBSTATUS_CACHE_WRITE); CacheMisses the pages it had to read
	// (SQLITE_DBSTATUS_CACHE_MISS); CacheSpills the dirty pages it wrote
	// before a commit because its page cache was full
	// (SQLITE_DBSTATUS_CACHE_SPILL).
	PagesWritten, CacheMisses, CacheSpills int64
}

// WriterStats returns the counters of the writer connection. It returns
// EUNAVAILABLE when the database is closed.
func (db *DB) WriterStats(ctx context.Context) (WriterStats, error) {
	if err := db.ready(); err != nil {
		return WriterStats{}, err
	}
	db.wmu.Lock()
	defer db.wmu.Unlock()
	if err := db.readConnStats(ctx); err != nil {
		return WriterStats{}, db.fail("writer stats", err)
	}
	return db.stats, nil
}

// readConnStats adds the counters of the writer connection to db.stats and
// resets them, so that they survive a new writer connection (see
// writerTx) and never overflow SQLite's 32-bit counters. The caller holds
// wmu.
func (db *DB) readConnStats(ctx context.Context) error {
	return db.book.Raw(func(dc any) error {
		st, ok := dc.(sqlite.DBStatus)
		if !ok {
			return nil
		}
		for _, c := range []struct {
			op  sqlite.DBStatusOp
			sum *int64
		}{
			{sqlite.DBStatusCacheWrite, &db.stats.PagesWritten},
			{sqlite.DBStatusCacheMiss, &db.stats.CacheMisses},
			{sqlite.DBStatusCacheSpill, &db.stats.CacheSpills},
		} {
			n, _, err := st.Status(c.op, true)
			if err != nil {
				return err
			}
			*c.sum += int64(n)
		}
		return nil
	})
}
