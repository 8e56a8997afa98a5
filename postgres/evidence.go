package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/attest-dev/attest"
	"github.com/jackc/pgx/v5"
)

var (
	_ attest.EvidenceStore      = (*DB)(nil)
	_ attest.ControlStatusStore = (*DB)(nil)
)

// AddEvidence stores e with its digests and appends record, the audit record
// that commits to e's hash, in one transaction: the evidence exists only if
// its record does. A zero Received is set from the clock. It returns
// EINVALID for evidence that does not hold together (Evidence.Validate)
// or a record that does not commit to its hash (attest.CheckRecord).
func (db *DB) AddEvidence(ctx context.Context, e *attest.Evidence, record *attest.Event) error {
	if err := db.ready(); err != nil {
		return err
	}
	if err := e.Validate(); err != nil {
		return err
	}
	if err := attest.CheckRecord(e, record); err != nil {
		return err
	}
	ev := *e
	if ev.Received.IsZero() {
		ev.Received = db.Now().UTC()
	}
	tx, err := db.pool.Begin(ctx)
	if err != nil {
		return db.fail("add evidence", err)
	}
	defer tx.Rollback(ctx)
	rows, err := db.appendRecord(ctx, tx, record)
	if err != nil {
		return err
	}
	ev.Seq = rows[0].Seq
	if err := tx.QueryRow(ctx, `INSERT INTO evidence (kind, repository, commit_id, branch, pipeline, release_name,
		uploader, received_ns, sha256, seq, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
		ev.Kind, ev.Repository, ev.Commit, ev.Branch, ev.Pipeline, ev.Release, ev.Uploader, ev.Received.UnixNano(),
		ev.SHA256, ev.Seq, ev.Body).Scan(&ev.ID); err != nil {
		return db.fail("add evidence", err)
	}
	if len(ev.Digests) > 0 {
		if _, err := tx.Exec(ctx, `INSERT INTO evidence_digests (digest, evidence_id)
			SELECT DISTINCT d, $2::bigint FROM unnest($1::text[]) AS d`, ev.Digests, ev.ID); err != nil {
			return db.fail("add evidence", err)
		}
	}
	if len(ev.Roots) > 0 {
		if _, err := tx.Exec(ctx, `INSERT INTO evidence_roots (evidence_id, root)
			SELECT DISTINCT $2::bigint, r FROM unnest($1::text[]) AS r`, ev.Roots, ev.ID); err != nil {
			return db.fail("add evidence", err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return db.fail("add evidence", err)
	}
	*e = ev
	record.Seq, record.Received = rows[0].Seq, rows[0].Received
	return nil
}

const evidenceColumns = `id, kind, repository, commit_id, branch, pipeline, release_name, uploader, received_ns,
	sha256, seq, ARRAY(SELECT digest FROM evidence_digests d WHERE d.evidence_id = evidence.id ORDER BY digest),
	ARRAY(SELECT root FROM evidence_roots r WHERE r.evidence_id = evidence.id ORDER BY root COLLATE "C")`

func scanEvidence(s pgx.Row, withBody bool) (*attest.Evidence, error) {
	var e attest.Evidence
	var received int64
	dest := []any{&e.ID, &e.Kind, &e.Repository, &e.Commit, &e.Branch, &e.Pipeline, &e.Release, &e.Uploader,
		&received, &e.SHA256, &e.Seq, &e.Digests, &e.Roots}
	if withBody {
		dest = append(dest, &e.Body)
	}
	if err := s.Scan(dest...); err != nil {
		return nil, err
	}
	e.Received = time.Unix(0, received).UTC()
	if len(e.Digests) == 0 {
		e.Digests = nil
	}
	if len(e.Roots) == 0 {
		e.Roots = nil
	}
	if withBody && e.Body == nil {
		e.Body = []byte{}
	}
	return &e, nil
}

// FindEvidence returns the evidence that matches f, newest first, without
// bodies. It returns EINVALID for a negative limit.
func (db *DB) FindEvidence(ctx context.Context, f attest.EvidenceFilter) ([]*attest.Evidence, error) {
	if err := db.ready(); err != nil {
		return nil, err
	}
	if f.Limit < 0 {
		return nil, attest.Errorf(attest.EINVALID, "limit %d is negative", f.Limit)
	}
	var where []string
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if f.Kind != "" {
		add("kind = $%d", f.Kind)
	}
	if f.Repository != "" {
		add("repository = $%d", f.Repository)
	}
	if f.Branch != "" {
		add("branch = $%d", f.Branch)
	}
	if f.Digest != "" {
		add("id IN (SELECT evidence_id FROM evidence_digests WHERE digest = $%d)", f.Digest)
	}
	if f.Root != "" {
		add("id IN (SELECT evidence_id FROM evidence_roots WHERE root = $%d)", f.Root)
	}
	if !f.From.IsZero() {
		add("received_ns >= $%d", clampNS(f.From))
	}
	if !f.To.IsZero() {
		add("received_ns < $%d", clampNS(f.To))
	}
	if f.BeforeID > 0 {
		add("id < $%d", f.BeforeID)
	}
	q := "SELECT " + evidenceColumns + " FROM evidence"
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
		return nil, db.fail("find evidence", err)
	}
	defer rows.Close()
	var out []*attest.Evidence
	for rows.Next() {
		e, err := scanEvidence(rows, false)
		if err != nil {
			return nil, db.fail("find evidence", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, db.fail("find evidence", err)
	}
	return out, nil
}

// EvidenceByID returns one piece of evidence with its body, or ENOTFOUND.
func (db *DB) EvidenceByID(ctx context.Context, id int64) (*attest.Evidence, error) {
	if err := db.ready(); err != nil {
		return nil, err
	}
	e, err := scanEvidence(db.pool.QueryRow(ctx, "SELECT "+evidenceColumns+", body FROM evidence WHERE id = $1", id), true)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, attest.Errorf(attest.ENOTFOUND, "evidence %d not found", id)
	} else if err != nil {
		return nil, db.fail("evidence by id", err)
	}
	return e, nil
}

// AddControlStatuses stores the snapshot of framework on day unless one is
// stored; see attest.ControlStatusStore. The primary key of
// control_status_days decides between replicas storing the same day.
func (db *DB) AddControlStatuses(ctx context.Context, framework string, day time.Time, statuses []attest.ControlStatus) (bool, error) {
	if err := db.ready(); err != nil {
		return false, err
	}
	if err := attest.ValidateSnapshot(framework, day, statuses); err != nil {
		return false, err
	}
	for _, s := range statuses {
		if strings.ContainsRune(s.Control, 0) || strings.ContainsRune(framework, 0) {
			return false, attest.Errorf(attest.EINVALID, "control %q: NUL byte", s.Control)
		}
	}
	tx, err := db.pool.Begin(ctx)
	if err != nil {
		return false, db.fail("add control statuses", err)
	}
	defer tx.Rollback(ctx)
	dayText := day.Format(time.DateOnly)
	tag, err := tx.Exec(ctx, `INSERT INTO control_status_days (framework, day, computed_ns) VALUES ($1, $2, $3)
		ON CONFLICT DO NOTHING`, framework, dayText, db.Now().UnixNano())
	if err != nil {
		return false, db.fail("add control statuses", err)
	}
	if tag.RowsAffected() == 0 {
		return false, nil
	}
	_, err = tx.CopyFrom(ctx, pgx.Identifier{"control_status"}, []string{"framework", "day", "control", "status", "evidence", "alerts"},
		pgx.CopyFromSlice(len(statuses), func(i int) ([]any, error) {
			s := statuses[i]
			return []any{framework, dayText, s.Control, s.Status, idList(s.Evidence), idList(s.Alerts)}, nil
		}))
	if err != nil {
		return false, db.fail("add control statuses", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return false, db.fail("add control statuses", err)
	}
	return true, nil
}

// ControlStatuses returns the stored statuses of framework for the days in
// [from, to), by day, then control.
func (db *DB) ControlStatuses(ctx context.Context, framework string, from, to time.Time) ([]attest.ControlStatus, error) {
	if err := db.ready(); err != nil {
		return nil, err
	}
	rows, err := db.pool.Query(ctx, `SELECT day, control, status, evidence, alerts FROM control_status
		WHERE framework = $1 AND day >= $2 AND day < $3 ORDER BY day, control COLLATE "C"`,
		framework, from.UTC().Format(time.DateOnly), to.UTC().Format(time.DateOnly))
	if err != nil {
		return nil, db.fail("control statuses", err)
	}
	defer rows.Close()
	var out []attest.ControlStatus
	for rows.Next() {
		var day, ev, al string
		s := attest.ControlStatus{Framework: framework}
		if err := rows.Scan(&day, &s.Control, &s.Status, &ev, &al); err != nil {
			return nil, db.fail("control statuses", err)
		}
		if s.Day, err = time.Parse(time.DateOnly, day); err != nil {
			return nil, db.fail("control statuses", err)
		}
		if err := json.Unmarshal([]byte(ev), &s.Evidence); err != nil {
			return nil, db.fail("control statuses", err)
		}
		if err := json.Unmarshal([]byte(al), &s.Alerts); err != nil {
			return nil, db.fail("control statuses", err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, db.fail("control statuses", err)
	}
	return out, nil
}

// idList is the JSON array of ids, [] when there are none.
func idList(ids []int64) string {
	if len(ids) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(ids)
	return string(b)
}
