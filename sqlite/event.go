package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/auditlog"
)

// AppendEvents stores the events in one IMMEDIATE transaction: it takes the
// log head, drops the events whose source id (DedupKey) is already stored or
// repeated in the batch, gives the others the next sequence numbers, extends
// the Merkle tree with their leaf hashes, inserts the rows, their keys and
// the new head, and commits. A repeated event gets the seq of the record it
// repeats and Duplicate set. The transaction is the one writer, so the
// lookup cannot race another append; the primary keys of the key tables
// stand behind it (and spare the lookup of a batch that repeats nothing
// stored: see recordKeys, and keys.go for how keys are stored). On success
// each event's Seq (and Received, if it was zero) is set; on failure the events are unchanged. It returns EINVALID for an event
// that cannot be stored and EUNAVAILABLE when the database cannot be written
// (or ctx ended before the batch was taken up).
//
// Batches sent at once share a transaction (group commit): each call queues
// its batch and waits for the writer, and whoever holds the writer appends
// every batch queued (up to maxGroupRows rows), one after the other as if
// alone, and commits once. The flush to disk that makes a commit durable,
// and the pages that every batch changes (the ends of the indexes, the
// tree's head), are then paid once per group rather than once per batch. A
// call returns only once its own batch is committed. Should the group's
// transaction fail, each batch is tried again alone, so that one batch's
// failure is never another's. A batch is stored whole or not at all either
// way.
//
// The transaction runs on the writer connection (see writerTx), whose page
// cache stays warm from one batch to the next, and inserts rows with
// statements of many rows each: SQLite's cost per statement (its program,
// and the statement journal, a copy of each page the statement changes,
// which SQLite keeps for a statement that may fail half way, as an insert
// of an explicit seq or one running the audit log's triggers may) is then
// paid once per rowsPerInsert rows rather than once per row. Those
// statements, and the lookups of stored keys, come in a few power-of-two
// sizes, each prepared once and kept (writerStmt), so that no batch pays
// for parsing them inside the writer's critical section.
func (db *DB) AppendEvents(ctx context.Context, events []*attest.Event) error {
	if len(events) == 0 {
		return nil
	}
	if err := db.ready(); err != nil {
		return err
	}
	rows, err := auditlog.PrepareBatch(events, db.Now())
	if err != nil {
		return err
	}
	// What does not depend on the log's state is computed here, by each
	// caller at once, rather than by the writer one batch after another.
	req := &appendRequest{ctx: ctx, events: events, rows: rows, split: auditlog.SplitBatch(rows, nil),
		hashes: rowKeyHashes(rows), rawHashes: auditlog.RawHashes(rows)}
	db.qmu.Lock()
	db.queue = append(db.queue, req)
	db.qmu.Unlock()

	db.wmu.Lock()
	defer db.wmu.Unlock()
	// Whoever held the writer before may have committed this batch with
	// its own; else it is in the queue still, and this call commits it
	// (and those queued with it).
	for !req.done {
		db.appendGroup(db.takeGroup())
	}
	return req.err
}

// appendRequest is a batch of AppendEvents waiting for the writer. err and
// done are set under wmu.
type appendRequest struct {
	ctx    context.Context
	events []*attest.Event
	rows   []attest.Event
	// split is the batch without the rows that repeat an earlier row of
	// it, as if no key were stored yet (see recordKeys); hashes are the
	// keyHash of each row's key (see rowKeyHashes) and rawHashes the
	// hashes of its raw records (auditlog.RawHashes).
	split     *auditlog.Dedup
	hashes    []int64
	rawHashes [][]byte
	err       error
	done      bool
}

// maxGroupRows bounds the rows of the batches that one transaction of
// AppendEvents appends; a group holds at least one batch, however large.
const maxGroupRows = 10_000

// takeGroup takes the batches at the head of the queue, up to maxGroupRows
// rows.
func (db *DB) takeGroup() []*appendRequest {
	db.qmu.Lock()
	defer db.qmu.Unlock()
	n, rows := 0, 0
	for n < len(db.queue) && (n == 0 || rows+len(db.queue[n].rows) <= maxGroupRows) {
		rows += len(db.queue[n].rows)
		n++
	}
	group := slices.Clone(db.queue[:n])
	db.queue = slices.Delete(db.queue, 0, n)
	return group
}

