// Package dockerfile loads Dockerfiles (and Containerfiles) into one
// attest.Resource each, on BuildKit's own parser and shell lexer, so that
// what attest reads is what `docker build` reads: line continuations, the
// escape directive, heredocs, and ARG/ENV expansion with BuildKit's scoping.
//
// The resource has type "dockerfile" and the file's base name as address;
// its attributes hold the stages in order (the last marked final), each
// with its base image, its instructions with their line ranges, and the
// user and health check it ends with. Options.BuildArgs are the values of
// `docker build --build-arg`: as in BuildKit they override the default of
// the ARG of that name, and only a name declared by an ARG takes one. A
// value that depends on a build argument with neither a default nor a
// given value, or on an argument BuildKit sets from the target platform, is
// not guessed: it is absent (or null inside a list) and its path is listed
// in Resource.Unknown.
// The shape is documented in ARCHITECTURE.md ("Dockerfiles").
package dockerfile

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/attest-dev/attest"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
)

// ResourceType is the type of the one resource a Dockerfile loads into.
const ResourceType = "dockerfile"

// platformArgs are the arguments BuildKit defines from the build and target
// platforms: their values depend on where and for what the image is built.
var platformArgs = []string{
	"TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
	"BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT",
}

// IsDockerfileName reports whether a base name is one Docker tools pick up
// as a Dockerfile: Dockerfile, Containerfile, *.Dockerfile, *.Containerfile,
// and Dockerfile.* (Containerfile.*) unless the suffix names another kind
// of file: Dockerfile.dockerignore (BuildKit's per-Dockerfile ignore file),
// a script, a template, a backup.
func IsDockerfileName(name string) bool {
	lower := strings.ToLower(name)
	for _, base := range []string{"dockerfile", "containerfile"} {
		if lower == base || strings.HasSuffix(lower, "."+base) {
			return true
		}
		if ext, ok := strings.CutPrefix(lower, base+"."); ok {
			return !notDockerfile[ext[strings.LastIndex(ext, ".")+1:]]
		}
	}
	return false
}

// notDockerfile are the suffixes after "Dockerfile." that are other files.
var notDockerfile = map[string]bool{
	"dockerignore": true, "sh": true, "bash": true, "ps1": true, "json": true, "yaml": true, "yml": true,
	"md": true, "txt": true, "j2": true, "jinja": true, "jinja2": true, "tmpl": true, "tpl": true,
	"template": true, "erb": true, "mustache": true, "bak": true, "orig": true, "rej": true, "swp": true,
	"in": true, "patch": true, "diff": true,
}

// firstInstruction matches the first instruction of a Dockerfile: only
// parser directives, comments, ARG and FROM may come first.
var firstInstruction = regexp.MustCompile(`(?i)^(FROM|ARG)[ \t]`)

// Detect reports whether a file is a Dockerfile: a Dockerfile name whose
// content does not contradict it, or any name whose first instruction,
// after blank and comment lines, is FROM or ARG and which has a FROM line.
// head is the start of the file.
func Detect(name string, head []byte) bool {
	first, rest := firstLine(head)
	if IsDockerfileName(name) {
		// Named like a Dockerfile: anything but a first line that no
		// Dockerfile could start with (a shell script, YAML) is one.
		return first == "" || firstInstruction.MatchString(first) || !startsLikeOtherFormat(first)
	}
	if !firstInstruction.MatchString(first) {
		return false
	}
	if strings.HasPrefix(strings.ToUpper(first), "FROM") {
		return looksLikeFrom(first)
	}
	// ARG first: a FROM must follow.
	for _, l := range bytes.Split(rest, []byte("\n")) {
		t := strings.TrimSpace(string(l))
		if len(t) > 5 && strings.EqualFold(t[:5], "FROM ") {
			return looksLikeFrom(t)
		}
	}
	return false
}

// firstLine returns the first line of head that is neither blank nor a
// comment, and what follows it.
func firstLine(head []byte) (string, []byte) {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	for len(head) > 0 {
		line := head
		if i := bytes.IndexByte(head, '\n'); i >= 0 {
			line, head = head[:i], head[i+1:]
		} else {
			head = nil
		}
		t := strings.TrimSpace(string(line))
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		return t, head
	}
	return "", nil
}

