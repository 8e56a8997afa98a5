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
)

// waive applies the exceptions register and inline waivers to the findings:
// a failure that an unexpired exception covers becomes waived. It returns the
// expired exceptions that would have matched a failure, for the report.
func waive(findings []attest.Finding, register []attest.Exception, inline *inlineWaivers, now time.Time) (expired []attest.Exception, diags attest.Diagnostics) {
	seenExpired := map[attest.Pos]bool{}
	for i := range findings {
		f := &findings[i]
		if f.Status != attest.StatusFail {
			continue
		}
		candidates := register
		ins, ds := inline.at(f)
		diags = append(diags, ds...)
		candidates = append(candidates[:len(candidates):len(candidates)], ins...)
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
	return expired, diags
}

// matchesFinding reports whether the exception covers the finding's rule and
// resource. A resource pattern may be prefixed with its root ("stacks/web:").
func matchesFinding(e *attest.Exception, f *attest.Finding) bool {
	if e.RuleID != f.RuleID && e.RuleID != "*" {
		return false
	}
	pattern, subject := e.Resource, f.Resource
	if root, rest, ok := strings.Cut(pattern, ":"); ok && !strings.Contains(root, "[") {
		if ok, _ := filepath.Match(root, f.Root); !ok {
			return false
		}
		pattern = rest
	}
	if pattern == "*" || pattern == subject {
		return true
	}
	ok, _ := filepath.Match(pattern, subject)
	return ok
}

// inlineWaivers finds `attest:ignore` comments in source files, reading each
// file once.
type inlineWaivers struct {
	mu    sync.Mutex
	files map[string][]string
}

// inlineRE matches `attest:ignore <rule-id> reason="..." expires=YYYY-MM-DD`
// after a # or // comment marker.
var inlineRE = regexp.MustCompile(`(?:#|//)\s*attest:ignore\s+(\S+)(.*)$`)

var (
	reasonRE  = regexp.MustCompile(`reason="([^"]*)"`)
	expiresRE = regexp.MustCompile(`expires=(\S+)`)
	ownerRE   = regexp.MustCompile(`owner=(\S+)`)
)

// at returns the inline waivers on the first line of the finding's resource
// or in the comment lines right above it.
func (w *inlineWaivers) at(f *attest.Finding) ([]attest.Exception, attest.Diagnostics) {
	if w == nil || f.Range.File == "" || f.Range.StartLine == 0 {
		return nil, nil
	}
	lines := w.lines(f.Range.File)
	start := f.Range.StartLine - 1
	if start >= len(lines) {
		return nil, nil
	}
	var out []attest.Exception
	var diags attest.Diagnostics
	check := func(i int) {
		m := inlineRE.FindStringSubmatch(lines[i])
		if m == nil {
			return
		}
		at := attest.Pos{File: f.Range.File, Line: i + 1, Column: strings.Index(lines[i], "attest:ignore") + 1}
		e := attest.Exception{RuleID: m[1], Resource: f.Resource, Source: at, Owner: "inline"}
		if r := reasonRE.FindStringSubmatch(m[2]); r != nil {
			e.Justification = r[1]
		}
		if o := ownerRE.FindStringSubmatch(m[2]); o != nil {
			e.Owner = o[1]
		}
		if e.Justification == "" {
			diags = append(diags, attest.Diagnostic{Severity: attest.DiagWarning, Pos: at,
				Summary: "inline waiver needs reason=\"...\"; it is not applied"})
			return
		}
		if x := expiresRE.FindStringSubmatch(m[2]); x != nil {
			t, err := time.Parse(time.DateOnly, x[1])
			if err != nil {
				diags = append(diags, attest.Diagnostic{Severity: attest.DiagWarning, Pos: at,
					Summary: fmt.Sprintf("inline waiver expires=%q: want YYYY-MM-DD; it is not applied", x[1])})
				return
			}
			e.Expires = t.Add(24 * time.Hour)
		} else {
			diags = append(diags, attest.Diagnostic{Severity: attest.DiagWarning, Pos: at,
				Summary: "inline waiver needs expires=YYYY-MM-DD; it is not applied"})
			return
		}
		out = append(out, e)
	}
	check(start)
	for i := start - 1; i >= 0; i-- {
		t := strings.TrimSpace(lines[i])
		if !strings.HasPrefix(t, "#") && !strings.HasPrefix(t, "//") {
			break
		}
		check(i)
	}
	return out, diags
}

func (w *inlineWaivers) lines(file string) []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	if l, ok := w.files[file]; ok {
		return l
	}
	var lines []string
	if data, err := os.ReadFile(file); err == nil && bytes.Contains(data, []byte("attest:ignore")) {
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
		for sc.Scan() {
			lines = append(lines, sc.Text())
		}
	}
	if w.files == nil {
		w.files = map[string][]string{}
	}
	w.files[file] = lines
	return lines
}
