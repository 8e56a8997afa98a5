-- +goose Up
-- Idempotent ingest: one row per record that carries its source's own id
-- (attest.Event.DedupKey), with the seq it got. A record delivered again is
-- answered with that seq and not stored twice; the primary key makes a
-- second row for the same key impossible. The rows are kept as long as the
-- log: a sender may replay old deliveries at any time.
CREATE TABLE event_keys (
	source    TEXT NOT NULL,
	dedup_key TEXT NOT NULL,
	seq       INTEGER NOT NULL,
	PRIMARY KEY (source, dedup_key)
) WITHOUT ROWID;
-- Records stored before this migration: for every source but attest (whose
-- external ids name tokens) and falco (whose key is now a hash of the
-- alert), the external id was the key. The first record of a key keeps it.
INSERT OR IGNORE INTO event_keys (source, dedup_key, seq)
SELECT source, external_id, MIN(seq) FROM events
WHERE external_id IS NOT NULL AND external_id <> '' AND source NOT IN ('attest', 'falco')
GROUP BY source, external_id;

-- The actor timeline reads an actor's events in event-time order; a record
-- without a time of its own sorts by when it was received.
CREATE INDEX events_actor_time ON events (actor, COALESCE(time_ns, received_ns), seq);
CREATE INDEX events_event_time ON events (COALESCE(time_ns, received_ns));

-- +goose Down
DROP INDEX events_event_time;
DROP INDEX events_actor_time;
DROP TABLE event_keys;
