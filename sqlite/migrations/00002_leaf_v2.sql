-- +goose Up
-- Leaf version 2 (auditlog.LeafData): a record's leaf commits to its
-- normalised fields and to raw_hash, the SHA-256 of its raw record, which
-- stays when retention deletes the raw record. Every pruned record is then
-- still checked, field by field.
--
-- Records appended before this migration keep their version 1 leaves
-- (raw_hash NULL: the leaf holds the raw bytes themselves), so the tree and
-- every checkpoint signed before still verify. They are never pruned again;
-- those pruned already are counted by `attest audit verify` as legacy.
ALTER TABLE events ADD COLUMN raw_hash BLOB;

-- Guards, replacing those of 00001: no statement deletes or rewrites a record
-- or a checkpoint. The one update allowed is retention deleting the raw
-- record of a version 2 record, every other column unchanged. New records are
-- version 2 and not pruned. Someone who drops these triggers is caught by
-- auditlog.Verify.
DROP TRIGGER events_only_prune;
-- +goose StatementBegin
CREATE TRIGGER events_only_prune BEFORE UPDATE ON events
WHEN NOT (OLD.pruned = 0 AND NEW.pruned = 1 AND NEW.raw IS NULL AND OLD.raw_hash IS NOT NULL
	AND NEW.seq IS OLD.seq AND NEW.raw_hash IS OLD.raw_hash AND NEW.leaf_hash IS OLD.leaf_hash
	AND NEW.time_ns IS OLD.time_ns AND NEW.received_ns IS OLD.received_ns AND NEW.source IS OLD.source
	AND NEW.external_id IS OLD.external_id AND NEW.actor IS OLD.actor AND NEW.action IS OLD.action
	AND NEW.target IS OLD.target AND NEW.outcome IS OLD.outcome AND NEW.mfa IS OLD.mfa
	AND NEW.source_ip IS OLD.source_ip AND NEW.user_agent IS OLD.user_agent AND NEW.severity IS OLD.severity)
BEGIN SELECT RAISE(ABORT, 'audit log records cannot be modified; retention may only delete the raw record'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER events_insert_v2 BEFORE INSERT ON events
WHEN NEW.raw_hash IS NULL OR length(NEW.raw_hash) <> 32 OR NEW.pruned <> 0
BEGIN SELECT RAISE(ABORT, 'audit log records are appended with the hash of their raw record and unpruned'); END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER events_insert_v2;
DROP TRIGGER events_only_prune;
-- +goose StatementBegin
CREATE TRIGGER events_only_prune BEFORE UPDATE ON events
WHEN NOT (OLD.pruned = 0 AND NEW.pruned = 1 AND NEW.raw IS NULL
	AND NEW.seq = OLD.seq AND NEW.leaf_hash = OLD.leaf_hash AND NEW.received_ns = OLD.received_ns
	AND NEW.source = OLD.source AND NEW.time_ns IS OLD.time_ns)
BEGIN SELECT RAISE(ABORT, 'audit log records cannot be modified'); END;
-- +goose StatementEnd
ALTER TABLE events DROP COLUMN raw_hash;
