package http_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	attesthttp "github.com/attest-dev/attest/http"
)

// alertJSON is an alert as the API shows it.
type alertJSON struct {
	attest.Alert
	Events        []eventJSON `json:"events"`
	EventsOmitted int         `json:"events_omitted"`
}

type alertsPageJSON struct {
	Alerts     []alertJSON `json:"alerts"`
	NextCursor string      `json:"next_cursor"`
}

// withAlerts serves the store's alerts.
func withAlerts(st store) func(*attesthttp.Server) {
	return func(s *attesthttp.Server) { s.Alerts = st.(attest.AlertStore) }
}

// raiseTestAlert stores a match of rule on the events seqs.
func raiseTestAlert(t *testing.T, st store, rule, severity, source string, at time.Time, seqs ...int64) int64 {
	t.Helper()
	a := &attest.Alert{Rule: rule, Title: "Title of " + rule, Severity: severity, Group: "actor=mallory", Source: source,
		Actor: "mallory", FirstSeen: at, LastSeen: at, Count: 1, Seqs: seqs, Controls: map[string][]string{"soc2": {"CC7.2"}}}
	if _, err := st.(attest.AlertStore).RaiseAlert(context.Background(), a, time.Hour); err != nil {
		t.Fatal(err)
	}
	return a.ID
}

func TestServer_Alerts(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			st := b.open(t)
			e := newEnv(t, st, withAlerts(st))
			e.secrets["respond"] = createToken(t, st, attesthttp.NewToken{Name: "respond", Scope: attest.ScopeRespond})
			ctx := context.Background()
			events := make([]*attest.Event, 3)
			for i := range events {
				events[i] = &attest.Event{Time: testNow, Source: "cloudtrail", Actor: "mallory", Action: "StopLogging",
					Outcome: attest.OutcomeSuccess, Raw: fmt.Appendf(nil, `{"eventName":"StopLogging","n":%d}`, i)}
			}
			if err := st.AppendEvents(ctx, events); err != nil {
				t.Fatal(err)
			}
			s0, s2 := events[0].Seq, events[2].Seq
			stop := raiseTestAlert(t, st, "cloudtrail-stop-logging", "high", "cloudtrail", testNow, s0, events[1].Seq)
			root := raiseTestAlert(t, st, "cloudtrail-root-use", "critical", "cloudtrail", testNow.Add(time.Hour), s2)
			falco := raiseTestAlert(t, st, "falco-critical", "critical", "falco", testNow.Add(2*time.Hour), s2)

			t.Run("List", func(t *testing.T) {
				for q, want := range map[string][]int64{
					"":                         {falco, root, stop},
					"severity=critical":        {falco, root},
					"source=cloudtrail":        {root, stop},
					"rule=cloudtrail-root-use": {root},
					"status=open":              {falco, root, stop},
					"status=resolved":          nil,
					"from=" + testNow.Add(time.Hour).Format(time.RFC3339) + "&to=" + testNow.Add(2*time.Hour).Format(time.RFC3339): {root},
				} {
					for _, token := range []string{"read", "respond", "admin"} {
						page := decode[alertsPageJSON](t, e.do(t, "GET", "/api/v1/alerts?"+q, token, nil), http.StatusOK)
						var got []int64
						for _, a := range page.Alerts {
							got = append(got, a.ID)
						}
						if !slices.Equal(got, want) {
							t.Errorf("?%s as %s: %v, want %v", q, token, got, want)
						}
					}
				}
				// Paging one at a time visits each alert once, newest first.
				var got []int64
				cursor := ""
				for range 10 {
					p := "/api/v1/alerts?limit=1"
					if cursor != "" {
						p += "&cursor=" + cursor
					}
					page := decode[alertsPageJSON](t, e.do(t, "GET", p, "read", nil), http.StatusOK)
					for _, a := range page.Alerts {
						got = append(got, a.ID)
					}
					if cursor = page.NextCursor; cursor == "" {
						break
					}
				}
				if !slices.Equal(got, []int64{falco, root, stop}) {
					t.Errorf("paged: %v", got)
				}
				for _, q := range []string{"status=closed", "limit=0", "cursor=seq:1", "colour=red", "from=yesterday", "status=open&status=open"} {
					if r := e.do(t, "GET", "/api/v1/alerts?"+q, "read", nil); r.status != http.StatusBadRequest {
						t.Errorf("?%s: %d %s, want 400", q, r.status, r.body)
					}
				}
				for _, token := range []string{"ingest", ""} {
					if r := e.do(t, "GET", "/api/v1/alerts", token, nil); r.status != http.StatusForbidden && r.status != http.StatusUnauthorized {
						t.Errorf("list as %q: %d, want 401 or 403", token, r.status)
					}
				}
			})

			t.Run("Detail", func(t *testing.T) {
				a := decode[alertJSON](t, e.do(t, "GET", fmt.Sprintf("/api/v1/alerts/%d", stop), "read", nil), http.StatusOK)
				if a.Rule != "cloudtrail-stop-logging" || a.Count != 1 || !slices.Equal(a.Seqs, []int64{s0, events[1].Seq}) ||
					len(a.Events) != 2 || a.Events[0].Seq != s0 || !strings.Contains(string(a.Events[1].Raw), `"n":1`) ||
					!slices.Equal(a.Controls["soc2"], []string{"CC7.2"}) || a.Status != attest.AlertOpen {
					t.Errorf("alert detail: %+v", a)
				}
				for path, want := range map[string]int{"/api/v1/alerts/999": 404, "/api/v1/alerts/x": 400, "/api/v1/alerts/0": 400} {
					if r := e.do(t, "GET", path, "read", nil); r.status != want {
						t.Errorf("GET %s: %d, want %d", path, r.status, want)
					}
				}
			})

			t.Run("Status", func(t *testing.T) {
				ack := fmt.Sprintf("/api/v1/alerts/%d/ack", stop)
				resolve := fmt.Sprintf("/api/v1/alerts/%d/resolve", stop)
				note := []byte(`{"note":"paging the owner of the trail"}`)
				for _, token := range []string{"read", "ingest"} {
					if r := e.do(t, "POST", ack, token, note); r.status != http.StatusForbidden {
						t.Errorf("ack as %s: %d %s, want 403", token, r.status, r.body)
					}
				}
				// A page on another site cannot make a browser change an alert.
				if r := e.do(t, "POST", ack, "respond", note, "Sec-Fetch-Site", "cross-site"); r.status != http.StatusForbidden {
					t.Errorf("cross-site ack: %d %s, want 403", r.status, r.body)
				}
				if r := e.do(t, "POST", ack, "respond", []byte(`{"note":"`+strings.Repeat("x", attesthttp.MaxNoteBytes+1)+`"}`)); r.status != http.StatusBadRequest {
					t.Errorf("ack with a long note: %d, want 400", r.status)
				}
				if r := e.do(t, "POST", ack, "respond", []byte(`{"colour":"red"}`)); r.status != http.StatusBadRequest {
					t.Errorf("ack with an unknown field: %d, want 400", r.status)
				}
				a := decode[alertJSON](t, e.do(t, "POST", ack, "respond", note), http.StatusOK)
				if a.Status != attest.AlertAcknowledged || a.StatusBy != "respond" || a.Note != "paging the owner of the trail" || a.StatusAt.IsZero() {
					t.Errorf("acknowledged: %+v", a)
				}
				if r := e.do(t, "POST", ack, "respond", nil); r.status != http.StatusConflict {
					t.Errorf("ack twice: %d %s, want 409", r.status, r.body)
				}
				// Admin may respond too; an empty body is no note.
				a = decode[alertJSON](t, e.do(t, "POST", resolve, "admin", nil), http.StatusOK)
				if a.Status != attest.AlertResolved || a.StatusBy != "admin" || a.Note != "" {
					t.Errorf("resolved: %+v", a)
				}
				if r := e.do(t, "POST", "/api/v1/alerts/999/resolve", "respond", nil); r.status != http.StatusNotFound {
					t.Errorf("resolve unknown: %d, want 404", r.status)
				}
				// Each change is a record of the audit log, by the token.
				recs := e.allEvents(t, "/api/v1/events?source=attest&action=alert.acknowledge", 10)
				recs = append(recs, e.allEvents(t, "/api/v1/events?source=attest&action=alert.resolve", 10)...)
				if len(recs) != 2 || recs[0].Actor != "respond" || recs[1].Actor != "admin" || recs[0].Target != fmt.Sprintf("alert/%d", stop) {
					t.Fatalf("audit records of the changes: %+v", recs)
				}
				var raw map[string]any
				if err := json.Unmarshal(recs[0].Raw, &raw); err != nil || raw["note"] != "paging the owner of the trail" || raw["via"] != "api" {
					t.Errorf("audit record: %s", recs[0].Raw)
				}
				if page := decode[alertsPageJSON](t, e.do(t, "GET", "/api/v1/alerts?status=resolved", "respond", nil), http.StatusOK); len(page.Alerts) != 1 || page.Alerts[0].ID != stop {
					t.Errorf("resolved alerts: %+v", page.Alerts)
				}
			})

			t.Run("RespondToken", func(t *testing.T) {
				r := e.do(t, "POST", "/api/v1/tokens", "admin", []byte(`{"name":"on-call","scope":"respond"}`))
				if r.status != http.StatusCreated {
					t.Fatalf("create respond token: %d %s", r.status, r.body)
				}
				// A respond token reads alerts but not the event feed.
				var created struct{ Secret string }
				json.Unmarshal(r.body, &created)
				if r := e.do(t, "GET", "/api/v1/alerts", created.Secret, nil); r.status != http.StatusOK {
					t.Errorf("list as the new respond token: %d", r.status)
				}
				if r := e.do(t, "GET", "/api/v1/events", created.Secret, nil); r.status != http.StatusForbidden {
					t.Errorf("events as a respond token: %d, want 403", r.status)
				}
			})
		})
	}
}

