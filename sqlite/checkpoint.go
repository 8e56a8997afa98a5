package sqlite

import (
	"context"
	"time"
)

// Checkpoints. In WAL mode a commit appends pages to the write-ahead log,
// made durable by its fsync (synchronous=FULL); a checkpoint later copies
// them into the database file. SQLite's automatic checkpoint runs inside
// the commit that crosses 1,000 pages, while the committer still holds the
// writer: every batch queued behind it waits for the copy and its two
// fsyncs. The connections run with wal_autocheckpoint=0 instead, and
// checkpoints runs PASSIVE checkpoints beside the writer, which go on
// while batches are appended. What is durable, and when a batch is
// acknowledged, is unchanged: that is the commit's fsync of the log.
//
// A PASSIVE checkpoint copies what it can without waiting; the writer
// starts the log over once a checkpoint has copied all of it. Should
// appends never leave a checkpoint the time to finish, the log would grow:
// past walFramesLimit pages the next checkpoint holds the writer, so that
// it finishes.

const (
	// checkpointRows is how many rows appended start a checkpoint. A
	// checkpoint copies each page changed since the last once, however
	// often it changed: the pages that every group of appends rewrites
	// (the ends of the indexes, the hashes of the keys, spread over their
	// index) are copied once per 8,000 rows rather than once per two
	// groups, for a log of some 20 MiB at most between checkpoints.
	checkpointRows = 8_000
	// checkpointEvery is how often a checkpoint runs anyway, for the
	// writes that are not appends.
	checkpointEvery = time.Second
	// walFramesLimit is the size of the log, in pages, past which a
	// checkpoint holds the writer (64 MiB of 4 KiB pages).
	walFramesLimit = 16_384
)

// startCheckpoints starts the goroutine of checkpoints; Close stops it.
func (db *DB) startCheckpoints() {
	ctx, cancel := context.WithCancel(context.Background())
	db.cpKick, db.cpStop, db.cpDone = make(chan struct{}, 1), cancel, make(chan struct{})
	go db.checkpoints(ctx)
}

// wrote counts rows appended and starts a checkpoint when enough were.
func (db *DB) wrote(rows int) {
	if db.cpRows.Add(int64(rows)) >= checkpointRows {
		select {
		case db.cpKick <- struct{}{}:
		default:
		}
	}
}

func (db *DB) checkpoints(ctx context.Context) {
	defer close(db.cpDone)
	tick := time.NewTicker(checkpointEvery)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-db.cpKick:
		case <-tick.C:
		}
		db.cpRows.Store(0)
		frames, err := db.checkpoint(ctx)
		if err == nil && frames > walFramesLimit {
			db.wmu.Lock()
			_, err = db.checkpoint(ctx)
			db.wmu.Unlock()
		}
		if err != nil && ctx.Err() == nil {
			db.Logger.Warn("sqlite checkpoint", "db", db.DSN, "err", err)
		}
	}
}

// checkpoint runs a PASSIVE checkpoint and returns the size of the log in
// pages.
func (db *DB) checkpoint(ctx context.Context) (frames int64, err error) {
	var busy, copied int64
	err = db.db.QueryRowContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &frames, &copied)
	return frames, err
}
