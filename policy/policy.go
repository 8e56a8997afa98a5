// Package policy compiles attest's Rego rules and evaluates them against
// resources. It is the only package that imports OPA.
//
// A rule is a Rego module (OPA v1 syntax) whose package-scoped METADATA
// annotation carries its id, severity, the resource types it reads and the
// controls it supports (see ARCHITECTURE.md). The engine compiles the
// built-in rules and any user rule folders once, then evaluates every rule
// against every resource of the types it names, on all cores, and returns a
// finding per verdict: passes as well as failures.
package policy

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/rules"
	"github.com/open-policy-agent/opa/v1/ast"
)

// Options select the rules to compile.
type Options struct {
	// Dirs are user rule folders, read recursively (testdata folders are
	// skipped). Their rules join the built-in ones; an id may not repeat.
	Dirs []string
	// NoBuiltin leaves out the built-in rule library.
	NoBuiltin bool
	// Only, when not empty, keeps just the rules with these ids.
	Only []string
	// Exclude drops the rules with these ids.
	Exclude []string
	// Frameworks, when not empty, keeps just the rules that map to at least
	// one control of one of these frameworks.
	Frameworks []string
}

// Engine holds the compiled rules. It is safe for concurrent use.
type Engine struct {
	compiler *ast.Compiler
	rules    []*compiledRule
	byType   map[string][]*compiledRule
}

// compiledRule is one rule with what evaluation needs to know about it.
type compiledRule struct {
	meta       attest.Rule
	pkg        ast.Ref // data.attest.rules.aws.x
	hasUnknown bool
}

// Compile reads, parses and compiles the rules. Every problem in every file
// is returned at once as attest.Diagnostics, each located at file:line:col.
func Compile(ctx context.Context, opts Options) (*Engine, error) {
	var sources []source
	if !opts.NoBuiltin {
		s, err := readFS(rules.FS(), ".", "rules")
		if err != nil {
			return nil, fmt.Errorf("read built-in rules: %w", err)
		}
		sources = append(sources, s...)
	} else {
		// The helper library is needed by every rule, user rules included.
		s, err := readFS(rules.FS(), "lib", "rules/lib")
		if err != nil {
			return nil, fmt.Errorf("read rule library: %w", err)
		}
		sources = append(sources, s...)
	}
	for _, dir := range opts.Dirs {
		info, err := os.Stat(dir)
		if err != nil {
			return nil, attest.Errorf(attest.EINVALID, "rules folder %s: %v", dir, unwrapPathError(err))
		} else if !info.IsDir() {
			return nil, attest.Errorf(attest.EINVALID, "rules folder %s: not a directory", dir)
		}
		s, err := readFS(os.DirFS(dir), ".", dir)
		if err != nil {
			return nil, fmt.Errorf("read rules folder %s: %w", dir, err)
		}
		sources = append(sources, s...)
	}
	return compile(sources, opts)
}

// source is one Rego file: the name shown in messages and its text.
type source struct {
	name string
	text string
}

// readFS returns the .rego files below root in fsys, named under prefix.
func readFS(fsys fs.FS, root, prefix string) ([]source, error) {
	var out []source
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != root && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
				return fs.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".rego") || strings.HasSuffix(p, "_test.rego") {
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		rel := p
		if root != "." {
			rel, _ = filepath.Rel(root, p)
		}
		out = append(out, source{name: filepath.ToSlash(filepath.Join(prefix, rel)), text: string(b)})
		return nil
	})
	return out, err
}

func compile(sources []source, opts Options) (*Engine, error) {
	var diags attest.Diagnostics
	modules := make(map[string]*ast.Module, len(sources))
	popts := ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1}
	for _, s := range sources {
		m, err := ast.ParseModuleWithOpts(s.name, s.text, popts)
		if err != nil {
			diags = append(diags, regoDiagnostics(err, s.name)...)
			continue
		}
		modules[s.name] = m
	}
	if len(diags) > 0 {
		diags.Sort()
		return nil, diags
	}

	var all []*compiledRule
	seen := map[string]string{}
	for _, name := range slices.Sorted(maps.Keys(modules)) {
		m := modules[name]
		if !strings.HasPrefix(m.Package.Path.String(), "data.attest.rules.") {
			continue // a helper library
		}
		r, ds := ruleFromModule(name, m)
		diags = append(diags, ds...)
		if r == nil {
			continue
		}
		if prev, ok := seen[r.meta.ID]; ok {
			diags = append(diags, attest.Diagnostic{
				Severity: attest.DiagError,
				Pos:      pos(m.Package.Location, name),
				Summary:  fmt.Sprintf("rule id %q is already used by %s", r.meta.ID, prev),
			})
			continue
		}
		seen[r.meta.ID] = name
		all = append(all, r)
	}
	if len(diags) > 0 {
		diags.Sort()
		return nil, diags
	}

	compiler := ast.NewCompiler().WithEnablePrintStatements(false)
	compiler.Compile(modules)
	if compiler.Failed() {
		return nil, regoDiagnostics(compiler.Errors, "")
	}

	e := &Engine{compiler: compiler, byType: map[string][]*compiledRule{}}
	for _, r := range all {
		if !selected(r.meta, opts) {
			continue
		}
		e.rules = append(e.rules, r)
		for _, t := range r.meta.ResourceTypes {
			e.byType[t] = append(e.byType[t], r)
		}
	}
	if len(opts.Only) > 0 {
		for _, id := range opts.Only {
			if _, ok := seen[id]; !ok {
				return nil, attest.Errorf(attest.EINVALID, "unknown rule id %q", id)
			}
		}
	}
	return e, nil
}