func TestServer_AlertsNotKept(t *testing.T) {
	e := newEnv(t, newMemStore())
	for _, c := range []struct{ method, path string }{{"GET", "/api/v1/alerts"}, {"GET", "/api/v1/alerts/1"}, {"POST", "/api/v1/alerts/1/ack"}} {
		token := "read"
		if c.method == "POST" {
			token = "admin"
		}
		if r := e.do(t, c.method, c.path, token, nil); r.status != http.StatusNotFound {
			t.Errorf("%s %s without an alert store: %d, want 404", c.method, c.path, r.status)
		}
	}
}

// FuzzDecodeAlertCursor checks that any alerts cursor either decodes to an
// id above zero that encodes back to a cursor of the same id, or is refused
// with EINVALID.
func FuzzDecodeAlertCursor(f *testing.F) {
	f.Add(attesthttp.EncodeAlertCursor(1))
	f.Add(attesthttp.EncodeAlertCursor(1 << 62))
	f.Add(attesthttp.EncodeCursor(3))
	f.Add("")
	f.Fuzz(func(t *testing.T, c string) {
		id, err := attesthttp.DecodeAlertCursor(c)
		if err != nil {
			if attest.ErrorCode(err) != attest.EINVALID {
				t.Fatalf("cursor %q: %v, want EINVALID", c, err)
			}
			return
		}
		if id < 1 {
			t.Fatalf("cursor %q decodes to id %d", c, id)
		}
		if id2, err := attesthttp.DecodeAlertCursor(attesthttp.EncodeAlertCursor(id)); err != nil || id2 != id {
			t.Fatalf("cursor %q does not round-trip: %d %v", c, id2, err)
		}
	})
}
