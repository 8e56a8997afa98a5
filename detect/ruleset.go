package detect

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// RuleSet is a set of compiled rules with the correlation rules linked to
// the rules they name.
type RuleSet struct {
	Rules []*Rule
}

// IsRuleFile reports whether a file name is a Sigma rule by its extension.
func IsRuleFile(name string) bool {
	return strings.HasSuffix(name, ".yml") || strings.HasSuffix(name, ".yaml")
}

// LoadFS loads every rule file (*.yml, *.yaml) under dir in fsys, skipping
// files named *.tests.yml (a rule's test events) and testdata folders. It
// returns the rules that loaded and a *LoadError for each that did not; one
// bad rule never stops the others from loading.
func LoadFS(fsys fs.FS, dir string) (*RuleSet, []error) {
	var rules []*Rule
	var errs []error
	walkErr := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, &LoadError{File: p, Reason: err.Error()})
			return nil
		}
		if d.IsDir() {
			if d.Name() == "testdata" {
				return fs.SkipDir
			}
			return nil
		}
		if !IsRuleFile(p) || IsTestFile(p) {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			errs = append(errs, &LoadError{File: p, Reason: err.Error()})
			return nil
		}
		rs, es := ParseRules(p, data)
		rules = append(rules, rs...)
		errs = append(errs, es...)
		return nil
	})
	if walkErr != nil {
		errs = append(errs, walkErr)
	}
	set, linkErrs := NewRuleSet(rules)
	return set, append(errs, linkErrs...)
}

// NewRuleSet links the correlation rules to the rules they name (by name or
// id) and returns the set. A correlation that names a rule not in the set,
// or a rule id used twice, is an error; the rest of the set stands.
func NewRuleSet(rules []*Rule) (*RuleSet, []error) {
	var errs []error
	byRef := map[string]*Rule{}
	var kept []*Rule
	// Links are made afresh: the rules may come from a set linked before
	// (the built-in set, extended with a user's folder).
	for _, r := range rules {
		r.usedBy, r.suppressed = nil, false
	}
	for _, r := range rules {
		if r.ID != "" {
			if prev, ok := byRef[r.ID]; ok {
				errs = append(errs, &LoadError{File: r.File, Line: r.Line, Reason: fmt.Sprintf("rule id %s is also used at %s:%d", r.ID, prev.File, prev.Line)})
				continue
			}
			byRef[r.ID] = r
		}
		if r.Name != "" {
			if prev, ok := byRef[r.Name]; ok && prev != r {
				errs = append(errs, &LoadError{File: r.File, Line: r.Line, Reason: fmt.Sprintf("rule name %s is also used at %s:%d", r.Name, prev.File, prev.Line)})
				continue
			}
			byRef[r.Name] = r
		}
		kept = append(kept, r)
	}
	var out []*Rule
	for _, r := range kept {
		c := r.Correlation
		if c == nil {
			out = append(out, r)
			continue
		}
		c.refs = nil
		var bad []string
		srcs := map[string]bool{}
		for _, name := range c.Rules {
			ref, ok := byRef[name]
			if !ok || ref.Correlation != nil {
				bad = append(bad, name)
				continue
			}
			c.refs = append(c.refs, ref)
			for _, s := range ref.sources {
				srcs[s] = true
			}
		}
		if len(bad) > 0 {
			errs = append(errs, &LoadError{File: r.File, Line: r.Line, Reason: fmt.Sprintf("correlation names rules that are not loaded detection rules: %s", strings.Join(bad, ", "))})
			continue
		}
		r.sources = r.sources[:0]
		for s := range srcs {
			r.sources = append(r.sources, s)
		}
		sort.Strings(r.sources)
		for _, ref := range c.refs {
			ref.usedBy = append(ref.usedBy, r)
			if !c.Generate {
				ref.suppressed = true
			}
		}
		out = append(out, r)
	}
	// A rule referenced by several correlations raises its own matches if
	// any of them asks to generate.
	for _, r := range out {
		for _, c := range r.usedBy {
			if c.Correlation.Generate {
				r.suppressed = false
			}
		}
	}
	return &RuleSet{Rules: out}, errs
}

// Rule returns the rule with the given key (id, else name, else title).
func (s *RuleSet) Rule(key string) (*Rule, bool) {
	for _, r := range s.Rules {
		if r.Key() == key || r.ID == key {
			return r, true
		}
	}
	return nil, false
}

// IsTestFile reports whether a file holds a rule's test events:
// <rule>.tests.yml beside <rule>.yml.
func IsTestFile(name string) bool {
	base := path.Base(name)
	return strings.HasSuffix(base, ".tests.yml") || strings.HasSuffix(base, ".tests.yaml")
}

// Errors joins load errors into one error, or nil.
func Errors(errs []error) error { return errors.Join(errs...) }
