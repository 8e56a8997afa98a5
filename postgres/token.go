package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"time"

	"github.com/attest-dev/attest"
	"github.com/jackc/pgx/v5"
)

// CreateToken stores the token with the hash of its secret and appends
// record, the audit record of its creation, in the same transaction: the
// token exists only if its record does. An empty ID is filled with a random
// one and a zero Created with the clock. It returns EINVALID for an unknown
// scope, an empty hash or a missing record and ECONFLICT when the ID or the
// secret hash is taken.
func (db *DB) CreateToken(ctx context.Context, t *attest.Token, secretHash []byte, record *attest.Event) error {
	if err := db.ready(); err != nil {
		return err
	}
	if t == nil || len(secretHash) == 0 {
		return attest.Errorf(attest.EINVALID, "token or its secret hash is empty")
	}
	if !attest.ValidScope(t.Scope) {
		return attest.Errorf(attest.EINVALID, "token scope %q is not ingest, read, respond, evidence, admission or admin", t.Scope)
	}
	tok := *t
	if tok.ID == "" {
		b := make([]byte, 8)
		rand.Read(b)
		tok.ID = "tok_" + hex.EncodeToString(b)
	}
	if tok.Created.IsZero() {
		tok.Created = db.Now()
	}
	tx, err := db.pool.Begin(ctx)
	if err != nil {
		return db.fail("create token", err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `INSERT INTO tokens (id, name, scope, source, created_ns, revoked, secret_hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, tok.ID, tok.Name, tok.Scope, tok.Source, tok.Created.UnixNano(), tok.Revoked, secretHash); err != nil {
		return db.fail("create token", err)
	}
	rows, err := db.appendRecord(ctx, tx, record)
	if err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return db.fail("create token", err)
	}
	*t = tok
	record.Seq, record.Received = rows[0].Seq, rows[0].Received
	return nil
}

// TokenBySecretHash returns the unrevoked token whose secret hashes to h, or
// ENOTFOUND.
func (db *DB) TokenBySecretHash(ctx context.Context, h []byte) (*attest.Token, error) {
	if err := db.ready(); err != nil {
		return nil, err
	}
	t, err := scanToken(db.pool.QueryRow(ctx, `SELECT id, name, scope, source, created_ns, revoked FROM tokens
		WHERE secret_hash = $1 AND NOT revoked`, h))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, attest.Errorf(attest.ENOTFOUND, "token not found")
	} else if err != nil {
		return nil, db.fail("token by secret", err)
	}
	return t, nil
}

// RevokeToken marks the token revoked and appends record, the audit record
// of the revocation, in the same transaction. It returns ENOTFOUND (and
// appends nothing) for an unknown id and EINVALID for a missing record.
func (db *DB) RevokeToken(ctx context.Context, id string, record *attest.Event) error {
	if err := db.ready(); err != nil {
		return err
	}
	tx, err := db.pool.Begin(ctx)
	if err != nil {
		return db.fail("revoke token", err)
	}
	defer tx.Rollback(ctx)
	tag, err := tx.Exec(ctx, `UPDATE tokens SET revoked = true WHERE id = $1`, id)
	if err != nil {
		return db.fail("revoke token", err)
	}
	if tag.RowsAffected() == 0 {
		return attest.Errorf(attest.ENOTFOUND, "token %q not found", id)
	}
	// The dashboard sessions signed in with the token end with it.
	if _, err := tx.Exec(ctx, `UPDATE web_sessions SET ended_ns = $1 WHERE token_id = $2 AND ended_ns IS NULL`,
		db.Now().UnixNano(), id); err != nil {
		return db.fail("revoke token", err)
	}
	rows, err := db.appendRecord(ctx, tx, record)
	if err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return db.fail("revoke token", err)
	}
	record.Seq, record.Received = rows[0].Seq, rows[0].Received
	return nil
}

// Tokens returns every token, revoked ones included, oldest first.
func (db *DB) Tokens(ctx context.Context) ([]*attest.Token, error) {
	if err := db.ready(); err != nil {
		return nil, err
	}
	rows, err := db.pool.Query(ctx, `SELECT id, name, scope, source, created_ns, revoked FROM tokens ORDER BY created_ns, id`)
	if err != nil {
		return nil, db.fail("list tokens", err)
	}
	defer rows.Close()
	var out []*attest.Token
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, db.fail("list tokens", err)
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, db.fail("list tokens", err)
	}
	return out, nil
}

func scanToken(s pgx.Row) (*attest.Token, error) {
	var t attest.Token
	var created int64
	if err := s.Scan(&t.ID, &t.Name, &t.Scope, &t.Source, &created, &t.Revoked); err != nil {
		return nil, err
	}
	t.Created = time.Unix(0, created).UTC()
	return &t, nil
}