// looksLikeFrom reports whether a FROM line names an image as Dockerfiles
// do (FROM [--flag...] image [AS name]), so that prose starting with "From "
// is not taken for one.
func looksLikeFrom(line string) bool {
	fields := strings.Fields(line)[1:]
	for len(fields) > 0 && strings.HasPrefix(fields[0], "--") {
		fields = fields[1:]
	}
	switch {
	case len(fields) == 1:
	case len(fields) == 3 && strings.EqualFold(fields[1], "as"):
	default:
		return false
	}
	return !strings.ContainsAny(fields[0], " \t,;'\"") && fields[0] != ""
}

func startsLikeOtherFormat(first string) bool {
	return strings.HasPrefix(first, "#!") || strings.HasPrefix(first, "{") || strings.HasPrefix(first, "---") ||
		strings.HasPrefix(first, "apiVersion:") || strings.HasPrefix(first, "<")
}

// Options adjust how Dockerfiles are read.
type Options struct {
	// BuildArgs are build argument values by name, as given to docker
	// build --build-arg NAME=VALUE. The platform arguments (TARGETARCH,
	// BUILDPLATFORM, ...) stay unknown: BuildKit sets them from the
	// platforms, not from build arguments.
	BuildArgs map[string]string
}

// Load reads one Dockerfile. path is used for the resource's root, its range
// and the diagnostics; src is the whole file. A file that BuildKit would
// refuse (a syntax error, an unterminated heredoc, a bad substitution, an
// instruction before the first FROM) is an error diagnostic at its line,
// and no resource.
func Load(path string, src []byte, opts Options) ([]attest.Resource, attest.Diagnostics) {
	res, err := parser.Parse(bytes.NewReader(src))
	if err != nil {
		return nil, attest.Diagnostics{parseError(path, src, err)}
	}
	l := &loader{path: path, lex: shell.NewLex(res.EscapeToken), buildArgs: opts.BuildArgs}
	var diags attest.Diagnostics
	for _, w := range res.Warnings {
		d := attest.Diagnostic{Severity: attest.DiagWarning, Pos: attest.Pos{File: path}, Summary: w.Short}
		if w.Location != nil {
			d.Pos.Line = w.Location.Start.Line
		}
		diags = append(diags, d)
	}
	if err := l.load(res.AST); err != nil {
		return nil, append(diags, *err)
	}
	lines := bytes.Count(src, []byte("\n"))
	if len(src) > 0 && src[len(src)-1] != '\n' {
		lines++
	}
	r := attest.Resource{
		Type:     ResourceType,
		Address:  filepath.Base(path),
		Provider: "docker",
		Format:   attest.FormatDockerfile,
		Root:     path,
		Attributes: map[string]any{
			"stages":      l.stages,
			"args":        l.globalArgs,
			"final_stage": int64(len(l.stages) - 1),
		},
		Unknown: l.unknown,
		Range:   attest.Range{File: path, StartLine: 1, EndLine: max(lines, 1)},
	}
	return []attest.Resource{r}, diags
}

// parseError turns a BuildKit parse error into a diagnostic at its line.
// BuildKit reads lines with a bufio.Scanner and reports a line longer than
// its buffer at the last line it did read (and only by its message): the
// long line is found in src.
func parseError(path string, src []byte, err error) attest.Diagnostic {
	d := attest.Diagnostic{Severity: attest.DiagError, Pos: attest.Pos{File: path}, Summary: "Dockerfile does not parse"}
	var le *parser.LocationError
	if strings.Contains(err.Error(), "line greater than max allowed size") {
		d.Pos.Line = longLine(src, bufio.MaxScanTokenSize-1)
		d.Detail = fmt.Sprintf("a line is longer than %d bytes, the most BuildKit reads", bufio.MaxScanTokenSize-1)
	} else if errors.As(err, &le) && len(le.Locations) > 0 && len(le.Locations[0]) > 0 {
		d.Pos.Line = le.Locations[0][0].Start.Line
		d.Detail = le.Unwrap().Error()
	} else {
		d.Detail = err.Error()
	}
	return d
}

// scope is what an expansion sees: known values and names whose value is
// not known statically.
type scope struct {
	vals    map[string]string
	unknown map[string]bool
	order   []string
}

func newScope() *scope { return &scope{vals: map[string]string{}, unknown: map[string]bool{}} }

func (s *scope) clone() *scope {
	c := newScope()
	for k, v := range s.vals {
		c.vals[k] = v
	}
	for k := range s.unknown {
		c.unknown[k] = true
	}
	c.order = append(c.order, s.order...)
	return c
}

func (s *scope) set(k, v string) {
	if _, ok := s.vals[k]; !ok && !s.unknown[k] {
		s.order = append(s.order, k)
	}
	delete(s.unknown, k)
	s.vals[k] = v
}

