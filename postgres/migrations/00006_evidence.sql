-- +goose Up
-- Evidence and daily control-status snapshots; see the sqlite package's
-- migration of the same number for the meaning of each column.
CREATE TABLE evidence (
	id           bigserial PRIMARY KEY,
	kind         text NOT NULL,
	repository   text NOT NULL DEFAULT '',
	commit_id    text NOT NULL DEFAULT '',
	branch       text NOT NULL DEFAULT '',
	pipeline     text NOT NULL DEFAULT '',
	release_name text NOT NULL DEFAULT '',
	uploader     text NOT NULL DEFAULT '',
	received_ns  bigint NOT NULL,
	sha256       text NOT NULL,
	seq          bigint NOT NULL UNIQUE,
	body         bytea NOT NULL
);
CREATE INDEX evidence_kind ON evidence (kind, id);
CREATE INDEX evidence_repository ON evidence (repository, kind, id);
CREATE INDEX evidence_received ON evidence (received_ns);

CREATE TABLE evidence_digests (
	digest      text NOT NULL,
	evidence_id bigint NOT NULL REFERENCES evidence (id),
	PRIMARY KEY (digest, evidence_id)
);

CREATE TABLE control_status_days (
	framework   text NOT NULL,
	day         text NOT NULL,
	computed_ns bigint NOT NULL,
	PRIMARY KEY (framework, day)
);
CREATE TABLE control_status (
	framework text NOT NULL,
	day       text NOT NULL,
	control   text NOT NULL,
	status    text NOT NULL,
	evidence  text NOT NULL DEFAULT '[]',
	alerts    text NOT NULL DEFAULT '[]',
	PRIMARY KEY (framework, day, control)
);

-- Guards: evidence and snapshots are never edited or deleted (attest_refuse
-- of migration 00001).
CREATE TRIGGER evidence_guard BEFORE UPDATE OR DELETE OR TRUNCATE ON evidence
	FOR EACH STATEMENT EXECUTE FUNCTION attest_refuse();
CREATE TRIGGER evidence_digests_guard BEFORE UPDATE OR DELETE OR TRUNCATE ON evidence_digests
	FOR EACH STATEMENT EXECUTE FUNCTION attest_refuse();
CREATE TRIGGER control_status_guard BEFORE UPDATE OR DELETE OR TRUNCATE ON control_status
	FOR EACH STATEMENT EXECUTE FUNCTION attest_refuse();
CREATE TRIGGER control_status_days_guard BEFORE UPDATE OR DELETE OR TRUNCATE ON control_status_days
	FOR EACH STATEMENT EXECUTE FUNCTION attest_refuse();

-- +goose Down
DROP TABLE control_status;
DROP TABLE control_status_days;
DROP TABLE evidence_digests;
DROP TABLE evidence;