// appendGroup appends a group of batches in one transaction and reports to
// each; the caller holds wmu. A batch whose caller has gone is left out. A
// group of several batches is not cancelled with any one caller: it runs
// to its end, like the commit that follows it.
func (db *DB) appendGroup(group []*appendRequest) {
	live := make([]*appendRequest, 0, len(group))
	for _, r := range group {
		if err := r.ctx.Err(); err != nil {
			r.err, r.done = db.fail("append events", err), true
			continue
		}
		live = append(live, r)
	}
	switch len(live) {
	case 0:
		return
	case 1:
		r := live[0]
		batches, err := db.appendBatches(r.ctx, live)
		r.finish(batches, 0, err)
		return
	}
	batches, err := db.appendBatches(context.WithoutCancel(live[0].ctx), live)
	if err != nil {
		for _, r := range live {
			b, err := db.appendBatches(r.ctx, []*appendRequest{r})
			r.finish(b, 0, err)
		}
		return
	}
	for i, r := range live {
		r.finish(batches, i, nil)
	}
}

// finish reports the outcome of batch i of an append to the caller.
func (r *appendRequest) finish(batches []*auditlog.Dedup, i int, err error) {
	if err == nil {
		batches[i].Finish(r.events)
	}
	r.err, r.done = err, true
}

// appendBatches appends the batches one after the other in one transaction
// on the writer connection and commits it. A batch's lookup of stored keys
// sees the keys of the batches before it in the transaction, so records
// repeated across batches are stored once, as if the batches came one by
// one. The caller holds wmu.
func (db *DB) appendBatches(ctx context.Context, reqs []*appendRequest) ([]*auditlog.Dedup, error) {
	tx, err := db.writerTx(ctx, db.Synchronous)
	if err != nil {
		return nil, db.fail("append events", err)
	}
	defer tx.Rollback()
	batches := make([]*auditlog.Dedup, len(reqs))
	stored := false
	for i, r := range reqs {
		batch, err := db.recordKeys(ctx, tx, r)
		if err != nil {
			return nil, db.fail("append events", err)
		}
		batches[i] = batch
		fresh := batch.Fresh
		if len(fresh) == 0 {
			continue
		}
		rawHashes := r.rawHashes
		if len(fresh) < len(r.rows) {
			rawHashes = make([][]byte, len(fresh))
			for j, from := range batch.FreshFrom {
				rawHashes[j] = r.rawHashes[from]
			}
		}
		if err := db.appendTx(ctx, tx, fresh, rawHashes); err != nil {
			return nil, err
		}
		stored = true
	}
	if stored {
		if err := tx.Commit(); err != nil {
			return nil, db.fail("append events", err)
		}
		rows := 0
		for _, b := range batches {
			rows += len(b.Fresh)
		}
		db.stats.Commits++
		db.stats.Rows += int64(rows)
		db.wrote(rows)
	}
	return batches, nil
}

// writerRun runs a statement without arguments in tx through writerStmt
// (prepared once), scanning the one row it returns into dest, if any are
// given. The caller holds wmu.
func (db *DB) writerRun(ctx context.Context, tx *sql.Tx, query string, dest ...any) error {
	s, err := db.writerStmt(ctx, tx, stmtKey{head: query})
	if err != nil {
		return err
	}
	defer s.Close()
	if len(dest) > 0 {
		return s.QueryRowContext(ctx).Scan(dest...)
	}
	_, err = s.ExecContext(ctx)
	return err
}

// rowsPerInsert is the most rows one INSERT statement of AppendEvents
// holds: 256 rows of the 16 columns of events are 4,096 parameters, well
// within SQLite's limit of 32,766.
const rowsPerInsert = 256

// chunkRows returns how many of n rows (n > 0) the next statement of a
// statement-per-chunk insert or lookup holds: the largest power of two up to
// n and at most limit (itself a power of two). A batch of any size is then
// written with statements of a few sizes only, each prepared once and kept
// (see writerStmt), rather than one statement for its remainder parsed
// again for every batch.
func chunkRows(n, limit int) int {
	c := limit
	for c > n {
		c /= 2
	}
	return c
}

