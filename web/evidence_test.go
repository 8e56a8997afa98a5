package web_test

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/detect"
	et "github.com/attest-dev/attest/evidence/evidencetest"
)

// Exceptions of the register scenario (seedRegister), each declared at its
// own line of .attest.yaml.
var (
	day = time.Now().UTC().Truncate(24 * time.Hour)
	// xInForce waives pod.p1 in both scans of stacks/web.
	xInForce = &attest.Exception{RuleID: "k8s-privileged", Resource: "pod.p1", Owner: `<img src=x onerror="window.__pwned='owner'">`,
		Justification: "<script>window.__pwned='why'</script> vendor agent needs it", Expires: day.AddDate(0, 0, 200), Ticket: "SEC-1",
		Source: attest.Pos{File: "stacks/web/.attest.yaml", Line: 3}}
	// xFixed waived trail.t1 in the first scan of stacks/web; the trail
	// passes in the second, so it matches no finding any more.
	xFixed = &attest.Exception{RuleID: "aws-cloudtrail-enabled", Resource: "trail.t1", Owner: "bob", Justification: "org trail elsewhere",
		Expires: day.AddDate(0, 0, 90), Source: attest.Pos{File: "stacks/web/.attest.yaml", Line: 9}}
	// xExpiring waives pod.p2 and ends in ten days.
	xExpiring = &attest.Exception{RuleID: "k8s-privileged", Resource: "pod.p2", Owner: "carol", Justification: "until the rewrite",
		Expires: day.AddDate(0, 0, 10), Source: attest.Pos{File: "stacks/web/.attest.yaml", Line: 15}}
	// xNoResource is reported stale by the scan itself.
	xNoResource = attest.Exception{RuleID: "aws-s3-encryption", Resource: "bucket.gone", Owner: "dave", Justification: "old bucket",
		Source: attest.Pos{File: "stacks/web/.attest.yaml", Line: 21}}
	// xExpired is past its expiry in the second scan.
	xExpired = attest.Exception{RuleID: "aws-s3-encryption", Resource: "bucket.a1", Owner: "erin", Justification: "was temporary",
		Expires: day.AddDate(0, 0, -5), Source: attest.Pos{File: "stacks/web/.attest.yaml", Line: 27}}
	// xRuleGone waived pod.b9 of stacks/db; the latest scan of stacks/db
	// no longer runs k8s-privileged.
	xRuleGone = &attest.Exception{RuleID: "k8s-privileged", Resource: "pod.b9", Owner: "frank", Justification: "batch job",
		Source: attest.Pos{File: "stacks/db/.attest.yaml", Line: 2}}
)

