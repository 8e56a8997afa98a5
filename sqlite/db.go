// Package sqlite is the attest store on SQLite: events, API tokens and the
// tamper-evident audit log (Merkle tree state, interior nodes, signed
// checkpoints) in one database file, through the pure-Go modernc.org/sqlite
// driver.
//
// The database runs in WAL mode with synchronous=FULL: a commit returns only
// after the WAL is flushed to disk, so an acknowledged batch of events
// survives both a crash of the process (SIGKILL) and of the machine.
// synchronous=NORMAL would survive a process crash too (the WAL is in the
// operating system's page cache), but not a power loss, which an audit log
// for PCI DSS 10.5 cannot accept; appends are batched, so the cost is one
// flush per batch.
//
// The log's signing key is kept in a file next to the database (DSN + ".key",
// see DB.KeyStore), so that copying the database alone does not copy the
// power to sign checkpoints.
package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/auditlog"
	"github.com/pressly/goose/v3"
	sqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is the store on one SQLite database file. Set the fields before Open.
type DB struct {
	// DSN is the path of the database file.
	DSN string
	// Now is the clock; it stamps Received of events that have none and
	// Created of tokens.
	Now func() time.Time
	// Logger receives migration and diagnostic messages.
	Logger *slog.Logger
	// Synchronous is the SQLite synchronous setting, FULL by default (see
	// the package comment).
	Synchronous string

	db     *sql.DB
	wmu    sync.Mutex // one writer at a time within the process
	closed atomic.Bool
	// book is the writer connection: events are appended and the
	// detections' books kept (claims, alerts raised, correlation windows)
	// through it, under wmu only; see writerTx. bookSync is its current
	// synchronous setting, "" when not known.
	book     *sql.Conn
	bookSync string
	// stats are the writer's counters (see WriterStats), under wmu.
	stats WriterStats
	// stmts are the statements of many rows that appends run, prepared
	// once (see writerStmt), under wmu.
	stmts map[stmtKey]*sql.Stmt
	// queue holds the batches of AppendEvents waiting for the writer
	// (see AppendEvents), under qmu.
	qmu   sync.Mutex
	queue []*appendRequest
	// The goroutine of checkpoints (see checkpoint.go): rows appended
	// since the last, a channel that starts one, and its stop and end.
	cpRows atomic.Int64
	cpKick chan struct{}
	cpStop context.CancelFunc
	cpDone chan struct{}
}

var (
	_ attest.EventStore = (*DB)(nil)
	_ attest.TokenStore = (*DB)(nil)
	_ auditlog.LogStore = (*DB)(nil)
)

// NewDB returns a DB for the database file at dsn, with the system clock and
// the default logger.
func NewDB(dsn string) *DB {
	return &DB{DSN: dsn, Now: time.Now, Logger: slog.Default(), Synchronous: "FULL"}
}

