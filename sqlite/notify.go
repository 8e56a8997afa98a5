package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/attest-dev/attest"
)

var _ attest.NotificationStore = (*DB)(nil)

const notificationColumns = `id, alert_id, channel, kind, payload, state, attempts, next_attempt_ns, last_error,
	claimed_by, lease_until_ns, created_ns, updated_ns`

// EnqueueNotifications adds the jobs in one transaction; a job whose alert,
// channel and kind are queued already keeps its stored row, whose ID it is
// given.
func (db *DB) EnqueueNotifications(ctx context.Context, ns []*attest.Notification) error {
	if err := db.ready(); err != nil {
		return err
	}
	for _, n := range ns {
		if err := n.Validate(); err != nil {
			return err
		}
	}
	now := db.Now().UTC()
	db.wmu.Lock()
	defer db.wmu.Unlock()
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return db.fail("enqueue notifications", err)
	}
	defer tx.Rollback()
	type stored struct {
		id      int64
		state   string
		created int64
	}
	out := make([]stored, len(ns))
	for i, n := range ns {
		created := n.Created
		if created.IsZero() {
			created = now
		}
		next := n.NextAttempt
		if next.IsZero() {
			next = created
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO notifications (alert_id, channel, kind, payload, next_attempt_ns, created_ns, updated_ns)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (alert_id, channel, kind) DO NOTHING`,
			n.AlertID, n.Channel, n.Kind, n.Payload, next.UnixNano(), created.UnixNano(), created.UnixNano()); err != nil {
			return db.fail("enqueue notifications", err)
		}
		if err := tx.QueryRowContext(ctx, `SELECT id, state, created_ns FROM notifications WHERE alert_id = ? AND channel = ? AND kind = ?`,
			n.AlertID, n.Channel, n.Kind).Scan(&out[i].id, &out[i].state, &out[i].created); err != nil {
			return db.fail("enqueue notifications", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return db.fail("enqueue notifications", err)
	}
	for i, n := range ns {
		n.ID, n.State, n.Created = out[i].id, out[i].state, time.Unix(0, out[i].created).UTC()
	}
	return nil
}

// resolveAfterRaise keeps a resolve job back while the raise job of its
// alert and channel is still pending: PagerDuty would drop a resolve that
// comes first and then open an incident that nothing resolves.
const resolveAfterRaise = `NOT (n.kind = 'alert.resolved' AND EXISTS (SELECT 1 FROM notifications r
	WHERE r.alert_id = n.alert_id AND r.channel = n.channel AND r.kind = 'alert.raised' AND r.state = 'pending'))`

// ClaimNotifications takes due jobs in one write transaction: SQLite has one
// writer at a time, across processes too (BEGIN IMMEDIATE), so a job is
// claimed once.
func (db *DB) ClaimNotifications(ctx context.Context, claimer string, now time.Time, lease time.Duration, limit int) ([]*attest.Notification, error) {
	if err := db.ready(); err != nil {
		return nil, err
	}
	if claimer == "" || lease <= 0 || limit <= 0 {
		return nil, attest.Errorf(attest.EINVALID, "claim notifications: claimer, a positive lease and limit are required")
	}
	db.wmu.Lock()
	defer db.wmu.Unlock()
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, db.fail("claim notifications", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT id FROM notifications n
		WHERE state = 'pending' AND next_attempt_ns <= ? AND lease_until_ns <= ? AND `+resolveAfterRaise+`
		ORDER BY next_attempt_ns, id LIMIT ?`, now.UnixNano(), now.UnixNano(), limit)
	if err != nil {
		return nil, db.fail("claim notifications", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, db.fail("claim notifications", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Close(); err != nil {
		return nil, db.fail("claim notifications", err)
	}
	if err := rows.Err(); err != nil {
		return nil, db.fail("claim notifications", err)
	}
	out := make([]*attest.Notification, 0, len(ids))
	for _, id := range ids {
		n, err := scanNotification(tx.QueryRowContext(ctx, `UPDATE notifications
			SET claimed_by = ?, lease_until_ns = ?, attempts = attempts + 1, updated_ns = ?
			WHERE id = ? RETURNING `+notificationColumns, claimer, now.Add(lease).UnixNano(), now.UnixNano(), id))
		if err != nil {
			return nil, db.fail("claim notifications", err)
		}
		out = append(out, n)
	}
	if err := tx.Commit(); err != nil {
		return nil, db.fail("claim notifications", err)
	}
	return out, nil
}

// CompleteNotification records the outcome of a job that claimer holds.
func (db *DB) CompleteNotification(ctx context.Context, id int64, claimer string, now time.Time, r attest.NotificationResult) error {
	if err := db.ready(); err != nil {
		return err
	}
	q, args, err := completeQuery(id, claimer, now, r)
	if err != nil {
		return err
	}
	db.wmu.Lock()
	defer db.wmu.Unlock()
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return db.fail("complete notification", err)
	}
	defer tx.Rollback()
	var state, holder string
	var leaseUntil int64
	switch err := tx.QueryRowContext(ctx, `SELECT state, claimed_by, lease_until_ns FROM notifications WHERE id = ?`, id).Scan(&state, &holder, &leaseUntil); {
	case errors.Is(err, sql.ErrNoRows):
		return attest.Errorf(attest.ENOTFOUND, "notification %d not found", id)
	case err != nil:
		return db.fail("complete notification", err)
	}
	if state != attest.NotificationPending || holder != claimer || leaseUntil == 0 {
		return attest.Errorf(attest.ECONFLICT, "notification %d is not held by %s", id, claimer)
	}
	if _, err := tx.ExecContext(ctx, q, args...); err != nil {
		return db.fail("complete notification", err)
	}
	if err := tx.Commit(); err != nil {
		return db.fail("complete notification", err)
	}
	return nil
}

// completeQuery is the UPDATE of an outcome, with ? placeholders.
func completeQuery(id int64, claimer string, now time.Time, r attest.NotificationResult) (string, []any, error) {
	errText := r.Error
	switch {
	case r.Released:
		return `UPDATE notifications SET claimed_by = '', lease_until_ns = 0, attempts = MAX(attempts - 1, 0), updated_ns = ?
			WHERE id = ?`, []any{now.UnixNano(), id}, nil
	case r.State == attest.NotificationDelivered:
		return `UPDATE notifications SET state = 'delivered', claimed_by = '', lease_until_ns = 0, last_error = '', updated_ns = ?
			WHERE id = ?`, []any{now.UnixNano(), id}, nil
	case r.State == attest.NotificationDead:
		return `UPDATE notifications SET state = 'dead', claimed_by = '', lease_until_ns = 0, last_error = ?, updated_ns = ?
			WHERE id = ?`, []any{errText, now.UnixNano(), id}, nil
	case r.State == attest.NotificationPending:
		if r.RetryAt.IsZero() {
			return "", nil, attest.Errorf(attest.EINVALID, "notification %d: a retry needs a time", id)
		}
		return `UPDATE notifications SET claimed_by = '', lease_until_ns = 0, last_error = ?, next_attempt_ns = ?, updated_ns = ?
			WHERE id = ?`, []any{errText, r.RetryAt.UnixNano(), now.UnixNano(), id}, nil
	}
	return "", nil, attest.Errorf(attest.EINVALID, "notification %d: unknown outcome state %q", id, r.State)
}

// FindNotifications returns the jobs that match f, newest first.
func (db *DB) FindNotifications(ctx context.Context, f attest.NotificationFilter) ([]*attest.Notification, error) {
	if err := db.ready(); err != nil {
		return nil, err
	}
	var where []string
	var args []any
	if f.State != "" {
		where, args = append(where, "state = ?"), append(args, f.State)
	}
	if f.Channel != "" {
		where, args = append(where, "channel = ?"), append(args, f.Channel)
	}
	if f.AlertID != 0 {
		where, args = append(where, "alert_id = ?"), append(args, f.AlertID)
	}
	if f.BeforeID > 0 {
		where, args = append(where, "id < ?"), append(args, f.BeforeID)
	}
	q := `SELECT ` + notificationColumns + ` FROM notifications`
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
		return nil, db.fail("find notifications", err)
	}
	defer rows.Close()
	var out []*attest.Notification
	for rows.Next() {
		n, err := scanNotification(rows)
		if err != nil {
			return nil, db.fail("find notifications", err)
		}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		return nil, db.fail("find notifications", err)
	}
	return out, nil
}

// NotificationCounts returns the number of jobs in each state; every state
// is present, zero included.
func (db *DB) NotificationCounts(ctx context.Context) (map[string]int64, error) {
	if err := db.ready(); err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT state, COUNT(*) FROM notifications GROUP BY state`)
	if err != nil {
		return nil, db.fail("count notifications", err)
	}
	defer rows.Close()
	out := map[string]int64{attest.NotificationPending: 0, attest.NotificationDelivered: 0, attest.NotificationDead: 0}
	for rows.Next() {
		var state string
		var n int64
		if err := rows.Scan(&state, &n); err != nil {
			return nil, db.fail("count notifications", err)
		}
		out[state] = n
	}
	if err := rows.Err(); err != nil {
		return nil, db.fail("count notifications", err)
	}
	return out, nil
}

// RetryNotification sends a dead job back to pending and appends the audit
// record of the request in the same transaction.
func (db *DB) RetryNotification(ctx context.Context, id int64, now time.Time, record *attest.Event) (*attest.Notification, error) {
	if err := db.ready(); err != nil {
		return nil, err
	}
	db.wmu.Lock()
	defer db.wmu.Unlock()
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, db.fail("retry notification", err)
	}
	defer tx.Rollback()
	var state string
	switch err := tx.QueryRowContext(ctx, `SELECT state FROM notifications WHERE id = ?`, id).Scan(&state); {
	case errors.Is(err, sql.ErrNoRows):
		return nil, attest.Errorf(attest.ENOTFOUND, "notification %d not found", id)
	case err != nil:
		return nil, db.fail("retry notification", err)
	}
	if state != attest.NotificationDead {
		return nil, attest.Errorf(attest.ECONFLICT, "notification %d is %s, not dead", id, state)
	}
	n, err := scanNotification(tx.QueryRowContext(ctx, `UPDATE notifications
		SET state = 'pending', attempts = 0, next_attempt_ns = ?, claimed_by = '', lease_until_ns = 0, updated_ns = ?
		WHERE id = ? RETURNING `+notificationColumns, now.UnixNano(), now.UnixNano(), id))
	if err != nil {
		return nil, db.fail("retry notification", err)
	}
	rows, err := db.appendRecord(ctx, tx, record)
	if err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, db.fail("retry notification", err)
	}
	record.Seq, record.Received = rows[0].Seq, rows[0].Received
	return n, nil
}

func scanNotification(s scanner) (*attest.Notification, error) {
	var n attest.Notification
	var next, lease, created, updated int64
	if err := s.Scan(&n.ID, &n.AlertID, &n.Channel, &n.Kind, &n.Payload, &n.State, &n.Attempts, &next, &n.LastError,
		&n.ClaimedBy, &lease, &created, &updated); err != nil {
		return nil, err
	}
	n.NextAttempt = time.Unix(0, next).UTC()
	if lease != 0 {
		n.LeaseUntil = time.Unix(0, lease).UTC()
	}
	n.Created, n.Updated = time.Unix(0, created).UTC(), time.Unix(0, updated).UTC()
	return &n, nil
}
