package opta

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/attest-dev/attest"
	"go.yaml.in/yaml/v3"
)

// unknown stands for a value Opta or Terraform computes at apply time: a
// Terraform expression (${{module.x.y}}), an output of the parent layer
// ({parent.x}), a variable of an environment file that was not read.
type unknown struct{}

// layer is what interpolation and module expansion need of one Opta layer:
// a file as applied in one environment.
type layer struct {
	file *file
	// root is the Resource.Root of the layer's resources.
	root string
	// parent is the environment file, nil for an environment or a service
	// whose environment was not read (parentUnread).
	parent       *file
	parentUnread bool
	parentName   string
	vars         map[string]any
	providers    map[string]any
	cloud        string
}

// aliases are the generic module types each cloud resolves.
var aliases = map[string]map[string]string{
	"aws": {"postgres": "aws-postgres", "mysql": "aws-mysql", "redis": "aws-redis", "k8s-service": "aws-k8s-service",
		"base": "aws-base", "k8s-base": "aws-k8s-base", "k8s-cluster": "aws-eks", "dns": "aws-dns"},
	"google": {"postgres": "gcp-postgres", "redis": "gcp-redis", "k8s-service": "gcp-k8s-service", "base": "gcp-base",
		"k8s-base": "gcp-k8s-base", "k8s-cluster": "gcp-gke", "mysql": "gcp-mysql", "dns": "gcp-dns"},
	"azurerm": {"postgres": "azure-postgres", "redis": "azure-redis", "k8s-service": "azure-k8s-service",
		"base": "azure-base", "k8s-base": "azure-k8s-base", "k8s-cluster": "azure-aks"},
}

// resolveType is the module type a layer of that cloud runs for typ.
func resolveType(cloud, typ string) string {
	if a, ok := aliases[cloud][typ]; ok {
		return a
	}
	return typ
}

// cloudOf is the cloud of a layer from its providers (Opta takes the first
// it knows); empty when none is named.
func cloudOf(providers map[string]any) string {
	for _, c := range []string{"aws", "google", "azurerm", "local"} {
		if _, ok := providers[c]; ok {
			return c
		}
	}
	return ""
}

// Load reads one Opta file and returns the resources Opta would create for
// it, as the Terraform resources its modules generate. A service that lists
// environments is expanded once per environment, each its own root
// (path#environment), with that environment's variables; its environment
// file is read for its name, providers and modules. Input errors are error
// diagnostics at file:line:col; facts that limit the check (an environment
// file not read, a module type not mapped, a value only known at apply
// time that decides which resources exist) are gaps.
func Load(path string, src []byte, opts Options) ([]attest.Resource, attest.Diagnostics) {
	f, diags := parse(path, src)
	if diags.HasErrors() {
		return nil, diags
	}
	var layers []*layer
	if len(f.environments) == 0 {
		vars := maps.Clone(f.inputVars)
		if vars == nil {
			vars = map[string]any{}
		}
		layers = append(layers, &layer{file: f, root: path, parentName: "nil", vars: vars,
			providers: f.providers, cloud: cloudOf(f.providers)})
	}
	for _, env := range f.environments {
		l := &layer{file: f, root: path + "#" + env.name, vars: map[string]any{}}
		maps.Copy(l.vars, f.inputVars)
		maps.Copy(l.vars, env.vars)
		l.providers = maps.Clone(f.providers)
		if l.providers == nil {
			l.providers = map[string]any{}
		}
		if env.path == "" {
			l.parentUnread = true
			diags = append(diags, gap(path, env.node, fmt.Sprintf("environment %q names no path: its name and providers are unknown", env.name)))
		} else if parent, why := readEnvironment(opts.Tree, path, env.path); parent == nil {
			l.parentUnread = true
			diags = append(diags, gap(path, env.node, fmt.Sprintf("environment %q not read: %s; values from it are unknown", env.name, why)))
		} else {
			l.parent = parent
			l.parentName = parent.name
			for k, v := range parent.providers {
				if _, ok := l.providers[k]; !ok {
					l.providers[k] = v
				}
			}
		}
		l.cloud = cloudOf(l.providers)
		layers = append(layers, l)
	}

	var out []attest.Resource
	for _, l := range layers {
		for i := range f.modules {
			m := &f.modules[i]
			res, ds := l.expand(m)
			out = append(out, res...)
			diags = append(diags, ds...)
		}
	}
	diags.Sort()
	return out, diags
}

func gap(path string, n *yaml.Node, summary string) attest.Diagnostic {
	return attest.Diagnostic{Severity: attest.DiagGap, Pos: attest.Pos{File: path, Line: n.Line, Column: n.Column}, Summary: summary}
}

