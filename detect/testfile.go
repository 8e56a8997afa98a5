package detect

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/attest-dev/attest"
	"go.yaml.in/yaml/v3"
)

// TestFile is a rule file's test events, <rule>.tests.yml beside <rule>.yml:
// cases of events that must raise a match of one of the file's rules, or
// none.
//
//	source: cloudtrail
//	cases:
//	  - name: root signs in to the console
//	    match: true
//	    events:
//	      - {eventVersion: "1.08", eventTime: "2026-01-01T00:00:00Z", ...}
//
// Each event is one record as its source sends it, normalised by the
// source's normaliser; a case's events are evaluated in order on a fresh
// engine (so correlation windows start empty).
type TestFile struct {
	Source string     `yaml:"source"`
	Cases  []TestCase `yaml:"cases"`
}

// TestCase is one case of a TestFile.
type TestCase struct {
	Name   string `yaml:"name"`
	Match  bool   `yaml:"match"`
	Events []any  `yaml:"events"`
}

// TestResult is the outcome of one case, or of a rule file without tests
// (Case empty, Err set).
type TestResult struct {
	File string // the rule file
	Case string
	Want bool
	Got  []string // keys of the file's rules that matched
	Err  error
}

// Passed reports whether the case ran and matched as it should.
func (r TestResult) Passed() bool { return r.Err == nil && (len(r.Got) > 0) == r.Want }

// NormaliseFunc turns one record of a source into events (ingest/source.Read).
type NormaliseFunc func(source string, record []byte) ([]*attest.Event, error)

// RunTests runs the test files of the rule files under dir against the
// rules loaded from dir. A rule file without a test file, or whose tests
// lack a matching or a non-matching case, gives a failed result; so does a
// test file without its rule file. The second return holds the rules' load
// errors.
func RunTests(fsys fs.FS, dir string, normalise NormaliseFunc) ([]TestResult, []error) {
	set, loadErrs := LoadFS(fsys, dir)
	byFile := map[string][]*Rule{}
	for _, r := range set.Rules {
		byFile[r.File] = append(byFile[r.File], r)
	}
	var files []string
	for f := range byFile {
		files = append(files, f)
	}
	_ = fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && IsTestFile(p) {
			if _, ok := byFile[ruleFileOf(fsys, p)]; !ok {
				files = append(files, p)
			}
		}
		return nil
	})
	sort.Strings(files)
	var out []TestResult
	for _, f := range files {
		if IsTestFile(f) {
			out = append(out, TestResult{File: f, Err: fmt.Errorf("no rule file loaded for these tests")})
			continue
		}
		out = append(out, runFile(fsys, set, f, byFile[f], normalise)...)
	}
	return out, loadErrs
}

// ruleFileOf returns the rule file of a test file that exists in fsys.
func ruleFileOf(fsys fs.FS, test string) string {
	base := strings.TrimSuffix(strings.TrimSuffix(test, ".yml"), ".yaml")
	base = strings.TrimSuffix(base, ".tests")
	for _, ext := range []string{".yml", ".yaml"} {
		if _, err := fs.Stat(fsys, base+ext); err == nil {
			return base + ext
		}
	}
	return base + ".yml"
}

func testFileOf(fsys fs.FS, rule string) (string, bool) {
	base := strings.TrimSuffix(strings.TrimSuffix(rule, ".yml"), ".yaml")
	for _, ext := range []string{".tests.yml", ".tests.yaml"} {
		if _, err := fs.Stat(fsys, base+ext); err == nil {
			return base + ext, true
		}
	}
	return base + ".tests.yml", false
}

func runFile(fsys fs.FS, set *RuleSet, file string, rules []*Rule, normalise NormaliseFunc) []TestResult {
	fail := func(err error) []TestResult { return []TestResult{{File: file, Err: err}} }
	tf, ok := testFileOf(fsys, file)
	if !ok {
		return fail(fmt.Errorf("no test events (%s)", path.Base(tf)))
	}
	data, err := fs.ReadFile(fsys, tf)
	if err != nil {
		return fail(err)
	}
	var t TestFile
	if err := yaml.Unmarshal(data, &t); err != nil {
		return fail(fmt.Errorf("%s: %v", tf, yamlReason(err)))
	}
	if t.Source == "" {
		return fail(fmt.Errorf("%s: no source", tf))
	}
	var pos, neg bool
	for _, c := range t.Cases {
		pos = pos || c.Match
		neg = neg || !c.Match
	}
	if !pos || !neg {
		return fail(fmt.Errorf("%s: needs a case that matches and one that does not", tf))
	}
	mine := map[*Rule]bool{}
	for _, r := range rules {
		mine[r] = true
	}
	var out []TestResult
	for i, c := range t.Cases {
		res := TestResult{File: file, Case: c.Name, Want: c.Match}
		if res.Case == "" {
			res.Case = fmt.Sprintf("case %d", i+1)
		}
		eng := NewEngine(set, Options{Now: func() time.Time { return time.Unix(0, 0).UTC() }})
		var seq int64
		for j, ev := range c.Events {
			raw, err := json.Marshal(jsonable(ev))
			if err != nil {
				res.Err = fmt.Errorf("%s: %s: event %d: %v", tf, res.Case, j+1, err)
				break
			}
			evs, err := normalise(t.Source, raw)
			if err != nil {
				res.Err = fmt.Errorf("%s: %s: event %d: %v", tf, res.Case, j+1, err)
				break
			}
			for _, e := range evs {
				e.Seq = seq
				seq++
				for _, m := range eng.Evaluate(e) {
					if mine[m.Rule] && !containsString(res.Got, m.Rule.Key()) {
						res.Got = append(res.Got, m.Rule.Key())
					}
				}
			}
		}
		if res.Err == nil && len(c.Events) == 0 {
			res.Err = fmt.Errorf("%s: %s: no events", tf, res.Case)
		}
		out = append(out, res)
	}
	return out
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// jsonable turns YAML-decoded values into ones encoding/json accepts
// (yaml.v3 decodes mappings with non-string keys as map[any]any).
func jsonable(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = jsonable(e)
		}
		return x
	case map[any]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[fmt.Sprint(k)] = jsonable(e)
		}
		return m
	case []any:
		for i, e := range x {
			x[i] = jsonable(e)
		}
		return x
	}
	return v
}