// stmtKey names a statement of many rows: head, then rows tuples of cols
// parameters each, separated by commas, then tail. With list set, the
// tuples are bare parameters, not parenthesised rows (for "x IN (...)").
// With no rows it is head and tail alone.
type stmtKey struct {
	head, tail string
	cols, rows int
	list       bool
}

func (k stmtKey) sql() string {
	if k.rows == 0 {
		return k.head + k.tail
	}
	tuple := "?"
	if !k.list {
		tuple = "(?" + strings.Repeat(", ?", k.cols-1) + ")"
	}
	var b strings.Builder
	b.Grow(len(k.head) + k.rows*(len(tuple)+2) + len(k.tail))
	b.WriteString(k.head)
	for i := range k.rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(tuple)
	}
	b.WriteString(k.tail)
	return b.String()
}

// writerStmt returns the statement k bound to tx. The statement is prepared
// once per database (and by database/sql once per connection that runs it)
// and kept until Close: parsing a statement of hundreds of rows costs about
// as much as a tenth of running it, and would otherwise be paid by every
// batch, inside the writer's critical section. The caller holds wmu and
// closes the statement returned.
func (db *DB) writerStmt(ctx context.Context, tx *sql.Tx, k stmtKey) (*sql.Stmt, error) {
	s := db.stmts[k]
	if s == nil {
		var err error
		if s, err = db.db.PrepareContext(ctx, k.sql()); err != nil {
			return nil, err
		}
		if db.stmts == nil {
			db.stmts = make(map[stmtKey]*sql.Stmt)
		}
		db.stmts[k] = s
	}
	return tx.StmtContext(ctx, s), nil
}

// closeStmts closes the statements of writerStmt; the caller holds wmu.
func (db *DB) closeStmts() {
	for k, s := range db.stmts {
		s.Close()
		delete(db.stmts, k)
	}
}

// insertRows inserts n rows into a table with statements of up to
// rowsPerInsert rows each (see chunkRows). head is the statement up to
// VALUES, cols the number of columns, add appends the values of row i to
// args, and tail follows the values ("", or an ON CONFLICT clause). It
// returns the number of rows the statements inserted or changed. The
// caller holds wmu.
func (db *DB) insertRows(ctx context.Context, tx *sql.Tx, head string, cols, n int, add func(i int, args []any) []any, tail string) (int64, error) {
	args := make([]any, 0, cols*min(n, rowsPerInsert))
	var changed int64
	for from := 0; from < n; {
		to := from + chunkRows(n-from, rowsPerInsert)
		args = args[:0]
		for i := from; i < to; i++ {
			args = add(i, args)
		}
		s, err := db.writerStmt(ctx, tx, stmtKey{head: head, tail: tail, cols: cols, rows: to - from})
		if err != nil {
			return changed, err
		}
		res, err := s.ExecContext(ctx, args...)
		s.Close()
		if err != nil {
			return changed, err
		}
		k, err := res.RowsAffected()
		if err != nil {
			return changed, err
		}
		changed += k
		from = to
	}
	return changed, nil
}

