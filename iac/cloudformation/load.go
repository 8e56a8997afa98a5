package cloudformation

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/iac"
	"go.yaml.in/yaml/v3"
)

// Options adjust how a template is read.
type Options struct {
	// Parameters are values for the template's parameters by name, and for
	// pseudo parameters (AWS::Region, AWS::AccountId, AWS::Partition, ...),
	// which are unknown unless given here. They override defaults.
	Parameters map[string]string
	// MaxSteps bounds the evaluation work of one template (nodes visited,
	// aliases followed); zero means DefaultMaxSteps.
	MaxSteps int
}

// DefaultMaxSteps is the evaluation budget of one template when
// Options.MaxSteps is zero: far above any real template, low enough that a
// YAML alias bomb stops in milliseconds.
const DefaultMaxSteps = 2_000_000

// maxString bounds the length of a string that Fn::Join, Fn::Sub or
// Fn::Base64 builds.
const maxString = 1 << 20

// SAMTransform is the Transform value of a SAM template.
const SAMTransform = "AWS::Serverless-2016-10-31"

var (
	reVersion   = regexp.MustCompile(`(?m)(^|[{,\s])["']?AWSTemplateFormatVersion["']?\s*:`)
	reResources = regexp.MustCompile(`(?m)(^|[{,\s])["']?Resources["']?\s*:`)
	reAWSType   = regexp.MustCompile(`["']?Type["']?\s*:\s*["']?AWS::`)
	reLogicalID = regexp.MustCompile(`^[A-Za-z0-9]+$`)
)

// extensions are the file name endings a template may have. A file is a
// template only when its content says so too (Detect).
var extensions = []string{".yaml", ".yml", ".json", ".template", ".cfn", ".txt"}

// Detect reports whether a file is a CloudFormation template, from its name
// and its first bytes: the name must end in one of the usual template
// extensions (or have none) and the content must declare
// AWSTemplateFormatVersion or a Resources section with a resource of an
// AWS:: type. The name alone never decides.
func Detect(name string, head []byte) bool {
	ext := strings.ToLower(path.Ext(name))
	if ext != "" && !slices.Contains(extensions, ext) {
		return false
	}
	// The regular expressions run only where their literal text occurs:
	// most files of a tree hold neither, and a search for a word is much
	// cheaper than a regular expression over the whole head.
	if bytes.Contains(head, []byte("AWSTemplateFormatVersion")) && reVersion.Match(head) {
		return true
	}
	return bytes.Contains(head, []byte("Resources")) && bytes.Contains(head, []byte("AWS::")) &&
		reResources.Match(head) && reAWSType.Match(head)
}

// Load reads the template src, read from file name, into resources. Its
// diagnostics hold the input errors (at file:line:col) and the warnings; a
// template that does not parse gives no resources.
func Load(name string, src []byte, opts Options) ([]attest.Resource, attest.Diagnostics) {
	doc, diag, ok := parse(name, src)
	if !ok {
		return nil, attest.Diagnostics{diag}
	}
	l := &loader{
		file:     name,
		opts:     opts,
		budget:   cmpOr(opts.MaxSteps, DefaultMaxSteps),
		params:   map[string]*param{},
		mappings: map[string]*yaml.Node{},
		conds:    map[string]*cond{},
		res:      map[string]*yaml.Node{},
	}
	if doc.Kind != yaml.MappingNode {
		l.errorf(doc, "template is not a mapping of sections (AWSTemplateFormatVersion, Parameters, Resources, ...)")
		return nil, l.diags
	}
	l.sections(doc)
	return l.resources(), l.diags
}

func cmpOr(a, b int) int {
	if a > 0 {
		return a
	}
	return b
}

// parse reads the template into a YAML node tree. JSON is YAML too, but its
// syntax errors are located more precisely by the JSON decoder, so a JSON
// document that is not valid is reported by it.
func parse(name string, src []byte) (*yaml.Node, attest.Diagnostic, bool) {
	trimmed := bytes.TrimLeft(src, " \t\r\n\ufeff")
	if len(trimmed) > 0 && trimmed[0] == '{' && !json.Valid(src) {
		var v any
		if d, ok := iac.DecodeJSON(name, src, &v, "template does not parse"); !ok {
			return nil, d, false
		}
	}
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		return nil, yamlError(name, err), false
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		return nil, attest.Diagnostic{Severity: attest.DiagError, Pos: attest.Pos{File: name, Line: 1, Column: 1}, Summary: "template does not parse", Detail: "the document is empty"}, false
	}
	return root.Content[0], attest.Diagnostic{}, true
}

var reYAMLLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlError turns a YAML parse error into a diagnostic; yaml.v3 gives the
// line but not the column.
func yamlError(name string, err error) attest.Diagnostic {
	d := attest.Diagnostic{Severity: attest.DiagError, Pos: attest.Pos{File: name}, Summary: "template does not parse", Detail: err.Error()}
	if m := reYAMLLine.FindStringSubmatch(err.Error()); m != nil {
		d.Pos.Line, _ = strconv.Atoi(m[1])
		d.Detail = m[2]
	}
	return d
}

// param is a declared template parameter.
type param struct {
	node *yaml.Node
	typ  string
	// val is the parameter's value: a string (a number for Number), a list
	// for list types, or unknownVal.
	val any
}

// cond is a declared condition, evaluated on first use.
type cond struct {
	node  *yaml.Node
	state int // 0 not evaluated, 1 evaluating, 2 done
	val   tri
}

// tri is a condition's value: true, false or not known statically.
type tri int

const (
	triUnknown tri = iota
	triTrue
	triFalse
)

type loader struct {
	file     string
	opts     Options
	budget   int
	exceeded bool
	diags    attest.Diagnostics
	sam      bool
	params   map[string]*param
	mappings map[string]*yaml.Node
	conds    map[string]*cond
	res      map[string]*yaml.Node
	order    []string // resource logical ids in file order
	keyOf    map[string]*yaml.Node
}

func (l *loader) errorf(n *yaml.Node, format string, args ...any) {
	l.diags = append(l.diags, attest.Diagnostic{Severity: attest.DiagError, Pos: l.pos(n), Summary: "invalid template", Detail: fmt.Sprintf(format, args...)})
}

func (l *loader) warnf(n *yaml.Node, summary, format string, args ...any) {
	l.diags = append(l.diags, attest.Diagnostic{Severity: attest.DiagWarning, Pos: l.pos(n), Summary: summary, Detail: fmt.Sprintf(format, args...)})
}

func (l *loader) pos(n *yaml.Node) attest.Pos {
	if n == nil {
		return attest.Pos{File: l.file}
	}
	return attest.Pos{File: l.file, Line: n.Line, Column: n.Column}
}

// step charges one unit of evaluation work; it reports false, once with an
// error, when the budget is spent.
func (l *loader) step(n *yaml.Node) bool {
	if l.budget--; l.budget >= 0 {
		return true
	}
	if !l.exceeded {
		l.exceeded = true
		l.errorf(n, "evaluation stopped after %d steps (YAML aliases that multiply the work?); the rest of the template is unknown", cmpOr(l.opts.MaxSteps, DefaultMaxSteps))
	}
	return false
}

// pairs returns the key and value nodes of a mapping.
func pairs(n *yaml.Node) [][2]*yaml.Node {
	n = deref(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	out := make([][2]*yaml.Node, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		out = append(out, [2]*yaml.Node{n.Content[i], n.Content[i+1]})
	}
	return out
}

// deref follows YAML aliases.
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		n = n.Alias
	}
	return n
}