// seedRegister uploads three scans of github.com/acme/platform:
//
//  1. stacks/web and stacks/db: bucket.a1 and bucket.a2 fail, pod.p1
//     waived by xInForce, trail.t1 by xFixed; bucket.b1 fails, pod.b9
//     waived by xRuleGone.
//  2. stacks/web only: bucket.a1 still fails, bucket.a2 passes (fixed),
//     bucket.a3 fails (new); pod.p1 waived by xInForce, pod.p2 by
//     xExpiring, trail.t1 passes; the scan reports xNoResource stale and
//     xExpired expired.
//  3. stacks/db only, without the rule k8s-privileged: bucket.b1 passes
//     (fixed), bucket.b2 fails (new).
//
// Compared scan by scan, scan 3 would be measured against scan 2 (another
// root); by root, each root against its own previous scan.
func (e *env) seedRegister(t *testing.T) {
	t.Helper()
	const repo = "/api/v1/evidence/scans?repository=github.com/acme/platform&branch=main&commit="
	now := time.Now()
	web, db := "stacks/web", "stacks/db"
	e.upload(t, repo+"1111111", et.ScanBody(now, false,
		et.Verdict{Rule: "aws-s3-encryption", Resource: "bucket.a1", Status: attest.StatusFail, Root: web},
		et.Verdict{Rule: "aws-s3-encryption", Resource: "bucket.a2", Status: attest.StatusFail, Root: web},
		et.Verdict{Rule: "k8s-privileged", Resource: "pod.p1", Status: attest.StatusWaived, Root: web, Exception: xInForce},
		et.Verdict{Rule: "aws-cloudtrail-enabled", Resource: "trail.t1", Status: attest.StatusWaived, Root: web, Exception: xFixed},
		et.Verdict{Rule: "aws-s3-encryption", Resource: "bucket.b1", Status: attest.StatusFail, Root: db},
		et.Verdict{Rule: "k8s-privileged", Resource: "pod.b9", Status: attest.StatusWaived, Root: db, Exception: xRuleGone},
	))
	second := et.ScanBody(now, false,
		et.Verdict{Rule: "aws-s3-encryption", Resource: "bucket.a1", Status: attest.StatusFail, Root: web},
		et.Verdict{Rule: "aws-s3-encryption", Resource: "bucket.a2", Status: attest.StatusPass, Root: web},
		et.Verdict{Rule: "aws-s3-encryption", Resource: "bucket.a3", Status: attest.StatusFail, Root: web},
		et.Verdict{Rule: "k8s-privileged", Resource: "pod.p1", Status: attest.StatusWaived, Root: web, Exception: xInForce},
		et.Verdict{Rule: "k8s-privileged", Resource: "pod.p2", Status: attest.StatusWaived, Root: web, Exception: xExpiring},
		et.Verdict{Rule: "aws-cloudtrail-enabled", Resource: "trail.t1", Status: attest.StatusPass, Root: web},
	)
	e.upload(t, repo+"2222222", edit(t, second, func(doc map[string]any) {
		doc["stale_exceptions"] = []any{map[string]any{"exception": xNoResource, "reason": `resource pattern "bucket.gone" matched no resource`}}
		doc["expired_exceptions"] = []any{xExpired}
	}))
	third := et.ScanBody(now, false,
		et.Verdict{Rule: "aws-s3-encryption", Resource: "bucket.b1", Status: attest.StatusPass, Root: db},
		et.Verdict{Rule: "aws-s3-encryption", Resource: "bucket.b2", Status: attest.StatusFail, Root: db},
	)
	e.upload(t, repo+"3333333", edit(t, third, func(doc map[string]any) {
		var rules []any
		for _, r := range doc["rules"].([]any) {
			if r.(map[string]any)["id"] != "k8s-privileged" {
				rules = append(rules, r)
			}
		}
		doc["rules"] = rules
	}))
}

// rootSection returns the part of the posture page about one root.
func rootSection(t *testing.T, body, root string) string {
	t.Helper()
	start := strings.Index(body, `<section class="root" data-root="`+root+`">`)
	if start < 0 {
		t.Fatalf("no section of root %s", root)
	}
	end := strings.Index(body[start:], "</section>")
	return body[start : start+end]
}

var countRE = regexp.MustCompile(`<strong class="(failures|new-count|fixed-count|still-count)">(\d+)</strong>`)

// counts reads the failing, new, fixed and still-failing counts of a root.
func counts(section string) map[string]string {
	out := map[string]string{}
	for _, m := range countRE.FindAllStringSubmatch(section, -1) {
		out[m[1]] = m[2]
	}
	return out
}

