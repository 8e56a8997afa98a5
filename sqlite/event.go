package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
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
// lookup cannot race another append; the primary key of event_keys stands
// behind it. On success each event's Seq (and Received, if it was zero) is
// set; on failure the events are unchanged. It returns EINVALID for an event
// that cannot be stored and EUNAVAILABLE when the database cannot be written.
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

	db.wmu.Lock()
	defer db.wmu.Unlock()
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return db.fail("append events", err)
	}
	defer tx.Rollback()
	stored, err := storedKeys(ctx, tx, auditlog.BatchKeys(rows))
	if err != nil {
		return db.fail("append events", err)
	}
	batch := auditlog.SplitBatch(rows, stored)
	if fresh := batch.Fresh; len(fresh) > 0 {
		if err := db.appendTx(ctx, tx, fresh); err != nil {
			return err
		}
		if len(batch.FreshKeys) > 0 {
			kins, err := tx.PrepareContext(ctx, `INSERT INTO event_keys (source, dedup_key, seq) VALUES (?, ?, ?)`)
			if err != nil {
				return db.fail("append events", err)
			}
			defer kins.Close()
			for _, k := range batch.FreshKeys {
				if _, err := kins.ExecContext(ctx, k.Source, k.DedupKey, fresh[k.Index].Seq); err != nil {
					return db.fail("append events", err)
				}
			}
		}
		if err := tx.Commit(); err != nil {
			return db.fail("append events", err)
		}
	}
	batch.Finish(events)
	return nil
}

// appendTx appends the prepared rows (auditlog.PrepareBatch) to the log in
// tx, which holds the write lock: it takes the log head, gives the rows the
// next sequence numbers, inserts them with their leaf and raw hashes, adds
// them to the daily counts and the completed tree nodes, and stores the new
// head.
func (db *DB) appendTx(ctx context.Context, tx *sql.Tx, rows []attest.Event) error {
	head, err := readHead(ctx, tx)
	if err != nil {
		return db.fail("append events", err)
	}
	hashes, rawHashes := auditlog.Sequence(rows, head.Size)
	nodes, err := head.Append(hashes)
	if err != nil {
		return fmt.Errorf("append events: %w", err)
	}
	ins, err := tx.PrepareContext(ctx, `INSERT INTO events (seq, time_ns, received_ns, source, external_id, actor,
		action, target, outcome, mfa, source_ip, user_agent, severity, raw, raw_hash, leaf_hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return db.fail("append events", err)
	}
	defer ins.Close()
	for i := range rows {
		e := &rows[i]
		raw := e.Raw
		if raw == nil {
			raw = []byte{}
		}
		if _, err := ins.ExecContext(ctx, e.Seq, timeNS(e.Time), e.Received.UnixNano(), e.Source, e.ExternalID,
			e.Actor, e.Action, e.Target, e.Outcome, mfaValue(e.MFA), e.SourceIP, e.UserAgent, e.Severity,
			raw, rawHashes[i], hashes[i]); err != nil {
			return db.fail("append events", err)
		}
	}
	cins, err := tx.PrepareContext(ctx, `INSERT INTO event_day_counts (day, source, outcome, n) VALUES (?, ?, ?, ?)
		ON CONFLICT (day, source, outcome) DO UPDATE SET n = n + excluded.n`)
	if err != nil {
		return db.fail("append events", err)
	}
	defer cins.Close()
	for _, c := range attest.CountByDay(rows) {
		if _, err := cins.ExecContext(ctx, attest.DayNumber(c.Day), c.Source, c.Outcome, c.Count); err != nil {
			return db.fail("append events", err)
		}
	}
	if len(nodes) > 0 {
		nins, err := tx.PrepareContext(ctx, `INSERT INTO tree_nodes (level, idx, hash) VALUES (?, ?, ?)`)
		if err != nil {
			return db.fail("append events", err)
		}
		defer nins.Close()
		for _, n := range nodes {
			if _, err := nins.ExecContext(ctx, n.Level, int64(n.Index), n.Hash); err != nil {
				return db.fail("append events", err)
			}
		}
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
	if err := db.appendTx(ctx, tx, rows); err != nil {
		return nil, err
	}
	return rows, nil
}

// storedKeys returns the seqs of the keys that event_keys already holds.
func storedKeys(ctx context.Context, tx *sql.Tx, keys []auditlog.Key) (map[auditlog.Key]int64, error) {
	stored := make(map[auditlog.Key]int64)
	if len(keys) == 0 {
		return stored, nil
	}
	st, err := tx.PrepareContext(ctx, `SELECT seq FROM event_keys WHERE source = ? AND dedup_key = ?`)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	for _, k := range keys {
		var seq int64
		switch err := st.QueryRowContext(ctx, k.Source, k.DedupKey).Scan(&seq); {
		case err == nil:
			stored[k] = seq
		case !errors.Is(err, sql.ErrNoRows):
			return nil, err
		}
	}
	return stored, nil
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
