package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"database/sql/driver"
	"encoding/binary"
	"errors"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/auditlog"
	sqlite "modernc.org/sqlite"
)

// The keys of idempotent ingest (attest.Event.DedupKey) are recorded in
// three tables (migration 00012): event_key_hashes holds each key's
// keyHash and the seq of its record, a small row in an index that appends
// write in random places; event_key_names holds every key in full by seq,
// appended in seq order; event_key_collisions holds in full the rare key
// whose hash another key holds already. A key is found by its hash, and
// the name stored at the seq found decides whether it is the same key:
// two different keys never share a record, and a repeated key is never
// stored twice.

// keyHash returns the hash under which event_key_hashes records a key: the
// first seven bytes of the SHA-256 of the source's length (uvarint), the
// source and the dedup key, a non-negative integer below 2^56 (which
// SQLite stores as a rowid of 8 bytes). It never changes: the hashes of
// stored keys are kept in the database.
func keyHash(source, dedupKey string) int64 {
	var buf [128]byte
	b := binary.AppendUvarint(buf[:0], uint64(len(source)))
	b = append(append(b, source...), dedupKey...)
	sum := sha256.Sum256(b)
	return int64(binary.BigEndian.Uint64(sum[:]) >> 8)
}

// rowKeyHashes returns the keyHash of each row that has a DedupKey (0 for
// the others). It does not depend on the log, so each caller of
// AppendEvents computes it before it queues for the writer.
func rowKeyHashes(rows []attest.Event) []int64 {
	hashes := make([]int64, len(rows))
	for i := range rows {
		if rows[i].DedupKey != "" {
			hashes[i] = keyHash(rows[i].Source, rows[i].DedupKey)
		}
	}
	return hashes
}

// attest_key_hash(source, dedup_key) is keyHash in SQL, for migration
// 00012, which hashes the keys stored before it.
func init() {
	sqlite.MustRegisterDeterministicScalarFunction("attest_key_hash", 2,
		func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			source, ok := sqlText(args[0])
			key, ok2 := sqlText(args[1])
			if !ok || !ok2 {
				return nil, errors.New("attest_key_hash: want a source and a key as text")
			}
			return keyHash(source, key), nil
		})
}

func sqlText(v driver.Value) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case []byte:
		return string(v), true
	}
	return "", false
}

// recordKeys splits a batch into the rows to append and the rows that
// repeat a stored record, and records the keys of the rows to append with
// the seqs that appendTx then gives them (the next ones after the log
// head), in tx. Most batches repeat no stored record, so it takes the
// split that the caller made before it queued, as if no key were stored,
// records the hashes of those keys in a savepoint and skips looking them
// up: the insert leaves out a hash that is stored already (ON CONFLICT DO
// NOTHING), which it sees as fewer rows inserted than keys given. A key
// whose hash is not stored is not stored either. Only then does it roll
// back to the savepoint, look the keys up (storedKeys) and record those of
// the fresh rows, each under its hash or, when another key holds that
// hash, as a collision. Last it records the names of the fresh rows' keys.
// The caller holds wmu.
func (db *DB) recordKeys(ctx context.Context, tx *sql.Tx, r *appendRequest) (*auditlog.Dedup, error) {
	batch := r.split
	if len(batch.FreshKeys) == 0 {
		return batch, nil
	}
	var size int64
	if err := db.writerRun(ctx, tx, `SELECT size FROM log_head WHERE id = 1`, &size); err != nil {
		return nil, err
	}
	if err := db.writerRun(ctx, tx, "SAVEPOINT append_keys"); err != nil {
		return nil, err
	}
	n, err := db.insertKeyHashes(ctx, tx, r, batch, batch.FreshKeys, size, " ON CONFLICT DO NOTHING")
	if err != nil {
		return nil, err
	}
	if n < int64(len(batch.FreshKeys)) {
		if err := db.writerRun(ctx, tx, "ROLLBACK TO append_keys"); err != nil {
			return nil, err
		}
		stored, taken, err := db.storedKeys(ctx, tx, r)
		if err != nil {
			return nil, err
		}
		batch = auditlog.SplitBatch(r.rows, stored)
		var hashed, collided []auditlog.FreshKey
		for _, k := range batch.FreshKeys {
			h := r.hashes[batch.FreshFrom[k.Index]]
			if taken[h] {
				collided = append(collided, k)
				continue
			}
			taken[h] = true
			hashed = append(hashed, k)
		}
		if _, err := db.insertKeyHashes(ctx, tx, r, batch, hashed, size, ""); err != nil {
			return nil, err
		}
		_, err = db.insertRows(ctx, tx, `INSERT INTO event_key_collisions (source, dedup_key, seq) VALUES `, 3, len(collided),
			func(i int, args []any) []any {
				k := collided[i]
				return append(args, k.Source, k.DedupKey, size+int64(k.Index))
			}, "")
		if err != nil {
			return nil, err
		}
	}
	if err := db.writerRun(ctx, tx, "RELEASE append_keys"); err != nil {
		return nil, err
	}
	_, err = db.insertRows(ctx, tx, `INSERT INTO event_key_names (seq, source, dedup_key) VALUES `, 3, len(batch.FreshKeys),
		func(i int, args []any) []any {
			k := batch.FreshKeys[i]
			return append(args, size+int64(k.Index), k.Source, k.DedupKey)
		}, "")
	if err != nil {
		return nil, err
	}
	return batch, nil
}

