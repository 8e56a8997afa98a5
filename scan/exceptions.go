package scan

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/report"
)

// waive applies the exceptions register and inline waivers to the findings:
// a failure that an unexpired exception covers becomes waived. It returns the
// expired exceptions that would have matched a failure, and the register
// entries that match nothing: a rule that did not run, or a resource pattern
// that no scanned resource matches.
func waive(findings []attest.Finding, register []attest.Exception, inline *inlineWaivers, scope waiverScope, now time.Time) (expired []attest.Exception, stale []report.StaleException, diags attest.Diagnostics) {
	seenExpired := map[attest.Pos]bool{}
	// Kubernetes objects carry their waivers in an annotation
	// (annotationWaivers); their diagnostics are reported below, once.
	annotated := map[[2]string][]attest.Exception{}
	for i := range scope.resources {
		r := &scope.resources[i]
		if ws, _ := annotationWaivers(r); len(ws) > 0 {
			annotated[[2]string{r.Root, r.Address}] = ws
		}
	}
	for i := range findings {
		f := &findings[i]
		if f.Status != attest.StatusFail {
			continue
		}
		candidates := register
		ins, ds := inline.at(f)
		diags = append(diags, ds...)
		candidates = append(candidates[:len(candidates):len(candidates)], ins...)
		candidates = append(candidates, annotated[[2]string{f.Root, f.Resource}]...)
		for j := range candidates {
			e := &candidates[j]
			if !matchesFinding(e, f) {
				continue
			}
			if e.Expired(now) {
				if !seenExpired[e.Source] {
					seenExpired[e.Source] = true
					expired = append(expired, *e)
				}
				continue
			}
			f.Status = attest.StatusWaived
			f.Exception = &attest.Exception{}
			*f.Exception = *e
			break
		}
	}
	for _, e := range register {
		if reason := scope.unmatched(&e); reason != "" {
			stale = append(stale, report.StaleException{Exception: e, Reason: reason})
		}
	}
	// Inline waivers are read for every resource, not only failing ones,
	// so that a malformed waiver or one naming a rule that did not run is
	// reported wherever it is (once: the reader remembers what it reported).
	seenInline := map[attest.Pos]bool{}
	for i := range scope.resources {
		r := &scope.resources[i]
		ins, ds := inline.at(&attest.Finding{Resource: r.Address, Root: r.Root, Range: r.Range})
		diags = append(diags, ds...)
		ann, ds := annotationWaivers(r)
		diags = append(diags, ds...)
		for _, e := range append(ins, ann...) {
			if scope.rules[e.RuleID] || seenInline[e.Source] {
				continue
			}
			seenInline[e.Source] = true
			stale = append(stale, report.StaleException{Exception: e, Reason: fmt.Sprintf("no rule %q ran in this scan (unknown rule id, or not selected)", e.RuleID)})
		}
	}
	return expired, stale, diags
}

// waiverScope is what register entries can match: the rules that ran and
// the resources that were loaded.
type waiverScope struct {
	rules     map[string]bool
	resources []attest.Resource
}

// unmatched says why a register entry matches nothing, or "" when it
// matches a rule that ran and at least one resource.
func (s waiverScope) unmatched(e *attest.Exception) string {
	if e.RuleID != "*" && !s.rules[e.RuleID] {
		return fmt.Sprintf("no rule %q ran in this scan (unknown rule id, or not selected)", e.RuleID)
	}
	for i := range s.resources {
		if matchesResource(e.Resource, s.resources[i].Root, s.resources[i].Address) {
			return ""
		}
	}
	return fmt.Sprintf("resource pattern %q matched no resource", e.Resource)
}

// matchesFinding reports whether the exception covers the finding's rule and
// resource.
func matchesFinding(e *attest.Exception, f *attest.Finding) bool {
	if e.RuleID != f.RuleID && e.RuleID != "*" {
		return false
	}
	return matchesResource(e.Resource, f.Root, f.Resource)
}

// matchesResource reports whether a resource pattern covers an address in a
// root. A pattern may be prefixed with its root ("stacks/web:"); a colon
// inside an index key (module.x["a:b"]) is part of the address.
func matchesResource(pattern, root, addr string) bool {
	if r, rest, ok := strings.Cut(pattern, ":"); ok && !strings.ContainsAny(r, `["`) {
		if !glob(r, root) {
			return false
		}
		pattern = rest
	}
	return pattern == "*" || pattern == addr || glob(pattern, addr)
}

