package web_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// seed ingests the repository's real payloads of each source and a few
// generic events through the API.
func (e *env) seed(t testing.TB) {
	t.Helper()
	e.ingestFile(t, "k8s-audit", "k8s-audit-eventlist.json")
	e.ingestFile(t, "falco", "falco-alert.json")
	e.ingestFile(t, "cloudtrail", "cloudtrail-log.json")
	now := time.Now().UTC()
	var lines []string
	for i := range 12 {
		outcome := "success"
		if i%3 == 0 {
			outcome = "failure"
		}
		lines = append(lines, fmt.Sprintf(`{"time":%q,"actor":"alice@example.com","action":"repo.push","target":"org/repo-%d","outcome":%q,"id":"gen-%d"}`,
			now.Add(-time.Duration(i)*26*time.Hour).Format(time.RFC3339), i, outcome, i))
	}
	e.ingestJSON(t, "vcs", strings.Join(lines, "\n"))
}

func TestPages(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	b := e.browser()
	if status, _ := b.signInToken(e.admin); status != http.StatusOK {
		t.Fatal("sign-in failed")
	}
	for _, tc := range []struct {
		path string
		want []string
	}{
		{"/", []string{"<h1>Overview</h1>", `<svg class="chart"`, "Newest failed events", "vcs", "no tampering found|Not verified"}},
		{"/?days=90", []string{"last 90 days"}},
		{"/events", []string{"<h1>Events</h1>", "repo.push", "k8s-audit", "falco", "cloudtrail", `id="live"`}},
		{"/events?source=vcs&outcome=failure", []string{"org/repo-0", "org/repo-3"}},
		{"/events?actor=alice", []string{"org/repo-1"}},
		{"/actors/alice", []string{"Timeline of alice", "alice@example.com", "vcs (12)"}},
		{"/actors/alice%40example.com", []string{"Timeline of alice"}},
		{"/events/0", []string{"<h1>Event 0</h1>", "Raw record"}},
		{"/log", []string{"<h1>Audit log</h1>", `id="log-size"`}},
	} {
		t.Run(tc.path, func(t *testing.T) {
			status, body := b.get(tc.path)
			if status != http.StatusOK {
				t.Fatalf("status %d:\n%s", status, body)
			}
			for _, w := range tc.want {
				found := false
				for _, alt := range strings.Split(w, "|") {
					found = found || strings.Contains(body, alt)
				}
				if !found {
					t.Errorf("page lacks %q", w)
				}
			}
		})
	}
	t.Run("filters exclude", func(t *testing.T) {
		_, body := b.get("/events?source=vcs&outcome=failure")
		if strings.Contains(body, "org/repo-1<") {
			t.Errorf("outcome filter let a success through")
		}
	})
	t.Run("paging", func(t *testing.T) {
		for i := range 3 {
			var lines []string
			for j := range 50 {
				lines = append(lines, fmt.Sprintf(`{"actor":"pager","action":"page.%d.%d","id":"p-%d-%d"}`, i, j, i, j))
			}
			e.ingestJSON(t, "pager", strings.Join(lines, "\n"))
		}
		_, body := b.get("/events?source=pager")
		if n := strings.Count(body, `<tr class="event"`); n != 100 {
			t.Errorf("first page has %d events, want 100", n)
		}
		i := strings.Index(body, `id="older" href="`)
		if i < 0 {
			t.Fatal("no link to older events")
		}
		href := html.UnescapeString(body[i+len(`id="older" href="`):])
		href = href[:strings.IndexByte(href, '"')]
		t.Logf("older: %s", href)
		_, older := b.get(href)
		if n := strings.Count(older, `<tr class="event"`); n != 50 || !strings.Contains(older, "page.0.0") || strings.Contains(older, "page.2.49") {
			t.Errorf("second page has %d events, want the 50 oldest", n)
		}
	})
	t.Run("bad input", func(t *testing.T) {
		for _, p := range []string{"/events?outcome=maybe", "/?days=7", "/events/x", "/events?before=-4"} {
			if status, _ := b.get(p); status != http.StatusBadRequest {
				t.Errorf("%s: %d, want 400", p, status)
			}
		}
		if status, _ := b.get("/events/999999"); status != http.StatusNotFound {
			t.Errorf("unknown event: %d, want 404", status)
		}
		if status, _ := b.get("/nothing-here"); status != http.StatusNotFound {
			t.Errorf("unknown page: %d, want 404", status)
		}
	})
	t.Run("signed out", func(t *testing.T) {
		anon := e.browser()
		anon.client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		resp, err := anon.client.Get(e.url + "/events?source=x")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/signin?next="+url.QueryEscape("/events?source=x") {
			t.Errorf("anonymous page: %d to %q, want 303 to the sign-in page", resp.StatusCode, resp.Header.Get("Location"))
		}
		if status, _ := anon.get("/events/live"); status != http.StatusUnauthorized {
			t.Errorf("anonymous live feed: %d, want 401", status)
		}
	})
}

// TestLive reads the live feed as a browser's EventSource does: events
// ingested after it opens arrive, filtered, in order, and a reconnection
// with Last-Event-ID continues where it left off.
func TestLive(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	b.signInToken(e.admin)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	open := func(query, lastID string) (*bufio.Reader, func()) {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, e.url+"/events/live?"+query, nil)
		if lastID != "" {
			req.Header.Set("Last-Event-ID", lastID)
		}
		resp, err := b.client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/event-stream" {
			t.Fatalf("live feed: %s %s", resp.Status, resp.Header.Get("Content-Type"))
		}
		return bufio.NewReader(resp.Body), func() { resp.Body.Close() }
	}
	next := func(r *bufio.Reader) (id string, ev map[string]any) {
		t.Helper()
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				t.Fatalf("live feed ended: %v", err)
			}
			line = strings.TrimRight(line, "\n")
			switch {
			case strings.HasPrefix(line, "id: "):
				id = line[4:]
			case strings.HasPrefix(line, "data: "):
				if err := json.Unmarshal([]byte(line[6:]), &ev); err != nil {
					t.Fatalf("data %q: %v", line, err)
				}
				return id, ev
			}
		}
	}
	feed, closeFeed := open("source=live-test&outcome=failure", "")
	e.ingestJSON(t, "live-test", `{"actor":"bob","action":"a1","outcome":"success","id":"l1"}
{"actor":"bob","action":"a2","outcome":"failure","id":"l2"}`)
	e.ingestJSON(t, "other", `{"actor":"bob","action":"x","outcome":"failure","id":"o1"}`)
	e.ingestJSON(t, "live-test", `{"actor":"bob","action":"a3","outcome":"failure","id":"l3"}`)
	id, ev := next(feed)
	if ev["action"] != "a2" || ev["source"] != "live-test" {
		t.Fatalf("first live event %v, want a2 (a1 succeeded; other is another source)", ev)
	}
	_, ev = next(feed)
	if ev["action"] != "a3" {
		t.Fatalf("second live event %v, want a3", ev)
	}
	closeFeed()
	again, closeAgain := open("source=live-test&outcome=failure", id)
	defer closeAgain()
	if _, ev := next(again); ev["action"] != "a3" {
		t.Fatalf("after reconnecting at %s: %v, want a3", id, ev)
	}
}
