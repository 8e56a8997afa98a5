-- +goose Up
-- Events of the audit log; see the sqlite package for the meaning of each
-- column. Times are integer unix nanoseconds, exact to the nanosecond
-- (timestamptz keeps only microseconds).
CREATE TABLE events (
	seq         bigint PRIMARY KEY,
	time_ns     bigint,
	received_ns bigint NOT NULL,
	source      text NOT NULL,
	external_id text,
	actor       text,
	action      text,
	target      text,
	outcome     text,
	mfa         boolean,
	source_ip   text,
	user_agent  text,
	severity    text,
	raw         bytea,
	leaf_hash   bytea NOT NULL,
	pruned      boolean NOT NULL DEFAULT false
);
CREATE INDEX events_time ON events (time_ns);
CREATE INDEX events_received ON events (received_ns);
CREATE INDEX events_source ON events (source, seq);
CREATE INDEX events_actor ON events (actor, seq);

-- The tree state: one row, locked FOR UPDATE by every append, which
-- serialises the replicas of attest serve into one log.
CREATE TABLE log_head (
	id            integer PRIMARY KEY CHECK (id = 1),
	size          bigint NOT NULL,
	root          bytea NOT NULL,
	compact_range bytea NOT NULL
);
INSERT INTO log_head (id, size, root, compact_range)
VALUES (1, 0, '\xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', '\x');

CREATE TABLE tree_nodes (
	level integer NOT NULL,
	idx   bigint NOT NULL,
	hash  bytea NOT NULL,
	PRIMARY KEY (level, idx)
);

CREATE TABLE checkpoints (
	id         bigserial PRIMARY KEY,
	size       bigint NOT NULL,
	note       bytea NOT NULL,
	created_ns bigint NOT NULL
);
CREATE INDEX checkpoints_size ON checkpoints (size);

CREATE TABLE tokens (
	id          text PRIMARY KEY,
	name        text NOT NULL,
	scope       text NOT NULL,
	source      text NOT NULL DEFAULT '',
	created_ns  bigint NOT NULL,
	revoked     boolean NOT NULL DEFAULT false,
	secret_hash bytea NOT NULL UNIQUE
);

-- The log's signing key, shared by every replica (see the package comment).
CREATE TABLE signing_key (
	id           integer PRIMARY KEY CHECK (id = 1),
	signer_key   text NOT NULL,
	verifier_key text NOT NULL
);

-- Guards: no statement deletes or rewrites a record or a checkpoint; the only
-- update of an event is retention clearing its payload.
-- +goose StatementBegin
CREATE FUNCTION attest_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'audit log: % on % is not allowed', TG_OP, TG_TABLE_NAME;
END;
$$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE FUNCTION attest_only_prune() RETURNS trigger LANGUAGE plpgsql AS $$
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
CREATE TRIGGER events_no_delete BEFORE DELETE OR TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION attest_refuse();
CREATE TRIGGER events_only_prune BEFORE UPDATE ON events FOR EACH ROW EXECUTE FUNCTION attest_only_prune();
CREATE TRIGGER checkpoints_guard BEFORE UPDATE OR DELETE OR TRUNCATE ON checkpoints FOR EACH STATEMENT EXECUTE FUNCTION attest_refuse();

-- +goose Down
DROP TABLE signing_key;
DROP TABLE tokens;
DROP TABLE checkpoints;
DROP TABLE tree_nodes;
DROP TABLE log_head;
DROP TABLE events;
DROP FUNCTION attest_only_prune();
DROP FUNCTION attest_refuse();
