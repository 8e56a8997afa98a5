package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/auditlog"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// AppendEvents stores the events in one transaction: it locks the log head
// row (SELECT ... FOR UPDATE), gives the events the next sequence numbers,
// extends the Merkle tree with their leaf hashes, copies the rows in and
// updates the head. Replicas appending at once queue on the head row.
//
// An event whose Source and DedupKey are in event_keys (or repeat an earlier
// event of the batch) is not inserted: it gets the stored record's Seq and
// Duplicate. The primary key of event_keys is what decides: should two
// appends ever insert the same key (the head lock orders them, so this takes
// an append that does not lock it), the second fails on the key, rolls back,
// and is tried again, when it finds the first's row.
//
// On success each event's Seq (and Received, if it was zero) is set; on
// failure the events are unchanged. It returns EINVALID for an event that
// cannot be stored and EUNAVAILABLE when the database cannot be reached.
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
	for i := range rows {
		if err := checkText(&rows[i]); err != nil {
			return attest.Errorf(attest.EINVALID, "event %d: %v", i, err)
		}
	}
	for attempt := 1; ; attempt++ {
		batch, err := db.appendOnce(ctx, rows)
		if err != nil {
			if isKeyConflict(err) && attempt < 3 {
				continue
			}
			return db.fail("append events", err)
		}
		batch.Finish(events)
		return nil
	}
}

// isKeyConflict reports whether err is a second row for a key of event_keys.
func isKeyConflict(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23505" && pe.ConstraintName == "event_keys_pkey"
}

// appendOnce runs the append transaction once: it locks the log head, so
// that the key lookup sees every append committed before, drops the rows
// whose key is already stored or repeated in the batch, appends the rest
// and records their keys.
func (db *DB) appendOnce(ctx context.Context, all []attest.Event) (*auditlog.Dedup, error) {
	tx, err := db.pool.Begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback(ctx)
	if _, err := readHead(ctx, tx, true); err != nil {
		return nil, err
	}
	stored, err := storedKeys(ctx, tx, auditlog.BatchKeys(all))
	if err != nil {
		return nil, err
	}
	batch := auditlog.SplitBatch(all, stored)
	rows := batch.Fresh
	if len(rows) == 0 {
		return batch, nil
	}
	if err := db.appendTx(ctx, tx, rows); err != nil {
		return nil, err
	}
	if len(batch.FreshKeys) > 0 {
		_, err = tx.CopyFrom(ctx, pgx.Identifier{"event_keys"}, []string{"source", "dedup_key", "seq"},
			pgx.CopyFromSlice(len(batch.FreshKeys), func(i int) ([]any, error) {
				k := batch.FreshKeys[i]
				return []any{k.Source, k.DedupKey, rows[k.Index].Seq}, nil
			}))
		if err != nil {
			return nil, err
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, err
	}
	return batch, nil
}

// storedKeys returns the seqs of the keys that event_keys already holds.
func storedKeys(ctx context.Context, tx pgx.Tx, keys []auditlog.Key) (map[auditlog.Key]int64, error) {
	stored := make(map[auditlog.Key]int64)
	if len(keys) == 0 {
		return stored, nil
	}
	sources, ids := make([]string, len(keys)), make([]string, len(keys))
	for i, k := range keys {
		sources[i], ids[i] = k.Source, k.DedupKey
	}
	rows, err := tx.Query(ctx, `SELECT k.source, k.dedup_key, k.seq FROM event_keys k
		JOIN unnest($1::text[], $2::text[]) AS b(source, dedup_key) USING (source, dedup_key)`, sources, ids)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var k auditlog.Key
		var seq int64
		if err := rows.Scan(&k.Source, &k.DedupKey, &seq); err != nil {
			return nil, err
		}
		stored[k] = seq
	}
	return stored, rows.Err()
}

