-- +goose Up
-- Every append writes every index of events; an index that no query reads
-- only slows ingest. Since 00003 every time filter and order reads
-- COALESCE(time_ns, received_ns) (events_event_time, events_actor_time), so
-- events_time on time_ns alone serves none; retention bounds its scan by
-- seq (the seq of its own record) and visits every older record's row
-- anyway, pruned or not, so events_received does not spare it any.
DROP INDEX events_time;
DROP INDEX events_received;

-- +goose Down
CREATE INDEX events_received ON events (received_ns);
CREATE INDEX events_time ON events (time_ns);
