-- +goose Up
-- Events per UTC day, source and outcome, kept by every append in the same
-- transaction; see the sqlite package's migration of the same number. The
-- head row's lock that serialises appends serialises these updates too.
CREATE TABLE event_day_counts (
	day     bigint NOT NULL,
	source  text NOT NULL,
	outcome text NOT NULL,
	n       bigint NOT NULL,
	PRIMARY KEY (day, source, outcome)
);
-- The events stored before this migration; div truncates toward zero, the
-- CASE makes it floor for times before 1970.
INSERT INTO event_day_counts (day, source, outcome, n)
SELECT d.t / 86400000000000 - (CASE WHEN d.t < 0 AND d.t % 86400000000000 <> 0 THEN 1 ELSE 0 END), d.source, d.outcome, count(*)
FROM (SELECT COALESCE(time_ns, received_ns) AS t, source, COALESCE(outcome, '') AS outcome FROM events) AS d
GROUP BY 1, 2, 3;

-- +goose Down
DROP TABLE event_day_counts;