// glob matches s against a pattern in which only * (any run of characters,
// dots, brackets and quotes included) and ? (one character) are special, so
// that addresses such as module.b["x"].aws_s3_bucket.this are written as
// they are printed. path.Match does not fit even with [ escaped: its * stops
// at a slash, and for_each keys are often paths (files["css/site.css"]).
// It runs in O(len(pattern)·len(s)) at worst.
func glob(pattern, s string) bool {
	p, str := []rune(pattern), []rune(s)
	pi, si := 0, 0
	star, mark := -1, 0
	for si < len(str) {
		switch {
		case pi < len(p) && (p[pi] == '?' || p[pi] == str[si]):
			pi++
			si++
		case pi < len(p) && p[pi] == '*':
			star, mark = pi, si
			pi++
		case star >= 0:
			pi = star + 1
			mark++
			si = mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

// inlineWaivers finds `attest:ignore` comments in source files, reading each
// file once and reporting each malformed or refused waiver once.
type inlineWaivers struct {
	mu       sync.Mutex
	files    map[string][]string
	reported map[attest.Pos]bool
}

// inlineRE matches `attest:ignore <rule-id> reason="..." expires=YYYY-MM-DD`
// after a # or // comment marker.
var inlineRE = regexp.MustCompile(`(?:#|//)\s*attest:ignore(?:\s+(\S+))?(.*)$`)

var (
	reasonRE  = regexp.MustCompile(`reason="([^"]*)"`)
	expiresRE = regexp.MustCompile(`expires=(\S+)`)
	ownerRE   = regexp.MustCompile(`owner=(\S+)`)
)

// downloadedModule reports whether a file belongs to a module that terraform
// init downloaded: its inline waivers were written by someone else and are
// not applied.
func downloadedModule(file string) bool {
	p := "/" + filepath.ToSlash(file)
	return strings.Contains(p, "/.terraform/modules/")
}

// at returns the inline waivers of the finding's resource: on the lines of
// its block (the first line included) or in the comment lines right above
// it. A waiver must name one rule and give a reason and an expiry; a
// wildcard is only allowed in the register, where it has an owner, and
// waivers in downloaded modules are ignored.
func (w *inlineWaivers) at(f *attest.Finding) ([]attest.Exception, attest.Diagnostics) {
	if w == nil || f.Range.File == "" || f.Range.StartLine == 0 {
		return nil, nil
	}
	lines := w.lines(f.Range.File)
	start := f.Range.StartLine - 1
	if start >= len(lines) {
		return nil, nil
	}
	end := max(start, min(f.Range.EndLine-1, len(lines)-1))
	var out []attest.Exception
	var diags attest.Diagnostics
	warn := func(at attest.Pos, summary string) {
		w.mu.Lock()
		defer w.mu.Unlock()
		if w.reported[at] {
			return
		}
		if w.reported == nil {
			w.reported = map[attest.Pos]bool{}
		}
		w.reported[at] = true
		diags = append(diags, attest.Diagnostic{Severity: attest.DiagWarning, Pos: at, Summary: summary})
	}
	check := func(i int) {
		m := inlineRE.FindStringSubmatch(lines[i])
		if m == nil {
			return
		}
		at := attest.Pos{File: f.Range.File, Line: i + 1, Column: strings.Index(lines[i], "attest:ignore") + 1}
		switch {
		case downloadedModule(f.Range.File):
			warn(at, "inline waiver in a downloaded module (.terraform/modules) is ignored; waive it in .attest.yaml")
			return
		case m[1] == "" || strings.Contains(m[1], "="):
			warn(at, `inline waiver needs a rule id ("attest:ignore RULE-ID reason=... expires=YYYY-MM-DD"); it is not applied`)
			return
		case strings.ContainsAny(m[1], "*?"):
			warn(at, fmt.Sprintf("inline waiver %q: wildcards are allowed only in the exceptions register (.attest.yaml, with owner and expiry); it is not applied", m[1]))
			return
		}
		e := attest.Exception{RuleID: m[1], Resource: f.Resource, Source: at, Owner: "inline"}
		if r := reasonRE.FindStringSubmatch(m[2]); r != nil {
			e.Justification = r[1]
		}
		if o := ownerRE.FindStringSubmatch(m[2]); o != nil {
			e.Owner = o[1]
		}
		if e.Justification == "" {
			warn(at, "inline waiver needs reason=\"...\"; it is not applied")
			return
		}
		if x := expiresRE.FindStringSubmatch(m[2]); x != nil {
			t, err := time.Parse(time.DateOnly, x[1])
			if err != nil {
				warn(at, fmt.Sprintf("inline waiver expires=%q: want YYYY-MM-DD; it is not applied", x[1]))
				return
			}
			e.Expires = t
		} else {
			warn(at, "inline waiver needs expires=YYYY-MM-DD; it is not applied")
			return
		}
		out = append(out, e)
	}
	for i := start; i <= end; i++ {
		check(i)
	}
	for i := start - 1; i >= 0; i-- {
		t := strings.TrimSpace(lines[i])
		if !strings.HasPrefix(t, "#") && !strings.HasPrefix(t, "//") {
			break
		}
		check(i)
	}
	return out, diags
}

// lines returns the lines of file where inline waivers are looked for:
// none when it holds no attest:ignore. A file the loaders read is not read
// again (remember); any other is read on first use.
func (w *inlineWaivers) lines(file string) []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	if l, ok := w.files[file]; ok {
		return l
	}
	var lines []string
	if data, err := os.ReadFile(file); err == nil {
		lines = waiverLines(data)
	}
	if w.files == nil {
		w.files = map[string][]string{}
	}
	w.files[file] = lines
	return lines
}

// remember records the lines of a file a loader has read whole, so that
// finding its inline waivers does not read it a second time. Only a file
// holding attest:ignore keeps its lines; for the others it is known that
// they have none. A nil w remembers nothing.
func (w *inlineWaivers) remember(file string, data []byte) {
	if w == nil {
		return
	}
	lines := waiverLines(data)
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.files == nil {
		w.files = map[string][]string{}
	}
	w.files[file] = lines
}

// waiverLines splits a file's content into lines when it holds an inline
// waiver (attest:ignore), and returns nil when it holds none.
func waiverLines(data []byte) []string {
	if !bytes.Contains(data, []byte("attest:ignore")) {
		return nil
	}
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	return lines
}
