package postgres

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/attest-dev/attest"
	"github.com/jackc/pgx/v5"
)

var _ attest.NotificationStore = (*DB)(nil)

const notificationColumns = `id, alert_id, channel, kind, payload, state, attempts, next_attempt_ns, last_error,
	claimed_by, lease_until_ns, created_ns, updated_ns`

// EnqueueNotifications adds the jobs in one transaction; a job whose alert,
// channel and kind are queued already (by this or another replica) keeps its
// stored row, whose ID it is given.
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
	tx, err := db.pool.Begin(ctx)
	if err != nil {
		return db.fail("enqueue notifications", err)
	}
	defer tx.Rollback(ctx)
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
		if _, err := tx.Exec(ctx, `INSERT INTO notifications (alert_id, channel, kind, payload, next_attempt_ns, created_ns, updated_ns)
			VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (alert_id, channel, kind) DO NOTHING`,
			n.AlertID, n.Channel, n.Kind, n.Payload, next.UnixNano(), created.UnixNano()); err != nil {
			return db.fail("enqueue notifications", err)
		}
		if err := tx.QueryRow(ctx, `SELECT id, state, created_ns FROM notifications WHERE alert_id = $1 AND channel = $2 AND kind = $3`,
			n.AlertID, n.Channel, n.Kind).Scan(&out[i].id, &out[i].state, &out[i].created); err != nil {
			return db.fail("enqueue notifications", err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return db.fail("enqueue notifications", err)
	}
	for i, n := range ns {
		n.ID, n.State, n.Created = out[i].id, out[i].state, time.Unix(0, out[i].created).UTC()
	}
	return nil
}