// selected reports whether the options keep the rule.
func selected(r attest.Rule, opts Options) bool {
	if len(opts.Only) > 0 && !slices.Contains(opts.Only, r.ID) {
		return false
	}
	if slices.Contains(opts.Exclude, r.ID) {
		return false
	}
	if len(opts.Frameworks) > 0 {
		return slices.ContainsFunc(opts.Frameworks, func(f string) bool { return len(r.Controls[f]) > 0 })
	}
	return true
}

// Rules returns the metadata of the compiled rules, ordered by id.
func (e *Engine) Rules() []attest.Rule {
	out := make([]attest.Rule, len(e.rules))
	for i, r := range e.rules {
		out[i] = r.meta
	}
	slices.SortFunc(out, func(a, b attest.Rule) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// ruleFromModule reads a rule's metadata from its package annotation.
func ruleFromModule(name string, m *ast.Module) (*compiledRule, attest.Diagnostics) {
	at := pos(m.Package.Location, name)
	bad := func(format string, args ...any) attest.Diagnostics {
		return attest.Diagnostics{{Severity: attest.DiagError, Pos: at, Summary: fmt.Sprintf(format, args...)}}
	}
	var a *ast.Annotations
	for _, x := range m.Annotations {
		if x.Scope == "package" || x.Scope == "subpackages" {
			a = x
			break
		}
	}
	if a == nil {
		return nil, bad("rule package %s has no METADATA annotation", m.Package.Path)
	}
	c := a.Custom
	r := attest.Rule{
		Title:       strings.TrimSpace(a.Title),
		Description: strings.TrimSpace(a.Description),
		Source:      name,
		Controls:    map[string][]string{},
	}
	var ok bool
	if r.ID, ok = c["id"].(string); !ok || r.ID == "" {
		return nil, bad("rule metadata: custom.id is missing")
	}
	if r.Title == "" {
		return nil, bad("rule %s: title is missing", r.ID)
	}
	if r.Severity, _ = c["severity"].(string); attest.SeverityRank(r.Severity) == 0 {
		return nil, bad("rule %s: severity %q is not one of %s", r.ID, r.Severity, strings.Join(attest.Severities, ", "))
	}
	r.Remediation, _ = c["remediation"].(string)
	r.Remediation = strings.TrimSpace(r.Remediation)
	types, err := stringList(c["resource_types"])
	if err != nil || len(types) == 0 {
		return nil, bad("rule %s: custom.resource_types must be a non-empty list of strings", r.ID)
	}
	r.ResourceTypes = types
	controls, ok := c["controls"].(map[string]any)
	if !ok {
		return nil, bad("rule %s: custom.controls must map frameworks to control ids", r.ID)
	}
	for fw, v := range controls {
		ids, err := stringList(v)
		if err != nil {
			return nil, bad("rule %s: controls.%s must be a list of ids", r.ID, fw)
		}
		r.Controls[fw] = ids
	}

	cr := &compiledRule{meta: r, pkg: m.Package.Path}
	hasDeny := false
	for _, rule := range m.Rules {
		switch rule.Head.Name.String() {
		case "deny":
			hasDeny = true
		case "unknown":
			cr.hasUnknown = true
		}
	}
	if !hasDeny {
		return nil, bad("rule %s: package %s declares no deny rule", r.ID, m.Package.Path)
	}
	return cr, nil
}

// stringList converts a YAML list of strings from annotation metadata.
func stringList(v any) ([]string, error) {
	list, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("not a list")
	}
	out := make([]string, 0, len(list))
	for _, x := range list {
		s, ok := x.(string)
		if !ok {
			// YAML reads ids such as 10.5 as numbers.
			s = fmt.Sprint(x)
		}
		out = append(out, s)
	}
	return out, nil
}

// regoDiagnostics turns OPA's parse and compile errors into diagnostics.
func regoDiagnostics(err error, file string) attest.Diagnostics {
	var errs ast.Errors
	switch e := err.(type) {
	case ast.Errors:
		errs = e
	case *ast.Error:
		errs = ast.Errors{e}
	default:
		return attest.Diagnostics{{Severity: attest.DiagError, Pos: attest.Pos{File: file}, Summary: err.Error()}}
	}
	var out attest.Diagnostics
	for _, e := range errs {
		out = append(out, attest.Diagnostic{
			Severity: attest.DiagError,
			Pos:      pos(e.Location, file),
			Summary:  e.Message,
		})
	}
	out.Sort()
	return out
}

func pos(loc *ast.Location, file string) attest.Pos {
	if loc == nil {
		return attest.Pos{File: file}
	}
	if loc.File != "" {
		file = loc.File
	}
	return attest.Pos{File: file, Line: loc.Row, Column: loc.Col}
}

// unwrapPathError drops the path from an fs.PathError, for messages that
// name the path themselves.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
