-- +goose Up
-- Leaf version 2 (auditlog.LeafData): a record's leaf commits to its
-- normalised fields and to raw_hash, the SHA-256 of its raw record, which
-- stays when retention deletes the raw record. See the sqlite migration of
-- the same number: records appended before keep their version 1 leaves
-- (raw_hash NULL) and are never pruned again.
ALTER TABLE events ADD COLUMN raw_hash bytea;

-- Guards, replacing the update guard of 00001: the one update allowed is
-- retention deleting the raw record of a version 2 record, every other column
-- unchanged; new records are version 2 and not pruned.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION attest_only_prune() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF OLD.pruned = false AND NEW.pruned = true AND NEW.raw IS NULL AND OLD.raw_hash IS NOT NULL
		AND (NEW.seq, NEW.raw_hash, NEW.leaf_hash, NEW.time_ns, NEW.received_ns, NEW.source, NEW.external_id,
			NEW.actor, NEW.action, NEW.target, NEW.outcome, NEW.mfa, NEW.source_ip, NEW.user_agent, NEW.severity)
		IS NOT DISTINCT FROM (OLD.seq, OLD.raw_hash, OLD.leaf_hash, OLD.time_ns, OLD.received_ns, OLD.source,
			OLD.external_id, OLD.actor, OLD.action, OLD.target, OLD.outcome, OLD.mfa, OLD.source_ip, OLD.user_agent,
			OLD.severity) THEN
		RETURN NEW;
	END IF;
	RAISE EXCEPTION 'audit log records cannot be modified; retention may only delete the raw record';
END;
$$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE FUNCTION attest_insert_v2() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.raw_hash IS NULL OR length(NEW.raw_hash) <> 32 OR NEW.pruned THEN
		RAISE EXCEPTION 'audit log records are appended with the hash of their raw record and unpruned';
	END IF;
	RETURN NEW;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER events_insert_v2 BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION attest_insert_v2();

-- +goose Down
DROP TRIGGER events_insert_v2 ON events;
DROP FUNCTION attest_insert_v2();
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION attest_only_prune() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF OLD.pruned = false AND NEW.pruned = true AND NEW.raw IS NULL AND NEW.seq = OLD.seq
		AND NEW.leaf_hash = OLD.leaf_hash AND NEW.received_ns = OLD.received_ns
		AND NEW.source = OLD.source AND NEW.time_ns IS NOT DISTINCT FROM OLD.time_ns THEN
		RETURN NEW;
	END IF;
	RAISE EXCEPTION 'audit log records cannot be modified';
END;
$$;
-- +goose StatementEnd
ALTER TABLE events DROP COLUMN raw_hash;