func (l *loader) sections(doc *yaml.Node) {
	var resources *yaml.Node
	for _, kv := range pairs(doc) {
		k, v := kv[0], deref(kv[1])
		switch k.Value {
		case "Transform":
			l.transform(v)
		case "Parameters":
			if !l.isMapping(v, "Parameters") {
				continue
			}
			for _, p := range pairs(v) {
				l.params[p[0].Value] = &param{node: deref(p[1])}
			}
		case "Mappings":
			if !l.isMapping(v, "Mappings") {
				continue
			}
			for _, p := range pairs(v) {
				l.mappings[p[0].Value] = deref(p[1])
			}
		case "Conditions":
			if !l.isMapping(v, "Conditions") {
				continue
			}
			for _, p := range pairs(v) {
				l.conds[p[0].Value] = &cond{node: p[1]}
			}
		case "Resources":
			resources = v
		}
	}
	if resources == nil {
		l.errorf(doc, "template has no Resources section")
		return
	}
	if !l.isMapping(resources, "Resources") {
		return
	}
	l.keyOf = map[string]*yaml.Node{}
	for _, p := range pairs(resources) {
		id := p[0].Value
		if !reLogicalID.MatchString(id) {
			l.errorf(p[0], "resource logical id %q must be alphanumeric", id)
			continue
		}
		if _, dup := l.res[id]; dup {
			l.errorf(p[0], "resource %s is declared twice", id)
			continue
		}
		l.res[id] = deref(p[1])
		l.keyOf[id] = p[0]
		l.order = append(l.order, id)
	}
	for _, name := range slices.Sorted(maps.Keys(l.params)) {
		l.params[name].val = l.paramValue(name, l.params[name])
	}
}

func (l *loader) isMapping(n *yaml.Node, what string) bool {
	if n.Kind != yaml.MappingNode {
		l.errorf(n, "%s must be a mapping", what)
		return false
	}
	return true
}

// transform notes the template's transforms: SAM is read as written (its
// AWS::Serverless::* resources are resources like any other); any other
// macro may rewrite the template before deployment.
func (l *loader) transform(v *yaml.Node) {
	var names []*yaml.Node
	switch v.Kind {
	case yaml.ScalarNode:
		names = []*yaml.Node{v}
	case yaml.SequenceNode:
		names = v.Content
	default:
		l.errorf(v, "Transform must be a name or a list of names")
		return
	}
	for _, n := range names {
		n = deref(n)
		if n.Kind != yaml.ScalarNode {
			l.errorf(n, "Transform must be a name or a list of names")
			continue
		}
		if n.Value == SAMTransform {
			l.sam = true
			continue
		}
		l.warnf(n, "template transform not applied", "macro %s may change the template before deployment; attest checks the template as written", n.Value)
	}
}

// paramValue is the value of a declared parameter: the one given in Options,
// else its Default, else unknown. SSM parameter types are always unknown:
// their value is read from Parameter Store at deploy time.
func (l *loader) paramValue(name string, p *param) any {
	var def *yaml.Node
	for _, kv := range pairs(p.node) {
		switch kv[0].Value {
		case "Type":
			p.typ = deref(kv[1]).Value
		case "Default":
			def = deref(kv[1])
		}
	}
	if p.node.Kind != yaml.MappingNode || p.typ == "" {
		l.errorf(p.node, "parameter %s must be a mapping with a Type", name)
		return unknownVal
	}
	if strings.HasPrefix(p.typ, "AWS::SSM::Parameter::Value<") {
		return unknownVal
	}
	raw, given := l.opts.Parameters[name]
	if given && raw == PreviousValue {
		return unknownVal
	}
	if !given {
		if def == nil {
			return unknownVal
		}
		if def.Kind != yaml.ScalarNode {
			if def.Kind == yaml.SequenceNode && strings.HasPrefix(p.typ, "List<") || p.typ == "CommaDelimitedList" {
				var out []any
				for _, e := range def.Content {
					out = append(out, deref(e).Value)
				}
				return out
			}
			l.errorf(def, "default of parameter %s must be a scalar", name)
			return unknownVal
		}
		raw = def.Value
	}
	switch {
	case p.typ == "Number":
		if v, ok := number(raw); ok {
			return v
		}
		at := def
		if given {
			at = p.node
		}
		l.errorf(at, "parameter %s is a Number but its value %q is not", name, raw)
		return unknownVal
	case p.typ == "CommaDelimitedList" || strings.HasPrefix(p.typ, "List<"):
		var out []any
		for _, s := range strings.Split(raw, ",") {
			s = strings.TrimSpace(s)
			if p.typ == "List<Number>" {
				if v, ok := number(s); ok {
					out = append(out, v)
					continue
				}
			}
			out = append(out, s)
		}
		return out
	}
	return raw
}

func number(s string) (any, bool) {
	s = strings.TrimSpace(s)
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		return i, true
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return f, true
	}
	return nil, false
}

