package sqlite

import (
	"context"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/storetest"
)

// TestDB_EventIndexesUsed asks SQLite how it runs the queries of the store
// on events (the shapes of FindEvents that the API, the dashboard, the
// detections and the evidence check ask for, and retention) and checks that
// every index on events serves at least one of them: each index is written
// by every append, inside the writer's critical section, so one that no
// query reads only slows ingest (migration 00010 dropped two).
func TestDB_EventIndexesUsed(t *testing.T) {
	ctx := context.Background()
	db := openInternalTest(t)
	if err := db.AppendEvents(ctx, storetest.NewEvents(0, 50)); err != nil {
		t.Fatal(err)
	}

	day := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	actors := []string{"alice@example.com", "alice"}
	filters := []attest.EventFilter{
		{AfterSeq: -1, Limit: 51},                                            // GET /api/v1/events
		{AfterSeq: 10, Limit: 51},                                            // its next page
		{AfterSeq: -1, Source: "cloudtrail", Limit: 51},                      // ?source=
		{AfterSeq: -1, Actors: actors[:1], Limit: 51},                        // ?actor=
		{AfterSeq: -1, From: day, To: day.Add(time.Hour), Limit: 51},         // ?from=&to=
		{AfterSeq: -1, Actors: actors, ByTime: true, Limit: 51},              // the actor timeline
		{AfterSeq: 3, AfterTime: day, Actors: actors, ByTime: true},          // its next page
		{AfterSeq: -1, Actors: actors, Newest: true, Limit: 51},              // the dashboard's timeline
		{AfterSeq: -1, Actors: actors, Newest: true, BeforeSeq: 40},          // its next page
		{AfterSeq: -1, Newest: true, Limit: 1},                               // the latest event
		{AfterSeq: -1, Outcome: attest.OutcomeFailure, Newest: true},         // the overview's failures
		{AfterSeq: -1, Source: "attest", Action: "verify", Newest: true},     // the latest verification
		{AfterSeq: 5, From: day, Limit: 500},                                 // detect replay --since
		{AfterSeq: 5, Source: "attest", Action: "evidence.upload", Limit: 9}, // evidence check
	}
	type query struct {
		name string
		sql  string
		args []any
	}
	var queries []query
	for _, f := range filters {
		q, args := findEventsQuery(f)
		queries = append(queries, query{"FindEvents", q, args})
	}
	queries = append(queries, query{"PrunePayloads", pruneQuery, []any{day.UnixNano(), 40}})

	usingIndex := regexp.MustCompile(`USING (?:COVERING )?INDEX (\w+)`)
	used := map[string]bool{}
	for _, q := range queries {
		rows, err := db.db.QueryContext(ctx, "EXPLAIN QUERY PLAN "+q.sql, q.args...)
		if err != nil {
			t.Fatalf("%s: %v", q.name, err)
		}
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			if m := usingIndex.FindStringSubmatch(detail); m != nil {
				used[m[1]] = true
			}
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
	}

	rows, err := db.db.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'
		AND name NOT LIKE 'sqlite_autoindex_%' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var indexes []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		indexes = append(indexes, name)
		if !used[name] {
			t.Errorf("index %s on events serves none of the store's queries, yet every append writes it", name)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if want := []string{"events_actor", "events_actor_time", "events_event_time", "events_source"}; !slices.Equal(indexes, want) {
		t.Errorf("indexes on events: %v, want %v", indexes, want)
	}
}
