-- +goose Up
-- Idempotent ingest; see the sqlite package's migration of the same number.
-- The primary key is what keeps one row per key, also across replicas.
CREATE TABLE event_keys (
	source    text NOT NULL,
	dedup_key text NOT NULL,
	seq       bigint NOT NULL,
	PRIMARY KEY (source, dedup_key)
);
INSERT INTO event_keys (source, dedup_key, seq)
SELECT source, external_id, min(seq) FROM events
WHERE external_id IS NOT NULL AND external_id <> '' AND source NOT IN ('attest', 'falco')
GROUP BY source, external_id;

CREATE INDEX events_actor_time ON events (actor, (COALESCE(time_ns, received_ns)), seq);
CREATE INDEX events_event_time ON events ((COALESCE(time_ns, received_ns)));

-- +goose Down
DROP INDEX events_event_time;
DROP INDEX events_actor_time;
DROP TABLE event_keys;
