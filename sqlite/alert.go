package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/attest-dev/attest"
)

var _ attest.AlertStore = (*DB)(nil)

// RaiseAlert records a match (see attest.AlertStore) in one IMMEDIATE
// transaction, which is the one writer: a match of a rule and MatchSeq
// recorded before changes nothing (a.ID is set to its alert); else the
// match joins the latest open or acknowledged alert of the rule and group
// whose span is within window of a.LastSeen, adding a.Count (at least 1)
// and the seqs it does not hold yet (past attest.MaxAlertSeqs they are
// counted as dropped), or a new open alert is created. It returns EINVALID
// for an alert that Validate refuses.
func (db *DB) RaiseAlert(ctx context.Context, a *attest.Alert, window time.Duration) (bool, error) {
	if err := db.ready(); err != nil {
		return false, err
	}
	if err := a.Validate(); err != nil {
		return false, err
	}
	controls, err := controlsJSON(a.Controls)
	if err != nil {
		return false, err
	}
	db.wmu.Lock()
	defer db.wmu.Unlock()
	tx, err := db.bookTx(ctx)
	if err != nil {
		return false, db.fail("raise alert", err)
	}
	defer tx.Rollback()
	match := a.MatchSeq()
	var id int64
	switch err := tx.QueryRowContext(ctx, `SELECT alert_id FROM alert_matches WHERE rule = ? AND seq = ?`, a.Rule, match).Scan(&id); {
	case err == nil:
		a.ID, a.Count = id, 0
		return false, nil
	case !errors.Is(err, sql.ErrNoRows):
		return false, db.fail("raise alert", err)
	}
	first := a.FirstSeen
	if first.IsZero() || first.After(a.LastSeen) {
		first = a.LastSeen
	}
	last := a.LastSeen
	count := max(a.Count, 1)
	var kept int64
	created := false
	err = tx.QueryRowContext(ctx, `SELECT id, seqs_kept FROM alerts
		WHERE rule = ? AND group_key = ? AND status <> 'resolved' AND last_seen_ns >= ? AND first_seen_ns <= ?
		ORDER BY last_seen_ns DESC, id DESC LIMIT 1`,
		a.Rule, a.Group, clampNS(first.Add(-window)), clampNS(last.Add(window))).Scan(&id, &kept)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		res, err := tx.ExecContext(ctx, `INSERT INTO alerts (rule, title, severity, controls, group_key, source, actor,
			target, hint, first_seen_ns, last_seen_ns, count, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open')`,
			a.Rule, a.Title, a.Severity, controls, a.Group, a.Source, a.Actor, a.Target, a.Hint,
			first.UnixNano(), last.UnixNano(), count)
		if err != nil {
			return false, db.fail("raise alert", err)
		}
		if id, err = res.LastInsertId(); err != nil {
			return false, db.fail("raise alert", err)
		}
		created = true
	case err != nil:
		return false, db.fail("raise alert", err)
	default:
		if _, err := tx.ExecContext(ctx, `UPDATE alerts SET count = count + ?, first_seen_ns = MIN(first_seen_ns, ?),
			last_seen_ns = MAX(last_seen_ns, ?) WHERE id = ?`, count, first.UnixNano(), last.UnixNano(), id); err != nil {
			return false, db.fail("raise alert", err)
		}
	}
	var dropped int64
	for _, seq := range a.Seqs {
		var one int
		switch err := tx.QueryRowContext(ctx, `SELECT 1 FROM alert_events WHERE alert_id = ? AND seq = ?`, id, seq).Scan(&one); {
		case err == nil:
			continue
		case !errors.Is(err, sql.ErrNoRows):
			return false, db.fail("raise alert", err)
		}
		if kept >= attest.MaxAlertSeqs {
			dropped++
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO alert_events (alert_id, seq) VALUES (?, ?)`, id, seq); err != nil {
			return false, db.fail("raise alert", err)
		}
		kept++
	}
	if _, err := tx.ExecContext(ctx, `UPDATE alerts SET seqs_kept = ?, seqs_dropped = seqs_dropped + ? WHERE id = ?`,
		kept, dropped, id); err != nil {
		return false, db.fail("raise alert", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO alert_matches (rule, seq, alert_id) VALUES (?, ?, ?)`, a.Rule, match, id); err != nil {
		return false, db.fail("raise alert", err)
	}
	if err := tx.Commit(); err != nil {
		return false, db.fail("raise alert", err)
	}
	a.ID = id
	if created {
		a.Status = attest.AlertOpen
	}
	return created, nil
}

// alertColumns are the columns scanAlert reads, in order.
const alertColumns = `id, rule, title, severity, controls, group_key, source, actor, target, hint, first_seen_ns,
	last_seen_ns, count, seqs_dropped, status, status_by, status_at_ns, note`

func scanAlert(s scanner) (*attest.Alert, error) {
	var (
		a           attest.Alert
		controls    string
		first, last int64
		statusAt    sql.NullInt64
	)
	if err := s.Scan(&a.ID, &a.Rule, &a.Title, &a.Severity, &controls, &a.Group, &a.Source, &a.Actor, &a.Target,
		&a.Hint, &first, &last, &a.Count, &a.SeqsDropped, &a.Status, &a.StatusBy, &statusAt, &a.Note); err != nil {
		return nil, err
	}
	if controls != "" {
		if err := json.Unmarshal([]byte(controls), &a.Controls); err != nil {
			return nil, err
		}
	}
	a.FirstSeen, a.LastSeen = time.Unix(0, first).UTC(), time.Unix(0, last).UTC()
	if statusAt.Valid {
		a.StatusAt = time.Unix(0, statusAt.Int64).UTC()
	}
	return &a, nil
}

// FindAlerts returns the alerts that match the filter, newest first. Their
// Seqs are left empty (AlertByID reads them). It returns EUNAVAILABLE when
// the database cannot be read.
func (db *DB) FindAlerts(ctx context.Context, f attest.AlertFilter) ([]*attest.Alert, error) {
	if err := db.ready(); err != nil {
		return nil, err
	}
	var where []string
	var args []any
	add := func(cond string, v any) { where, args = append(where, cond), append(args, v) }
	if f.Status != "" {
		add("status = ?", f.Status)
	}
	if f.Severity != "" {
		add("severity = ?", f.Severity)
	}
	if f.Rule != "" {
		add("rule = ?", f.Rule)
	}
	if f.Source != "" {
		add("source = ?", f.Source)
	}
	if !f.From.IsZero() {
		add("last_seen_ns >= ?", clampNS(f.From))
	}
	if !f.To.IsZero() {
		add("last_seen_ns < ?", clampNS(f.To))
	}
	if f.BeforeID > 0 {
		add("id < ?", f.BeforeID)
	}
	q := `SELECT ` + alertColumns + ` FROM alerts`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY id DESC"
	if f.Limit > 0 {
		q += " LIMIT ?"
		args = append(args, f.Limit)
	}
	rows, err := db.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, db.fail("find alerts", err)
	}
	defer rows.Close()
	var out []*attest.Alert
	for rows.Next() {
		a, err := scanAlert(rows)
		if err != nil {
			return nil, db.fail("find alerts", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, db.fail("find alerts", err)
	}
	return out, nil
}

// AlertByID returns the alert with its seqs in ascending order, or
// ENOTFOUND.
func (db *DB) AlertByID(ctx context.Context, id int64) (*attest.Alert, error) {
	if err := db.ready(); err != nil {
		return nil, err
	}
	return db.alertByID(ctx, db.db, id)
}

func (db *DB) alertByID(ctx context.Context, q querier, id int64) (*attest.Alert, error) {
	a, err := scanAlert(q.QueryRowContext(ctx, `SELECT `+alertColumns+` FROM alerts WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, attest.Errorf(attest.ENOTFOUND, "alert %d not found", id)
	} else if err != nil {
		return nil, db.fail("alert by id", err)
	}
	rows, err := q.QueryContext(ctx, `SELECT seq FROM alert_events WHERE alert_id = ? ORDER BY seq`, id)
	if err != nil {
		return nil, db.fail("alert by id", err)
	}
	defer rows.Close()
	for rows.Next() {
		var seq int64
		if err := rows.Scan(&seq); err != nil {
			return nil, db.fail("alert by id", err)
		}
		a.Seqs = append(a.Seqs, seq)
	}
	if err := rows.Err(); err != nil {
		return nil, db.fail("alert by id", err)
	}
	return a, nil
}

// SetAlertStatus moves the alert to status and appends record, the audit
// record of the change, in the same transaction: the change exists only if
// its record does. It returns ENOTFOUND for an unknown alert, ECONFLICT for
// a move backwards or to the status it has, and EINVALID for an unknown
// status or a missing record.
func (db *DB) SetAlertStatus(ctx context.Context, id int64, status, by, note string, record *attest.Event) (*attest.Alert, error) {
	if err := db.ready(); err != nil {
		return nil, err
	}
	if err := attest.CheckAlertStatus(attest.AlertOpen, status); err != nil {
		return nil, err
	}
	if record == nil {
		return nil, attest.Errorf(attest.EINVALID, "no audit record of the change")
	}
	db.wmu.Lock()
	defer db.wmu.Unlock()
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, db.fail("set alert status", err)
	}
	defer tx.Rollback()
	var from string
	if err := tx.QueryRowContext(ctx, `SELECT status FROM alerts WHERE id = ?`, id).Scan(&from); errors.Is(err, sql.ErrNoRows) {
		return nil, attest.Errorf(attest.ENOTFOUND, "alert %d not found", id)
	} else if err != nil {
		return nil, db.fail("set alert status", err)
	}
	if err := attest.CheckAlertStatus(from, status); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE alerts SET status = ?, status_by = ?, status_at_ns = ?, note = ? WHERE id = ?`,
		status, by, db.Now().UnixNano(), note, id); err != nil {
		return nil, db.fail("set alert status", err)
	}
	rows, err := db.appendRecord(ctx, tx, record)
	if err != nil {
		return nil, err
	}
	a, err := db.alertByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, db.fail("set alert status", err)
	}
	record.Seq, record.Received = rows[0].Seq, rows[0].Received
	return a, nil
}

// controlsJSON is the stored form of Alert.Controls.
func controlsJSON(c map[string][]string) (string, error) {
	if len(c) == 0 {
		return "", nil
	}
	b, err := json.Marshal(c)
	if err != nil {
		return "", attest.Errorf(attest.EINVALID, "alert controls: %v", err)
	}
	return string(b), nil
}
