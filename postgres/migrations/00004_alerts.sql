-- +goose Up
-- Alerts, their events and matches, correlation windows and the evaluation
-- cursor; see the sqlite package's migration of the same number. Replicas
-- raising the same rule and group serialise on a transaction-scoped
-- advisory lock of that pair, so they raise one alert.
CREATE TABLE alerts (
	id            bigserial PRIMARY KEY,
	rule          text NOT NULL,
	title         text NOT NULL,
	severity      text NOT NULL,
	controls      text NOT NULL DEFAULT '',
	group_key     text NOT NULL,
	source        text NOT NULL DEFAULT '',
	actor         text NOT NULL DEFAULT '',
	target        text NOT NULL DEFAULT '',
	hint          text NOT NULL DEFAULT '',
	first_seen_ns bigint NOT NULL,
	last_seen_ns  bigint NOT NULL,
	count         bigint NOT NULL,
	seqs_kept     bigint NOT NULL DEFAULT 0,
	seqs_dropped  bigint NOT NULL DEFAULT 0,
	status        text NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
	status_by     text NOT NULL DEFAULT '',
	status_at_ns  bigint,
	note          text NOT NULL DEFAULT ''
);
CREATE INDEX alerts_group ON alerts (rule, group_key, last_seen_ns);
CREATE INDEX alerts_last_seen ON alerts (last_seen_ns);

CREATE TABLE alert_events (
	alert_id bigint NOT NULL REFERENCES alerts (id),
	seq      bigint NOT NULL,
	PRIMARY KEY (alert_id, seq)
);

CREATE TABLE alert_matches (
	rule     text NOT NULL,
	seq      bigint NOT NULL,
	alert_id bigint NOT NULL REFERENCES alerts (id),
	PRIMARY KEY (rule, seq)
);

CREATE TABLE detect_window (
	series     text NOT NULL,
	seq        bigint NOT NULL,
	time_ns    bigint NOT NULL,
	value      bytea NOT NULL,
	expires_ns bigint NOT NULL,
	PRIMARY KEY (series, seq)
);
CREATE INDEX detect_window_expires ON detect_window (expires_ns);

CREATE TABLE detect_cursor (
	id       integer PRIMARY KEY CHECK (id = 1),
	next_seq bigint NOT NULL
);
INSERT INTO detect_cursor (id, next_seq) SELECT 1, size FROM log_head WHERE id = 1;

CREATE TABLE detect_claims (
	id         bigserial PRIMARY KEY,
	from_seq   bigint NOT NULL,
	to_seq     bigint NOT NULL,
	owner      text NOT NULL,
	expires_ns bigint NOT NULL
);

-- +goose Down
DROP TABLE detect_claims;
DROP TABLE detect_cursor;
DROP TABLE detect_window;
DROP TABLE alert_matches;
DROP TABLE alert_events;
DROP TABLE alerts;
