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
	"iter"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/rules"
	"github.com/open-policy-agent/opa/v1/ast"
)

// Options select the rules to compile.
type Options struct {
	// Dirs are user rule folders, read recursively (testdata folders are
	// skipped). Their rules join the built-in ones; an id may not repeat.
	// They are compiled without the built-ins that reach the network or the
	// host (see NetworkBuiltins): a rule that calls one does not compile.
	Dirs []string
	// NetworkDirs are more user rule folders, whose rules may call the
	// network built-ins. Only folders the user names on the command line
	// belong here, never folders named by the scanned repository. Rules from
	// other folders may not reach a network built-in through these rules.
	NetworkDirs []string
	// NoBuiltin leaves out the built-in rule library.
	NoBuiltin bool
	// Only, when not empty, keeps just the rules with these ids.
	Only []string
	// Exclude drops the rules with these ids.
	Exclude []string
	// Frameworks, when not empty, keeps just the rules that map to at least
	// one control of one of these frameworks.
	Frameworks []string
	// Deferred leaves the compilation of the built-in rules to Evaluate,
	// which compiles only the selected rules that read a type of its
	// resources, with the modules they refer to (see Engine.compilerFor):
	// a scan of Kubernetes manifests does not compile the Terraform rules.
	// Compile still reads and parses every rule and checks its metadata,
	// so Rules and every error in a rule file are as without it. With user
	// rule folders (Dirs, NetworkDirs) the rules are compiled at once, as
	// without it, so that an error in a user rule is reported by Compile
	// whatever the scanned resources.
	Deferred bool
}

// Engine holds the compiled rules. It is safe for concurrent use.
type Engine struct {
	caps   *ast.Capabilities
	rules  []*compiledRule
	byType map[string][]*compiledRule

	// mu guards compiler and compiledTypes, which a deferred engine
	// replaces when an evaluation needs rules it has not compiled yet.
	mu       sync.Mutex
	compiler *ast.Compiler
	// compiledTypes are the resource types whose selected rules compiler
	// holds; nil when it holds every rule.
	compiledTypes map[string]bool
	// modules are the parsed modules of a deferred engine, by file name,
	// for compilerFor; nil once every rule is compiled.
	modules map[string]*ast.Module

	// constants are the constant rules (constantRules) of the compiler
	// constantsOf, the last one an evaluation ran with; guarded by mu.
	constants   *refSet
	constantsOf *ast.Compiler
}

// constantRules returns the constant rules of compiler, computed once
// for the compiler the engine evaluates with.
func (e *Engine) constantRules(compiler *ast.Compiler) *refSet {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.constantsOf != compiler {
		e.constants, e.constantsOf = constantRules(compiler), compiler
	}
	return e.constants
}

// compiledRule is one rule with what evaluation needs to know about it.
type compiledRule struct {
	meta       attest.Rule
	pkg        ast.Ref // data.attest.rules.aws.x
	hasUnknown bool
	module     string // the file name of its module
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
	for i, dir := range slices.Concat(opts.Dirs, opts.NetworkDirs) {
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
		if i >= len(opts.Dirs) {
			for j := range s {
				s[j].network = true
			}
		}
		sources = append(sources, s...)
	}
	return compile(sources, opts)
}