// expand turns one module into its resources in this layer.
func (l *layer) expand(m *module) ([]attest.Resource, attest.Diagnostics) {
	path := l.file.path
	at := func(sev, summary string) attest.Diagnostics {
		return attest.Diagnostics{{Severity: sev, Pos: attest.Pos{File: path, Line: m.node.Line, Column: m.node.Column}, Summary: summary}}
	}
	if l.cloud == "" && l.parentUnread && aliases["aws"][m.typ] != "" && !noCloudResources[aliases["aws"][m.typ]] {
		return nil, at(attest.DiagGap, fmt.Sprintf("module %s: type %q depends on the environment's cloud, which is unknown; not checked", m.name, m.typ))
	}
	kind := resolveType(l.cloud, m.typ)
	build, ok := builders[kind]
	if !ok {
		if noCloudResources[kind] {
			return nil, nil
		}
		return nil, at(attest.DiagGap, fmt.Sprintf("module %s: type %q is not mapped to the resources Opta creates; not checked", m.name, kind))
	}
	in := inputs{data: map[string]any{}, nodes: m.nodes}
	for k, raw := range m.data {
		v, err := l.interpolate(raw)
		if err != nil {
			n := m.nodes[k]
			var pe *parseError
			if errors.As(err, &pe) {
				return nil, attest.Diagnostics{{Severity: attest.DiagError, Pos: attest.Pos{File: path, Line: n.Line, Column: n.Column},
					Summary: "invalid Opta file", Detail: fmt.Sprintf("module %s: %s: %s", m.name, k, pe.msg)}}
			}
			return nil, attest.Diagnostics{{Severity: attest.DiagError, Pos: attest.Pos{File: path, Line: n.Line, Column: n.Column},
				Summary: "invalid Opta file", Detail: fmt.Sprintf("module %s: %s: %v", m.name, k, err)}}
		}
		in.data[k] = v
	}
	e := &emitter{layer: l, mod: m, in: &in}
	build(e)
	return e.out, e.diags
}

// noCloudResources are module types that create no cloud resources the AWS,
// GCP or Azure rules judge: Kubernetes workloads and charts, local
// development, third-party integrations.
var noCloudResources = map[string]bool{
	"aws-k8s-service": true, "gcp-k8s-service": true, "azure-k8s-service": true, "local-k8s-service": true,
	"k8s-service": true, "helm-chart": true, "k8s-manifest": true, "aws-k8s-base": true, "gcp-k8s-base": true,
	"azure-k8s-base": true, "local-base": true, "local-postgres": true, "local-mysql": true, "local-redis": true,
	"local-mongodb": true, "datadog": true, "external-ssl-cert": true, "external-state": true,
}

// interpolate applies Opta's {name} substitution to every string of v.
func (l *layer) interpolate(v any) (any, error) {
	switch x := v.(type) {
	case string:
		return l.interpolateString(x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			var err error
			if out[i], err = l.interpolate(e); err != nil {
				return nil, err
			}
		}
		return out, nil
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			var err error
			if out[k], err = l.interpolate(e); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	return v, nil
}

// interpolateString substitutes the {field} references of s the way Python's
// str.format does for Opta ({{ and }} stand for braces). A result that
// still holds a Terraform expression (${...}) is computed at apply time.
func (l *layer) interpolateString(s string) (any, error) {
	if !strings.ContainsAny(s, "{}") {
		return s, nil
	}
	var b strings.Builder
	isUnknown := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '{' && i+1 < len(s) && s[i+1] == '{':
			b.WriteByte('{')
			i++
		case c == '}' && i+1 < len(s) && s[i+1] == '}':
			b.WriteByte('}')
			i++
		case c == '{':
			j := strings.IndexByte(s[i:], '}')
			if j < 0 {
				return nil, fmt.Errorf("unmatched { in %q", s)
			}
			field := s[i+1 : i+j]
			// A conversion or format spec ({x!r}, {x:>4}) is not
			// applied here: the result is left unknown.
			k := strings.IndexAny(field, "!:")
			if k >= 0 {
				field = field[:k]
			}
			v, err := l.lookup(field)
			if err != nil {
				return nil, err
			}
			if k >= 0 {
				v = unknown{}
			}
			if _, ok := v.(unknown); ok {
				isUnknown = true
			} else {
				b.WriteString(pyString(v))
			}
			i += j
		case c == '}':
			return nil, fmt.Errorf("single } in %q", s)
		default:
			b.WriteByte(c)
		}
	}
	out := b.String()
	if isUnknown || strings.Contains(out, "${") {
		return unknown{}, nil
	}
	return out, nil
}

// pyString formats a value as Python's str() would.
func pyString(v any) string {
	switch x := v.(type) {
	case nil:
		return "None"
	case bool:
		if x {
			return "True"
		}
		return "False"
	case string:
		return x
	}
	return fmt.Sprint(v)
}