func (s *scope) setUnknown(k string) {
	if _, ok := s.vals[k]; !ok && !s.unknown[k] {
		s.order = append(s.order, k)
	}
	delete(s.vals, k)
	s.unknown[k] = true
}

// Get implements shell.EnvGetter: an unknown name is set (so that
// ${X:-default} does not take the default) and marks the word unknown.
func (s *scope) Get(k string) (string, bool) {
	if s.unknown[k] {
		return "", true
	}
	v, ok := s.vals[k]
	return v, ok
}

func (s *scope) Keys() []string { return s.order }

func (s *scope) isUnknown(k string) bool { return s.unknown[k] }

// env is what expansion reads from.
type env interface {
	shell.EnvGetter
	isUnknown(name string) bool
}

// stageEnv is what expansion sees inside a stage: its ENV values, which
// win, over its ARG values. Only the ENV values pass to a stage built on
// this one.
type stageEnv struct{ envs, args *scope }

func (s stageEnv) Get(k string) (string, bool) {
	if v, ok := s.envs.Get(k); ok {
		return v, ok
	}
	return s.args.Get(k)
}

func (s stageEnv) Keys() []string { return append(s.envs.Keys(), s.args.Keys()...) }

func (s stageEnv) isUnknown(k string) bool {
	if _, ok := s.envs.Get(k); ok {
		return s.envs.isUnknown(k)
	}
	return s.args.isUnknown(k)
}

// stageState is what a later stage built FROM this one inherits: its
// image config (environment, user, health check).
type stageState struct {
	name        string
	envs        *scope
	user        any // string, or nil when unknown
	userSet     bool
	userLine    int
	healthcheck string // "", "none" or "cmd"
	healthLine  int
}

type loader struct {
	path       string
	lex        *shell.Lex
	stages     []any
	globalArgs []any
	unknown    []string
	states     []*stageState
	buildArgs  map[string]string
}

func (l *loader) errAt(line int, format string, args ...any) *attest.Diagnostic {
	return &attest.Diagnostic{Severity: attest.DiagError, Pos: attest.Pos{File: l.path, Line: line},
		Summary: "Dockerfile is not valid", Detail: fmt.Sprintf(format, args...)}
}

// expand runs BuildKit's lexer on a word: ok is false when the result
// depends on a value not known statically.
func (l *loader) expand(word string, e env, line int) (string, bool, *attest.Diagnostic) {
	res, err := l.lex.ProcessWordWithMatches(word, e)
	if err != nil {
		return "", false, l.errAt(line, "%v", err)
	}
	for name := range res.Matched {
		if e.isUnknown(name) {
			return "", false, nil
		}
	}
	return res.Result, true, nil
}

func (l *loader) markUnknown(path string) { l.unknown = append(l.unknown, path) }

// load walks the instructions: global ARGs before the first FROM, then one
// stage per FROM.
func (l *loader) load(root *parser.Node) *attest.Diagnostic {
	global := newScope()
	for _, a := range platformArgs {
		global.setUnknown(a)
	}
	var (
		stage  map[string]any
		instrs []any
		state  *stageState
		senv   stageEnv
	)
	finish := func(end int) {
		if stage == nil {
			return
		}
		stage["instructions"] = instrs
		stage["end_line"] = int64(end)
		prefix := fmt.Sprintf("stages.%d.", len(l.stages))
		if state.userSet {
			if state.user == nil {
				l.markUnknown(prefix + "user")
			} else {
				stage["user"] = state.user
			}
			stage["user_line"] = int64(state.userLine)
		}
		if state.healthcheck != "" {
			stage["healthcheck"] = state.healthcheck
			stage["healthcheck_line"] = int64(state.healthLine)
		}
		state.envs = senv.envs
		l.stages = append(l.stages, stage)
		l.states = append(l.states, state)
	}
	for _, n := range root.Children {
		cmd := strings.ToLower(n.Value)
		if cmd == "from" {
			finish(n.StartLine - 1)
			var err *attest.Diagnostic
			stage, state, err = l.from(n, global)
			if err != nil {
				return err
			}
			senv = stageEnv{envs: state.envs, args: newScope()}
			instrs = []any{l.instruction(n, cmd)}
			stage["line"] = int64(n.StartLine)
			continue
		}
		if stage == nil {
			if cmd != "arg" {
				return l.errAt(n.StartLine, "%s before the first FROM: only ARG may come before FROM", strings.ToUpper(cmd))
			}
			pairs, err := l.arg(n, global, global, nil, "args.", len(l.globalArgs))
			if err != nil {
				return err
			}
			l.globalArgs = append(l.globalArgs, pairs...)
			continue
		}
		in := l.instruction(n, cmd)
		path := fmt.Sprintf("stages.%d.instructions.%d.", len(l.stages), len(instrs))
		if err := l.dispatch(n, cmd, in, path, senv, global, state); err != nil {
			return err
		}
		instrs = append(instrs, in)
	}
	if stage == nil {
		return l.errAt(1, "no FROM instruction")
	}
	last := root.Children[len(root.Children)-1]
	finish(last.EndLine)
	l.stages[len(l.stages)-1].(map[string]any)["final"] = true
	return nil
}