// Open opens the database file, creating it if needed, and runs the
// migrations. It returns EUNAVAILABLE when the file cannot be opened or
// written and EINVALID for a bad DSN.
func (db *DB) Open(ctx context.Context) error {
	if db.DSN == "" {
		return attest.Errorf(attest.EINVALID, "sqlite: empty database path")
	}
	if strings.ContainsAny(db.DSN, "?#") {
		return attest.Errorf(attest.EINVALID, "sqlite: database path %q contains '?' or '#'", db.DSN)
	}
	if db.Now == nil {
		db.Now = time.Now
	}
	if db.Logger == nil {
		db.Logger = slog.Default()
	}
	db.Synchronous = strings.ToUpper(db.Synchronous)
	switch db.Synchronous {
	case "":
		db.Synchronous = "FULL"
	case "FULL", "NORMAL", "EXTRA":
	default:
		return attest.Errorf(attest.EINVALID, "sqlite: synchronous %q is not FULL, NORMAL or EXTRA", db.Synchronous)
	}
	dsn := db.DSN + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(" + db.Synchronous +
		")&_pragma=foreign_keys(1)&_pragma=wal_autocheckpoint(0)&_txlock=immediate"
	sdb, err := sql.Open("sqlite", dsn)
	if err != nil {
		return db.fail("open "+db.DSN, err)
	}
	// Opening a SQLite connection runs its pragmas and maps the file: keep
	// the connections open rather than let database/sql close all but two
	// after each burst of requests.
	sdb.SetMaxOpenConns(maxConns)
	sdb.SetMaxIdleConns(maxConns)
	db.db = sdb
	if err := sdb.PingContext(ctx); err != nil {
		sdb.Close()
		return db.fail("open "+db.DSN, err)
	}
	if err := db.migrate(ctx); err != nil {
		sdb.Close()
		return err
	}
	if err := db.openBook(ctx); err != nil {
		sdb.Close()
		return db.fail("open "+db.DSN, err)
	}
	db.startCheckpoints()
	return nil
}

// openBook takes the writer connection from the pool.
func (db *DB) openBook(ctx context.Context) error {
	book, err := db.db.Conn(ctx)
	if err != nil {
		return err
	}
	// The statement journals of the appends (see AppendEvents) stay in
	// memory rather than in temporary files, and the page cache holds what
	// a group of appends changes (see writerCacheKiB).
	for _, pragma := range []string{"PRAGMA temp_store = MEMORY", fmt.Sprintf("PRAGMA cache_size = -%d", writerCacheKiB)} {
		if _, err := book.ExecContext(ctx, pragma); err != nil {
			book.Close()
			return err
		}
	}
	db.book, db.bookSync = book, ""
	return nil
}

// writerCacheKiB is the page cache of the writer connection. A group of
// appends of a thousand CloudTrail records changes some 550 pages of 4 KiB
// (the rows, the ends of the indexes, the hashes of their keys spread over
// their whole index): more than SQLite's default cache of 2,000 KiB, which
// then writes dirty pages to the log before the commit (to write them
// again at the commit) and evicts the index pages that the next group
// needs, to read them back. 8 MiB holds a group of several thousand
// records and the pages they come back to. A far larger cache is no
// faster: each page it adds is a new allocation until it fills.
const writerCacheKiB = 8192

// bookTx begins a write transaction of the detections' bookkeeping (claims
// of the evaluation cursor, raised alerts, correlation windows) with
// synchronous=NORMAL: its commits reach the disk with the next FULL commit
// (the next ingest batch), not each with an fsync of its own, so evaluation
// does not compete with ingest for the disk. In WAL mode a power loss can
// only take the latest commits, in order: a claim's alerts are never kept
// without the claim, so whatever is lost is evaluated again, and raising is
// idempotent. Status changes and ingest stay FULL. The caller holds wmu.
func (db *DB) bookTx(ctx context.Context) (*sql.Tx, error) {
	return db.writerTx(ctx, "NORMAL")
}

// writerTx begins a write transaction on the writer connection, the one
// connection that appends events and keeps the detections' books, with the
// synchronous setting given. Keeping these writes on one connection keeps
// its page cache: SQLite drops a connection's cache whenever another
// connection has written to the database since its last transaction. The
// caller holds wmu.
func (db *DB) writerTx(ctx context.Context, synchronous string) (*sql.Tx, error) {
	tx, err := db.beginWriter(ctx, synchronous)
	if errors.Is(err, sql.ErrConnDone) || errors.Is(err, driver.ErrBadConn) {
		// A cancelled statement can leave the connection unusable: take
		// another, keeping what it counted.
		db.readConnStats(ctx)
		db.book.Close()
		if err := db.openBook(ctx); err != nil {
			return nil, err
		}
		return db.beginWriter(ctx, synchronous)
	}
	return tx, err
}

// beginWriter sets the writer connection's synchronous setting, when it is
// not the one given already, and begins a transaction. A failed PRAGMA leaves
// the setting unknown, so the next transaction sets it again.
func (db *DB) beginWriter(ctx context.Context, synchronous string) (*sql.Tx, error) {
	if db.bookSync != synchronous {
		db.bookSync = ""
		if _, err := db.book.ExecContext(ctx, "PRAGMA synchronous = "+synchronous); err != nil {
			return nil, err
		}
		db.bookSync = synchronous
	}
	return db.book.BeginTx(ctx, nil)
}

// maxConns bounds the connections to the database file: one writes at a
// time (wmu), the others read.
const maxConns = 16

func (db *DB) migrate(ctx context.Context) error {
	fsys, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, db.db, fsys, goose.WithSlog(db.Logger))
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return db.fail("migrate "+db.DSN, err)
	}
	return nil
}

// Close closes the database. Calls after Close return EUNAVAILABLE.
func (db *DB) Close() error {
	if db.db == nil || db.closed.Swap(true) {
		return nil
	}
	if db.cpStop != nil {
		db.cpStop()
		<-db.cpDone
	}
	db.wmu.Lock()
	db.closeStmts()
	db.book.Close()
	db.wmu.Unlock()
	return db.db.Close()
}

// Ping checks that the database can be read, or returns EUNAVAILABLE.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.ready(); err != nil {
		return err
	}
	var n int
	if err := db.db.QueryRowContext(ctx, `SELECT size FROM log_head WHERE id = 1`).Scan(&n); err != nil {
		return db.fail("ping", err)
	}
	return nil
}

// KeyStore returns where the log's signing key is kept: the file DSN+".key",
// created with mode 0600 on first start.
func (db *DB) KeyStore() auditlog.KeyStore {
	return auditlog.KeyFile{Path: db.DSN + ".key"}
}

func (db *DB) ready() error {
	if db.db == nil || db.closed.Load() {
		return attest.Errorf(attest.EUNAVAILABLE, "database is closed")
	}
	return nil
}

// fail turns a driver error into an application error where it has a code
// and wraps it with op otherwise. The returned error keeps the cause in its
// chain (for logs) while attest.ErrorMessage shows only the safe message.
func (db *DB) fail(op string, err error) error {
	if err == nil {
		return nil
	}
	var ae *attest.Error
	if errors.As(err, &ae) {
		return err
	}
	code := ""
	var se *sqlite.Error
	switch {
	case db.closed.Load() || strings.Contains(err.Error(), "database is closed"):
		code = attest.EUNAVAILABLE
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		code = attest.EUNAVAILABLE
	case errors.As(err, &se):
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_NOMEM, sqlite3.SQLITE_READONLY,
			sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM,
			sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT:
			code = attest.EUNAVAILABLE
		case sqlite3.SQLITE_CONSTRAINT:
			code = attest.ECONFLICT
		}
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