// appendTx appends the prepared rows (auditlog.PrepareBatch) to the log in
// tx, which holds the write lock: it takes the log head, gives the rows the
// next sequence numbers, inserts them with their leaf and raw hashes, adds
// them to the daily counts and the completed tree nodes, and stores the new
// head. rawHashes are the rows' auditlog.RawHashes, or nil to compute them
// here.
func (db *DB) appendTx(ctx context.Context, tx *sql.Tx, rows []attest.Event, rawHashes [][]byte) error {
	head, err := readHead(ctx, tx)
	if err != nil {
		return db.fail("append events", err)
	}
	if rawHashes == nil {
		rawHashes = auditlog.RawHashes(rows)
	}
	hashes := auditlog.SequenceHashed(rows, head.Size, rawHashes)
	nodes, err := head.Append(hashes)
	if err != nil {
		return fmt.Errorf("append events: %w", err)
	}
	_, err = db.insertRows(ctx, tx, `INSERT INTO events (seq, time_ns, received_ns, source, external_id, actor,
		action, target, outcome, mfa, source_ip, user_agent, severity, raw, raw_hash, leaf_hash) VALUES `, 16, len(rows),
		func(i int, args []any) []any {
			e := &rows[i]
			raw := e.Raw
			if raw == nil {
				raw = []byte{}
			}
			return append(args, e.Seq, timeNS(e.Time), e.Received.UnixNano(), e.Source, e.ExternalID,
				e.Actor, e.Action, e.Target, e.Outcome, mfaValue(e.MFA), e.SourceIP, e.UserAgent, e.Severity,
				raw, rawHashes[i], hashes[i])
		}, "")
	if err != nil {
		return db.fail("append events", err)
	}
	_, err = db.insertRows(ctx, tx, `INSERT INTO tree_nodes (level, idx, hash) VALUES `, 3, len(nodes),
		func(i int, args []any) []any {
			return append(args, nodes[i].Level, int64(nodes[i].Index), nodes[i].Hash)
		}, "")
	if err != nil {
		return db.fail("append events", err)
	}
	counts := attest.CountByDay(rows)
	_, err = db.insertRows(ctx, tx, `INSERT INTO event_day_counts (day, source, outcome, n) VALUES `, 4, len(counts),
		func(i int, args []any) []any {
			return append(args, attest.DayNumber(counts[i].Day), counts[i].Source, counts[i].Outcome, counts[i].Count)
		}, ` ON CONFLICT (day, source, outcome) DO UPDATE SET n = n + excluded.n`)
	if err != nil {
		return db.fail("append events", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE log_head SET size = ?, root = ?, compact_range = ? WHERE id = 1`,
		int64(head.Size), head.Root, head.MarshalRange()); err != nil {
		return db.fail("append events", err)
	}
	return nil
}

// appendRecord prepares one admin record (token change, retention run) for
// appendTx; it returns EINVALID for a nil or unstorable record.
func (db *DB) appendRecord(ctx context.Context, tx *sql.Tx, record *attest.Event) ([]attest.Event, error) {
	if record == nil {
		return nil, attest.Errorf(attest.EINVALID, "no audit record of the change")
	}
	rows, err := auditlog.PrepareBatch([]*attest.Event{record}, db.Now())
	if err != nil {
		return nil, err
	}
	if err := db.appendTx(ctx, tx, rows, nil); err != nil {
		return nil, err
	}
	return rows, nil
}

// querier is *sql.DB or *sql.Tx.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func readHead(ctx context.Context, q querier) (auditlog.Head, error) {
	var size int64
	var root, rng []byte
	if err := q.QueryRowContext(ctx, `SELECT size, root, compact_range FROM log_head WHERE id = 1`).Scan(&size, &root, &rng); err != nil {
		return auditlog.Head{}, fmt.Errorf("read log head: %w", err)
	}
	return auditlog.UnmarshalHead(uint64(size), root, rng)
}

// eventTime is the time an event is filtered and ordered by: its own, or
// when it has none the time it was received (indexed by migration 00003).
const eventTime = "COALESCE(time_ns, received_ns)"

// eventColumns are the columns scanEvent reads, in order.
const eventColumns = `seq, time_ns, received_ns, source, external_id, actor, action, target, outcome, mfa,
	source_ip, user_agent, severity, raw, raw_hash, leaf_hash, pruned`

type scanner interface{ Scan(dest ...any) error }

func scanEvent(s scanner) (auditlog.Record, error) {
	var (
		e                                     attest.Event
		timeNs, mfa                           sql.NullInt64
		receivedNs                            int64
		extID, actor, action, target, outcome sql.NullString
		sourceIP, userAgent, severity         sql.NullString
		raw, rawHash, leaf                    []byte
		pruned                                bool
	)
	if err := s.Scan(&e.Seq, &timeNs, &receivedNs, &e.Source, &extID, &actor, &action, &target, &outcome, &mfa,
		&sourceIP, &userAgent, &severity, &raw, &rawHash, &leaf, &pruned); err != nil {
		return auditlog.Record{}, err
	}
	if timeNs.Valid {
		e.Time = time.Unix(0, timeNs.Int64).UTC()
	}
	e.Received = time.Unix(0, receivedNs).UTC()
	e.ExternalID, e.Actor, e.Action, e.Target = extID.String, actor.String, action.String, target.String
	e.Outcome, e.SourceIP, e.UserAgent, e.Severity = outcome.String, sourceIP.String, userAgent.String, severity.String
	if mfa.Valid {
		b := mfa.Int64 != 0
		e.MFA = &b
	}
	if len(raw) > 0 {
		e.Raw = raw
	}
	return auditlog.Record{Seq: e.Seq, Event: &e, LeafHash: leaf, RawHash: rawHash, Pruned: pruned}, nil
}

// FindEvents returns the events that match the filter in ascending Seq
// order. It returns EUNAVAILABLE when the database cannot be read.
func (db *DB) FindEvents(ctx context.Context, f attest.EventFilter) ([]*attest.Event, error) {
	if err := db.ready(); err != nil {
		return nil, err
	}
	q, args := findEventsQuery(f)
	rows, err := db.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, db.fail("find events", err)
	}
	defer rows.Close()
	var out []*attest.Event
	var size int64
	for rows.Next() {
		r, err := scanEvent(rows)
		if err != nil {
			return nil, db.fail("find events", err)
		}
		e := r.Event
		out = append(out, e)
		if size += int64(len(e.Raw)); f.MaxBytes > 0 && size >= f.MaxBytes {
			break
		}
	}
	if err := rows.Err(); err != nil {
		return nil, db.fail("find events", err)
	}
	return out, nil
}

// findEventsQuery returns the query of FindEvents for the filter and its
// arguments.
func findEventsQuery(f attest.EventFilter) (string, []any) {
	var where []string
	var args []any
	if f.Newest {
		f.ByTime = false
		if f.BeforeSeq > 0 {
			where, args = append(where, "seq < ?"), append(args, f.BeforeSeq)
		}
	}
	switch {
	case f.ByTime && f.AfterSeq >= 0:
		where = append(where, "("+eventTime+" > ? OR ("+eventTime+" = ? AND seq > ?))")
		args = append(args, clampNS(f.AfterTime), clampNS(f.AfterTime), f.AfterSeq)
	case f.AfterSeq >= 0:
		where, args = append(where, "seq > ?"), append(args, f.AfterSeq)
	}
	if !f.From.IsZero() {
		where, args = append(where, eventTime+" >= ?"), append(args, clampNS(f.From))
	}
	if !f.To.IsZero() {
		where, args = append(where, eventTime+" < ?"), append(args, clampNS(f.To))
	}
	if f.Source != "" {
		where, args = append(where, "source = ?"), append(args, f.Source)
	}
	if len(f.Actors) > 0 {
		where = append(where, "actor IN (?"+strings.Repeat(", ?", len(f.Actors)-1)+")")
		for _, a := range f.Actors {
			args = append(args, a)
		}
	}
	if f.Action != "" {
		where, args = append(where, "action = ?"), append(args, f.Action)
	}
	if f.Outcome != "" {
		where, args = append(where, "outcome = ?"), append(args, f.Outcome)
	}
	q := `SELECT ` + eventColumns + ` FROM events`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	switch {
	case f.Newest:
		q += " ORDER BY seq DESC"
	case f.ByTime:
		q += " ORDER BY " + eventTime + ", seq"
	default:
		q += " ORDER BY seq"
	}
	if f.Limit > 0 {
		q += " LIMIT ?"
		args = append(args, f.Limit)
	}
	return q, args
}

// EventBySeq returns the event with the sequence number, or ENOTFOUND.
func (db *DB) EventBySeq(ctx context.Context, seq int64) (*attest.Event, error) {
	if err := db.ready(); err != nil {
		return nil, err
	}
	r, err := scanEvent(db.db.QueryRowContext(ctx, `SELECT `+eventColumns+` FROM events WHERE seq = ?`, seq))
	if err == sql.ErrNoRows {
		return nil, attest.Errorf(attest.ENOTFOUND, "event %d not found", seq)
	} else if err != nil {
		return nil, db.fail("event by seq", err)
	}
	return r.Event, nil
}

func timeNS(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixNano()
}

// clampNS converts a filter bound to unix nanoseconds, clamping times
// outside the representable range.
func clampNS(t time.Time) int64 {
	switch {
	case t.Before(time.Unix(0, -1<<63)):
		return -1 << 63
	case t.After(time.Unix(0, 1<<63-1)):
		return 1<<63 - 1
	}
	return t.UnixNano()
}

func mfaValue(m *bool) any {
	switch {
	case m == nil:
		return nil
	case *m:
		return 1
	}
	return 0
}
