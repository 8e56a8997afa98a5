package sqlite

import (
	"context"
	"database/sql"
	"time"

	"github.com/attest-dev/attest"
)

var (
	_ attest.SessionStore = (*DB)(nil)
	_ attest.EventCounter = (*DB)(nil)
)

// CreateSession stores the session and appends record in one transaction;
// with linkHash it first uses up that one-time sign-in link, or returns
// ENOTFOUND when the link is unknown, used or expired at s.Created.
func (db *DB) CreateSession(ctx context.Context, s *attest.Session, secretHash, linkHash []byte, record *attest.Event) error {
	if err := db.ready(); err != nil {
		return err
	}
	if err := s.Validate(); err != nil {
		return err
	}
	if len(secretHash) == 0 {
		return attest.Errorf(attest.EINVALID, "session secret hash is empty")
	}
	db.wmu.Lock()
	defer db.wmu.Unlock()
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return db.fail("create session", err)
	}
	defer tx.Rollback()
	if linkHash != nil {
		res, err := tx.ExecContext(ctx, `UPDATE web_signin_links SET used_ns = ?
			WHERE secret_hash = ? AND used_ns IS NULL AND expires_ns > ?`, s.Created.UnixNano(), linkHash, s.Created.UnixNano())
		if err != nil {
			return db.fail("use sign-in link", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return db.fail("use sign-in link", err)
		} else if n == 0 {
			return attest.Errorf(attest.ENOTFOUND, "sign-in link unknown, used or expired")
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO web_sessions (id, secret_hash, user_name, role, via, created_ns, expires_ns, token_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, s.ID, secretHash, s.User, s.Role, s.Via, s.Created.UnixNano(), s.Expires.UnixNano(), sql.NullString{String: s.TokenID, Valid: s.TokenID != ""}); err != nil {
		return db.fail("create session", err)
	}
	rows, err := db.appendRecord(ctx, tx, record)
	if err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return db.fail("create session", err)
	}
	record.Seq, record.Received = rows[0].Seq, rows[0].Received
	return nil
}

// SessionBySecretHash returns the session in force whose secret hashes to
// h, or ENOTFOUND.
func (db *DB) SessionBySecretHash(ctx context.Context, h []byte) (*attest.Session, error) {
	if err := db.ready(); err != nil {
		return nil, err
	}
	var s attest.Session
	var created, expires int64
	err := db.db.QueryRowContext(ctx, `SELECT id, user_name, role, via, created_ns, expires_ns, COALESCE(token_id, '') FROM web_sessions
		WHERE secret_hash = ? AND ended_ns IS NULL`, h).Scan(&s.ID, &s.User, &s.Role, &s.Via, &created, &expires, &s.TokenID)
	if err == sql.ErrNoRows {
		return nil, attest.Errorf(attest.ENOTFOUND, "session not found")
	} else if err != nil {
		return nil, db.fail("session by secret", err)
	}
	s.Created, s.Expires = time.Unix(0, created).UTC(), time.Unix(0, expires).UTC()
	return &s, nil
}

// EndSession ends the session and appends record in one transaction.
func (db *DB) EndSession(ctx context.Context, h []byte, record *attest.Event) error {
	if err := db.ready(); err != nil {
		return err
	}
	db.wmu.Lock()
	defer db.wmu.Unlock()
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return db.fail("end session", err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `UPDATE web_sessions SET ended_ns = ? WHERE secret_hash = ? AND ended_ns IS NULL`,
		db.Now().UnixNano(), h)
	if err != nil {
		return db.fail("end session", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return db.fail("end session", err)
	} else if n == 0 {
		return attest.Errorf(attest.ENOTFOUND, "session not found")
	}
	rows, err := db.appendRecord(ctx, tx, record)
	if err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return db.fail("end session", err)
	}
	record.Seq, record.Received = rows[0].Seq, rows[0].Received
	return nil
}

// CreateSignInLink stores a one-time sign-in link and appends record in one
// transaction.
func (db *DB) CreateSignInLink(ctx context.Context, h []byte, expires time.Time, record *attest.Event) error {
	if err := db.ready(); err != nil {
		return err
	}
	if len(h) == 0 {
		return attest.Errorf(attest.EINVALID, "sign-in link hash is empty")
	}
	db.wmu.Lock()
	defer db.wmu.Unlock()
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return db.fail("create sign-in link", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO web_signin_links (secret_hash, expires_ns) VALUES (?, ?)`,
		h, expires.UnixNano()); err != nil {
		return db.fail("create sign-in link", err)
	}
	rows, err := db.appendRecord(ctx, tx, record)
	if err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return db.fail("create sign-in link", err)
	}
	record.Seq, record.Received = rows[0].Seq, rows[0].Received
	return nil
}

// AnySession reports whether any session was ever created.
func (db *DB) AnySession(ctx context.Context) (bool, error) {
	if err := db.ready(); err != nil {
		return false, err
	}
	var n int
	if err := db.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM web_sessions)`).Scan(&n); err != nil {
		return false, db.fail("any session", err)
	}
	return n > 0, nil
}

// CountEvents reads the daily counts (migration 00009) of the UTC days that
// overlap [from, to).
func (db *DB) CountEvents(ctx context.Context, from, to time.Time) ([]attest.EventCount, error) {
	if err := db.ready(); err != nil {
		return nil, err
	}
	first, end := attest.DayNumber(from), attest.DayNumber(to)
	if !attest.DayStart(end).Equal(to) {
		end++
	}
	rows, err := db.db.QueryContext(ctx, `SELECT day, source, outcome, n FROM event_day_counts
		WHERE day >= ? AND day < ? ORDER BY day, source, outcome`, first, end)
	if err != nil {
		return nil, db.fail("count events", err)
	}
	defer rows.Close()
	var out []attest.EventCount
	for rows.Next() {
		var c attest.EventCount
		var d int64
		if err := rows.Scan(&d, &c.Source, &c.Outcome, &c.Count); err != nil {
			return nil, db.fail("count events", err)
		}
		c.Day = attest.DayStart(d)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, db.fail("count events", err)
	}
	return out, nil
}
