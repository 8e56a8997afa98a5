package opta

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/attest-dev/attest"
	"go.yaml.in/yaml/v3"
)

// Options adjust a load.
type Options struct {
	// Tree is the directory that environment files named by a service's
	// environments[].path may be read from. A path that leaves it (or a
	// symbolic link that does) is not read: the environment is a gap.
	// When empty, no environment file is read.
	Tree string
}

// maxEnvFile bounds the size of an environment file read for a service.
const maxEnvFile = 4 << 20

// Detect reports whether a file, from its base name and first bytes, is an
// Opta service or environment file: a YAML file whose top level has name
// and a modules list with a type in it, and one of org_name, environments or
// providers. Only top-level keys (at the first column) count, so a Helm
// values file or a Kubernetes manifest that mentions modules deeper down is
// not claimed.
func Detect(name string, head []byte) bool {
	ext := strings.ToLower(filepath.Ext(name))
	if ext != ".yaml" && ext != ".yml" {
		return false
	}
	var hasName, hasModules, hasOther, hasType bool
	inModules := false
	for line := range bytes.Lines(head) {
		line = bytes.TrimRight(line, "\r\n")
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		if line[0] != ' ' && line[0] != '\t' && line[0] != '-' {
			key, _, ok := bytes.Cut(line, []byte(":"))
			if !ok {
				inModules = false
				continue
			}
			k := string(bytes.TrimSpace(key))
			inModules = k == "modules"
			switch k {
			case "name":
				hasName = true
			case "modules":
				hasModules = true
			case "org_name", "environments", "providers":
				hasOther = true
			case "apiVersion", "kind", "AWSTemplateFormatVersion", "Resources":
				return false
			}
			continue
		}
		if inModules && typeKey.Match(line) {
			hasType = true
		}
	}
	return hasName && hasModules && hasOther && hasType
}

// typeKey matches a "type:" key of a module entry, written first in its
// entry or on a line of its own.
var typeKey = regexp.MustCompile(`^\s*(-\s+)?type\s*:`)

// file is one parsed Opta file.
type file struct {
	path         string
	name         string
	org          string
	providers    map[string]any
	environments []environment
	inputVars    map[string]any
	modules      []module
}

// environment is an entry of a service's environments list.
type environment struct {
	name string
	path string
	vars map[string]any
	node *yaml.Node
}

// module is one entry of a modules list.
type module struct {
	typ   string
	name  string
	node  *yaml.Node
	start int
	end   int
	data  map[string]any
	nodes map[string]*yaml.Node
}

// parseError is an input error at a node.
type parseError struct {
	line, col int
	msg       string
}

func (e *parseError) Error() string { return e.msg }

func errAt(n *yaml.Node, format string, args ...any) error {
	return &parseError{n.Line, n.Column, fmt.Sprintf(format, args...)}
}

// yamlLine finds the line number in a yaml.v3 error message.
var yamlLine = regexp.MustCompile(`line (\d+): `)

// parse reads an Opta file. Errors are input errors located at file:line:col
// (the YAML parser gives only a line for syntax errors).
func parse(path string, src []byte) (*file, attest.Diagnostics) {
	errDiag := func(line, col int, msg string) attest.Diagnostics {
		return attest.Diagnostics{{Severity: attest.DiagError, Pos: attest.Pos{File: path, Line: line, Column: col},
			Summary: "invalid Opta file", Detail: msg}}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		line := 0
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			line, _ = strconv.Atoi(m[1])
		}
		return nil, errDiag(line, 0, yamlLine.ReplaceAllString(strings.TrimPrefix(err.Error(), "yaml: "), ""))
	}
	f, err := parseDoc(path, &doc)
	if err != nil {
		var pe *parseError
		if errors.As(err, &pe) {
			return nil, errDiag(pe.line, pe.col, pe.msg)
		}
		return nil, errDiag(1, 1, err.Error())
	}
	return f, nil
}

func parseDoc(path string, doc *yaml.Node) (*file, error) {
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		return nil, &parseError{1, 1, "an Opta file is one YAML document"}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, errAt(root, "the top level must be a mapping")
	}
	f := &file{path: path}
	var nameNode *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		var err error
		switch k.Value {
		case "name":
			nameNode = v
			f.name, err = scalarString(v, "name")
		case "org_name":
			f.org, err = scalarString(v, "org_name")
		case "providers":
			var p any
			if p, err = value(v); err == nil {
				m, ok := p.(map[string]any)
				if !ok && p != nil {
					err = errAt(v, "providers must be a mapping")
				}
				f.providers = m
			}
		case "environments":
			f.environments, err = parseEnvironments(v)
		case "input_variables":
			f.inputVars, err = parseInputVars(v)
		case "modules":
			f.modules, err = parseModules(v)
		}
		if err != nil {
			return nil, err
		}
	}
	if nameNode == nil || f.name == "" {
		return nil, errAt(root, "an Opta file needs a name")
	}
	return f, nil
}

