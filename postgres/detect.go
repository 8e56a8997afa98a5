package postgres

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"sync"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/detect"
	"github.com/jackc/pgx/v5"
)

var (
	_ attest.EvalCursor = (*DB)(nil)
	_ detect.Window     = (*Window)(nil)
)

// ClaimEvents hands out the next range of stored events to evaluate (see
// attest.EvalCursor): an expired claim first (locked SKIP LOCKED, so two
// replicas never take over the same one), else up to max events after the
// cursor, whose row is locked FOR UPDATE while it moves. It reads the log
// head without locking it, so ingest never waits for it. It returns nil
// when there is nothing to evaluate.
func (db *DB) ClaimEvents(ctx context.Context, owner string, max int, lease time.Duration) (*attest.EvalClaim, error) {
	if err := db.ready(); err != nil {
		return nil, err
	}
	if max < 1 || lease <= 0 {
		return nil, attest.Errorf(attest.EINVALID, "claim events: want max and lease above zero")
	}
	now := db.Now()
	expires := now.Add(lease).UnixNano()
	tx, err := db.pool.Begin(ctx)
	if err != nil {
		return nil, db.fail("claim events", err)
	}
	defer tx.Rollback(ctx)
	c := &attest.EvalClaim{Owner: owner, Expires: time.Unix(0, expires).UTC()}
	err = tx.QueryRow(ctx, `SELECT id, from_seq, to_seq FROM detect_claims WHERE expires_ns < $1
		ORDER BY from_seq LIMIT 1 FOR UPDATE SKIP LOCKED`, now.UnixNano()).Scan(&c.ID, &c.From, &c.To)
	switch {
	case err == nil:
		if _, err := tx.Exec(ctx, `UPDATE detect_claims SET owner = $1, expires_ns = $2 WHERE id = $3`, owner, expires, c.ID); err != nil {
			return nil, db.fail("claim events", err)
		}
	case !errors.Is(err, pgx.ErrNoRows):
		return nil, db.fail("claim events", err)
	default:
		var next, size int64
		if err := tx.QueryRow(ctx, `SELECT next_seq FROM detect_cursor WHERE id = 1 FOR UPDATE`).Scan(&next); err != nil {
			return nil, db.fail("claim events", err)
		}
		if err := tx.QueryRow(ctx, `SELECT size FROM log_head WHERE id = 1`).Scan(&size); err != nil {
			return nil, db.fail("claim events", err)
		}
		if next >= size {
			return nil, nil
		}
		c.From, c.To = next, min(next+int64(max), size)
		if err := tx.QueryRow(ctx, `INSERT INTO detect_claims (from_seq, to_seq, owner, expires_ns) VALUES ($1, $2, $3, $4) RETURNING id`,
			c.From, c.To, owner, expires).Scan(&c.ID); err != nil {
			return nil, db.fail("claim events", err)
		}
		if _, err := tx.Exec(ctx, `UPDATE detect_cursor SET next_seq = $1 WHERE id = 1`, c.To); err != nil {
			return nil, db.fail("claim events", err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, db.fail("claim events", err)
	}
	return c, nil
}

// FinishClaim deletes the claim, its events evaluated. A claim that another
// evaluator took over after it expired is ECONFLICT.
func (db *DB) FinishClaim(ctx context.Context, c *attest.EvalClaim) error {
	if err := db.ready(); err != nil {
		return err
	}
	tag, err := db.pool.Exec(ctx, `DELETE FROM detect_claims WHERE id = $1 AND owner = $2 AND expires_ns = $3`,
		c.ID, c.Owner, c.Expires.UnixNano())
	if err != nil {
		return db.fail("finish claim", err)
	}
	if tag.RowsAffected() == 0 {
		return attest.Errorf(attest.ECONFLICT, "claim %d of events %d to %d was taken over by another evaluator", c.ID, c.From, c.To)
	}
	return nil
}

// EvalLag returns how many stored events are not evaluated yet.
func (db *DB) EvalLag(ctx context.Context) (int64, error) {
	if err := db.ready(); err != nil {
		return 0, err
	}
	var lag int64
	err := db.pool.QueryRow(ctx, `SELECT (SELECT size FROM log_head WHERE id = 1) - (SELECT next_seq FROM detect_cursor WHERE id = 1)
		+ (SELECT COALESCE(SUM(to_seq - from_seq), 0)::bigint FROM detect_claims)`).Scan(&lag)
	if err != nil {
		return 0, db.fail("evaluation lag", err)
	}
	return lag, nil
}

// Window is a detect.Window kept in the database, shared by every replica:
// a correlation counts the events that reached any of them. Observations of
// one series serialise on an advisory lock of the series; each is kept once
// per seq, so evaluating an event again (after a crash) does not count it
// twice.
type Window struct {
	db *DB
	// Timeout bounds one Observe.
	Timeout time.Duration

	mu     sync.Mutex
	calls  int
	latest time.Time
}

// Window returns a correlation window on the database.
func (db *DB) Window() *Window { return &Window{db: db, Timeout: 30 * time.Second} }

// sweepEvery is how many observations pass between two sweeps of the rows
// whose span has passed.
const sweepEvery = 1024

// seriesID is the stored name of a series: the hex SHA-256 of the engine's
// key, which may hold any byte.
func seriesID(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])
}

