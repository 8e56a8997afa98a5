-- +goose Up
-- Every append writes every index of events, inside the one writer's
-- transaction; an index that no query reads only slows ingest. Since 00003
-- every time filter and order reads COALESCE(time_ns, received_ns)
-- (events_event_time, events_actor_time), so events_time on time_ns alone
-- serves none, and retention bounds its scan by seq (the seq of its own
-- record), which SQLite prefers to events_received. TestDB_EventIndexesUsed
-- checks that each index left serves a query of the store.
DROP INDEX events_time;
DROP INDEX events_received;

-- +goose Down
CREATE INDEX events_received ON events (received_ns);
CREATE INDEX events_time ON events (time_ns);