func scalarString(n *yaml.Node, what string) (string, error) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return "", errAt(n, "%s must be a string", what)
	}
	return n.Value, nil
}

func parseEnvironments(n *yaml.Node) ([]environment, error) {
	if n.Kind != yaml.SequenceNode {
		return nil, errAt(n, "environments must be a list")
	}
	var envs []environment
	for _, e := range n.Content {
		if e.Kind != yaml.MappingNode {
			return nil, errAt(e, "an environment must be a mapping with name and path")
		}
		env := environment{node: e, vars: map[string]any{}}
		for i := 0; i+1 < len(e.Content); i += 2 {
			k, v := e.Content[i], e.Content[i+1]
			var err error
			switch k.Value {
			case "name":
				env.name, err = scalarString(v, "environment name")
			case "path":
				env.path, err = scalarString(v, "environment path")
			case "vars", "variables":
				var x any
				if x, err = value(v); err == nil {
					m, ok := x.(map[string]any)
					if !ok && x != nil {
						err = errAt(v, "%s must be a mapping", k.Value)
					}
					for name, val := range m {
						env.vars[name] = val
					}
				}
			}
			if err != nil {
				return nil, err
			}
		}
		if env.name == "" {
			return nil, errAt(e, "an environment needs a name")
		}
		for _, prev := range envs {
			if prev.name == env.name {
				return nil, errAt(e, "environment %q is listed twice (first at line %d)", env.name, prev.node.Line)
			}
		}
		envs = append(envs, env)
	}
	return envs, nil
}

func parseInputVars(n *yaml.Node) (map[string]any, error) {
	if n.Kind != yaml.SequenceNode {
		return nil, errAt(n, "input_variables must be a list")
	}
	vars := map[string]any{}
	for _, e := range n.Content {
		if e.Kind != yaml.MappingNode {
			return nil, errAt(e, "an input variable must be a mapping with name and default")
		}
		var name string
		var def any
		for i := 0; i+1 < len(e.Content); i += 2 {
			k, v := e.Content[i], e.Content[i+1]
			var err error
			switch k.Value {
			case "name":
				name, err = scalarString(v, "input variable name")
			case "default":
				def, err = value(v)
			}
			if err != nil {
				return nil, err
			}
		}
		if name == "" {
			return nil, errAt(e, "an input variable needs a name")
		}
		vars[name] = def
	}
	return vars, nil
}

func parseModules(n *yaml.Node) ([]module, error) {
	if n.Kind != yaml.SequenceNode {
		return nil, errAt(n, "modules must be a list")
	}
	var mods []module
	seen := map[string]*yaml.Node{}
	for _, e := range n.Content {
		if e.Kind != yaml.MappingNode {
			return nil, errAt(e, "a module must be a mapping with a type")
		}
		m := module{node: e, start: e.Line, end: lastLine(e), data: map[string]any{}, nodes: map[string]*yaml.Node{}}
		for i := 0; i+1 < len(e.Content); i += 2 {
			k, v := e.Content[i], e.Content[i+1]
			var err error
			switch k.Value {
			case "type":
				m.typ, err = scalarString(v, "module type")
			case "name":
				m.name, err = scalarString(v, "module name")
			default:
				m.data[k.Value], err = value(v)
				m.nodes[k.Value] = v
			}
			if err != nil {
				return nil, err
			}
		}
		if m.typ == "" {
			return nil, errAt(e, "a module needs a type")
		}
		if m.name == "" {
			// Opta names a module after its type without the dashes.
			m.name = strings.ReplaceAll(m.typ, "-", "")
		}
		if !validName.MatchString(m.name) {
			return nil, errAt(e, "module name %q: only letters and digits are allowed", m.name)
		}
		if prev, ok := seen[m.name]; ok {
			return nil, errAt(e, "module name %q is used twice (first at line %d)", m.name, prev.Line)
		}
		seen[m.name] = e
		mods = append(mods, m)
	}
	return mods, nil
}

