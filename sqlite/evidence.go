package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/attest-dev/attest"
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
	db.wmu.Lock()
	defer db.wmu.Unlock()
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return db.fail("add evidence", err)
	}
	defer tx.Rollback()
	rows, err := db.appendRecord(ctx, tx, record)
	if err != nil {
		return err
	}
	ev.Seq = rows[0].Seq
	res, err := tx.ExecContext(ctx, `INSERT INTO evidence (kind, repository, commit_id, branch, pipeline, release_name,
		uploader, received_ns, sha256, seq, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		ev.Kind, ev.Repository, ev.Commit, ev.Branch, ev.Pipeline, ev.Release, ev.Uploader, ev.Received.UnixNano(),
		ev.SHA256, ev.Seq, ev.Body)
	if err != nil {
		return db.fail("add evidence", err)
	}
	if ev.ID, err = res.LastInsertId(); err != nil {
		return db.fail("add evidence", err)
	}
	for _, d := range ev.Digests {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO evidence_digests (digest, evidence_id) VALUES (?, ?)`, d, ev.ID); err != nil {
			return db.fail("add evidence", err)
		}
	}
	for _, r := range ev.Roots {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO evidence_roots (evidence_id, root) VALUES (?, ?)`, ev.ID, r); err != nil {
			return db.fail("add evidence", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return db.fail("add evidence", err)
	}
	*e = ev
	record.Seq, record.Received = rows[0].Seq, rows[0].Received
	return nil
}

// evidenceColumns are the columns scanEvidence reads, in order; the body
// comes last and only where asked for.
const evidenceColumns = `id, kind, repository, commit_id, branch, pipeline, release_name, uploader, received_ns,
	sha256, seq, (SELECT group_concat(digest, ' ') FROM (SELECT digest FROM evidence_digests d WHERE d.evidence_id = evidence.id ORDER BY digest)),
	(SELECT json_group_array(root) FROM (SELECT root FROM evidence_roots r WHERE r.evidence_id = evidence.id ORDER BY root))`

func scanEvidence(s scanner, withBody bool) (*attest.Evidence, error) {
	var e attest.Evidence
	var received int64
	var digests sql.NullString
	var roots string
	dest := []any{&e.ID, &e.Kind, &e.Repository, &e.Commit, &e.Branch, &e.Pipeline, &e.Release, &e.Uploader,
		&received, &e.SHA256, &e.Seq, &digests, &roots}
	if withBody {
		dest = append(dest, &e.Body)
	}
	if err := s.Scan(dest...); err != nil {
		return nil, err
	}
	e.Received = time.Unix(0, received).UTC()
	if digests.String != "" {
		e.Digests = strings.Fields(digests.String)
	}
	if roots != "" && roots != "[]" {
		if err := json.Unmarshal([]byte(roots), &e.Roots); err != nil {
			return nil, fmt.Errorf("roots of evidence %d: %w", e.ID, err)
		}
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
	add := func(cond string, arg any) { where, args = append(where, cond), append(args, arg) }
	if f.Kind != "" {
		add("kind = ?", f.Kind)
	}
	if f.Repository != "" {
		add("repository = ?", f.Repository)
	}
	if f.Branch != "" {
		add("branch = ?", f.Branch)
	}
	if f.Digest != "" {
		add("id IN (SELECT evidence_id FROM evidence_digests WHERE digest = ?)", f.Digest)
	}
	if f.Root != "" {
		add("id IN (SELECT evidence_id FROM evidence_roots WHERE root = ?)", f.Root)
	}
	if !f.From.IsZero() {
		add("received_ns >= ?", clampNS(f.From))
	}
	if !f.To.IsZero() {
		add("received_ns < ?", clampNS(f.To))
	}
	if f.BeforeID > 0 {
		add("id < ?", f.BeforeID)
	}
	q := "SELECT " + evidenceColumns + " FROM evidence"
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
	e, err := scanEvidence(db.db.QueryRowContext(ctx, "SELECT "+evidenceColumns+", body FROM evidence WHERE id = ?", id), true)
	if err == sql.ErrNoRows {
		return nil, attest.Errorf(attest.ENOTFOUND, "evidence %d not found", id)
	} else if err != nil {
		return nil, db.fail("evidence by id", err)
	}
	return e, nil
}

// AddControlStatuses stores the snapshot of framework on day unless one is
// stored; see attest.ControlStatusStore.
func (db *DB) AddControlStatuses(ctx context.Context, framework string, day time.Time, statuses []attest.ControlStatus) (bool, error) {
	if err := db.ready(); err != nil {
		return false, err
	}
	if err := attest.ValidateSnapshot(framework, day, statuses); err != nil {
		return false, err
	}
	db.wmu.Lock()
	defer db.wmu.Unlock()
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return false, db.fail("add control statuses", err)
	}
	defer tx.Rollback()
	dayText := day.Format(time.DateOnly)
	res, err := tx.ExecContext(ctx, `INSERT INTO control_status_days (framework, day, computed_ns) VALUES (?, ?, ?)
		ON CONFLICT DO NOTHING`, framework, dayText, db.Now().UnixNano())
	if err != nil {
		return false, db.fail("add control statuses", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return false, db.fail("add control statuses", err)
	} else if n == 0 {
		return false, nil
	}
	ins, err := tx.PrepareContext(ctx, `INSERT INTO control_status (framework, day, control, status, evidence, alerts)
		VALUES (?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return false, db.fail("add control statuses", err)
	}
	defer ins.Close()
	for _, s := range statuses {
		ev, al := idList(s.Evidence), idList(s.Alerts)
		if _, err := ins.ExecContext(ctx, framework, dayText, s.Control, s.Status, ev, al); err != nil {
			return false, db.fail("add control statuses", err)
		}
	}
	if err := tx.Commit(); err != nil {
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
	rows, err := db.db.QueryContext(ctx, `SELECT day, control, status, evidence, alerts FROM control_status
		WHERE framework = ? AND day >= ? AND day < ? ORDER BY day, control`,
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
