-- +goose Up
-- Evidence: uploaded scan and vulnerability reports, kept whole (body) for
-- auditors. sha256 is the hex SHA-256 of body; seq is the audit-log record
-- (source attest, action evidence.upload) that commits to it, appended in
-- the same transaction. Times are unix nanoseconds.
CREATE TABLE evidence (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	kind         TEXT NOT NULL,
	repository   TEXT NOT NULL DEFAULT '',
	commit_id    TEXT NOT NULL DEFAULT '',
	branch       TEXT NOT NULL DEFAULT '',
	pipeline     TEXT NOT NULL DEFAULT '',
	release_name TEXT NOT NULL DEFAULT '',
	uploader     TEXT NOT NULL DEFAULT '',
	received_ns  INTEGER NOT NULL,
	sha256       TEXT NOT NULL,
	seq          INTEGER NOT NULL UNIQUE,
	body         BLOB NOT NULL
);
CREATE INDEX evidence_kind ON evidence (kind, id);
CREATE INDEX evidence_repository ON evidence (repository, kind, id);
CREATE INDEX evidence_received ON evidence (received_ns);

-- The image digests a vulnerability report covers, for the admission
-- webhook's image gate.
CREATE TABLE evidence_digests (
	digest      TEXT NOT NULL,
	evidence_id INTEGER NOT NULL REFERENCES evidence (id),
	PRIMARY KEY (digest, evidence_id)
) WITHOUT ROWID;

-- Daily control-status snapshots. control_status_days marks a snapshot as
-- stored (one row per framework and day, inserted first, so a second
-- snapshot of the same day conflicts and is not stored); control_status
-- holds its verdicts. day is YYYY-MM-DD (UTC); evidence and alerts are JSON
-- arrays of ids.
CREATE TABLE control_status_days (
	framework   TEXT NOT NULL,
	day         TEXT NOT NULL,
	computed_ns INTEGER NOT NULL,
	PRIMARY KEY (framework, day)
) WITHOUT ROWID;
CREATE TABLE control_status (
	framework TEXT NOT NULL,
	day       TEXT NOT NULL,
	control   TEXT NOT NULL,
	status    TEXT NOT NULL,
	evidence  TEXT NOT NULL DEFAULT '[]',
	alerts    TEXT NOT NULL DEFAULT '[]',
	PRIMARY KEY (framework, day, control)
) WITHOUT ROWID;

-- Guards: evidence and snapshots are never edited or deleted. Someone who
-- drops these triggers and edits a body is caught by `attest audit verify`,
-- which checks each body against the hash its audit record commits to.
-- +goose StatementBegin
CREATE TRIGGER evidence_no_update BEFORE UPDATE ON evidence
BEGIN SELECT RAISE(ABORT, 'evidence cannot be modified'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER evidence_no_delete BEFORE DELETE ON evidence
BEGIN SELECT RAISE(ABORT, 'evidence cannot be deleted'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER evidence_digests_no_update BEFORE UPDATE ON evidence_digests
BEGIN SELECT RAISE(ABORT, 'evidence cannot be modified'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER evidence_digests_no_delete BEFORE DELETE ON evidence_digests
BEGIN SELECT RAISE(ABORT, 'evidence cannot be deleted'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER control_status_no_update BEFORE UPDATE ON control_status
BEGIN SELECT RAISE(ABORT, 'a stored control-status snapshot cannot be modified'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER control_status_no_delete BEFORE DELETE ON control_status
BEGIN SELECT RAISE(ABORT, 'a stored control-status snapshot cannot be deleted'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER control_status_days_no_update BEFORE UPDATE ON control_status_days
BEGIN SELECT RAISE(ABORT, 'a stored control-status snapshot cannot be modified'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER control_status_days_no_delete BEFORE DELETE ON control_status_days
BEGIN SELECT RAISE(ABORT, 'a stored control-status snapshot cannot be deleted'); END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE control_status;
DROP TABLE control_status_days;
DROP TABLE evidence_digests;
DROP TABLE evidence;