var validName = regexp.MustCompile(`^[A-Za-z0-9]+$`)

// lastLine is the last line a node's content reaches.
func lastLine(n *yaml.Node) int {
	l := n.Line
	for _, c := range n.Content {
		l = max(l, lastLine(c))
	}
	if n.Kind == yaml.ScalarNode && (n.Style == yaml.LiteralStyle || n.Style == yaml.FoldedStyle) {
		l += strings.Count(strings.TrimRight(n.Value, "\n"), "\n") + 1
	}
	return l
}

// maxValueNodes bounds the nodes one value may expand to through aliases,
// so that a file of nested aliases cannot blow up memory.
const maxValueNodes = 100_000

// value converts a YAML node into a JSON-like value: nil, bool, int64,
// float64, string, []any or map[string]any.
func value(n *yaml.Node) (any, error) {
	budget := maxValueNodes
	return convert(n, &budget)
}

func convert(n *yaml.Node, budget *int) (any, error) {
	if *budget--; *budget < 0 {
		return nil, errAt(n, "the value expands (through aliases) to more than %d nodes", maxValueNodes)
	}
	switch n.Kind {
	case yaml.AliasNode:
		return convert(n.Alias, budget)
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return nil, nil
		case "!!bool":
			var b bool
			if err := n.Decode(&b); err != nil {
				return nil, errAt(n, "%v", err)
			}
			return b, nil
		case "!!int":
			var i int64
			if err := n.Decode(&i); err != nil {
				return nil, errAt(n, "%v", err)
			}
			return i, nil
		case "!!float":
			var f float64
			if err := n.Decode(&f); err != nil {
				return nil, errAt(n, "%v", err)
			}
			return f, nil
		}
		return n.Value, nil
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := convert(c, budget)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		out := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode {
				return nil, errAt(k, "a mapping key must be a string")
			}
			if k.Tag == "!!merge" {
				return nil, errAt(k, "merge keys (<<) are not supported in Opta files")
			}
			v, err := convert(n.Content[i+1], budget)
			if err != nil {
				return nil, err
			}
			out[k.Value] = v
		}
		return out, nil
	}
	return nil, errAt(n, "unexpected YAML node")
}

// readEnvironment reads the environment file a service names, inside tree.
// It returns a reason instead when the file is not read: outside the tree,
// fetched from git, missing or not an Opta file.
func readEnvironment(tree, servicePath, envPath string) (*file, string) {
	if strings.HasPrefix(envPath, "git@") || strings.Contains(envPath, "://") {
		return nil, "environment files fetched from git are not read"
	}
	if tree == "" {
		return nil, "no tree to read environment files from"
	}
	p := envPath
	if !filepath.IsAbs(p) {
		p = filepath.Join(filepath.Dir(servicePath), p)
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return nil, err.Error()
	}
	absTree, err := filepath.Abs(tree)
	if err != nil {
		return nil, err.Error()
	}
	rel, err := filepath.Rel(absTree, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return nil, fmt.Sprintf("%s is outside the scanned tree %s", envPath, tree)
	}
	root, err := os.OpenRoot(absTree)
	if err != nil {
		return nil, err.Error()
	}
	defer root.Close()
	// Only a regular file: opening a FIFO would block the scan.
	if info, err := root.Lstat(rel); err == nil && !info.Mode().IsRegular() {
		return nil, fmt.Sprintf("cannot read %s: not a regular file", envPath)
	}
	fh, err := root.Open(rel)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Sprintf("cannot read %s: %v", envPath, err)
	}
	defer fh.Close()
	data, err := io.ReadAll(io.LimitReader(fh, maxEnvFile+1))
	if err != nil {
		return nil, fmt.Sprintf("cannot read %s: %v", envPath, err)
	}
	if len(data) > maxEnvFile {
		return nil, fmt.Sprintf("%s is larger than %d bytes", envPath, maxEnvFile)
	}
	env, diags := parse(p, data)
	if diags.HasErrors() {
		return nil, fmt.Sprintf("%s does not parse: %v", envPath, diags)
	}
	if len(env.environments) > 0 {
		return nil, fmt.Sprintf("%s has environments of its own: it is a service, not an environment", envPath)
	}
	return env, ""
}

// hasModule reports whether the file declares a module of one of the kinds.
func (f *file) hasModule(cloud string, kinds ...string) bool {
	return slices.ContainsFunc(f.modules, func(m module) bool {
		return slices.Contains(kinds, resolveType(cloud, m.typ))
	})
}