// instruction is the part of an instruction every kind has. The raw
// arguments and flags are kept only where no kind-specific field reads
// them, to keep the document each rule evaluation converts small.
func (l *loader) instruction(n *parser.Node, cmd string) map[string]any {
	in := map[string]any{
		"cmd":      cmd,
		"line":     int64(n.StartLine),
		"end_line": int64(n.EndLine),
		"original": n.Original,
	}
	if !specific[cmd] {
		var args []any
		for a := n.Next; a != nil; a = a.Next {
			args = append(args, a.Value)
		}
		in["args"] = nonNil(args)
	}
	if len(n.Flags) > 0 {
		flags := make([]any, len(n.Flags))
		for i, f := range n.Flags {
			flags[i] = f
		}
		in["flags"] = flags
	}
	if n.Attributes["json"] {
		in["exec_form"] = true
	}
	if len(n.Heredocs) > 0 {
		hs := make([]any, len(n.Heredocs))
		for i, h := range n.Heredocs {
			hs[i] = map[string]any{"name": h.Name, "content": h.Content}
		}
		in["heredocs"] = hs
	}
	return in
}

// specific are the kinds whose arguments are read into fields of their own
// (pairs, words, sources, user, value, script).
var specific = map[string]bool{
	"from": true, "arg": true, "env": true, "label": true, "user": true, "workdir": true, "stopsignal": true,
	"copy": true, "add": true, "expose": true, "volume": true, "run": true,
}

func nonNil(xs []any) []any {
	if xs == nil {
		return []any{}
	}
	return xs
}

// from starts a stage: the base image expanded with the global ARGs, or
// the earlier stage it names.
func (l *loader) from(n *parser.Node, global *scope) (map[string]any, *stageState, *attest.Diagnostic) {
	idx := len(l.stages)
	var words []string
	for a := n.Next; a != nil; a = a.Next {
		if a.Value != "" {
			words = append(words, a.Value)
		}
	}
	stage := map[string]any{"index": int64(idx), "final": false}
	switch {
	case len(words) == 1:
	case len(words) == 3 && strings.EqualFold(words[1], "as"):
		name := strings.ToLower(words[2])
		stage["name"] = name
	default:
		return nil, nil, l.errAt(n.StartLine, "FROM wants an image and an optional AS name, got %q", strings.Join(words, " "))
	}
	state := &stageState{envs: newScope()}
	if name, ok := stage["name"].(string); ok {
		state.name = name
	}
	from := map[string]any{"raw": words[0]}
	stage["from"] = from
	prefix := fmt.Sprintf("stages.%d.from.", idx)
	for _, f := range n.Flags {
		if v, ok := strings.CutPrefix(f, "--platform="); ok {
			p, known, err := l.expand(v, global, n.StartLine)
			if err != nil {
				return nil, nil, err
			}
			if known {
				from["platform"] = p
			} else {
				l.markUnknown(prefix + "platform")
			}
		}
	}
	image, known, err := l.expand(words[0], global, n.StartLine)
	if err != nil {
		return nil, nil, err
	}
	if !known {
		l.markUnknown(prefix + "image")
		return stage, state, nil
	}
	from["image"] = image
	lower := strings.ToLower(image)
	for i := len(l.states) - 1; i >= 0; i-- {
		parent := l.states[i]
		if parent.name != "" && parent.name == lower {
			from["stage"] = parent.name
			from["stage_index"] = int64(i)
			// A stage built on another inherits its image config:
			// environment, user and health check.
			state.envs = parent.envs.clone()
			state.user, state.userSet, state.userLine = parent.user, parent.userSet, parent.userLine
			state.healthcheck, state.healthLine = parent.healthcheck, parent.healthLine
			return stage, state, nil
		}
	}
	if lower == "scratch" {
		from["scratch"] = true
		return stage, state, nil
	}
	for k, v := range splitImage(image) {
		from[k] = v
	}
	return stage, state, nil
}

