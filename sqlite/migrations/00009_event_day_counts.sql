-- +goose Up
-- Events per UTC day, source and outcome, kept by every append in the same
-- transaction, so the dashboard's overview and trend read a few hundred rows
-- and not every event of the period. day is days since 1970-01-01 of the
-- event's time, or of its receipt for an event without one. Retention
-- prunes payloads only, never rows, so counts never go down.
CREATE TABLE event_day_counts (
	day     INTEGER NOT NULL,
	source  TEXT NOT NULL,
	outcome TEXT NOT NULL,
	n       INTEGER NOT NULL,
	PRIMARY KEY (day, source, outcome)
) WITHOUT ROWID;
-- The events stored before this migration. SQLite's division truncates
-- toward zero; the CASE makes it floor for times before 1970.
INSERT INTO event_day_counts (day, source, outcome, n)
SELECT t / 86400000000000 - (CASE WHEN t < 0 AND t % 86400000000000 <> 0 THEN 1 ELSE 0 END), source, outcome, count(*)
FROM (SELECT COALESCE(time_ns, received_ns) AS t, source, COALESCE(outcome, '') AS outcome FROM events)
GROUP BY 1, 2, 3;

-- +goose Down
DROP TABLE event_day_counts;
