package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/auditlog"
)

// LogHead returns the stored tree state.
func (db *DB) LogHead(ctx context.Context) (auditlog.Head, error) {
	if err := db.ready(); err != nil {
		return auditlog.Head{}, err
	}
	return logReader{db, db.db}.LogHead(ctx)
}

// ReadSnapshot calls fn with a reader inside one read transaction: SQLite
// (WAL) shows it the database as of its first read, whatever other
// connections commit meanwhile. Writers are not blocked.
func (db *DB) ReadSnapshot(ctx context.Context, fn func(r auditlog.LogReader) error) error {
	if err := db.ready(); err != nil {
		return err
	}
	// Read-only: a deferred BEGIN, not the IMMEDIATE of the DSN, which
	// would take the write lock.
	tx, err := db.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return db.fail("read snapshot", err)
	}
	defer tx.Rollback()
	return fn(logReader{db, tx})
}

// logReader reads the log through the database or one transaction.
type logReader struct {
	db *DB
	q  querier
}

func (r logReader) LogHead(ctx context.Context) (auditlog.Head, error) {
	h, err := readHead(ctx, r.q)
	if err != nil {
		return auditlog.Head{}, r.db.fail("log head", err)
	}
	return h, nil
}

// LeafHashes returns the stored leaf hashes of seq in [from, to).
func (db *DB) LeafHashes(ctx context.Context, from, to uint64) ([][]byte, error) {
	if err := db.ready(); err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT seq, leaf_hash FROM events WHERE seq >= ? AND seq < ? ORDER BY seq`,
		int64(from), int64(to))
	if err != nil {
		return nil, db.fail("leaf hashes", err)
	}
	return collectHashes(rows, from, to, "leaf", db.fail)
}

// TreeNodes returns the stored hashes of the nodes at level with index in
// [from, to).
func (db *DB) TreeNodes(ctx context.Context, level uint, from, to uint64) ([][]byte, error) {
	if err := db.ready(); err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT idx, hash FROM tree_nodes WHERE level = ? AND idx >= ? AND idx < ? ORDER BY idx`,
		level, int64(from), int64(to))
	if err != nil {
		return nil, db.fail("tree nodes", err)
	}
	return collectHashes(rows, from, to, fmt.Sprintf("level %d node", level), db.fail)
}

