package sqlite

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"time"

	"github.com/attest-dev/attest"
)

// CreateToken stores the token with the hash of its secret. An empty ID is
// filled with a random one and a zero Created with the clock. It returns
// EINVALID for an unknown scope or an empty hash and ECONFLICT when the ID or
// the secret hash is taken.
func (db *DB) CreateToken(ctx context.Context, t *attest.Token, secretHash []byte) error {
	if err := db.ready(); err != nil {
		return err
	}
	if err := checkToken(t, secretHash); err != nil {
		return err
	}
	tok := *t
	if tok.ID == "" {
		tok.ID = newTokenID()
	}
	if tok.Created.IsZero() {
		tok.Created = db.Now()
	}
	if _, err := db.db.ExecContext(ctx, `INSERT INTO tokens (id, name, scope, source, created_ns, revoked, secret_hash)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, tok.ID, tok.Name, tok.Scope, tok.Source, tok.Created.UnixNano(), tok.Revoked, secretHash); err != nil {
		return db.fail("create token", err)
	}
	*t = tok
	return nil
}

// TokenBySecretHash returns the unrevoked token whose secret hashes to h, or
// ENOTFOUND.
func (db *DB) TokenBySecretHash(ctx context.Context, h []byte) (*attest.Token, error) {
	if err := db.ready(); err != nil {
		return nil, err
	}
	t, err := scanToken(db.db.QueryRowContext(ctx, `SELECT id, name, scope, source, created_ns, revoked FROM tokens
		WHERE secret_hash = ? AND revoked = 0`, h))
	if err == sql.ErrNoRows {
		return nil, attest.Errorf(attest.ENOTFOUND, "token not found")
	} else if err != nil {
		return nil, db.fail("token by secret", err)
	}
	return t, nil
}

// RevokeToken marks the token revoked, or returns ENOTFOUND.
func (db *DB) RevokeToken(ctx context.Context, id string) error {
	if err := db.ready(); err != nil {
		return err
	}
	res, err := db.db.ExecContext(ctx, `UPDATE tokens SET revoked = 1 WHERE id = ?`, id)
	if err != nil {
		return db.fail("revoke token", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return db.fail("revoke token", err)
	} else if n == 0 {
		return attest.Errorf(attest.ENOTFOUND, "token %q not found", id)
	}
	return nil
}

// Tokens returns every token, revoked ones included, oldest first.
func (db *DB) Tokens(ctx context.Context) ([]*attest.Token, error) {
	if err := db.ready(); err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT id, name, scope, source, created_ns, revoked FROM tokens ORDER BY created_ns, id`)
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

func scanToken(s scanner) (*attest.Token, error) {
	var t attest.Token
	var created int64
	if err := s.Scan(&t.ID, &t.Name, &t.Scope, &t.Source, &created, &t.Revoked); err != nil {
		return nil, err
	}
	t.Created = time.Unix(0, created).UTC()
	return &t, nil
}

func checkToken(t *attest.Token, secretHash []byte) error {
	switch {
	case t == nil:
		return attest.Errorf(attest.EINVALID, "token is nil")
	case len(secretHash) == 0:
		return attest.Errorf(attest.EINVALID, "token secret hash is empty")
	}
	switch t.Scope {
	case attest.ScopeIngest, attest.ScopeRead, attest.ScopeAdmin:
	default:
		return attest.Errorf(attest.EINVALID, "token scope %q is not ingest, read or admin", t.Scope)
	}
	return nil
}

func newTokenID() string {
	b := make([]byte, 8)
	rand.Read(b)
	return "tok_" + hex.EncodeToString(b)
}