// splitImage splits an image reference as Docker does: the first path
// component is a registry when it has a dot or a port or is localhost;
// otherwise the image is on Docker Hub, with official images under library/.
func splitImage(image string) map[string]any {
	out := map[string]any{}
	rest := image
	if i := strings.Index(rest, "@"); i >= 0 {
		out["digest"] = rest[i+1:]
		rest = rest[:i]
	}
	slash := strings.LastIndex(rest, "/")
	if i := strings.LastIndex(rest, ":"); i > slash {
		out["tag"] = rest[i+1:]
		rest = rest[:i]
	}
	registry := "docker.io"
	if first, path, ok := strings.Cut(rest, "/"); ok && (strings.ContainsAny(first, ".:") || first == "localhost") {
		registry, rest = strings.ToLower(first), path
	}
	if registry == "index.docker.io" || registry == "registry-1.docker.io" {
		registry = "docker.io"
	}
	if registry == "docker.io" && !strings.Contains(rest, "/") {
		rest = "library/" + rest
	}
	out["registry"] = registry
	out["repository"] = rest
	return out
}

// dispatch reads the kind-specific part of an instruction of a stage.
func (l *loader) dispatch(n *parser.Node, cmd string, in map[string]any, path string, e stageEnv, global *scope, state *stageState) *attest.Diagnostic {
	switch cmd {
	case "arg":
		pairs, err := l.arg(n, e.args, global, e, path+"pairs.", 0)
		if err != nil {
			return err
		}
		in["pairs"] = pairs
	case "env", "label":
		var pairs []any
		i := 0
		for k := n.Next; k != nil && k.Next != nil; k = k.Next.Next.Next {
			key, ok, err := l.expand(k.Value, e, n.StartLine)
			if err != nil {
				return err
			}
			if !ok {
				key = k.Value
			}
			p := map[string]any{"key": key}
			v, ok, err := l.expand(k.Next.Value, e, n.StartLine)
			if err != nil {
				return err
			}
			if ok {
				p["value"] = v
			} else {
				l.markUnknown(fmt.Sprintf("%spairs.%d.value", path, i))
			}
			pairs = append(pairs, p)
			if k.Next.Next == nil {
				break
			}
			i++
		}
		// ENV values apply to the instructions after this one only.
		if cmd == "env" {
			for _, p := range pairs {
				p := p.(map[string]any)
				if v, ok := p["value"].(string); ok {
					e.envs.set(p["key"].(string), v)
				} else {
					e.envs.setUnknown(p["key"].(string))
				}
			}
		}
		in["pairs"] = nonNil(pairs)
	case "user":
		state.userSet, state.userLine = true, n.StartLine
		state.user = nil
		if n.Next == nil {
			return l.errAt(n.StartLine, "USER needs a user")
		}
		u, ok, err := l.expand(n.Next.Value, e, n.StartLine)
		if err != nil {
			return err
		}
		if ok {
			in["user"] = u
			state.user = u
		} else {
			l.markUnknown(path + "user")
		}
	case "workdir", "stopsignal":
		if n.Next != nil {
			v, ok, err := l.expand(n.Next.Value, e, n.StartLine)
			if err != nil {
				return err
			}
			if ok {
				in["value"] = v
			} else {
				l.markUnknown(path + "value")
			}
		}
	case "copy", "add", "expose", "volume":
		var words []any
		for a := n.Next; a != nil; a = a.Next {
			if a.Value == "" {
				continue
			}
			v, ok, err := l.expand(a.Value, e, n.StartLine)
			if err != nil {
				return err
			}
			if ok {
				words = append(words, v)
			} else {
				if cmd == "expose" || cmd == "volume" {
					l.markUnknown(fmt.Sprintf("%swords.%d", path, len(words)))
				}
				words = append(words, nil)
			}
		}
		if cmd == "expose" || cmd == "volume" {
			in["words"] = nonNil(words)
		}
		if cmd == "copy" || cmd == "add" {
			if len(words) < 2 {
				return l.errAt(n.StartLine, "%s needs a source and a destination", strings.ToUpper(cmd))
			}
			in["sources"] = words[:len(words)-1]
			in["dest"] = words[len(words)-1]
			for i, w := range words[:len(words)-1] {
				if w == nil {
					l.markUnknown(fmt.Sprintf("%ssources.%d", path, i))
				}
			}
			if words[len(words)-1] == nil {
				l.markUnknown(path + "dest")
			}
			if opts := flagOptions(n.Flags); len(opts) > 0 {
				in["options"] = opts
			}
		}
	case "run":
		in["script"] = script(n)
		var mounts []any
		for _, f := range n.Flags {
			if v, ok := strings.CutPrefix(f, "--mount="); ok {
				mounts = append(mounts, mountOptions(v))
			}
		}
		if len(mounts) > 0 {
			in["mounts"] = mounts
		}
		if opts := flagOptions(n.Flags); len(opts) > 0 {
			in["options"] = opts
		}
	case "healthcheck":
		state.healthLine = n.StartLine
		if n.Next != nil && strings.EqualFold(n.Next.Value, "none") {
			state.healthcheck = "none"
			in["none"] = true
		} else {
			state.healthcheck = "cmd"
			in["none"] = false
		}
	}
	return nil
}

