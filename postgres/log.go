package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/auditlog"
	"github.com/jackc/pgx/v5"
)

// LogHead returns the stored tree state.
func (db *DB) LogHead(ctx context.Context) (auditlog.Head, error) {
	if err := db.ready(); err != nil {
		return auditlog.Head{}, err
	}
	return logReader{db, db.pool}.LogHead(ctx)
}

// ReadSnapshot calls fn with a reader inside one REPEATABLE READ, READ ONLY
// transaction: every query sees the snapshot taken at its first, whatever
// other sessions and replicas commit meanwhile.
func (db *DB) ReadSnapshot(ctx context.Context, fn func(r auditlog.LogReader) error) error {
	if err := db.ready(); err != nil {
		return err
	}
	tx, err := db.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return db.fail("read snapshot", err)
	}
	defer tx.Rollback(ctx)
	return fn(logReader{db, tx})
}

// logReader reads the log through the pool or one transaction.
type logReader struct {
	db *DB
	q  queryRower
}

func (r logReader) LogHead(ctx context.Context) (auditlog.Head, error) {
	h, err := readHead(ctx, r.q, false)
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
	rows, err := db.pool.Query(ctx, `SELECT seq, leaf_hash FROM events WHERE seq >= $1 AND seq < $2 ORDER BY seq`,
		int64(from), int64(to))
	if err != nil {
		return nil, db.fail("leaf hashes", err)
	}
	return db.collectHashes(rows, from, to, "leaf")
}

// TreeNodes returns the stored hashes of the nodes at level with index in
// [from, to).
func (db *DB) TreeNodes(ctx context.Context, level uint, from, to uint64) ([][]byte, error) {
	if err := db.ready(); err != nil {
		return nil, err
	}
	rows, err := db.pool.Query(ctx, `SELECT idx, hash FROM tree_nodes WHERE level = $1 AND idx >= $2 AND idx < $3 ORDER BY idx`,
		int32(level), int64(from), int64(to))
	if err != nil {
		return nil, db.fail("tree nodes", err)
	}
	return db.collectHashes(rows, from, to, fmt.Sprintf("level %d node", level))
}

func (db *DB) collectHashes(rows pgx.Rows, from, to uint64, what string) ([][]byte, error) {
	defer rows.Close()
	out := make([][]byte, 0, to-from)
	for rows.Next() {
		var i int64
		var h []byte
		if err := rows.Scan(&i, &h); err != nil {
			return nil, db.fail("read hashes", err)
		}
		if want := from + uint64(len(out)); uint64(i) != want {
			return nil, fmt.Errorf("%s %d is missing", what, want)
		}
		out = append(out, h)
	}
	if err := rows.Err(); err != nil {
		return nil, db.fail("read hashes", err)
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
	return logReader{db, db.pool}.ScanRecords(ctx, afterSeq, fn)
}

func (r logReader) ScanRecords(ctx context.Context, afterSeq int64, fn func(r auditlog.Record) error) error {
	rows, err := r.q.Query(ctx, `SELECT `+eventColumns+` FROM events WHERE seq > $1 ORDER BY seq`, afterSeq)
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

// AddCheckpoint stores a signed checkpoint.
func (db *DB) AddCheckpoint(ctx context.Context, size uint64, signedNote []byte) error {
	if err := db.ready(); err != nil {
		return err
	}
	if _, err := db.pool.Exec(ctx, `INSERT INTO checkpoints (size, note, created_ns) VALUES ($1, $2, $3)`,
		int64(size), signedNote, db.Now().UnixNano()); err != nil {
		return db.fail("add checkpoint", err)
	}
	return nil
}

// Checkpoints returns every stored checkpoint in the order stored.
func (db *DB) Checkpoints(ctx context.Context) ([]auditlog.StoredCheckpoint, error) {
	if err := db.ready(); err != nil {
		return nil, err
	}
	return logReader{db, db.pool}.Checkpoints(ctx)
}

func (r logReader) Checkpoints(ctx context.Context) ([]auditlog.StoredCheckpoint, error) {
	rows, err := r.q.Query(ctx, `SELECT id, size, note FROM checkpoints ORDER BY id`)
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
	err := db.pool.QueryRow(ctx, `SELECT id, size, note FROM checkpoints ORDER BY size DESC, id DESC LIMIT 1`).
		Scan(&c.ID, &size, &c.Note)
	if errors.Is(err, pgx.ErrNoRows) {
		return c, attest.Errorf(attest.ENOTFOUND, "no checkpoint yet")
	} else if err != nil {
		return c, db.fail("latest checkpoint", err)
	}
	c.Size = uint64(size)
	return c, nil
}

// PrunePayloads appends record and, in the same transaction, deletes the raw
// record of the version 2 records below it received before before; every
// other column stays (see auditlog.LogStore).
func (db *DB) PrunePayloads(ctx context.Context, before time.Time, record *attest.Event) (int64, error) {
	if err := db.ready(); err != nil {
		return 0, err
	}
	tx, err := db.pool.Begin(ctx)
	if err != nil {
		return 0, db.fail("prune payloads", err)
	}
	defer tx.Rollback(ctx)
	rows, err := db.appendRecord(ctx, tx, record)
	if err != nil {
		return 0, err
	}
	tag, err := tx.Exec(ctx, `UPDATE events SET raw = NULL, pruned = true
		WHERE received_ns < $1 AND seq < $2 AND NOT pruned AND raw_hash IS NOT NULL`, clampNS(before), rows[0].Seq)
	if err != nil {
		return 0, db.fail("prune payloads", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return 0, db.fail("prune payloads", err)
	}
	record.Seq, record.Received = rows[0].Seq, rows[0].Received
	return tag.RowsAffected(), nil
}

// KeyStore returns where the log's signing key is kept: the signing_key
// table, shared by every replica.
func (db *DB) KeyStore() auditlog.KeyStore {
	return keyStore{db}
}

type keyStore struct{ db *DB }

// LoadKey returns the stored key or ENOTFOUND.
func (k keyStore) LoadKey(ctx context.Context) (string, string, error) {
	if err := k.db.ready(); err != nil {
		return "", "", err
	}
	var s, v string
	err := k.db.pool.QueryRow(ctx, `SELECT signer_key, verifier_key FROM signing_key WHERE id = 1`).Scan(&s, &v)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", "", attest.Errorf(attest.ENOTFOUND, "no signing key yet")
	} else if err != nil {
		return "", "", k.db.fail("load signing key", err)
	}
	return s, v, nil
}

// StoreKey stores the key unless one is stored, then returns the stored one.
func (k keyStore) StoreKey(ctx context.Context, signerKey, verifierKey string) (string, string, error) {
	if err := k.db.ready(); err != nil {
		return "", "", err
	}
	if _, err := k.db.pool.Exec(ctx, `INSERT INTO signing_key (id, signer_key, verifier_key) VALUES (1, $1, $2)
		ON CONFLICT (id) DO NOTHING`, signerKey, verifierKey); err != nil {
		return "", "", k.db.fail("store signing key", err)
	}
	return k.LoadKey(ctx)
}
