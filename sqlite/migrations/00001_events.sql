-- +goose Up
-- Events of the audit log. seq is the leaf index in the Merkle tree; times are
-- integer unix nanoseconds (time_ns NULL when the source gave no time);
-- leaf_hash is the RFC 6962 leaf hash of the record as appended. Retention
-- clears the payload columns and sets pruned; leaf_hash stays.
CREATE TABLE events (
	seq         INTEGER PRIMARY KEY,
	time_ns     INTEGER,
	received_ns INTEGER NOT NULL,
	source      TEXT NOT NULL,
	external_id TEXT,
	actor       TEXT,
	action      TEXT,
	target      TEXT,
	outcome     TEXT,
	mfa         INTEGER,
	source_ip   TEXT,
	user_agent  TEXT,
	severity    TEXT,
	raw         BLOB,
	leaf_hash   BLOB NOT NULL,
	pruned      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX events_time ON events (time_ns);
CREATE INDEX events_received ON events (received_ns);
CREATE INDEX events_source ON events (source, seq);
CREATE INDEX events_actor ON events (actor, seq);

-- The tree state: one row.
CREATE TABLE log_head (
	id    INTEGER PRIMARY KEY CHECK (id = 1),
	size  INTEGER NOT NULL,
	root  BLOB NOT NULL,
	compact_range BLOB NOT NULL
);
INSERT INTO log_head (id, size, root, compact_range)
VALUES (1, 0, x'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', x'');

-- Interior nodes at every fourth level (auditlog.KeepNode), for proofs.
CREATE TABLE tree_nodes (
	level INTEGER NOT NULL,
	idx   INTEGER NOT NULL,
	hash  BLOB NOT NULL,
	PRIMARY KEY (level, idx)
) WITHOUT ROWID;

CREATE TABLE checkpoints (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	size       INTEGER NOT NULL,
	note       BLOB NOT NULL,
	created_ns INTEGER NOT NULL
);
CREATE INDEX checkpoints_size ON checkpoints (size);

CREATE TABLE tokens (
	id          TEXT PRIMARY KEY,
	name        TEXT NOT NULL,
	scope       TEXT NOT NULL,
	source      TEXT NOT NULL DEFAULT '',
	created_ns  INTEGER NOT NULL,
	revoked     INTEGER NOT NULL DEFAULT 0,
	secret_hash BLOB NOT NULL UNIQUE
);

-- Guards: no statement deletes or rewrites a record or a checkpoint; the only
-- update of an event is retention clearing its payload. Someone who drops
-- these triggers is caught by auditlog.Verify.
-- +goose StatementBegin
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'audit log records cannot be deleted'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER events_only_prune BEFORE UPDATE ON events
WHEN NOT (OLD.pruned = 0 AND NEW.pruned = 1 AND NEW.raw IS NULL
	AND NEW.seq = OLD.seq AND NEW.leaf_hash = OLD.leaf_hash AND NEW.received_ns = OLD.received_ns
	AND NEW.source = OLD.source AND NEW.time_ns IS OLD.time_ns)
BEGIN SELECT RAISE(ABORT, 'audit log records cannot be modified'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER checkpoints_no_delete BEFORE DELETE ON checkpoints
BEGIN SELECT RAISE(ABORT, 'checkpoints cannot be deleted'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER checkpoints_no_update BEFORE UPDATE ON checkpoints
BEGIN SELECT RAISE(ABORT, 'checkpoints cannot be modified'); END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE tokens;
DROP TABLE checkpoints;
DROP TABLE tree_nodes;
DROP TABLE log_head;
DROP TABLE events;