// ClaimNotifications takes due jobs with SELECT ... FOR UPDATE SKIP LOCKED:
// replicas claiming at once each get other rows, and the lease written in
// the same statement keeps them from being claimed again until it passes.
// A resolve job waits while the raise job of its alert and channel is
// pending (see the sqlite package).
func (db *DB) ClaimNotifications(ctx context.Context, claimer string, now time.Time, lease time.Duration, limit int) ([]*attest.Notification, error) {
	if err := db.ready(); err != nil {
		return nil, err
	}
	if claimer == "" || lease <= 0 || limit <= 0 {
		return nil, attest.Errorf(attest.EINVALID, "claim notifications: claimer, a positive lease and limit are required")
	}
	rows, err := db.pool.Query(ctx, `UPDATE notifications
		SET claimed_by = $1, lease_until_ns = $2, attempts = attempts + 1, updated_ns = $3
		WHERE id IN (
			SELECT id FROM notifications n
			WHERE state = 'pending' AND next_attempt_ns <= $3 AND lease_until_ns <= $3
				AND NOT (n.kind = 'alert.resolved' AND EXISTS (SELECT 1 FROM notifications r
					WHERE r.alert_id = n.alert_id AND r.channel = n.channel AND r.kind = 'alert.raised' AND r.state = 'pending'))
			ORDER BY next_attempt_ns, id LIMIT $4
			FOR UPDATE SKIP LOCKED)
		RETURNING `+notificationColumns, claimer, now.Add(lease).UnixNano(), now.UnixNano(), limit)
	if err != nil {
		return nil, db.fail("claim notifications", err)
	}
	out, err := collectNotifications(rows)
	if err != nil {
		return nil, db.fail("claim notifications", err)
	}
	// RETURNING gives no order; answer in the order the jobs were due.
	slices.SortFunc(out, func(a, b *attest.Notification) int {
		if c := a.NextAttempt.Compare(b.NextAttempt); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out, nil
}

// CompleteNotification records the outcome of a job that claimer holds.
func (db *DB) CompleteNotification(ctx context.Context, id int64, claimer string, now time.Time, r attest.NotificationResult) error {
	if err := db.ready(); err != nil {
		return err
	}
	set, args, err := completeSet(id, now, r)
	if err != nil {
		return err
	}
	args = append(args, id, claimer)
	n := len(args)
	tag, err := db.pool.Exec(ctx, `UPDATE notifications SET `+set+
		fmt.Sprintf(` WHERE id = $%d AND claimed_by = $%d AND state = 'pending' AND lease_until_ns <> 0`, n-1, n), args...)
	if err != nil {
		return db.fail("complete notification", err)
	}
	if tag.RowsAffected() == 1 {
		return nil
	}
	var exists bool
	if err := db.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM notifications WHERE id = $1)`, id).Scan(&exists); err != nil {
		return db.fail("complete notification", err)
	}
	if !exists {
		return attest.Errorf(attest.ENOTFOUND, "notification %d not found", id)
	}
	return attest.Errorf(attest.ECONFLICT, "notification %d is not held by %s", id, claimer)
}

// completeSet is the SET clause of an outcome and its arguments ($1...).
func completeSet(id int64, now time.Time, r attest.NotificationResult) (string, []any, error) {
	switch {
	case r.Released:
		return `claimed_by = '', lease_until_ns = 0, attempts = GREATEST(attempts - 1, 0), updated_ns = $1`, []any{now.UnixNano()}, nil
	case r.State == attest.NotificationDelivered:
		return `state = 'delivered', claimed_by = '', lease_until_ns = 0, last_error = '', updated_ns = $1`, []any{now.UnixNano()}, nil
	case r.State == attest.NotificationDead:
		return `state = 'dead', claimed_by = '', lease_until_ns = 0, last_error = $1, updated_ns = $2`, []any{r.Error, now.UnixNano()}, nil
	case r.State == attest.NotificationPending:
		if r.RetryAt.IsZero() {
			return "", nil, attest.Errorf(attest.EINVALID, "notification %d: a retry needs a time", id)
		}
		return `claimed_by = '', lease_until_ns = 0, last_error = $1, next_attempt_ns = $2, updated_ns = $3`,
			[]any{r.Error, r.RetryAt.UnixNano(), now.UnixNano()}, nil
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
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if f.State != "" {
		add("state = $%d", f.State)
	}
	if f.Channel != "" {
		add("channel = $%d", f.Channel)
	}
	if f.AlertID != 0 {
		add("alert_id = $%d", f.AlertID)
	}
	if f.BeforeID > 0 {
		add("id < $%d", f.BeforeID)
	}
	q := `SELECT ` + notificationColumns + ` FROM notifications`
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
		return nil, db.fail("find notifications", err)
	}
	out, err := collectNotifications(rows)
	if err != nil {
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
	rows, err := db.pool.Query(ctx, `SELECT state, COUNT(*) FROM notifications GROUP BY state`)
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
	tx, err := db.pool.Begin(ctx)
	if err != nil {
		return nil, db.fail("retry notification", err)
	}
	defer tx.Rollback(ctx)
	var state string
	switch err := tx.QueryRow(ctx, `SELECT state FROM notifications WHERE id = $1 FOR UPDATE`, id).Scan(&state); {
	case errors.Is(err, pgx.ErrNoRows):
		return nil, attest.Errorf(attest.ENOTFOUND, "notification %d not found", id)
	case err != nil:
		return nil, db.fail("retry notification", err)
	}
	if state != attest.NotificationDead {
		return nil, attest.Errorf(attest.ECONFLICT, "notification %d is %s, not dead", id, state)
	}
	n, err := scanNotification(tx.QueryRow(ctx, `UPDATE notifications
		SET state = 'pending', attempts = 0, next_attempt_ns = $1, claimed_by = '', lease_until_ns = 0, updated_ns = $1
		WHERE id = $2 RETURNING `+notificationColumns, now.UnixNano(), id))
	if err != nil {
		return nil, db.fail("retry notification", err)
	}
	rows, err := db.appendRecord(ctx, tx, record)
	if err != nil {
		return nil, err
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, db.fail("retry notification", err)
	}
	record.Seq, record.Received = rows[0].Seq, rows[0].Received
	return n, nil
}

func collectNotifications(rows pgx.Rows) ([]*attest.Notification, error) {
	defer rows.Close()
	var out []*attest.Notification
	for rows.Next() {
		n, err := scanNotification(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

func scanNotification(s pgx.Row) (*attest.Notification, error) {
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
