package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"sync"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/detect"
)

var (
	_ attest.EvalCursor = (*DB)(nil)
	_ detect.Window     = (*Window)(nil)
)

// ClaimEvents hands out the next range of stored events to evaluate (see
// attest.EvalCursor): an expired claim first, else up to max events after
// the cursor, which moves past them. It returns nil when there is nothing
// to evaluate.
func (db *DB) ClaimEvents(ctx context.Context, owner string, max int, lease time.Duration) (*attest.EvalClaim, error) {
	if err := db.ready(); err != nil {
		return nil, err
	}
	if max < 1 || lease <= 0 {
		return nil, attest.Errorf(attest.EINVALID, "claim events: want max and lease above zero")
	}
	now := db.Now()
	expires := now.Add(lease).UnixNano()
	db.wmu.Lock()
	defer db.wmu.Unlock()
	tx, err := db.bookTx(ctx)
	if err != nil {
		return nil, db.fail("claim events", err)
	}
	defer tx.Rollback()
	c := &attest.EvalClaim{Owner: owner, Expires: time.Unix(0, expires).UTC()}
	err = tx.QueryRowContext(ctx, `SELECT id, from_seq, to_seq FROM detect_claims WHERE expires_ns < ? ORDER BY from_seq LIMIT 1`,
		now.UnixNano()).Scan(&c.ID, &c.From, &c.To)
	switch {
	case err == nil:
		if _, err := tx.ExecContext(ctx, `UPDATE detect_claims SET owner = ?, expires_ns = ? WHERE id = ?`, owner, expires, c.ID); err != nil {
			return nil, db.fail("claim events", err)
		}
	case !errors.Is(err, sql.ErrNoRows):
		return nil, db.fail("claim events", err)
	default:
		var next, size int64
		if err := tx.QueryRowContext(ctx, `SELECT next_seq FROM detect_cursor WHERE id = 1`).Scan(&next); err != nil {
			return nil, db.fail("claim events", err)
		}
		if err := tx.QueryRowContext(ctx, `SELECT size FROM log_head WHERE id = 1`).Scan(&size); err != nil {
			return nil, db.fail("claim events", err)
		}
		if next >= size {
			return nil, nil
		}
		c.From, c.To = next, min(next+int64(max), size)
		res, err := tx.ExecContext(ctx, `INSERT INTO detect_claims (from_seq, to_seq, owner, expires_ns) VALUES (?, ?, ?, ?)`,
			c.From, c.To, owner, expires)
		if err != nil {
			return nil, db.fail("claim events", err)
		}
		if c.ID, err = res.LastInsertId(); err != nil {
			return nil, db.fail("claim events", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE detect_cursor SET next_seq = ? WHERE id = 1`, c.To); err != nil {
			return nil, db.fail("claim events", err)
		}
	}
	if err := tx.Commit(); err != nil {
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
	db.wmu.Lock()
	defer db.wmu.Unlock()
	tx, err := db.bookTx(ctx)
	if err != nil {
		return db.fail("finish claim", err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `DELETE FROM detect_claims WHERE id = ? AND owner = ? AND expires_ns = ?`,
		c.ID, c.Owner, c.Expires.UnixNano())
	if err != nil {
		return db.fail("finish claim", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return db.fail("finish claim", err)
	} else if n == 0 {
		return attest.Errorf(attest.ECONFLICT, "claim %d of events %d to %d was taken over by another evaluator", c.ID, c.From, c.To)
	}
	if err := tx.Commit(); err != nil {
		return db.fail("finish claim", err)
	}
	return nil
}

// EvalLag returns how many stored events are not evaluated yet.
func (db *DB) EvalLag(ctx context.Context) (int64, error) {
	if err := db.ready(); err != nil {
		return 0, err
	}
	var lag int64
	err := db.db.QueryRowContext(ctx, `SELECT (SELECT size FROM log_head WHERE id = 1) - (SELECT next_seq FROM detect_cursor WHERE id = 1)
		+ (SELECT COALESCE(SUM(to_seq - from_seq), 0) FROM detect_claims)`).Scan(&lag)
	if err != nil {
		return 0, db.fail("evaluation lag", err)
	}
	return lag, nil
}

// Window is a detect.Window kept in the database, so that every process on
// the database file counts the same correlation windows. Each observation is
// kept once per series and seq: evaluating an event again (after a crash)
// does not count it twice.
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

// Observe implements detect.Window in one IMMEDIATE transaction.
func (w *Window) Observe(key string, o detect.Observation, span time.Duration, fires func([]detect.Observation) bool) ([]detect.Observation, bool, error) {
	db := w.db
	if err := db.ready(); err != nil {
		return nil, false, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), w.Timeout)
	defer cancel()
	sweep := w.tick(o.Time)
	series := seriesID(key)
	db.wmu.Lock()
	defer db.wmu.Unlock()
	tx, err := db.bookTx(ctx)
	if err != nil {
		return nil, false, db.fail("observe", err)
	}
	defer tx.Rollback()
	if !sweep.IsZero() {
		if _, err := tx.ExecContext(ctx, `DELETE FROM detect_window WHERE expires_ns < ?`, sweep.UnixNano()); err != nil {
			return nil, false, db.fail("observe", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM detect_window WHERE series = ? AND time_ns < ?`, series, clampNS(o.Time.Add(-span))); err != nil {
		return nil, false, db.fail("observe", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO detect_window (series, seq, time_ns, value, expires_ns) VALUES (?, ?, ?, ?, ?)`,
		series, o.Seq, o.Time.UnixNano(), []byte(o.Value), clampNS(o.Time.Add(span))); err != nil {
		return nil, false, db.fail("observe", err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT seq, time_ns, value FROM detect_window WHERE series = ? ORDER BY time_ns, seq`, series)
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
		if _, err := tx.ExecContext(ctx, `DELETE FROM detect_window WHERE series = ?`, series); err != nil {
			return nil, false, db.fail("observe", err)
		}
	}
	if err := tx.Commit(); err != nil {
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