// arg reads an ARG instruction into args: each name with the value given
// by --build-arg (Options.BuildArgs), else its default expanded (through e,
// or args itself for the global ARGs), else, in a stage, the value of the
// global ARG of that name. A name with none of these is unknown.
func (l *loader) arg(n *parser.Node, args, global *scope, e env, prefix string, base int) ([]any, *attest.Diagnostic) {
	if e == nil {
		e = args
	}
	var pairs []any
	for a := n.Next; a != nil; a = a.Next {
		name, def, hasDefault := strings.Cut(a.Value, "=")
		p := map[string]any{"key": name, "has_default": hasDefault, "line": int64(n.StartLine), "end_line": int64(n.EndLine)}
		unknown := func() {
			l.markUnknown(fmt.Sprintf("%s%d.value", prefix, base+len(pairs)))
			args.setUnknown(name)
		}
		given, isGiven := l.buildArgs[name]
		if slices.Contains(platformArgs, name) {
			isGiven = false
		}
		switch {
		case isGiven:
			// A build argument's value is used as given, not expanded.
			p["value"] = given
			p["build_arg"] = true
			args.set(name, given)
		case hasDefault:
			v, ok, err := l.expand(def, e, n.StartLine)
			if err != nil {
				return nil, err
			}
			if ok {
				p["value"] = v
				args.set(name, v)
			} else {
				unknown()
			}
		case args != global && !global.isUnknown(name) && hasKey(global, name):
			v := global.vals[name]
			p["value"] = v
			args.set(name, v)
		default:
			unknown()
		}
		pairs = append(pairs, p)
	}
	return nonNil(pairs), nil
}

func hasKey(s *scope, k string) bool { _, ok := s.vals[k]; return ok }

// script is the text the shell runs for a RUN: its command line (the exec
// form joined by spaces) and the bodies of its heredocs.
func script(n *parser.Node) string {
	var parts []string
	for a := n.Next; a != nil; a = a.Next {
		parts = append(parts, a.Value)
	}
	s := strings.Join(parts, " ")
	for _, h := range n.Heredocs {
		s += "\n" + h.Content
	}
	return s
}

// flagOptions reads --name=value flags into a map; a flag without a value
// is true.
func flagOptions(flags []string) map[string]any {
	out := map[string]any{}
	for _, f := range flags {
		k, v, ok := strings.Cut(strings.TrimPrefix(f, "--"), "=")
		if k == "mount" {
			continue
		}
		if ok {
			out[k] = v
		} else {
			out[k] = true
		}
	}
	return out
}

// mountOptions reads a --mount value (type=secret,id=npm,target=/root/.npmrc)
// into a map; the type defaults to bind as in BuildKit.
func mountOptions(v string) map[string]any {
	out := map[string]any{"type": "bind"}
	for _, field := range strings.Split(v, ",") {
		k, val, ok := strings.Cut(field, "=")
		k = strings.ToLower(strings.TrimSpace(k))
		if k == "" {
			continue
		}
		if !ok {
			out[k] = true
			continue
		}
		if b, err := strconv.ParseBool(val); err == nil && (k == "readonly" || k == "ro" || k == "required") {
			out[k] = b
			continue
		}
		out[k] = val
	}
	return out
}

// longLine returns the number of the first line of src longer than max
// bytes, or 1 when there is none.
func longLine(src []byte, max int) int {
	for n := 1; len(src) > 0; n++ {
		i := bytes.IndexByte(src, '\n')
		if i < 0 {
			i = len(src)
		}
		if i > max {
			return n
		}
		src = src[min(i+1, len(src)):]
	}
	return 1
}