func collectHashes(rows *sql.Rows, from, to uint64, what string, fail func(string, error) error) ([][]byte, error) {
	defer rows.Close()
	out := make([][]byte, 0, to-from)
	for rows.Next() {
		var i int64
		var h []byte
		if err := rows.Scan(&i, &h); err != nil {
			return nil, fail("read hashes", err)
		}
		if want := from + uint64(len(out)); uint64(i) != want {
			return nil, fmt.Errorf("%s %d is missing", what, want)
		}
		out = append(out, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fail("read hashes", err)
	}
	if uint64(len(out)) != to-from {
		return nil, fmt.Errorf("%s %d is missing", what, from+uint64(len(out)))
	}
	return out, nil
}

// ScanRecords calls fn for every stored record with seq above afterSeq, in
// ascending seq order.
func (db *DB) ScanRecords(ctx context.Context, afterSeq int64, fn func(r auditlog.Record) error) error {
	if err := db.ready(); err != nil {
		return err
	}
	return logReader{db, db.db}.ScanRecords(ctx, afterSeq, fn)
}

func (r logReader) ScanRecords(ctx context.Context, afterSeq int64, fn func(r auditlog.Record) error) error {
	rows, err := r.q.QueryContext(ctx, `SELECT `+eventColumns+` FROM events WHERE seq > ? ORDER BY seq`, afterSeq)
	if err != nil {
		return r.db.fail("scan records", err)
	}
	defer rows.Close()
	for rows.Next() {
		rec, err := scanEvent(rows)
		if err != nil {
			return r.db.fail("scan records", err)
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return r.db.fail("scan records", err)
	}
	return nil
}

// AddCheckpoint stores a signed checkpoint. It writes through the writer
// connection, as appends do (see writerTx): a write from another connection
// after every batch would empty the writer's page cache each time.
func (db *DB) AddCheckpoint(ctx context.Context, size uint64, signedNote []byte) error {
	if err := db.ready(); err != nil {
		return err
	}
	db.wmu.Lock()
	defer db.wmu.Unlock()
	tx, err := db.writerTx(ctx, db.Synchronous)
	if err != nil {
		return db.fail("add checkpoint", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO checkpoints (size, note, created_ns) VALUES (?, ?, ?)`,
		int64(size), signedNote, db.Now().UnixNano()); err != nil {
		return db.fail("add checkpoint", err)
	}
	if err := tx.Commit(); err != nil {
		return db.fail("add checkpoint", err)
	}
	return nil
}

// Checkpoints returns every stored checkpoint in the order stored.
func (db *DB) Checkpoints(ctx context.Context) ([]auditlog.StoredCheckpoint, error) {
	if err := db.ready(); err != nil {
		return nil, err
	}
	return logReader{db, db.db}.Checkpoints(ctx)
}

func (r logReader) Checkpoints(ctx context.Context) ([]auditlog.StoredCheckpoint, error) {
	rows, err := r.q.QueryContext(ctx, `SELECT id, size, note FROM checkpoints ORDER BY id`)
	if err != nil {
		return nil, r.db.fail("checkpoints", err)
	}
	defer rows.Close()
	var out []auditlog.StoredCheckpoint
	for rows.Next() {
		var c auditlog.StoredCheckpoint
		var size int64
		if err := rows.Scan(&c.ID, &size, &c.Note); err != nil {
			return nil, r.db.fail("checkpoints", err)
		}
		c.Size = uint64(size)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, r.db.fail("checkpoints", err)
	}
	return out, nil
}

// LatestCheckpoint returns the checkpoint of the largest tree (the newest of
// those), or ENOTFOUND.
func (db *DB) LatestCheckpoint(ctx context.Context) (auditlog.StoredCheckpoint, error) {
	if err := db.ready(); err != nil {
		return auditlog.StoredCheckpoint{}, err
	}
	var c auditlog.StoredCheckpoint
	var size int64
	err := db.db.QueryRowContext(ctx, `SELECT id, size, note FROM checkpoints ORDER BY size DESC, id DESC LIMIT 1`).
		Scan(&c.ID, &size, &c.Note)
	if err == sql.ErrNoRows {
		return c, attest.Errorf(attest.ENOTFOUND, "no checkpoint yet")
	} else if err != nil {
		return c, db.fail("latest checkpoint", err)
	}
	c.Size = uint64(size)
	return c, nil
}

// pruneQuery deletes the raw records of PrunePayloads: those received
// before the first argument with seq below the second.
const pruneQuery = `UPDATE events SET raw = NULL, pruned = 1
	WHERE received_ns < ? AND seq < ? AND pruned = 0 AND raw_hash IS NOT NULL`

// PrunePayloads appends record and, in the same transaction, deletes the raw
// record of the version 2 records below it received before before; every
// other column stays (see auditlog.LogStore).
func (db *DB) PrunePayloads(ctx context.Context, before time.Time, record *attest.Event) (int64, error) {
	if err := db.ready(); err != nil {
		return 0, err
	}
	db.wmu.Lock()
	defer db.wmu.Unlock()
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, db.fail("prune payloads", err)
	}
	defer tx.Rollback()
	rows, err := db.appendRecord(ctx, tx, record)
	if err != nil {
		return 0, err
	}
	res, err := tx.ExecContext(ctx, pruneQuery, clampNS(before), rows[0].Seq)
	if err != nil {
		return 0, db.fail("prune payloads", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, db.fail("prune payloads", err)
	}
	if err := tx.Commit(); err != nil {
		return 0, db.fail("prune payloads", err)
	}
	record.Seq, record.Received = rows[0].Seq, rows[0].Received
	return n, nil
}