// Observe implements detect.Window in one transaction.
func (w *Window) Observe(key string, o detect.Observation, span time.Duration, fires func([]detect.Observation) bool) ([]detect.Observation, bool, error) {
	db := w.db
	if err := db.ready(); err != nil {
		return nil, false, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), w.Timeout)
	defer cancel()
	sweep := w.tick(o.Time)
	series := seriesID(key)
	if !sweep.IsZero() {
		if _, err := db.pool.Exec(ctx, `DELETE FROM detect_window WHERE expires_ns < $1`, sweep.UnixNano()); err != nil {
			return nil, false, db.fail("observe", err)
		}
	}
	tx, err := db.pool.Begin(ctx)
	if err != nil {
		return nil, false, db.fail("observe", err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, lockKey("window", series)); err != nil {
		return nil, false, db.fail("observe", err)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM detect_window WHERE series = $1 AND time_ns < $2`, series, clampNS(o.Time.Add(-span))); err != nil {
		return nil, false, db.fail("observe", err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO detect_window (series, seq, time_ns, value, expires_ns) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (series, seq) DO NOTHING`, series, o.Seq, o.Time.UnixNano(), []byte(o.Value), clampNS(o.Time.Add(span))); err != nil {
		return nil, false, db.fail("observe", err)
	}
	rows, err := tx.Query(ctx, `SELECT seq, time_ns, value FROM detect_window WHERE series = $1 ORDER BY time_ns, seq`, series)
	if err != nil {
		return nil, false, db.fail("observe", err)
	}
	var obs []detect.Observation
	for rows.Next() {
		var x detect.Observation
		var ns int64
		var v []byte
		if err := rows.Scan(&x.Seq, &ns, &v); err != nil {
			rows.Close()
			return nil, false, db.fail("observe", err)
		}
		x.Time, x.Value = time.Unix(0, ns).UTC(), string(v)
		obs = append(obs, x)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, false, db.fail("observe", err)
	}
	fired := fires != nil && fires(obs)
	if fired {
		if _, err := tx.Exec(ctx, `DELETE FROM detect_window WHERE series = $1`, series); err != nil {
			return nil, false, db.fail("observe", err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, false, db.fail("observe", err)
	}
	if !fired {
		return nil, false, nil
	}
	return obs, true, nil
}

// tick counts an observation at t and returns, every sweepEvery calls, the
// time before which expired rows are swept: the latest observation's time
// (each row holds its own expiry), but never later than the clock, so that
// an event dated in the future cannot sweep live windows away.
func (w *Window) tick(t time.Time) time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	if t.After(w.latest) {
		w.latest = t
	}
	w.calls++
	if w.calls < sweepEvery {
		return time.Time{}
	}
	w.calls = 0
	if now := w.db.Now(); w.latest.After(now) {
		return now
	}
	return w.latest
}