// insertKeyHashes inserts the hashes of keys, fresh keys of the batch of r,
// into event_key_hashes, each with the seq its row gets when the rows are
// appended to a log of size leaves, and returns how many rows were
// inserted. tail follows the values.
func (db *DB) insertKeyHashes(ctx context.Context, tx *sql.Tx, r *appendRequest, batch *auditlog.Dedup, keys []auditlog.FreshKey, size int64, tail string) (int64, error) {
	return db.insertRows(ctx, tx, `INSERT INTO event_key_hashes (hash, seq) VALUES `, 2, len(keys),
		func(i int, args []any) []any {
			k := keys[i]
			return append(args, r.hashes[batch.FreshFrom[k.Index]], size+int64(k.Index))
		}, tail)
}

// keysPerLookup is the most hashes one query of storedKeys asks for.
const keysPerLookup = 512

// storedKeys looks up the keys of the batch of r and returns the seqs of
// those already stored, and the hashes that event_key_hashes holds (for
// these keys or others). It asks for up to keysPerLookup hashes at a time
// (see chunkRows) and checks the name stored with each hash found; a key
// whose hash is held by another key is looked up among the collisions.
// The caller holds wmu.
func (db *DB) storedKeys(ctx context.Context, tx *sql.Tx, r *appendRequest) (map[auditlog.Key]int64, map[int64]bool, error) {
	byHash := make(map[int64][]auditlog.Key)
	var hashes []any
	for i := range r.rows {
		if r.rows[i].DedupKey == "" {
			continue
		}
		h, k := r.hashes[i], auditlog.Key{Source: r.rows[i].Source, DedupKey: r.rows[i].DedupKey}
		keys, seen := byHash[h]
		if !seen {
			hashes = append(hashes, h)
		}
		if !containsKey(keys, k) {
			byHash[h] = append(keys, k)
		}
	}
	stored := make(map[auditlog.Key]int64)
	taken := make(map[int64]bool)
	for from := 0; from < len(hashes); {
		to := from + chunkRows(len(hashes)-from, keysPerLookup)
		s, err := db.writerStmt(ctx, tx, stmtKey{
			head: `SELECT h.hash, h.seq, n.source, n.dedup_key FROM event_key_hashes AS h
				LEFT JOIN event_key_names AS n ON n.seq = h.seq WHERE h.hash IN (`, tail: `)`,
			cols: 1, rows: to - from, list: true})
		if err != nil {
			return nil, nil, err
		}
		err = scanKeyHashes(ctx, s, hashes[from:to], byHash, stored, taken)
		s.Close()
		if err != nil {
			return nil, nil, err
		}
		from = to
	}
	for _, h := range hashes {
		if !taken[h.(int64)] {
			continue
		}
		for _, k := range byHash[h.(int64)] {
			if _, ok := stored[k]; ok {
				continue
			}
			seq, ok, err := db.collidedKey(ctx, tx, k)
			if err != nil {
				return nil, nil, err
			}
			if ok {
				stored[k] = seq
			}
		}
	}
	return stored, taken, nil
}

func containsKey(keys []auditlog.Key, k auditlog.Key) bool {
	for _, x := range keys {
		if x == k {
			return true
		}
	}
	return false
}

// scanKeyHashes runs a lookup of storedKeys, marks the hashes found as
// taken and adds the keys whose stored name matches to stored.
func scanKeyHashes(ctx context.Context, s *sql.Stmt, args []any, byHash map[int64][]auditlog.Key, stored map[auditlog.Key]int64, taken map[int64]bool) error {
	rows, err := s.QueryContext(ctx, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var h, seq int64
		var source, key sql.NullString
		if err := rows.Scan(&h, &seq, &source, &key); err != nil {
			return err
		}
		taken[h] = true
		k := auditlog.Key{Source: source.String, DedupKey: key.String}
		if source.Valid && key.Valid && containsKey(byHash[h], k) {
			stored[k] = seq
		}
	}
	return rows.Err()
}

// collidedKey returns the seq of a key recorded as a collision, if it is.
func (db *DB) collidedKey(ctx context.Context, tx *sql.Tx, k auditlog.Key) (int64, bool, error) {
	s, err := db.writerStmt(ctx, tx, stmtKey{head: `SELECT seq FROM event_key_collisions WHERE source = ? AND dedup_key = ?`})
	if err != nil {
		return 0, false, err
	}
	defer s.Close()
	var seq int64
	switch err := s.QueryRowContext(ctx, k.Source, k.DedupKey).Scan(&seq); {
	case errors.Is(err, sql.ErrNoRows):
		return 0, false, nil
	case err != nil:
		return 0, false, err
	}
	return seq, true, nil
}
