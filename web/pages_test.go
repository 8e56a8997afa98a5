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

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/auditlog"
)

// seed ingests the repository's real payloads of each source and a few
// generic events through the API.
func (e *env) seed(t testing.TB) {
	t.Helper()
	e.ingestFile(t, "k8s-audit", "k8s-audit-eventlist.json")
	e.ingestFile(t, "falco", "falco-alert.json")
	e.ingestFile(t, "cloudtrail", "cloudtrail-log.json")
	e.ingestFile(t, "cloudtrail", "cloudtrail-stoplogging.json")
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

// waitAlert waits until the detections raised an alert and returns it.
func (e *env) waitAlert(t testing.TB) *attest.Alert {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		alerts, err := e.db.FindAlerts(context.Background(), attest.AlertFilter{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		if len(alerts) > 0 {
			return alerts[0]
		}
	}
	t.Fatal("the detections raised no alert from the seeded events")
	return nil
}

func TestPages(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	e.seedEvidence(t)
	b := e.browser()
	if status, _ := b.signInToken(e.admin); status != http.StatusOK {
		t.Fatal("sign-in failed")
	}
	for _, tc := range []struct {
		path string
		want []string
	}{
		{"/", []string{"<h1>Overview</h1>", `<svg class="chart"`, "Newest failed events", "vcs", "no tampering found|Not verified"}},
		{"/?days=90", []string{"last 90 days", `id="control-status"`, "soc2", `id="failing"`, `id="critical"`, "Release <a"}},
		{"/events", []string{"<h1>Events</h1>", "repo.push", "k8s-audit", "falco", "cloudtrail", `id="live"`}},
		{"/events?source=vcs&outcome=failure", []string{"org/repo-0", "org/repo-3"}},
		{"/events?actor=alice", []string{"org/repo-1"}},
		{"/actors/alice", []string{"Timeline of alice", "alice@example.com", "vcs (12)"}},
		{"/actors/alice%40example.com", []string{"Timeline of alice"}},
		{"/events/0", []string{"<h1>Event 0</h1>", "Raw record"}},
		{"/log", []string{"<h1>Audit log</h1>", `id="log-size"`}},
		{"/posture", []string{"github.com/acme/infra", `<strong class="new-count">1</strong> new`, `<strong class="fixed-count">0</strong> fixed`, `class="finding"`, ".tf:"}},
		{"/posture?repo=github.com%2Facme%2Finfra", []string{"Since the previous scan"}},
		{"/vulns", []string{"1.5.0", "1.4.0", "github.com/acme/shop"}},
		{"/controls", []string{"CC6.1", `class="marks"`, "<code>aws-"}},
		{"/controls?framework=pci-dss-4.0", []string{"pci-dss-4.0"}},
		{"/exceptions", []string{"<h1>Exceptions</h1>", `<tr class="exception `}},
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
	t.Run("release and its diff", func(t *testing.T) {
		list, err := e.db.FindEvidence(context.Background(), attest.EvidenceFilter{Kind: attest.EvidenceVulns, Limit: 2})
		if err != nil || len(list) != 2 || list[0].Release != "1.5.0" {
			t.Fatalf("releases %v %v", list, err)
		}
		status, body := b.get(fmt.Sprintf("/vulns/%d", list[0].ID))
		if status != http.StatusOK || !strings.Contains(body, `<strong id="diff-new">1</strong> new`) || !strings.Contains(body, `class="vuln"`) {
			t.Errorf("release 1.5.0: %d, want its report and 1 new since 1.4.0", status)
		}
		if _, body := b.get(fmt.Sprintf("/vulns/%d", list[1].ID)); !strings.Contains(body, "No earlier release") {
			t.Errorf("release 1.4.0 claims a previous release")
		}
		scans, _ := e.db.FindEvidence(context.Background(), attest.EvidenceFilter{Kind: attest.EvidenceScan, Limit: 1})
		if status, _ := b.get(fmt.Sprintf("/vulns/%d", scans[0].ID)); status != http.StatusNotFound {
			t.Errorf("a scan as a release: %d, want 404", status)
		}
	})
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

// TestAlerts: the detections raise an alert from an ingested CloudTrail
// event; a respond session acknowledges then resolves it with notes, each
// change an audit record by the person; a read session may only look.
func TestAlerts(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	a := e.waitAlert(t)
	_, respond, err := createToken(e, "oncall-bob", attest.ScopeRespond)
	if err != nil {
		t.Fatal(err)
	}
	_, read, err := createToken(e, "auditor", attest.ScopeRead)
	if err != nil {
		t.Fatal(err)
	}
	id := fmt.Sprint(a.ID)

	reader := e.browser()
	reader.signInToken(read)
	for _, p := range []string{"/alerts", "/alerts?status=open", "/alerts/" + id, "/"} {
		status, body := reader.get(p)
		if status != http.StatusOK || !strings.Contains(body, html.EscapeString(a.Title)) && p != "/" {
			t.Errorf("%s: %d, want the alert %q listed", p, status, a.Title)
		}
	}
	if _, body := reader.get("/"); !strings.Contains(body, `id="alert-counts"`) {
		t.Errorf("the overview counts no alerts")
	}
	if _, body := reader.get("/alerts/" + id); strings.Contains(body, `id="ack"`) {
		t.Errorf("the alert page offers a read session to acknowledge")
	}
	if status, _ := reader.post("/alerts/"+id+"/ack", url.Values{"csrf": {reader.csrf()}, "note": {"x"}}, e.url); status != http.StatusForbidden {
		t.Errorf("read session acknowledging: %d, want 403", status)
	}

	b := e.browser()
	b.signInToken(respond)
	status, body := b.post("/alerts/"+id+"/ack", url.Values{"csrf": {b.csrf()}, "note": {"looking into it <b>now</b>"}}, e.url)
	if status != http.StatusOK || !strings.Contains(body, `id="alert-status">acknowledged`) || !strings.Contains(body, "looking into it &lt;b&gt;now&lt;/b&gt;") {
		t.Fatalf("acknowledge: %d\n%s", status, body)
	}
	if status, _ := b.post("/alerts/"+id+"/ack", url.Values{"csrf": {b.csrf()}}, e.url); status != http.StatusConflict {
		t.Errorf("acknowledging twice: %d, want 409", status)
	}
	if status, body := b.post("/alerts/"+id+"/resolve", url.Values{"csrf": {b.csrf()}, "note": {"rotated the key"}}, e.url); status != http.StatusOK || !strings.Contains(body, `id="alert-status">resolved`) {
		t.Fatalf("resolve: %d\n%s", status, body)
	}
	for _, action := range []string{"alert.acknowledge", "alert.resolve"} {
		recs := e.records(t, action)
		if len(recs) != 1 || recs[0].Actor != "oncall-bob" || !strings.Contains(string(recs[0].Raw), `"via":"web"`) {
			t.Errorf("%s records %v, want one by oncall-bob via web", action, recs)
		}
	}
	if status, _ := b.post("/alerts/"+id+"/resolve", url.Values{"csrf": {b.csrf()}}, e.url); status != http.StatusConflict {
		t.Errorf("resolving twice: %d, want 409", status)
	}
	if status, _ := b.get("/alerts/999999"); status != http.StatusNotFound {
		t.Errorf("unknown alert: %d, want 404", status)
	}
	if status, _ := b.get("/alerts?status=closed"); status != http.StatusBadRequest {
		t.Errorf("bad status filter: %d, want 400", status)
	}
}

// TestFlash_NotFromStrangers: the message at the top of a page says what
// the person just did. A link of a stranger's must not put its own there
// ("Audit log verified: intact", "Alert resolved, no action needed").
func TestFlash_NotFromStrangers(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	a := e.waitAlert(t)
	id := fmt.Sprint(a.ID)
	b := e.browser()
	if status, _ := b.signInToken(e.admin); status != http.StatusOK {
		t.Fatal("sign-in failed")
	}
	spoof := url.QueryEscape("Audit log verified by security: intact")
	for _, p := range []string{"/log?flash=" + spoof, "/alerts/" + id + "?flash=" + spoof} {
		if status, body := b.get(p); status != http.StatusOK || strings.Contains(body, "verified by security") {
			t.Errorf("%s: %d, shows the query's message:\n%s", p, status, body)
		}
	}
	// The person's own action still gets its message.
	if status, body := b.post("/alerts/"+id+"/resolve", url.Values{"csrf": {b.csrf()}}, e.url); status != http.StatusOK || !strings.Contains(body, `<p class="flash">Alert resolved.</p>`) {
		t.Fatalf("resolve: %d, want the page with the flash Alert resolved.\n%s", status, body)
	}
}

// TestLog_CLIVerification: a verification run by attest audit verify --db
// (its record appended straight to the store, as the command does) is the
// last verification on the audit-log page and the overview, with who.
func TestLog_CLIVerification(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	b := e.browser()
	if status, _ := b.signInToken(e.admin); status != http.StatusOK {
		t.Fatal("sign-in failed")
	}
	if _, body := b.get("/log"); !strings.Contains(body, "Not verified yet") {
		t.Fatalf("log page claims a verification before any")
	}
	ctx := context.Background()
	rep, err := auditlog.Verify(ctx, e.db, e.log.Verifier, auditlog.VerifyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	v, outcome := auditlog.NewVerification(rep, nil, "cli")
	v.EvidenceChecked, v.EvidenceOK = true, true
	if err := e.db.AppendEvents(ctx, []*attest.Event{v.Record("auditor@laptop", outcome, time.Now().UTC())}); err != nil {
		t.Fatal(err)
	}
	_, body := b.get("/log")
	for _, want := range []string{"by auditor@laptop with <code>attest audit verify</code>", "no tampering found", "evidence intact"} {
		if !strings.Contains(body, want) {
			t.Errorf("log page lacks %q", want)
		}
	}
	if _, body := b.get("/"); !strings.Contains(body, "by auditor@laptop") {
		t.Errorf("overview does not name who verified")
	}
}