// appendTx appends the prepared rows to the log in tx: it locks the head row,
// gives the rows the next sequence numbers, copies them in with their leaf
// and raw hashes, adds them to the daily counts, copies the completed tree
// nodes, and stores the new head.
func (db *DB) appendTx(ctx context.Context, tx pgx.Tx, rows []attest.Event) error {
	head, err := readHead(ctx, tx, true)
	if err != nil {
		return db.fail("append events", err)
	}
	hashes, rawHashes := auditlog.Sequence(rows, head.Size)
	nodes, err := head.Append(hashes)
	if err != nil {
		return fmt.Errorf("append events: %w", err)
	}
	_, err = tx.CopyFrom(ctx, pgx.Identifier{"events"}, []string{"seq", "time_ns", "received_ns", "source", "external_id",
		"actor", "action", "target", "outcome", "mfa", "source_ip", "user_agent", "severity", "raw", "raw_hash", "leaf_hash"},
		pgx.CopyFromSlice(len(rows), func(i int) ([]any, error) {
			e := &rows[i]
			raw := e.Raw
			if raw == nil {
				raw = []byte{}
			}
			return []any{e.Seq, timeNS(e.Time), e.Received.UnixNano(), e.Source, e.ExternalID, e.Actor, e.Action,
				e.Target, e.Outcome, e.MFA, e.SourceIP, e.UserAgent, e.Severity, raw, rawHashes[i], hashes[i]}, nil
		}))
	if err != nil {
		return db.fail("append events", err)
	}
	counts := attest.CountByDay(rows)
	days := make([]int64, len(counts))
	sources := make([]string, len(counts))
	outcomes := make([]string, len(counts))
	ns := make([]int64, len(counts))
	for i, c := range counts {
		days[i], sources[i], outcomes[i], ns[i] = attest.DayNumber(c.Day), c.Source, c.Outcome, c.Count
	}
	if _, err := tx.Exec(ctx, `INSERT INTO event_day_counts (day, source, outcome, n)
		SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[])
		ON CONFLICT (day, source, outcome) DO UPDATE SET n = event_day_counts.n + excluded.n`,
		days, sources, outcomes, ns); err != nil {
		return db.fail("append events", err)
	}
	if len(nodes) > 0 {
		_, err = tx.CopyFrom(ctx, pgx.Identifier{"tree_nodes"}, []string{"level", "idx", "hash"},
			pgx.CopyFromSlice(len(nodes), func(i int) ([]any, error) {
				return []any{int32(nodes[i].Level), int64(nodes[i].Index), nodes[i].Hash}, nil
			}))
		if err != nil {
			return db.fail("append events", err)
		}
	}
	if _, err := tx.Exec(ctx, `UPDATE log_head SET size = $1, root = $2, compact_range = $3 WHERE id = 1`,
		int64(head.Size), head.Root, head.MarshalRange()); err != nil {
		return db.fail("append events", err)
	}
	return nil
}

// appendRecord prepares one admin record (token change, retention run) and
// appends it in tx; it returns EINVALID for a nil or unstorable record.
func (db *DB) appendRecord(ctx context.Context, tx pgx.Tx, record *attest.Event) ([]attest.Event, error) {
	if record == nil {
		return nil, attest.Errorf(attest.EINVALID, "no audit record of the change")
	}
	rows, err := auditlog.PrepareBatch([]*attest.Event{record}, db.Now())
	if err != nil {
		return nil, err
	}
	if err := checkText(&rows[0]); err != nil {
		return nil, attest.Errorf(attest.EINVALID, "audit record: %v", err)
	}
	if err := db.appendTx(ctx, tx, rows); err != nil {
		return nil, err
	}
	return rows, nil
}

// checkText rejects what PostgreSQL text cannot hold: NUL bytes and invalid
// UTF-8 (Raw is bytea and keeps anything).
func checkText(e *attest.Event) error {
	for _, f := range []struct{ name, v string }{{"source", e.Source}, {"external_id", e.ExternalID}, {"actor", e.Actor},
		{"action", e.Action}, {"target", e.Target}, {"outcome", e.Outcome}, {"source_ip", e.SourceIP},
		{"user_agent", e.UserAgent}, {"severity", e.Severity}, {"dedup_key", e.DedupKey}} {
		if strings.ContainsRune(f.v, 0) || !utf8.ValidString(f.v) {
			return fmt.Errorf("%s holds a NUL byte or invalid UTF-8", f.name)
		}
	}
	return nil
}

// queryRower is the pool or a transaction.
type queryRower interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

func readHead(ctx context.Context, q queryRower, forUpdate bool) (auditlog.Head, error) {
	query := `SELECT size, root, compact_range FROM log_head WHERE id = 1`
	if forUpdate {
		query += ` FOR UPDATE`
	}
	var size int64
	var root, rng []byte
	if err := q.QueryRow(ctx, query).Scan(&size, &root, &rng); err != nil {
		return auditlog.Head{}, fmt.Errorf("read log head: %w", err)
	}
	return auditlog.UnmarshalHead(uint64(size), root, rng)
}

