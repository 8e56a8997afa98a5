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
	h, err := readHead(ctx, db.pool, false)
	if err != nil {
		return auditlog.Head{}, db.fail("log head", err)
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
	rows, err := db.pool.Query(ctx, `SELECT `+eventColumns+` FROM events WHERE seq > $1 ORDER BY seq`, afterSeq)
	if err != nil {
		return db.fail("scan records", err)
	}
	defer rows.Close()
	for rows.Next() {
		e, leaf, pruned, err := scanEvent(rows)
		if err != nil {
			return db.fail("scan records", err)
		}
		if err := fn(auditlog.Record{Seq: e.Seq, Event: e, LeafHash: leaf, Pruned: pruned}); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return db.fail("scan records", err)
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
	rows, err := db.pool.Query(ctx, `SELECT id, size, note FROM checkpoints ORDER BY id`)
	if err != nil {
		return nil, db.fail("checkpoints", err)
	}
	defer rows.Close()
	var out []auditlog.StoredCheckpoint
	for rows.Next() {
		var c auditlog.StoredCheckpoint
		var size int64
		if err := rows.Scan(&c.ID, &size, &c.Note); err != nil {
			return nil, db.fail("checkpoints", err)
		}
		c.Size = uint64(size)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, db.fail("checkpoints", err)
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

// PrunePayloads clears the payload of the records with seq below belowSeq
// received before before, keeping seq, time, received, source and the leaf
// hash.
func (db *DB) PrunePayloads(ctx context.Context, before time.Time, belowSeq uint64) (int64, error) {
	if err := db.ready(); err != nil {
		return 0, err
	}
	tag, err := db.pool.Exec(ctx, `UPDATE events SET external_id = NULL, actor = NULL, action = NULL, target = NULL,
		outcome = NULL, mfa = NULL, source_ip = NULL, user_agent = NULL, severity = NULL, raw = NULL, pruned = true
		WHERE received_ns < $1 AND seq < $2 AND NOT pruned`, clampNS(before), int64(belowSeq))
	if err != nil {
		return 0, db.fail("prune payloads", err)
	}
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