// TestPosture_ByRoot: each root of a repository is compared with the
// previous scan of the same repository and root, not with the previous
// upload of the repository, which may have covered another root.
func TestPosture_ByRoot(t *testing.T) {
	e := newEnv(t)
	e.seedRegister(t)
	b := e.browser()
	if status, _ := b.signInToken(e.admin); status != http.StatusOK {
		t.Fatal("sign-in failed")
	}
	status, body := b.get("/posture")
	if status != http.StatusOK {
		t.Fatalf("posture: %d\n%s", status, body)
	}
	for _, tc := range []struct {
		root, commit, prev string
		counts             map[string]string
		failing, fixed     []string
	}{
		{"stacks/web", "2222222", "1111111", map[string]string{"failures": "2", "new-count": "1", "fixed-count": "1", "still-count": "1"},
			[]string{"bucket.a1", "bucket.a3"}, []string{"bucket.a2"}},
		{"stacks/db", "3333333", "1111111", map[string]string{"failures": "1", "new-count": "1", "fixed-count": "1", "still-count": "0"},
			[]string{"bucket.b2"}, []string{"bucket.b1"}},
	} {
		sec := rootSection(t, body, tc.root)
		if got := counts(sec); !equalMaps(got, tc.counts) {
			t.Errorf("%s: counts %v, want %v", tc.root, got, tc.counts)
		}
		if !strings.Contains(sec, "commit <code>"+tc.commit+"</code>") || !strings.Contains(sec, "previous scan of this root") ||
			!strings.Contains(sec, "commit <code>"+tc.prev+"</code>") {
			t.Errorf("%s: want latest commit %s compared with %s:\n%s", tc.root, tc.commit, tc.prev, sec)
		}
		for _, r := range tc.failing {
			if !strings.Contains(sec, r+"<br>") {
				t.Errorf("%s: %s not listed failing", tc.root, r)
			}
		}
		fixed := sec[strings.Index(sec, "Fixed since")+1:]
		for _, r := range tc.fixed {
			if !strings.Contains(fixed, "on "+r+" (") {
				t.Errorf("%s: %s not listed fixed", tc.root, r)
			}
		}
		if !strings.Contains(sec, tc.root+"/main.tf:") {
			t.Errorf("%s: no file:line", tc.root)
		}
	}
	if web := rootSection(t, body, "stacks/web"); strings.Count(web, `class="finding new"`) != 1 || !strings.Contains(web, "Set server_side_encryption_configuration.") {
		t.Errorf("stacks/web: want one failure marked new and the remediation")
	}
	if !strings.Contains(body, `<strong class="repo-failing">3</strong> failing in 2 roots`) {
		t.Errorf("repository total: want 3 failing in 2 roots")
	}

	t.Run("one root, in pages", func(t *testing.T) {
		status, body := b.get("/posture?repo=" + url.QueryEscape("github.com/acme/platform") + "&root=" + url.QueryEscape("stacks/db"))
		if status != http.StatusOK || strings.Contains(body, `data-root="stacks/web"`) || !strings.Contains(body, `data-root="stacks/db"`) {
			t.Errorf("root filter: %d, want stacks/db alone", status)
		}
		if status, _ := b.get("/posture?repo=nowhere"); status != http.StatusNotFound {
			t.Errorf("unknown repository: %d, want 404", status)
		}
		if status, _ := b.get("/posture?offset=-1"); status != http.StatusBadRequest {
			t.Errorf("negative offset: %d, want 400", status)
		}
	})
}

