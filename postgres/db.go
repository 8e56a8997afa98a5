// Package postgres is the attest store on PostgreSQL (pgx/v5, pgxpool):
// events, API tokens and the tamper-evident audit log, with the same schema
// and behaviour as package sqlite.
//
// Several attest serve replicas may share one database: every append locks
// the single log_head row (SELECT ... FOR UPDATE) in its transaction, so the
// replicas append to one log without gaps or forks, serialised by the
// database. A commit returns once PostgreSQL has made it durable
// (synchronous_commit as the server is configured; keep it on).
//
// The log's signing key is kept in the database (table signing_key, see
// DB.KeyStore) so that every replica signs with the same key; the first
// replica to start creates it. Deployments that want the key apart from the
// data give attest serve a key file instead (auditlog.KeyFile).
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"strings"
	"sync/atomic"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/auditlog"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is the store on one PostgreSQL database. Set the fields before Open.
type DB struct {
	// DSN is a postgres:// URL or key=value connection string.
	DSN string
	// Now is the clock; it stamps Received of events that have none and
	// Created of tokens.
	Now func() time.Time
	// Logger receives migration and diagnostic messages.
	Logger *slog.Logger

	pool   *pgxpool.Pool
	closed atomic.Bool
}

var (
	_ attest.EventStore = (*DB)(nil)
	_ attest.TokenStore = (*DB)(nil)
	_ auditlog.LogStore = (*DB)(nil)
	_ auditlog.KeyStore = keyStore{}
)

// NewDB returns a DB for the database at dsn, with the system clock and the
// default logger.
func NewDB(dsn string) *DB {
	return &DB{DSN: dsn, Now: time.Now, Logger: slog.Default()}
}

// Open connects and runs the migrations (under a PostgreSQL advisory lock, so
// replicas starting together migrate once). It returns EINVALID for a DSN
// that does not parse and EUNAVAILABLE when the server cannot be reached.
func (db *DB) Open(ctx context.Context) error {
	if db.Now == nil {
		db.Now = time.Now
	}
	if db.Logger == nil {
		db.Logger = slog.Default()
	}
	cfg, err := pgxpool.ParseConfig(db.DSN)
	if err != nil {
		return attest.Errorf(attest.EINVALID, "postgres: bad connection string: %v", redact(err))
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return db.fail("connect", err)
	}
	db.pool = pool
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return db.fail("connect", err)
	}
	if err := db.migrate(ctx); err != nil {
		pool.Close()
		return err
	}
	return nil
}

func redact(err error) string {
	return strings.ReplaceAll(err.Error(), "\n", " ")
}

func (db *DB) migrate(ctx context.Context) error {
	fsys, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	locker, err := lock.NewPostgresSessionLocker()
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	sdb := stdlib.OpenDBFromPool(db.pool)
	defer sdb.Close()
	p, err := goose.NewProvider(goose.DialectPostgres, sdb, fsys, goose.WithSlog(db.Logger), goose.WithSessionLocker(locker))
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return db.fail("migrate", err)
	}
	return nil
}

// Close closes the connection pool. Calls after Close return EUNAVAILABLE.
func (db *DB) Close() error {
	if db.pool != nil && !db.closed.Swap(true) {
		db.pool.Close()
	}
	return nil
}

// Ping checks that the database answers, or returns EUNAVAILABLE.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.ready(); err != nil {
		return err
	}
	var n int64
	if err := db.pool.QueryRow(ctx, `SELECT size FROM log_head WHERE id = 1`).Scan(&n); err != nil {
		return db.fail("ping", err)
	}
	return nil
}

func (db *DB) ready() error {
	if db.pool == nil || db.closed.Load() {
		return attest.Errorf(attest.EUNAVAILABLE, "database is closed")
	}
	return nil
}

// fail turns a driver error into an application error where it has a code
// and wraps it with op otherwise; the cause stays in the chain for logs.
func (db *DB) fail(op string, err error) error {
	if err == nil {
		return nil
	}
	var ae *attest.Error
	if errors.As(err, &ae) {
		return err
	}
	code := ""
	var pe *pgconn.PgError
	var ce *pgconn.ConnectError
	var ne net.Error
	switch {
	case db.closed.Load() || strings.Contains(err.Error(), "closed pool"):
		code = attest.EUNAVAILABLE
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || pgconn.Timeout(err):
		code = attest.EUNAVAILABLE
	case errors.As(err, &ce) || errors.As(err, &ne):
		code = attest.EUNAVAILABLE
	case errors.As(err, &pe):
		switch {
		case pe.Code == "23505": // unique_violation
			code = attest.ECONFLICT
		case strings.HasPrefix(pe.Code, "08"), // connection exception
			strings.HasPrefix(pe.Code, "53"),         // insufficient resources
			strings.HasPrefix(pe.Code, "57P"),        // operator intervention (shutdown)
			pe.Code == "25006",                       // read-only transaction (standby)
			pe.Code == "40001" || pe.Code == "40P01": // serialization failure, deadlock: retry later
			code = attest.EUNAVAILABLE
		}
	case errors.Is(err, sql.ErrConnDone):
		code = attest.EUNAVAILABLE
	}
	if code == "" {
		return fmt.Errorf("%s: %w", op, err)
	}
	msg := op + ": database unavailable"
	if code == attest.ECONFLICT {
		msg = op + ": conflict"
	}
	return fmt.Errorf("%w: %w", attest.Errorf(code, "%s", msg), err)
}
