-- +goose Up
-- The durable notification queue; see the sqlite package's migration of the
-- same number. Replicas claim due jobs with SELECT ... FOR UPDATE SKIP
-- LOCKED and a lease (claimed_by, lease_until_ns), so each job is taken by
-- one replica and a crashed replica's jobs are free again once the lease
-- has passed.
CREATE TABLE notifications (
	id              bigserial PRIMARY KEY,
	alert_id        bigint NOT NULL,
	channel         text NOT NULL,
	kind            text NOT NULL,
	payload         bytea NOT NULL,
	state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'dead')),
	attempts        integer NOT NULL DEFAULT 0,
	next_attempt_ns bigint NOT NULL,
	last_error      text NOT NULL DEFAULT '',
	claimed_by      text NOT NULL DEFAULT '',
	lease_until_ns  bigint NOT NULL DEFAULT 0,
	created_ns      bigint NOT NULL,
	updated_ns      bigint NOT NULL,
	UNIQUE (alert_id, channel, kind)
);
CREATE INDEX notifications_due ON notifications (next_attempt_ns, id) WHERE state = 'pending';
CREATE INDEX notifications_state ON notifications (state, id);

-- +goose Down
DROP TABLE notifications;