// TestPosture_Pages: a root with more failures than a page shows the first
// on the overview of roots with a link to the root, whose pages list every
// failure once.
func TestPosture_Pages(t *testing.T) {
	e := newEnv(t)
	var vs []et.Verdict
	for i := range 520 {
		vs = append(vs, et.Verdict{Rule: "aws-s3-encryption", Resource: "bucket.n" + strings.Repeat("x", i%3) + strconv.Itoa(i), Status: attest.StatusFail, Root: "big"})
	}
	e.upload(t, "/api/v1/evidence/scans?repository=r", et.ScanBody(time.Now(), false, vs...))
	b := e.browser()
	b.signInToken(e.admin)
	_, body := b.get("/posture")
	if n := strings.Count(body, `<tr class="finding`); n != 50 || !strings.Contains(body, `All 520 failures of this root`) {
		t.Errorf("overview of roots: %d rows, want 50 and a link to all 520", n)
	}
	seen := map[string]bool{}
	next := "/posture?repo=r&root=big"
	for pages := 0; next != ""; pages++ {
		if pages > 3 {
			t.Fatal("too many pages")
		}
		_, body := b.get(next)
		for _, m := range regexp.MustCompile(`<td class="target">(bucket\.n[x0-9]+)<br>`).FindAllStringSubmatch(body, -1) {
			if seen[m[1]] {
				t.Errorf("%s listed twice", m[1])
			}
			seen[m[1]] = true
		}
		next = ""
		if m := regexp.MustCompile(`<a class="more" href="([^"]+)">Next page`).FindStringSubmatch(body); m != nil {
			next = html.UnescapeString(m[1])
		}
	}
	if len(seen) != 520 {
		t.Errorf("the pages list %d failures, want 520", len(seen))
	}
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// exceptionRows returns the rows of the exceptions table by their
// "declared at" position.
func exceptionRows(t *testing.T, body string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, row := range strings.Split(body, `<tr class="exception `)[1:] {
		row = row[:strings.Index(row, "</tr>")]
		m := regexp.MustCompile(`<td><code>([^<]+)</code></td>\s*$`).FindStringSubmatch(row)
		if m == nil {
			t.Fatalf("row without a declaration: %s", row)
		}
		out[m[1]] = row
	}
	return out
}

// TestExceptions_Register: the register from the latest scan of each
// repository and root marks exceptions in force, expiring within 30 days,
// expired, and stale (matching no finding any more, rule gone, or
// reported stale by the scan), with owner, justification and expiry shown
// as text.
func TestExceptions_Register(t *testing.T) {
	e := newEnv(t)
	e.seedRegister(t)
	b := e.browser()
	b.signInToken(e.admin)
	status, body := b.get("/exceptions")
	if status != http.StatusOK {
		t.Fatalf("exceptions: %d\n%s", status, body)
	}
	rows := exceptionRows(t, body)
	for _, tc := range []struct {
		x      attest.Exception
		status string
		want   []string
	}{
		{*xInForce, "in-force", []string{"waives 1", "<code>stacks/web</code>", "SEC-1"}},
		{*xExpiring, "expiring", []string{"carol", day.AddDate(0, 0, 10).Format(time.DateOnly)}},
		{*xFixed, "stale", []string{"matches no finding in the latest scan of stacks/web any more"}},
		{*xRuleGone, "stale", []string{"rule k8s-privileged no longer exists", "<code>stacks/db</code>"}},
		{xNoResource, "stale", []string{`resource pattern &#34;bucket.gone&#34; matched no resource`}},
		{xExpired, "expired", []string{"erin", day.AddDate(0, 0, -5).Format(time.DateOnly)}},
	} {
		row, ok := rows[tc.x.Source.String()]
		if !ok {
			t.Errorf("%s on %s: not in the register", tc.x.RuleID, tc.x.Resource)
			continue
		}
		if !strings.HasPrefix(row, tc.status+`">`) {
			t.Errorf("%s on %s: row %q, want status %s", tc.x.RuleID, tc.x.Resource, row[:min(len(row), 40)], tc.status)
		}
		for _, w := range tc.want {
			if !strings.Contains(row, w) {
				t.Errorf("%s on %s (%s): lacks %q", tc.x.RuleID, tc.x.Resource, tc.status, w)
			}
		}
	}
	if len(rows) != 6 {
		t.Errorf("%d rows, want 6", len(rows))
	}
	// Worst first: expired, then stale, expiring, in force.
	order := []string{xExpired.Source.String(), xExpiring.Source.String(), xInForce.Source.String()}
	if i, j, k := strings.Index(body, order[0]), strings.Index(body, order[1]), strings.Index(body, order[2]); !(i < j && j < k) {
		t.Errorf("rows not worst first: expired at %d, expiring at %d, in force at %d", i, j, k)
	}
	for _, w := range []string{`id="count-stale"><span class="xstatus stale">stale</span> 3`, `id="count-expiring"><span class="xstatus expiring">expiring</span> 1`} {
		if !strings.Contains(body, w) {
			t.Errorf("counts lack %q", w)
		}
	}
	if strings.Contains(body, xInForce.Owner) || strings.Contains(body, "<script>window") || !strings.Contains(body, html.EscapeString(xInForce.Owner)) {
		t.Errorf("owner or justification not escaped")
	}
	t.Run("filter", func(t *testing.T) {
		_, body := b.get("/exceptions?status=stale")
		if rows := exceptionRows(t, body); len(rows) != 3 {
			t.Errorf("stale filter: %d rows, want 3", len(rows))
		}
		if status, _ := b.get("/exceptions?status=maybe"); status != http.StatusBadRequest {
			t.Errorf("unknown status: %d, want 400", status)
		}
	})
}

// TestControls_DetectionsAndExceptions: each control lists the detections
// the server runs that map to it and the exceptions in force on its rules,
// with owner, justification and expiry.
func TestControls_DetectionsAndExceptions(t *testing.T) {
	e := newEnv(t)
	e.seedRegister(t)
	b := e.browser()
	b.signInToken(e.admin)
	status, body := b.get("/controls")
	if status != http.StatusOK {
		t.Fatalf("controls: %d\n%s", status, body)
	}
	row := func(id string) string {
		t.Helper()
		i := strings.Index(body, `<tr class="control" id="control-`+id+`">`)
		if i < 0 {
			t.Fatalf("no row of %s", id)
		}
		return body[i : i+strings.Index(body[i:], "</tr>")]
	}
	set, err := detect.LoadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, d := range set.Rules {
		if slices.Contains(d.Controls[attest.FrameworkSOC2], "CC6.1") {
			want = append(want, d.Key())
		}
	}
	if len(want) == 0 {
		t.Fatal("no built-in detection maps to CC6.1")
	}
	cc61 := row("CC6.1")
	for _, k := range want {
		if !strings.Contains(cc61, `<a href="/alerts?rule=`+url.QueryEscape(k)+`"><code>`+k+`</code></a>`) {
			t.Errorf("CC6.1 lacks detection %s", k)
		}
	}
	if n := strings.Count(cc61, `class="detection"`); n != len(want) {
		t.Errorf("CC6.1 lists %d detections, want %d", n, len(want))
	}
	// k8s-privileged supports CC6.1: its exceptions in force are there,
	// the stale and expired are not.
	ex := cc61[strings.Index(cc61, `<td class="exceptions">`):]
	for _, x := range []*attest.Exception{xInForce, xExpiring} {
		if !strings.Contains(ex, "<code>"+x.RuleID+"</code> on <span class=\"target\">"+x.Resource+"</span>") ||
			!strings.Contains(ex, html.EscapeString(x.Justification)) || !strings.Contains(ex, x.Expires.Format(time.DateOnly)) {
			t.Errorf("CC6.1 lacks the exception on %s with its justification and expiry", x.Resource)
		}
	}
	if n := strings.Count(ex, `class="control-exception"`); n != 2 {
		t.Errorf("CC6.1 lists %d exceptions, want the 2 in force", n)
	}
	if !strings.Contains(ex, `<span class="badge unknown">expiring</span>`) {
		t.Errorf("CC6.1 does not mark the expiring exception")
	}
	if cc72 := row("CC7.2"); strings.Contains(cc72, "trail.t1") {
		t.Errorf("CC7.2 shows the stale exception on trail.t1 as in force")
	}
}

// TestPosture_HostileNames: repository, root and resource names come from
// the uploader and the scanned tree; they are shown as text and linked
// with their query escaped.
func TestPosture_HostileNames(t *testing.T) {
	e := newEnv(t)
	root := `stacks/"><script>window.__pwned='root'</script>`
	repo := `acme/<img src=x onerror=alert(1)>&x=1`
	e.upload(t, "/api/v1/evidence/scans?repository="+url.QueryEscape(repo), et.ScanBody(time.Now(), false,
		et.Verdict{Rule: "aws-s3-encryption", Resource: `bucket["<b>x</b>"]`, Status: attest.StatusFail, Root: root}))
	b := e.browser()
	b.signInToken(e.admin)
	for _, p := range []string{"/posture", "/exceptions", "/controls", "/posture?repo=" + url.QueryEscape(repo) + "&root=" + url.QueryEscape(root)} {
		status, body := b.get(p)
		if status != http.StatusOK {
			t.Fatalf("%s: %d\n%s", p, status, body)
		}
		if strings.Contains(body, "<script>window") || strings.Contains(body, "<img src=x") || strings.Contains(body, "<b>x</b>") {
			t.Errorf("%s: a name became markup", p)
		}
	}
	_, body := b.get("/posture")
	for _, w := range []string{html.EscapeString(root), `bucket[&#34;&lt;b&gt;x&lt;/b&gt;&#34;]`} {
		if !strings.Contains(body, w) {
			t.Errorf("posture lacks %s", w)
		}
	}
	m := regexp.MustCompile(`<a class="root-link" href="([^"]+)">`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no link to the root")
	}
	link, err := url.Parse(html.UnescapeString(m[1]))
	if err != nil || link.Path != "/posture" || link.Query().Get("repo") != repo || link.Query().Get("root") != root || len(link.Query()) != 2 {
		t.Errorf("root link %s: want /posture with the repository and root as its two parameters", m[1])
	}
}