// resources evaluates every resource whose condition is not false.
func (l *loader) resources() []attest.Resource {
	out := make([]attest.Resource, 0, len(l.order))
	for _, id := range l.order {
		n := l.res[id]
		key := l.keyOf[id]
		if n.Kind != yaml.MappingNode {
			l.errorf(n, "resource %s must be a mapping with a Type", id)
			continue
		}
		var typ, condName string
		var props, condNode *yaml.Node
		for _, kv := range pairs(n) {
			v := deref(kv[1])
			switch kv[0].Value {
			case "Type":
				if v.Kind != yaml.ScalarNode || v.Tag != "!!str" {
					l.errorf(v, "Type of resource %s must be a string", id)
					continue
				}
				typ = v.Value
			case "Properties":
				props = v
			case "Condition":
				if v.Kind != yaml.ScalarNode {
					l.errorf(v, "Condition of resource %s must be a condition name", id)
					continue
				}
				condName, condNode = v.Value, v
			}
		}
		if typ == "" {
			l.errorf(key, "resource %s has no Type", id)
			continue
		}
		if condName != "" {
			switch l.condition(condName, condNode) {
			case triFalse:
				continue
			case triUnknown:
				l.warnf(condNode, "resource condition not known statically", "condition %s of resource %s cannot be decided without deployment values; the resource is checked as if it were created", condName, id)
			}
		}
		r := attest.Resource{
			Type:     typ,
			Address:  id,
			Provider: provider(typ),
			Format:   attest.FormatCloudFormation,
			Root:     l.file,
			Range:    attest.Range{File: l.file, StartLine: key.Line, EndLine: endLine(n)},
		}
		var attrs map[string]any
		var unknown []string
		var refs map[string][]string
		if props != nil {
			v, _ := unwrap(l.eval(props))
			switch v := v.(type) {
			case map[string]any:
				attrs, unknown, refs = flatten(v)
			case unknownT:
				// Properties chosen by a condition that cannot be
				// decided, each branch a different mapping: nothing
				// about them is known.
				unknown = append(unknown, unknownProps(props)...)
			case noValueT:
			default:
				l.errorf(props, "Properties of resource %s must be a mapping", id)
			}
		}
		if attrs == nil {
			attrs = map[string]any{}
		}
		r.Attributes = attrs
		if len(unknown) > 0 {
			slices.Sort(unknown)
			r.Unknown = slices.Compact(unknown)
		}
		if len(refs) > 0 {
			r.Refs = refs
		}
		out = append(out, r)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// unknownProps lists, for Properties that are an undecidable Fn::If, the
// property names of either branch, so that rules see them as unknown.
func unknownProps(n *yaml.Node) []string {
	var out []string
	var walk func(n *yaml.Node, depth int)
	walk = func(n *yaml.Node, depth int) {
		n = deref(n)
		if n == nil || depth > 8 {
			return
		}
		if n.Kind == yaml.MappingNode && !isIntrinsic(n) {
			for _, kv := range pairs(n) {
				out = append(out, kv[0].Value)
			}
			return
		}
		for _, c := range n.Content {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	if len(out) == 0 {
		// Nothing names a property: every attribute a rule reads is
		// unknown only if it says so; "*" stands for all of them.
		out = []string{"*"}
	}
	return out
}

// provider is "aws" for AWS:: and Alexa:: types, the prefix otherwise.
func provider(typ string) string {
	p, _, _ := strings.Cut(typ, "::")
	return strings.ToLower(p)
}

// endLine is the last line a node's text occupies.
func endLine(n *yaml.Node) int {
	end := n.Line
	var walk func(n *yaml.Node, depth int)
	walk = func(n *yaml.Node, depth int) {
		if n == nil || depth > 200 {
			return
		}
		last := n.Line
		if n.Kind == yaml.ScalarNode {
			last += strings.Count(n.Value, "\n")
			if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 && strings.HasSuffix(n.Value, "\n") {
				last--
			}
		}
		end = max(end, last)
		if n.Kind == yaml.AliasNode {
			return
		}
		for _, c := range n.Content {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return end
}

// flatten turns the evaluated properties of a resource into its
// attributes: unknown values are left out and their paths returned in
// unknown; Ref: AWS::NoValue removes what it stands for. refs holds, at the
// path of every value that refers to resources and at every path above it,
// the logical ids it refers to (nil when none does).
//
// It works in place: the evaluator makes a new map or list for every one it
// evaluates, used once (only a parameter's list of scalars may be shared,
// and flattening leaves such a list as it is), so they become the
// attributes without being copied.
func flatten(m map[string]any) (attrs map[string]any, unknown []string, refs map[string][]string) {
	var path [128]byte
	f := &flattener{path: path[:0]}
	f.mapping(m, false)
	return m, f.unknown, f.refs
}

// flattener holds what flatten collects, and the path of the value it is
// at, as bytes that become a string only where a path is recorded.
type flattener struct {
	unknown []string
	refs    map[string][]string
	path    []byte
}

// at extends the path by a key; back returns to the length it had.
func (f *flattener) at(key string) int {
	n := len(f.path)
	if n > 0 {
		f.path = append(f.path, '.')
	}
	f.path = append(f.path, key...)
	return n
}

// atIndex extends the path by a list index.
func (f *flattener) atIndex(i int) int {
	n := len(f.path)
	if n > 0 {
		f.path = append(f.path, '.')
	}
	f.path = strconv.AppendInt(f.path, int64(i), 10)
	return n
}

func (f *flattener) back(n int) { f.path = f.path[:n] }

// mapping flattens the values of m in place and returns the logical ids
// they refer to.
func (f *flattener) mapping(m map[string]any, inPolicy bool) []string {
	var all []string
	for k, v := range m {
		n := f.at(k)
		policy := inPolicy
		if !inPolicy && slices.Contains(policyKeys, k) {
			// A policy document: one unknown as a whole is unknown;
			// inside it, an unknown value is UnknownValue.
			policy = !isUnknown(v)
		}
		out, keep, ids := f.value(v, policy)
		if keep {
			m[k] = out
		} else {
			delete(m, k)
		}
		all = mergeIDs(all, ids)
		f.back(n)
	}
	return all
}

// value strips the evaluation markers from v, at f.path; keep is false
// when v is unknown or AWS::NoValue; ids are the logical ids v refers to.
func (f *flattener) value(v any, inPolicy bool) (out any, keep bool, ids []string) {
	v, ids = unwrap(v)
	switch v := v.(type) {
	case unknownT:
		out, keep = nil, false
		if inPolicy {
			out, keep = UnknownValue, true
		} else {
			f.unknown = append(f.unknown, string(f.path))
		}
	case noValueT:
		out, keep = nil, false
	case map[string]any:
		ids = mergeIDs(ids, f.mapping(v, inPolicy))
		out, keep = v, true
	case []any:
		// Elements that are AWS::NoValue are dropped; an unknown one keeps
		// its place as null, so that later indexes stay right, and a rule
		// sees the unknown path.
		kept := 0
		for _, e := range v {
			if isNoValue(e) {
				continue
			}
			n := f.atIndex(kept)
			x, keep, sub := f.value(e, inPolicy)
			ids = mergeIDs(ids, sub)
			if !keep {
				x = nil
			}
			v[kept] = x
			kept++
			f.back(n)
		}
		clear(v[kept:])
		out, keep = v[:kept], true
	default:
		out, keep = v, true
	}
	if len(ids) > 0 {
		if f.refs == nil {
			f.refs = map[string][]string{}
		}
		p := string(f.path)
		f.refs[p] = mergeIDs(f.refs[p], ids)
	}
	return out, keep, ids
}

// policyKeys are the properties that hold an IAM policy document.
var policyKeys = []string{"PolicyDocument", "AssumeRolePolicyDocument", "KeyPolicy"}

// UnknownValue is what the loader writes inside an IAM policy document for a
// value that is not known statically (an ARN from Fn::GetAtt, a principal
// from a parameter without a value), the convention of the Terraform loader
// for rendered policies: rules read the rest of the policy and treat it as
// "could be anything".
const UnknownValue = "(known after apply)"

func mergeIDs(a, b []string) []string {
	if len(b) == 0 {
		return a
	}
	out := append(slices.Clone(a), b...)
	slices.Sort(out)
	return slices.Compact(out)
}