// source is one Rego file: the name shown in messages and its text.
type source struct {
	name string
	text string
	// network is set for the files of Options.NetworkDirs.
	network bool
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
	network := map[string]bool{}
	popts := ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1}
	for _, s := range sources {
		m, err := ast.ParseModuleWithOpts(s.name, s.text, popts)
		if err != nil {
			diags = append(diags, regoDiagnostics(err, s.name)...)
			continue
		}
		modules[s.name] = m
		if s.network {
			network[s.name] = true
		} else {
			diags = append(diags, networkCalls(m, s.name)...)
		}
	}
	if len(diags) > 0 {
		diags.Sort()
		return nil, diags
	}

	var all []*compiledRule
	seen := map[string]string{}
	for _, name := range slices.Sorted(maps.Keys(modules)) {
		m := modules[name]
		if !isRule(m) {
			// A helper library, which must not look like a rule that lost
			// its metadata: its verdicts would be silently dropped.
			diags = append(diags, notARule(name, m)...)
			continue
		}
		r, ds := ruleFromModule(name, m)
		diags = append(diags, ds...)
		if r == nil {
			continue
		}
		r.module = name
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

	caps := capabilities(len(network) > 0)
	e := &Engine{caps: caps, byType: map[string][]*compiledRule{}}
	if opts.Deferred && len(opts.Dirs) == 0 && len(opts.NetworkDirs) == 0 {
		e.modules, e.compiledTypes = modules, map[string]bool{}
	} else {
		compiler, diags := compileModules(modules, caps)
		if len(diags) > 0 {
			return nil, diags
		}
		if len(network) > 0 {
			if diags := networkReach(compiler, network); len(diags) > 0 {
				return nil, diags
			}
		}
		e.compiler = compiler
	}
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

// compileModules compiles modules with the capabilities of the rules.
func compileModules(modules map[string]*ast.Module, caps *ast.Capabilities) (*ast.Compiler, attest.Diagnostics) {
	compiler := ast.NewCompiler().WithEnablePrintStatements(false).WithCapabilities(caps)
	compiler.Compile(modules)
	if compiler.Failed() {
		return nil, regoDiagnostics(compiler.Errors, "")
	}
	return compiler, nil
}

// compilerFor returns a compiler holding every selected rule that reads one
// of the types of resources. An engine compiled at once has one already; a
// deferred one compiles, on first need, the modules of the rules of these
// types (and of the types it compiled for before) and the modules they
// refer to (dependencies), and keeps the result for the next evaluation.
func (e *Engine) compilerFor(resources []attest.Resource) (*ast.Compiler, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.compileTypes(func(yield func(string) bool) {
		for i := range resources {
			if !yield(resources[i].Type) {
				return
			}
		}
	})
}

// CompileTypes compiles, ahead of Evaluate, the selected rules that read these
// resource types, as Evaluate would for resources of them; an engine
// compiled at once has nothing to do. A scan calls it with the types it
// expects while it is still loading the resources, so that the compilation
// is done beside the loading rather than after it. Evaluate still compiles
// the types of its resources that were not prepared: a wrong guess costs
// time, never a verdict, since the rules of a type give the same verdicts
// whatever other rules are compiled with them.
func (e *Engine) CompileTypes(types []string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.compiledTypes == nil || len(e.missingTypes(slices.Values(types))) == 0 {
		return nil
	}
	_, err := e.compileTypes(slices.Values(types))
	return err
}

// missingTypes is the types wanted yields that some selected rule reads and
// that are not compiled yet, each once; e.mu is held.
func (e *Engine) missingTypes(wanted iter.Seq[string]) []string {
	var missing []string
	for t := range wanted {
		if !e.compiledTypes[t] && len(e.byType[t]) > 0 && !slices.Contains(missing, t) {
			missing = append(missing, t)
		}
	}
	return missing
}

// compileTypes is compilerFor for the resource types that types yields;
// e.mu is held.
func (e *Engine) compileTypes(wanted iter.Seq[string]) (*ast.Compiler, error) {
	if e.compiledTypes == nil {
		return e.compiler, nil
	}
	missing := e.missingTypes(wanted)
	if len(missing) == 0 && e.compiler != nil {
		return e.compiler, nil
	}
	types := maps.Clone(e.compiledTypes)
	for _, t := range missing {
		types[t] = true
	}
	var roots []string
	for t := range types {
		for _, r := range e.byType[t] {
			roots = append(roots, r.module)
		}
	}
	subset := map[string]*ast.Module{}
	for _, name := range dependencies(e.modules, roots) {
		subset[name] = e.modules[name]
	}
	compiler, diags := compileModules(subset, e.caps)
	if len(diags) > 0 {
		return nil, diags
	}
	e.compiler, e.compiledTypes = compiler, types
	return compiler, nil
}

// dependencies returns the names of the modules in roots and of every
// module they refer to, directly or through others. A module refers to
// another when one of its data references (an import, a call, a lookup)
// names the other's package, a package inside it or one that holds it:
// data.attest.lib.get reaches package attest.lib, and a reference that
// stops at data.attest (or data itself, or a dynamic key below it) reaches
// every package under it. This follows every way a Rego module can read
// another, so no module a rule needs is left out.
func dependencies(modules map[string]*ast.Module, roots []string) []string {
	// packages: every prefix of every package path → the modules whose
	// package path starts with it.
	packages := map[string][]string{}
	exact := map[string][]string{}
	for name, m := range modules {
		path := stringPrefix(m.Package.Path)
		for i := 1; i <= len(path); i++ {
			k := strings.Join(path[:i], "\x00")
			packages[k] = append(packages[k], name)
		}
		k := strings.Join(path, "\x00")
		exact[k] = append(exact[k], name)
	}
	seen := map[string]bool{}
	var out []string
	queue := slices.Clone(roots)
	for len(queue) > 0 {
		name := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		if seen[name] {
			continue
		}
		seen[name] = true
		out = append(out, name)
		// The other files of the same package, whose rules it names
		// without a reference.
		queue = append(queue, exact[strings.Join(stringPrefix(modules[name].Package.Path), "\x00")]...)
		for _, ref := range dataRefs(modules[name]) {
			if len(ref) == 0 {
				// data itself, or data[x]: every package.
				queue = slices.AppendSeq(queue, maps.Keys(modules))
				continue
			}
			// Packages under the reference, and the packages that hold it.
			queue = append(queue, packages[strings.Join(ref, "\x00")]...)
			for i := 1; i < len(ref); i++ {
				queue = append(queue, exact[strings.Join(ref[:i], "\x00")]...)
			}
		}
	}
	slices.Sort(out)
	return out
}

// stringPrefix is the leading string keys of a reference after its head:
// data.attest.lib["x"][y].z gives attest, lib, x.
func stringPrefix(ref ast.Ref) []string {
	var out []string
	for _, t := range ref[1:] {
		s, ok := t.Value.(ast.String)
		if !ok {
			break
		}
		out = append(out, string(s))
	}
	return out
}

// dataRefs returns the string prefixes of the references to data in the
// rules of a module, those made through an import resolved to the full path
// (import data.attest.lib, then lib.aws.x, reads data.attest.lib.aws.x); a
// bare data gives the empty prefix, which reaches every package, and an
// imported name used alone its whole import path.
func dataRefs(m *ast.Module) [][]string {
	var out [][]string
	seen := map[string]bool{}
	add := func(p []string) {
		k := strings.Join(p, "\x00")
		if !seen[k] {
			seen[k] = true
			out = append(out, p)
		}
	}
	imported := map[ast.Var][]string{}
	for _, imp := range m.Imports {
		ref, ok := imp.Path.Value.(ast.Ref)
		if !ok || !ref.HasPrefix(ast.DefaultRootRef) {
			continue
		}
		p := stringPrefix(ref)
		if len(p) < len(ref)-1 {
			// An import with a key that is not a string: keep it whole.
			add(p)
			continue
		}
		imported[imp.Name()] = p
	}
	var vis *ast.GenericVisitor
	vis = ast.NewGenericVisitor(func(x any) bool {
		switch x := x.(type) {
		case ast.Ref:
			if x.HasPrefix(ast.DefaultRootRef) {
				add(stringPrefix(x))
			} else if v, ok := x[0].Value.(ast.Var); ok && imported[v] != nil {
				add(append(slices.Clone(imported[v]), stringPrefix(x)...))
			}
			// The head is not a bare name; the keys may hold more
			// references.
			for _, t := range x[1:] {
				vis.Walk(t)
			}
			return true
		case ast.Var:
			if x.Equal(ast.DefaultRootDocument.Value) {
				add(nil)
			} else if p, ok := imported[x]; ok {
				add(p)
			}
		}
		return false
	})
	for _, r := range m.Rules {
		vis.Walk(r)
	}
	return out
}

// ruleShape says what a rule module looks like, for messages about modules
// that do not.
const ruleShape = "a rule is a Rego package (any name) whose package METADATA annotation gives a title and " +
	"custom.id, custom.severity, custom.resource_types and custom.controls, and that declares " +
	"`deny contains msg if { ... }` (and optionally `unknown contains msg if { ... }`); " +
	"a helper library declares neither deny nor unknown"

// isRule reports whether a module is a rule: its package annotation gives
// a rule id, or it sits under attest.rules, where only rules live.
func isRule(m *ast.Module) bool {
	if strings.HasPrefix(m.Package.Path.String(), "data.attest.rules.") {
		return true
	}
	if a := packageAnnotation(m); a != nil {
		if _, ok := a.Custom["id"]; ok {
			return true
		}
	}
	return false
}

// notARule returns a diagnostic when a module that is not a rule declares a
// deny or unknown set: it was meant as a rule, and loading it as a library
// would drop its verdicts without a word.
func notARule(name string, m *ast.Module) attest.Diagnostics {
	why := "its package METADATA annotation has no custom.id"
	for _, a := range m.Annotations {
		if _, ok := a.Custom["id"]; ok {
			why = fmt.Sprintf("its METADATA with custom.id has scope %s; put it directly above the package line", a.Scope)
		}
	}
	for _, r := range m.Rules {
		if v := verdictName(r); v != "" {
			return attest.Diagnostics{{
				Severity: attest.DiagError,
				Pos:      pos(r.Location, name),
				Summary: fmt.Sprintf("package %s declares %s but is not a rule: %s",
					strings.TrimPrefix(m.Package.Path.String(), "data."), v, why),
				Detail: ruleShape,
			}}
		}
	}
	return nil
}

// verdictName returns "deny" or "unknown" when the rule defines one of the
// verdict sets, else "".
func verdictName(r *ast.Rule) string {
	ref := r.Head.Ref()
	if len(ref) == 0 {
		return ""
	}
	if v, ok := ref[0].Value.(ast.Var); ok && (v == "deny" || v == "unknown") {
		return string(v)
	}
	return ""
}

// packageAnnotation returns the package- or subpackages-scoped METADATA
// annotation of a module, or nil.
func packageAnnotation(m *ast.Module) *ast.Annotations {
	for _, x := range m.Annotations {
		if x.Scope == "package" || x.Scope == "subpackages" {
			return x
		}
	}
	return nil
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

// Only returns an engine of just the rules with these ids, sharing e's
// compiled modules: selecting from one compilation costs nothing, where
// Compile with Options.Only compiles every module again. An id e does not
// hold is an error.
func (e *Engine) Only(ids ...string) (*Engine, error) {
	e.mu.Lock()
	sub := &Engine{compiler: e.compiler, caps: e.caps, byType: map[string][]*compiledRule{},
		modules: e.modules, compiledTypes: maps.Clone(e.compiledTypes)}
	e.mu.Unlock()
	for _, id := range ids {
		i := slices.IndexFunc(e.rules, func(r *compiledRule) bool { return r.meta.ID == id })
		if i < 0 {
			return nil, attest.Errorf(attest.EINVALID, "unknown rule id %q", id)
		}
		r := e.rules[i]
		if slices.Contains(sub.rules, r) {
			continue
		}
		sub.rules = append(sub.rules, r)
		for _, t := range r.meta.ResourceTypes {
			sub.byType[t] = append(sub.byType[t], r)
		}
	}
	return sub, nil
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
	a := packageAnnotation(m)
	if a == nil {
		ds := bad("rule package %s has no METADATA annotation", m.Package.Path)
		ds[0].Detail = ruleShape
		return nil, ds
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
	if by, ok := c["remediation_by_format"]; ok {
		m, ok := by.(map[string]any)
		if !ok {
			return nil, bad("rule %s: custom.remediation_by_format must map input formats to text", r.ID)
		}
		r.RemediationByFormat = map[string]string{}
		for format, v := range m {
			s, ok := v.(string)
			if !ok || strings.TrimSpace(s) == "" {
				return nil, bad("rule %s: remediation_by_format.%s must be text", r.ID, format)
			}
			r.RemediationByFormat[format] = strings.TrimSpace(s)
		}
	}
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
		v := verdictName(rule)
		if v == "" {
			continue
		}
		// A deny that is a boolean, a function or an object would read as
		// no message, so as a pass: only a set of messages is a verdict.
		if len(rule.Head.Ref()) != 1 || len(rule.Head.Args) > 0 || rule.Head.RuleKind() != ast.MultiValue {
			return nil, attest.Diagnostics{{
				Severity: attest.DiagError,
				Pos:      pos(rule.Location, name),
				Summary:  fmt.Sprintf("rule %s: %s must be a set of messages, `%s contains msg if { ... }`", r.ID, v, v),
				Detail:   ruleShape,
			}}
		}
		if v == "deny" {
			hasDeny = true
		} else {
			cr.hasUnknown = true
		}
	}
	if !hasDeny {
		return nil, attest.Diagnostics{{
			Severity: attest.DiagError,
			Pos:      at,
			Summary:  fmt.Sprintf("rule %s: package %s declares no deny rule", r.ID, m.Package.Path),
			Detail:   ruleShape,
		}}
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
