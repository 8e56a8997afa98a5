package web_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/web"
	"github.com/chromedp/chromedp"
)

// chromium finds the browser: $ATTEST_CHROMIUM, else Debian's chromium
// package (scripts/test.sh and .ci/run install it).
func chromium(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("ATTEST_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if _, err := exec.LookPath(p); err == nil {
			return p
		}
	}
	t.Fatal("no Chromium: install Debian's chromium package (apt-get install -y chromium) or set ATTEST_CHROMIUM")
	return ""
}

// screenshotDir is where the browser tests save their screenshots:
// $ATTEST_SCREENSHOTS, else attest-screenshots under the system's temporary
// folder.
func screenshotDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("ATTEST_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "attest-screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// newBrowser starts headless Chromium with a fresh profile.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium(t)),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 1000),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// shoot saves a full-page screenshot as name.png (quality 100 is PNG).
func shoot(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// where describes the page the browser is on, for a failure message.
func where(ctx context.Context) string {
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	body, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText.slice(0, 2000) : ""`))
	return loc + ":\n" + body
}

// do runs browser steps, failing the test with what was being done.
func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v\nat %s", what, err, where(ctx))
	}
}

// get runs one browser action and returns its value.
func get[T any](t *testing.T, ctx context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("%s: %v\nat %s", what, err, where(ctx))
	}
	return v
}

// waitFor waits until a JavaScript expression is true in the page.
func waitFor(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	get(t, ctx, what, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(20*time.Second)))
}

// text reads the text of the element a CSS selector finds.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	return get(t, ctx, "read "+sel, chromedp.Text(chromedp.CSS(sel)))
}

// XSS payloads, each field of an event full of markup that would run
// script (setting window.__pwned, changing the title) if it were not
// escaped.
const (
	xssActor     = `<img src=x onerror="window.__pwned='actor';document.title='pwned'">`
	xssUserAgent = `<script>window.__pwned='ua';document.title='pwned'</script>`
	xssTarget    = `"><svg onload="window.__pwned='target'"></svg><a href="javascript:window.__pwned='href'">x</a>`
	xssAction    = `</td></tr><iframe srcdoc="<script>parent.__pwned='action'</script>"></iframe>`
)

// noInjection checks that nothing of a payload ran or became markup: no
// __pwned, the title unchanged, and inside <main> no script, image, iframe
// or event-handler attribute at all (the dashboard has none of its own).
func noInjection(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	pwned := get(t, ctx, "read __pwned on "+page, chromedp.Evaluate[string](`String(window.__pwned)`))
	title := get(t, ctx, "read the title of "+page, chromedp.Title())
	injected := get(t, ctx, "look for markup on "+page, chromedp.Evaluate[int](
		`document.querySelectorAll("main script, main img, main iframe, main [onerror], main [onload], main a[href^='javascript']").length`))
	if pwned != "undefined" || title == "pwned" || injected != 0 {
		t.Errorf("%s: payload ran or became markup: __pwned=%s title=%q injected elements=%d", page, pwned, title, injected)
	}
}

// TestBrowser signs in through the in-process OIDC provider in headless
// Chromium, opens every page over data ingested through the API, sees a
// live event arrive over SSE, verifies the log, checks that hostile event
// fields are shown as text and never run, that a cross-site form is
// refused, and saves a screenshot of each page.
func TestBrowser(t *testing.T) {
	e := newEnv(t)
	idp := e.withOIDC(t)
	idp.Groups, idp.Email = []string{"admins"}, "alice@example.com"
	e.seed(t)
	e.seedEvidence(t)
	e.seedRegister(t)
	dir := screenshotDir(t)
	t.Logf("screenshots in %s", dir)
	ctx := newBrowser(t)
	css := func(sel string) chromedp.CSS { return chromedp.CSS(sel) }

	t.Run("sign in", func(t *testing.T) {
		do(t, ctx, "open a page signed out", chromedp.Navigate(e.url+"/events"), chromedp.WaitVisible(css(`#sso`)))
		shoot(t, ctx, dir, "01-signin")
		do(t, ctx, "follow single sign-on", chromedp.Click(css(`#sso`)), chromedp.WaitVisible(css(`form.who span`)))
		if who := text(t, ctx, `form.who span`); who != "alice@example.com · admin" {
			t.Fatalf("signed in as %q", who)
		}
		if h1 := text(t, ctx, `h1`); h1 != "Events" {
			t.Errorf("after sign-in the browser is on %q, want the events page it asked for", h1)
		}
	})

	t.Run("pages", func(t *testing.T) {
		for _, p := range []struct{ path, name, wait string }{
			{"/", "02-overview", `svg.chart`},
			{"/?days=90", "03-overview-90", `svg.chart`},
			{"/events", "04-events", `table.events tr.event`},
			{"/events/0", "05-event", `#raw`},
			{"/actors/alice", "06-actor", `table.events tr.event`},
			{"/log", "07-log", `#log-size`},
			{"/posture", "07a-posture", `table.findings tr.finding`},
			{"/vulns", "07b-vulns", `table.releases tr.release`},
			{"/controls", "07d-controls", `svg.marks`},
			{"/exceptions", "07e-exceptions", `table.exceptions tr.exception`},
		} {
			do(t, ctx, "open "+p.path, chromedp.Navigate(e.url+p.path), chromedp.WaitVisible(css(p.wait)))
			noInjection(t, ctx, p.path)
			shoot(t, ctx, dir, p.name)
		}
	})

	t.Run("posture by root, register and controls", func(t *testing.T) {
		do(t, ctx, "open the posture", chromedp.Navigate(e.url+"/posture"), chromedp.WaitVisible(css(`section.root[data-root="stacks/db"]`)))
		if got := text(t, ctx, `section.root[data-root="stacks/db"] .new-count`) + "/" + text(t, ctx, `section.root[data-root="stacks/db"] .fixed-count`); got != "1/1" {
			t.Errorf("stacks/db shows new/fixed %s since its previous scan, want 1/1", got)
		}
		do(t, ctx, "open the root", chromedp.Click(css(`section.root[data-root="stacks/web"] a.root-link`)), chromedp.WaitVisible(css(`table.findings tr.finding.new`)))
		if n := get(t, ctx, "count the roots", chromedp.Evaluate[int](`document.querySelectorAll("section.root").length`)); n != 1 {
			t.Errorf("the page of one root shows %d roots", n)
		}
		shoot(t, ctx, dir, "07f-posture-root")
		do(t, ctx, "open the stale exceptions", chromedp.Navigate(e.url+"/exceptions"), chromedp.Click(css(`#count-stale`)),
			chromedp.WaitVisible(css(`table.exceptions tr.exception.stale`)))
		if n := get(t, ctx, "count the rows", chromedp.Evaluate[int](`document.querySelectorAll("table.exceptions tr.exception").length`)); n != 3 {
			t.Errorf("stale filter shows %d rows, want 3", n)
		}
		shoot(t, ctx, dir, "07g-exceptions-stale")
		do(t, ctx, "open the register", chromedp.Navigate(e.url+"/exceptions"), chromedp.WaitVisible(css(`table.exceptions tr.exception.in-force`)))
		if owner := text(t, ctx, `table.exceptions tr.exception.in-force td:nth-child(5)`); owner != xInForce.Owner {
			t.Errorf("owner shows %q, want the text %q", owner, xInForce.Owner)
		}
		noInjection(t, ctx, "exceptions")
		do(t, ctx, "open the controls", chromedp.Navigate(e.url+"/controls"), chromedp.WaitVisible(css(`#control-CC6\.1 .control-exception`)))
		if j := text(t, ctx, `#control-CC6\.1 td.exceptions`); !strings.Contains(j, xInForce.Justification) || !strings.Contains(j, xInForce.Owner) {
			t.Errorf("CC6.1 exceptions show %q, want the justification and owner as text", j)
		}
		if n := get(t, ctx, "count detections", chromedp.Evaluate[int](`document.querySelectorAll("#control-CC6\\.1 .detection").length`)); n == 0 {
			t.Errorf("CC6.1 lists no detection")
		}
		noInjection(t, ctx, "controls")
		shoot(t, ctx, dir, "07h-controls-detections")
	})

	t.Run("release report", func(t *testing.T) {
		do(t, ctx, "open a release", chromedp.Navigate(e.url+"/vulns"), chromedp.Click(css(`table.releases tr.release a`)),
			chromedp.WaitVisible(css(`table.vulns`)))
		if n := text(t, ctx, `#diff-new`); n != "1" {
			t.Errorf("release 1.5.0 shows %s new since 1.4.0, want 1", n)
		}
		shoot(t, ctx, dir, "07c-release")
	})

	t.Run("live event over SSE", func(t *testing.T) {
		do(t, ctx, "open the events page", chromedp.Navigate(e.url+"/events"), chromedp.WaitVisible(css(`#live-state`)))
		waitFor(t, ctx, "live feed connected", `document.getElementById("live-state").textContent === "connected"`)
		e.ingestJSON(t, "vcs", `{"actor":"live-carol","action":"repo.delete","target":"org/live-demo","outcome":"failure","id":"live-1"}`)
		waitFor(t, ctx, "the live row", `(() => { const r = document.querySelector("tbody.event-rows tr"); return !!r && r.textContent.includes("live-carol"); })()`)
		if first := text(t, ctx, `tbody.event-rows tr:first-child`); !strings.Contains(first, "org/live-demo") || !strings.Contains(first, "failure") {
			t.Errorf("live row %q lacks the target or outcome", first)
		}
		shoot(t, ctx, dir, "08-events-live")
	})

	t.Run("hostile event fields", func(t *testing.T) {
		// The payloads go in through the API like any event; one arrives
		// while the events page is open (the live feed), then every page
		// that shows them is opened.
		do(t, ctx, "open the events page", chromedp.Navigate(e.url+"/events"), chromedp.WaitVisible(css(`#live-state`)))
		waitFor(t, ctx, "live feed connected", `document.getElementById("live-state").textContent === "connected"`)
		body := fmt.Sprintf(`{"actor":%q,"user_agent":%q,"target":%q,"action":%q,"outcome":"failure","id":"xss-1","note":"</pre><script>window.__pwned='raw'</script>"}`,
			xssActor, xssUserAgent, xssTarget, xssAction)
		e.ingestJSON(t, "vcs", body)
		waitFor(t, ctx, "the hostile live row", `document.querySelector("tbody.event-rows tr").textContent.includes("onerror")`)
		noInjection(t, ctx, "live feed")
		shoot(t, ctx, dir, "09-xss-live")

		events, err := e.db.FindEvents(context.Background(), attest.EventFilter{AfterSeq: -1, Source: "vcs", Action: xssAction})
		if err != nil || len(events) != 1 {
			t.Fatalf("the hostile event was not stored: %v %v", events, err)
		}
		seq := events[0].Seq
		for _, p := range []string{"/events", "/", fmt.Sprintf("/events/%d", seq), "/events?outcome=failure&source=vcs"} {
			do(t, ctx, "open "+p, chromedp.Navigate(e.url+p), chromedp.WaitReady(css(`main`)))
			noInjection(t, ctx, p)
		}
		do(t, ctx, "open the event", chromedp.Navigate(e.url+fmt.Sprintf("/events/%d", seq)), chromedp.WaitVisible(css(`#raw`)))
		for _, c := range []struct{ sel, want string }{{`#actor`, xssActor}, {`#user-agent`, xssUserAgent}, {`#target`, xssTarget}} {
			if got := text(t, ctx, c.sel); got != c.want {
				t.Errorf("%s shows %q, want the payload as text %q", c.sel, got, c.want)
			}
		}
		if raw := text(t, ctx, `#raw`); !strings.Contains(raw, "<script>window.__pwned='raw'</script>") {
			t.Errorf("the raw record is not shown as text: %q", raw)
		}
		noInjection(t, ctx, "event page")
		shoot(t, ctx, dir, "10-xss-event")
		// The actor's timeline, reached by the link on the actor's name.
		do(t, ctx, "follow the actor link", chromedp.Click(css(`#actor a`)), chromedp.WaitVisible(css(`table.events`)))
		if h1 := text(t, ctx, `h1`); h1 != "Timeline of "+xssActor {
			t.Errorf("timeline heading %q", h1)
		}
		noInjection(t, ctx, "actor timeline")
	})

	t.Run("verify the log", func(t *testing.T) {
		if _, err := e.log.Publish(context.Background()); err != nil {
			t.Fatal(err)
		}
		do(t, ctx, "verify", chromedp.Navigate(e.url+"/log"), chromedp.Click(css(`#verify`)), chromedp.WaitVisible(css(`#verification .badge`)))
		if result := text(t, ctx, `#verification`); !strings.Contains(result, "no tampering found") || !strings.Contains(result, "alice@example.com") {
			t.Errorf("verification shows %q", result)
		}
		shoot(t, ctx, dir, "11-log-verified")
	})

	t.Run("acknowledge an alert", func(t *testing.T) {
		a := e.waitAlert(t)
		do(t, ctx, "open the alerts", chromedp.Navigate(e.url+"/alerts?status=open"), chromedp.WaitVisible(css(`table.alerts tr.alert`)))
		shoot(t, ctx, dir, "12-alerts")
		do(t, ctx, "open the alert", chromedp.Navigate(fmt.Sprintf("%s/alerts/%d", e.url, a.ID)), chromedp.WaitVisible(css(`#ack`)),
			chromedp.SendKeys(css(`#ack-note`), "paged the owner"), chromedp.Click(css(`#ack`)),
			chromedp.WaitVisible(css(`#alert-note`)))
		if st := text(t, ctx, `#alert-status`); st != "acknowledged" {
			t.Errorf("alert status after acknowledging: %q", st)
		}
		if by, note := text(t, ctx, `#status-by`), text(t, ctx, `#alert-note`); by != "alice@example.com" || note != "paged the owner" {
			t.Errorf("acknowledged by %q with note %q", by, note)
		}
		shoot(t, ctx, dir, "13-alert-acknowledged")
	})

	t.Run("cross-site form refused", func(t *testing.T) {
		// A page on another origin (the provider's server) posts a form
		// to the dashboard, with the real CSRF token even: the browser
		// sends the session cookie (same site), and the Origin check
		// refuses it.
		before := len(e.records(t, web.ActionVerify))
		do(t, ctx, "open the log page", chromedp.Navigate(e.url+"/log"), chromedp.WaitVisible(css(`#verify`)))
		csrf := get(t, ctx, "read the CSRF token", chromedp.Value(css(`form.who input[name=csrf]`)))
		idp.mu.Lock()
		idp.evil = fmt.Sprintf(`<!doctype html><form id="f" method="post" action="%s/log/verify"><input name="csrf" value="%s"></form><script>document.getElementById("f").submit()</script>`, e.url, csrf)
		idp.mu.Unlock()
		do(t, ctx, "open the other site", chromedp.Navigate(idp.issuer()+"/evil"), chromedp.WaitVisible(css(`#error-message`)))
		if msg := text(t, ctx, `#error-message`); !strings.Contains(msg, "cross-site request refused") {
			t.Errorf("cross-site post answered %q", msg)
		}
		if got := len(e.records(t, web.ActionVerify)); got != before {
			t.Errorf("the cross-site form ran a verification")
		}
		shoot(t, ctx, dir, "14-cross-site-refused")
	})

	t.Run("sign out", func(t *testing.T) {
		do(t, ctx, "sign out", chromedp.Navigate(e.url+"/"), chromedp.WaitVisible(css(`form.who button`)),
			chromedp.Click(css(`form.who button`)), chromedp.WaitVisible(css(`#sso`)))
		if got := e.records(t, web.ActionSignOut); len(got) != 1 || got[0].Actor != "alice@example.com" {
			t.Errorf("sign-out records %v", got)
		}
	})
}