// eventTime is the time an event is filtered and ordered by: its own, or
// when it has none the time it was received (indexed by migration 00003).
const eventTime = "COALESCE(time_ns, received_ns)"

const eventColumns = `seq, time_ns, received_ns, source, external_id, actor, action, target, outcome, mfa,
	source_ip, user_agent, severity, raw, raw_hash, leaf_hash, pruned`

func scanEvent(s pgx.Row) (auditlog.Record, error) {
	var (
		e                                     attest.Event
		timeNs                                *int64
		receivedNs                            int64
		extID, actor, action, target, outcome *string
		sourceIP, userAgent, severity         *string
		mfa                                   *bool
		raw, rawHash, leaf                    []byte
		pruned                                bool
	)
	if err := s.Scan(&e.Seq, &timeNs, &receivedNs, &e.Source, &extID, &actor, &action, &target, &outcome, &mfa,
		&sourceIP, &userAgent, &severity, &raw, &rawHash, &leaf, &pruned); err != nil {
		return auditlog.Record{}, err
	}
	if timeNs != nil {
		e.Time = time.Unix(0, *timeNs).UTC()
	}
	e.Received = time.Unix(0, receivedNs).UTC()
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	e.ExternalID, e.Actor, e.Action, e.Target = str(extID), str(actor), str(action), str(target)
	e.Outcome, e.SourceIP, e.UserAgent, e.Severity = str(outcome), str(sourceIP), str(userAgent), str(severity)
	e.MFA = mfa
	if len(raw) > 0 {
		e.Raw = raw
	}
	return auditlog.Record{Seq: e.Seq, Event: &e, LeafHash: leaf, RawHash: rawHash, Pruned: pruned}, nil
}

// FindEvents returns the events that match the filter in ascending Seq
// order. It returns EUNAVAILABLE when the database cannot be reached.
func (db *DB) FindEvents(ctx context.Context, f attest.EventFilter) ([]*attest.Event, error) {
	if err := db.ready(); err != nil {
		return nil, err
	}
	var where []string
	var args []any
	arg := func(cond string, v any) {
		args = append(args, v)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if f.Newest {
		f.ByTime = false
		if f.BeforeSeq > 0 {
			arg("seq < $%d", f.BeforeSeq)
		}
	}
	switch {
	case f.ByTime && f.AfterSeq >= 0:
		args = append(args, clampNS(f.AfterTime), f.AfterSeq)
		where = append(where, fmt.Sprintf("(%s > $%d OR (%s = $%d AND seq > $%d))",
			eventTime, len(args)-1, eventTime, len(args)-1, len(args)))
	case f.AfterSeq >= 0:
		arg("seq > $%d", f.AfterSeq)
	}
	if !f.From.IsZero() {
		arg(eventTime+" >= $%d", clampNS(f.From))
	}
	if !f.To.IsZero() {
		arg(eventTime+" < $%d", clampNS(f.To))
	}
	if f.Source != "" {
		arg("source = $%d", f.Source)
	}
	if len(f.Actors) > 0 {
		arg("actor = ANY($%d)", f.Actors)
	}
	if f.Action != "" {
		arg("action = $%d", f.Action)
	}
	if f.Outcome != "" {
		arg("outcome = $%d", f.Outcome)
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
		args = append(args, f.Limit)
		q += fmt.Sprintf(" LIMIT $%d", len(args))
	}
	rows, err := db.pool.Query(ctx, q, args...)
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
	r, err := scanEvent(db.pool.QueryRow(ctx, `SELECT `+eventColumns+` FROM events WHERE seq = $1`, seq))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, attest.Errorf(attest.ENOTFOUND, "event %d not found", seq)
	} else if err != nil {
		return nil, db.fail("event by seq", err)
	}
	return r.Event, nil
}

func timeNS(t time.Time) *int64 {
	if t.IsZero() {
		return nil
	}
	n := t.UnixNano()
	return &n
}

func clampNS(t time.Time) int64 {
	switch {
	case t.Before(time.Unix(0, -1<<63)):
		return -1 << 63
	case t.After(time.Unix(0, 1<<63-1)):
		return 1<<63 - 1
	}
	return t.UnixNano()
}
