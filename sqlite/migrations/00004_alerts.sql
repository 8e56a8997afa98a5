-- +goose Up
-- Alerts raised by the detections (attest.Alert): one row per rule and group
-- key within the rule's grouping window. Times are unix nanoseconds;
-- controls is the JSON of Alert.Controls. seqs_kept counts the rows of
-- alert_events; the seqs of events past attest.MaxAlertSeqs are counted in
-- seqs_dropped instead. A status change is also a record of the audit log,
-- appended in the same transaction.
CREATE TABLE alerts (
	id            INTEGER PRIMARY KEY AUTOINCREMENT,
	rule          TEXT NOT NULL,
	title         TEXT NOT NULL,
	severity      TEXT NOT NULL,
	controls      TEXT NOT NULL DEFAULT '',
	group_key     TEXT NOT NULL,
	source        TEXT NOT NULL DEFAULT '',
	actor         TEXT NOT NULL DEFAULT '',
	target        TEXT NOT NULL DEFAULT '',
	hint          TEXT NOT NULL DEFAULT '',
	first_seen_ns INTEGER NOT NULL,
	last_seen_ns  INTEGER NOT NULL,
	count         INTEGER NOT NULL,
	seqs_kept     INTEGER NOT NULL DEFAULT 0,
	seqs_dropped  INTEGER NOT NULL DEFAULT 0,
	status        TEXT NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
	status_by     TEXT NOT NULL DEFAULT '',
	status_at_ns  INTEGER,
	note          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX alerts_group ON alerts (rule, group_key, last_seen_ns);
CREATE INDEX alerts_last_seen ON alerts (last_seen_ns);

-- The events of an alert, by seq (at most attest.MaxAlertSeqs per alert).
CREATE TABLE alert_events (
	alert_id INTEGER NOT NULL REFERENCES alerts (id),
	seq      INTEGER NOT NULL,
	PRIMARY KEY (alert_id, seq)
) WITHOUT ROWID;

-- Every match recorded, by rule and the seq of the event that raised it:
-- raising the same match again (a second replica, a replay) changes nothing.
CREATE TABLE alert_matches (
	rule     TEXT NOT NULL,
	seq      INTEGER NOT NULL,
	alert_id INTEGER NOT NULL REFERENCES alerts (id),
	PRIMARY KEY (rule, seq)
) WITHOUT ROWID;

-- Correlation windows (detect.Window) shared by every process on the
-- database: the observations of each series (series is the hex SHA-256 of
-- the engine's key of rule and group), by the seq of their event. expires_ns is the observation's time plus its span; older rows are swept.
CREATE TABLE detect_window (
	series     TEXT NOT NULL,
	seq        INTEGER NOT NULL,
	time_ns    INTEGER NOT NULL,
	value      BLOB NOT NULL,
	expires_ns INTEGER NOT NULL,
	PRIMARY KEY (series, seq)
) WITHOUT ROWID;
CREATE INDEX detect_window_expires ON detect_window (expires_ns);

-- How far detection has evaluated the log (attest.EvalCursor): every seq
-- below next_seq is evaluated or in a claim. A database with history starts
-- at its end; `attest detect replay` evaluates the history.
CREATE TABLE detect_cursor (
	id       INTEGER PRIMARY KEY CHECK (id = 1),
	next_seq INTEGER NOT NULL
);
INSERT INTO detect_cursor (id, next_seq) SELECT 1, size FROM log_head WHERE id = 1;

-- Ranges taken by an evaluator and not finished yet.
CREATE TABLE detect_claims (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	from_seq   INTEGER NOT NULL,
	to_seq     INTEGER NOT NULL,
	owner      TEXT NOT NULL,
	expires_ns INTEGER NOT NULL
);

-- +goose Down
DROP TABLE detect_claims;
DROP TABLE detect_cursor;
DROP TABLE detect_window;
DROP TABLE alert_matches;
DROP TABLE alert_events;
DROP TABLE alerts;
