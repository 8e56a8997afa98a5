-- +goose Up
-- The durable notification queue: one job per alert, channel and kind
-- (the unique key keeps a job from being made twice, also when the same
-- events are posted again). A dispatcher claims due jobs by setting
-- claimed_by and lease_until inside a write transaction (SQLite has one
-- writer, so two claimers never take the same job); a job whose lease has
-- passed is free again, so a crashed dispatcher's jobs are retried.
CREATE TABLE notifications (
	id              INTEGER PRIMARY KEY AUTOINCREMENT,
	alert_id        INTEGER NOT NULL,
	channel         TEXT NOT NULL,
	kind            TEXT NOT NULL,
	payload         BLOB NOT NULL,
	state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'dead')),
	attempts        INTEGER NOT NULL DEFAULT 0,
	next_attempt_ns INTEGER NOT NULL,
	last_error      TEXT NOT NULL DEFAULT '',
	claimed_by      TEXT NOT NULL DEFAULT '',
	lease_until_ns  INTEGER NOT NULL DEFAULT 0,
	created_ns      INTEGER NOT NULL,
	updated_ns      INTEGER NOT NULL,
	UNIQUE (alert_id, channel, kind)
);
CREATE INDEX notifications_due ON notifications (next_attempt_ns, id) WHERE state = 'pending';
CREATE INDEX notifications_state ON notifications (state, id);

-- +goose Down
DROP TABLE notifications;