// lookup resolves one interpolation field.
func (l *layer) lookup(field string) (any, error) {
	head, rest, _ := strings.Cut(field, ".")
	switch head {
	case "layer_name":
		return l.file.name, nil
	case "parent_name":
		if l.parentUnread {
			return unknown{}, nil
		}
		return l.parentName, nil
	case "env":
		if l.parentUnread {
			return unknown{}, nil
		}
		if l.parent != nil {
			return l.parent.name, nil
		}
		return l.file.name, nil
	case "vars", "variables":
		v, ok := l.vars[rest]
		if !ok {
			if l.parentUnread {
				return unknown{}, nil
			}
			return nil, fmt.Errorf("{%s}: no variable %q (declare it in input_variables or the environment's vars)", field, rest)
		}
		return v, nil
	case "parent":
		if l.parent == nil && !l.parentUnread {
			return nil, fmt.Errorf("{%s}: this layer has no environment (parent)", field)
		}
		return unknown{}, nil
	case "state_storage", "kubeconfig", "k8s_access_token":
		return unknown{}, nil
	case "region":
		for _, p := range []string{"aws", "google"} {
			if r, ok := l.provider(p, "region"); ok {
				return r, nil
			}
		}
		if loc, ok := l.provider("azurerm", "location"); ok {
			return loc, nil
		}
		return unknown{}, nil
	}
	if _, ok := l.providers[head]; ok {
		if v, ok := l.provider(head, rest); ok {
			return v, nil
		}
		return unknown{}, nil
	}
	if l.parentUnread {
		return unknown{}, nil
	}
	return nil, fmt.Errorf("{%s}: unknown name %q (Opta knows layer_name, parent_name, env, vars, parent and the providers)", field, head)
}

func (l *layer) provider(name, key string) (any, bool) {
	p, ok := l.providers[name].(map[string]any)
	if !ok {
		return nil, false
	}
	v, ok := p[key]
	return v, ok && v != nil
}

// env is the Opta environment name (env_name of the modules): the parent's
// name, or the layer's own for an environment file.
func (l *layer) env() any {
	if l.parentUnread {
		return unknown{}
	}
	if l.parent != nil {
		return l.parent.name
	}
	return l.file.name
}

// hasBase reports whether the layer or its environment declares the
// cloud's base module (which creates the log bucket and the KMS key).
func (l *layer) hasBase(kind string) bool {
	if l.file.hasModule(l.cloud, kind) {
		return true
	}
	return l.parent != nil && l.parent.hasModule(l.cloud, kind)
}

// inputs are a module's interpolated inputs.
type inputs struct {
	data  map[string]any
	nodes map[string]*yaml.Node
}

// tri is a boolean that may be unknown.
type tri int

const (
	triFalse tri = iota
	triTrue
	triUnknown
)

// boolean reads a boolean input, def when absent.
func (in *inputs) boolean(name string, def bool) (tri, error) {
	v, ok := in.data[name]
	if !ok || v == nil {
		if def {
			return triTrue, nil
		}
		return triFalse, nil
	}
	switch x := v.(type) {
	case unknown:
		return triUnknown, nil
	case bool:
		if x {
			return triTrue, nil
		}
		return triFalse, nil
	case string:
		if b, err := strconv.ParseBool(strings.ToLower(x)); err == nil {
			if b {
				return triTrue, nil
			}
			return triFalse, nil
		}
	}
	return triFalse, in.errorf(name, "want true or false, not %v", pyString(v))
}

// number reads a whole-number input, def when absent; ok is false when it
// is unknown.
func (in *inputs) number(name string, def int64) (int64, bool, error) {
	v, present := in.data[name]
	if !present || v == nil {
		return def, true, nil
	}
	switch x := v.(type) {
	case unknown:
		return 0, false, nil
	case int64:
		return x, true, nil
	case string:
		if n, err := strconv.ParseInt(x, 10, 64); err == nil {
			return n, true, nil
		}
	}
	return 0, false, in.errorf(name, "want a whole number, not %v", pyString(v))
}

// str reads a string input, def when absent; ok is false when unknown.
func (in *inputs) str(name string, def any) (any, error) {
	v, present := in.data[name]
	if !present || v == nil {
		return def, nil
	}
	switch x := v.(type) {
	case unknown:
		return x, nil
	case string:
		return x, nil
	case int64, float64, bool:
		return pyString(x), nil
	}
	return nil, in.errorf(name, "want a string")
}

func (in *inputs) errorf(name, format string, args ...any) error {
	n := in.nodes[name]
	pe := &parseError{msg: name + ": " + fmt.Sprintf(format, args...)}
	if n != nil {
		pe.line, pe.col = n.Line, n.Column
	}
	return pe
}

// sortedKeys is a helper for deterministic iteration.
func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }
