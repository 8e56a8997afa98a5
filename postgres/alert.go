package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/attest-dev/attest"
	"github.com/jackc/pgx/v5"
)

var _ attest.AlertStore = (*DB)(nil)

// lockKey is the key of the transaction-scoped advisory lock that
// serialises the writers of one series (an alert's rule and group, a
// correlation window): FNV-1a of the parts. Two series that share a key only
// wait for each other.
func lockKey(parts ...string) int64 {
	h := fnv.New64a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return int64(h.Sum64())
}

// RaiseAlert records a match (see attest.AlertStore). It takes an advisory
// lock of the rule and group first, so replicas raising the same pair at
// once queue and the second joins the first's alert. A match of a rule and
// MatchSeq recorded before changes nothing (a.ID is set to its alert, a.Count
// to 0); else
// the match joins the latest open or acknowledged alert of the rule and
// group whose span is within window of a.LastSeen, adding a.Count (at least
// 1) and the seqs it does not hold yet (past attest.MaxAlertSeqs they are
// counted as dropped), or a new open alert is created. It returns EINVALID
// for an alert that Validate refuses or whose text PostgreSQL cannot hold.
func (db *DB) RaiseAlert(ctx context.Context, a *attest.Alert, window time.Duration) (bool, error) {
	if err := db.ready(); err != nil {
		return false, err
	}
	if err := a.Validate(); err != nil {
		return false, err
	}
	for _, f := range []struct{ name, v string }{{"rule", a.Rule}, {"title", a.Title}, {"severity", a.Severity},
		{"group", a.Group}, {"source", a.Source}, {"actor", a.Actor}, {"target", a.Target}, {"hint", a.Hint}} {
		if strings.ContainsRune(f.v, 0) || !utf8.ValidString(f.v) {
			return false, attest.Errorf(attest.EINVALID, "alert %s holds a NUL byte or invalid UTF-8", f.name)
		}
	}
	controls, err := controlsJSON(a.Controls)
	if err != nil {
		return false, err
	}
	tx, err := db.pool.Begin(ctx)
	if err != nil {
		return false, db.fail("raise alert", err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, lockKey("alert", a.Rule, a.Group)); err != nil {
		return false, db.fail("raise alert", err)
	}
	match := a.MatchSeq()
	var id int64
	switch err := tx.QueryRow(ctx, `SELECT alert_id FROM alert_matches WHERE rule = $1 AND seq = $2`, a.Rule, match).Scan(&id); {
	case err == nil:
		a.ID, a.Count = id, 0
		return false, nil
	case !errors.Is(err, pgx.ErrNoRows):
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
	err = tx.QueryRow(ctx, `SELECT id, seqs_kept FROM alerts
		WHERE rule = $1 AND group_key = $2 AND status <> 'resolved' AND last_seen_ns >= $3 AND first_seen_ns <= $4
		ORDER BY last_seen_ns DESC, id DESC LIMIT 1`,
		a.Rule, a.Group, clampNS(first.Add(-window)), clampNS(last.Add(window))).Scan(&id, &kept)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		err := tx.QueryRow(ctx, `INSERT INTO alerts (rule, title, severity, controls, group_key, source, actor,
			target, hint, first_seen_ns, last_seen_ns, count, status)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'open') RETURNING id`,
			a.Rule, a.Title, a.Severity, controls, a.Group, a.Source, a.Actor, a.Target, a.Hint,
			first.UnixNano(), last.UnixNano(), count).Scan(&id)
		if err != nil {
			return false, db.fail("raise alert", err)
		}
		created = true
	case err != nil:
		return false, db.fail("raise alert", err)
	default:
		if _, err := tx.Exec(ctx, `UPDATE alerts SET count = count + $1, first_seen_ns = LEAST(first_seen_ns, $2),
			last_seen_ns = GREATEST(last_seen_ns, $3) WHERE id = $4`, count, first.UnixNano(), last.UnixNano(), id); err != nil {
			return false, db.fail("raise alert", err)
		}
	}
	held := map[int64]bool{}
	rows, err := tx.Query(ctx, `SELECT seq FROM alert_events WHERE alert_id = $1 AND seq = ANY($2)`, id, a.Seqs)
	if err != nil {
		return false, db.fail("raise alert", err)
	}
	for rows.Next() {
		var s int64
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return false, db.fail("raise alert", err)
		}
		held[s] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return false, db.fail("raise alert", err)
	}
	var fresh []int64
	var dropped int64
	for _, s := range a.Seqs {
		switch {
		case held[s]:
		case kept < attest.MaxAlertSeqs:
			held[s] = true
			fresh = append(fresh, s)
			kept++
		default:
			held[s] = true
			dropped++
		}
	}
	if len(fresh) > 0 {
		if _, err := tx.Exec(ctx, `INSERT INTO alert_events (alert_id, seq) SELECT $1, unnest($2::bigint[])`, id, fresh); err != nil {
			return false, db.fail("raise alert", err)
		}
	}
	if _, err := tx.Exec(ctx, `UPDATE alerts SET seqs_kept = $1, seqs_dropped = seqs_dropped + $2 WHERE id = $3`,
		kept, dropped, id); err != nil {
		return false, db.fail("raise alert", err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO alert_matches (rule, seq, alert_id) VALUES ($1, $2, $3)`, a.Rule, match, id); err != nil {
		return false, db.fail("raise alert", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return false, db.fail("raise alert", err)
	}
	a.ID = id
	if created {
		a.Status = attest.AlertOpen
	}
	return created, nil
}

const alertColumns = `id, rule, title, severity, controls, group_key, source, actor, target, hint, first_seen_ns,
	last_seen_ns, count, seqs_dropped, status, status_by, status_at_ns, note`

func scanAlert(s pgx.Row) (*attest.Alert, error) {
	var (
		a           attest.Alert
		controls    string
		first, last int64
		statusAt    *int64
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
	if statusAt != nil {
		a.StatusAt = time.Unix(0, *statusAt).UTC()
	}
	return &a, nil
}

// FindAlerts returns the alerts that match the filter, newest first. Their
// Seqs are left empty (AlertByID reads them). It returns EUNAVAILABLE when
// the database cannot be reached.
func (db *DB) FindAlerts(ctx context.Context, f attest.AlertFilter) ([]*attest.Alert, error) {
	if err := db.ready(); err != nil {
		return nil, err
	}
	var where []string
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if f.Status != "" {
		add("status = $%d", f.Status)
	}
	if f.Severity != "" {
		add("severity = $%d", f.Severity)
	}
	if f.Rule != "" {
		add("rule = $%d", f.Rule)
	}
	if f.Source != "" {
		add("source = $%d", f.Source)
	}
	if !f.From.IsZero() {
		add("last_seen_ns >= $%d", clampNS(f.From))
	}
	if !f.To.IsZero() {
		add("last_seen_ns < $%d", clampNS(f.To))
	}
	if f.BeforeID > 0 {
		add("id < $%d", f.BeforeID)
	}
	q := `SELECT ` + alertColumns + ` FROM alerts`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY id DESC"
	if f.Limit > 0 {
		args = append(args, f.Limit)
		q += fmt.Sprintf(" LIMIT $%d", len(args))
	}
	rows, err := db.pool.Query(ctx, q, args...)
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
	return db.alertByID(ctx, db.pool, id)
}

func (db *DB) alertByID(ctx context.Context, q queryRower, id int64) (*attest.Alert, error) {
	a, err := scanAlert(q.QueryRow(ctx, `SELECT `+alertColumns+` FROM alerts WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, attest.Errorf(attest.ENOTFOUND, "alert %d not found", id)
	} else if err != nil {
		return nil, db.fail("alert by id", err)
	}
	rows, err := q.Query(ctx, `SELECT seq FROM alert_events WHERE alert_id = $1 ORDER BY seq`, id)
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
// record of the change, in the same transaction (the alert's row is locked
// FOR UPDATE, so two responders acting at once are ordered and the second
// is refused as a conflict). It returns ENOTFOUND for an unknown alert,
// ECONFLICT for a move backwards or to the status it has, and EINVALID for
// an unknown status or a missing record.
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
	for _, f := range []struct{ name, v string }{{"by", by}, {"note", note}} {
		if strings.ContainsRune(f.v, 0) || !utf8.ValidString(f.v) {
			return nil, attest.Errorf(attest.EINVALID, "alert status %s holds a NUL byte or invalid UTF-8", f.name)
		}
	}
	tx, err := db.pool.Begin(ctx)
	if err != nil {
		return nil, db.fail("set alert status", err)
	}
	defer tx.Rollback(ctx)
	var from string
	if err := tx.QueryRow(ctx, `SELECT status FROM alerts WHERE id = $1 FOR UPDATE`, id).Scan(&from); errors.Is(err, pgx.ErrNoRows) {
		return nil, attest.Errorf(attest.ENOTFOUND, "alert %d not found", id)
	} else if err != nil {
		return nil, db.fail("set alert status", err)
	}
	if err := attest.CheckAlertStatus(from, status); err != nil {
		return nil, err
	}
	if _, err := tx.Exec(ctx, `UPDATE alerts SET status = $1, status_by = $2, status_at_ns = $3, note = $4 WHERE id = $5`,
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
	if err := tx.Commit(ctx); err != nil {
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
