package cloudformation

import (
	"encoding/base64"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// unknownT marks a value that is not known statically.
type unknownT struct{}

// noValueT marks Ref: AWS::NoValue, which removes what it stands for.
type noValueT struct{}

// refd is a value computed from references to resources (their logical ids).
type refd struct {
	v   any
	ids []string
}

var (
	unknownVal = unknownT{}
	noValueVal = noValueT{}
)

// unwrap peels the reference markers off v and returns the logical ids.
func unwrap(v any) (any, []string) {
	var ids []string
	for {
		r, ok := v.(refd)
		if !ok {
			return v, ids
		}
		ids = mergeIDs(ids, r.ids)
		v = r.v
	}
}

// withIDs marks v as referring to ids.
func withIDs(v any, ids []string) any {
	if len(ids) == 0 {
		return v
	}
	return refd{v: v, ids: ids}
}

func isUnknown(v any) bool {
	v, _ = unwrap(v)
	_, ok := v.(unknownT)
	return ok
}

func isNoValue(v any) bool {
	v, _ = unwrap(v)
	_, ok := v.(noValueT)
	return ok
}

// intrinsicNames maps the short-form tags to the long-form function names.
var shortForms = map[string]string{
	"!Ref": "Ref", "!Condition": "Condition", "!Sub": "Fn::Sub", "!GetAtt": "Fn::GetAtt",
	"!Join": "Fn::Join", "!If": "Fn::If", "!Equals": "Fn::Equals", "!Select": "Fn::Select",
	"!Split": "Fn::Split", "!FindInMap": "Fn::FindInMap", "!ImportValue": "Fn::ImportValue",
	"!Base64": "Fn::Base64", "!Cidr": "Fn::Cidr", "!GetAZs": "Fn::GetAZs", "!Not": "Fn::Not",
	"!And": "Fn::And", "!Or": "Fn::Or", "!Transform": "Fn::Transform", "!Length": "Fn::Length",
	"!ToJsonString": "Fn::ToJsonString",
}

// intrinsic returns the function a node calls and its argument, if it is an
// intrinsic function in short (tag) or long (one-key mapping) form. The
// argument of the short form is the node itself, tag and all: see
// evalArg.
func intrinsic(n *yaml.Node) (string, *yaml.Node, bool) {
	if strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!") {
		fn, ok := shortForms[n.Tag]
		if !ok {
			fn = "Fn::" + strings.TrimPrefix(n.Tag, "!")
		}
		return fn, n, true
	}
	if n.Kind == yaml.MappingNode && len(n.Content) == 2 {
		k := n.Content[0].Value
		if k == "Ref" || strings.HasPrefix(k, "Fn::") {
			return k, n.Content[1], true
		}
	}
	return "", nil, false
}

func isIntrinsic(n *yaml.Node) bool {
	_, _, ok := intrinsic(n)
	return ok
}

// eval evaluates a node to a JSON-like value with unknownT, noValueT and
// refd markers.
func (l *loader) eval(n *yaml.Node) any {
	if !l.step(n) {
		return unknownVal
	}
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			return unknownVal
		}
		return l.eval(n.Alias)
	}
	if fn, arg, ok := intrinsic(n); ok {
		return l.call(fn, arg, n)
	}
	switch n.Kind {
	case yaml.ScalarNode:
		return scalar(n)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			out = append(out, l.eval(c))
		}
		return out
	case yaml.MappingNode:
		out := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := deref(n.Content[i])
			if k.Kind != yaml.ScalarNode || k.Value == "" {
				l.errorf(k, "a mapping key must be a non-empty string")
				continue
			}
			out[k.Value] = l.eval(n.Content[i+1])
		}
		return out
	}
	return unknownVal
}

// evalArg evaluates the argument arg of the function that node at calls.
// The argument of a short form is the tagged node itself (arg == at): it
// is evaluated without its tag, which would call the function again.
func (l *loader) evalArg(arg, at *yaml.Node) any {
	if arg == at {
		untagged := *arg
		untagged.Tag = ""
		arg = &untagged
	}
	return l.eval(arg)
}

// scalar is a YAML scalar as a JSON-like value.
func scalar(n *yaml.Node) any {
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		if b, err := strconv.ParseBool(strings.ToLower(n.Value)); err == nil {
			return b
		}
	case "!!int":
		if i, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64); err == nil {
			return i
		}
		if f, err := strconv.ParseFloat(n.Value, 64); err == nil {
			return f
		}
	case "!!float":
		if f, err := strconv.ParseFloat(n.Value, 64); err == nil {
			return f
		}
	}
	return n.Value
}

// str is a scalar value as CloudFormation turns it into a string.
func str(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case int64:
		return strconv.FormatInt(v, 10), true
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), true
	case bool:
		return strconv.FormatBool(v), true
	}
	return "", false
}

// args evaluates the list argument of a function that takes between lo and
// hi elements; ok is false (after an error) when the shape is wrong.
func (l *loader) list(fn string, arg, at *yaml.Node, lo, hi int, shape string) ([]*yaml.Node, bool) {
	a := deref(arg)
	if a.Kind != yaml.SequenceNode || len(a.Content) < lo || len(a.Content) > hi {
		l.errorf(at, "%s takes %s", fn, shape)
		return nil, false
	}
	return a.Content, true
}

func (l *loader) call(fn string, arg, at *yaml.Node) any {
	switch fn {
	case "Ref":
		a := deref(arg)
		if a.Kind != yaml.ScalarNode {
			l.errorf(at, "Ref takes the name of a parameter, a resource or a pseudo parameter")
			return unknownVal
		}
		return l.ref(a.Value, at)
	case "Condition":
		a := deref(arg)
		if a.Kind != yaml.ScalarNode {
			l.errorf(at, "Condition takes the name of a condition")
			return unknownVal
		}
		return triValue(l.condition(a.Value, at))
	case "Fn::GetAtt":
		return l.getAtt(arg, at)
	case "Fn::Sub":
		return l.sub(arg, at)
	case "Fn::Join":
		c, ok := l.list(fn, arg, at, 2, 2, "a list of a delimiter and a list of values")
		if !ok {
			return unknownVal
		}
		delim, _ := unwrap(l.eval(c[0]))
		d, ok := delim.(string)
		if !ok {
			if isUnknown(delim) {
				return unknownVal
			}
			l.errorf(c[0], "the delimiter of Fn::Join must be a string")
			return unknownVal
		}
		vals, ids := unwrap(l.eval(c[1]))
		list, ok := vals.([]any)
		if !ok {
			if isUnknown(vals) {
				return withIDs(unknownVal, ids)
			}
			l.errorf(c[1], "Fn::Join joins a list of values")
			return unknownVal
		}
		parts := make([]string, 0, len(list))
		unknown := false
		size := 0
		for _, e := range list {
			e, eids := unwrap(e)
			ids = mergeIDs(ids, eids)
			if isNoValue(e) {
				continue
			}
			if isUnknown(e) {
				unknown = true
				continue
			}
			s, ok := str(e)
			if !ok {
				l.errorf(c[1], "Fn::Join joins strings, not a list or a mapping")
				return unknownVal
			}
			size += len(s) + len(d)
			if size > maxString {
				l.errorf(at, "Fn::Join builds a string longer than %d bytes", maxString)
				return unknownVal
			}
			parts = append(parts, s)
		}
		if unknown {
			return withIDs(unknownVal, ids)
		}
		return withIDs(strings.Join(parts, d), ids)
	case "Fn::Select":
		c, ok := l.list(fn, arg, at, 2, 2, "a list of an index and a list of values")
		if !ok {
			return unknownVal
		}
		idx, iids := unwrap(l.eval(c[0]))
		vals, ids := unwrap(l.eval(c[1]))
		ids = mergeIDs(ids, iids)
		if isUnknown(idx) || isUnknown(vals) {
			return withIDs(unknownVal, ids)
		}
		s, _ := str(idx)
		i, err := strconv.Atoi(s)
		if err != nil {
			l.errorf(c[0], "the index of Fn::Select must be a number")
			return unknownVal
		}
		list, ok := vals.([]any)
		if !ok {
			l.errorf(c[1], "Fn::Select selects from a list")
			return unknownVal
		}
		if i < 0 || i >= len(list) {
			l.errorf(at, "Fn::Select index %d is outside the list of %d values", i, len(list))
			return unknownVal
		}
		return withIDs(list[i], ids)
	case "Fn::Split":
		c, ok := l.list(fn, arg, at, 2, 2, "a list of a delimiter and a string")
		if !ok {
			return unknownVal
		}
		delim, _ := unwrap(l.eval(c[0]))
		v, ids := unwrap(l.eval(c[1]))
		d, dok := delim.(string)
		if isUnknown(delim) || isUnknown(v) {
			return withIDs(unknownVal, ids)
		}
		s, sok := str(v)
		if !dok || d == "" || !sok {
			l.errorf(at, "Fn::Split takes a non-empty delimiter and a string")
			return unknownVal
		}
		var out []any
		for _, p := range strings.Split(s, d) {
			out = append(out, p)
		}
		return withIDs(out, ids)
	case "Fn::FindInMap":
		return l.findInMap(arg, at)
	case "Fn::If":
		c, ok := l.list(fn, arg, at, 3, 3, "a list of a condition name and two values")
		if !ok {
			return unknownVal
		}
		name := deref(c[0])
		if name.Kind != yaml.ScalarNode {
			l.errorf(c[0], "the first element of Fn::If must be a condition name")
			return unknownVal
		}
		switch l.condition(name.Value, name) {
		case triTrue:
			return l.eval(c[1])
		case triFalse:
			return l.eval(c[2])
		}
		return merge(l.eval(c[1]), l.eval(c[2]))
	case "Fn::Equals":
		c, ok := l.list(fn, arg, at, 2, 2, "a list of two values")
		if !ok {
			return unknownVal
		}
		a, _ := unwrap(l.eval(c[0]))
		b, _ := unwrap(l.eval(c[1]))
		if isUnknown(a) || isUnknown(b) {
			return unknownVal
		}
		as, aok := str(a)
		bs, bok := str(b)
		if aok && bok {
			return as == bs
		}
		return reflect.DeepEqual(a, b)
	case "Fn::Not":
		c, ok := l.list(fn, arg, at, 1, 1, "a list of one condition")
		if !ok {
			return unknownVal
		}
		switch l.boolOf(c[0]) {
		case triTrue:
			return false
		case triFalse:
			return true
		}
		return unknownVal
	case "Fn::And", "Fn::Or":
		c, ok := l.list(fn, arg, at, 2, 10, "a list of 2 to 10 conditions")
		if !ok {
			return unknownVal
		}
		decisive := triFalse // And: one false decides; Or: one true
		if fn == "Fn::Or" {
			decisive = triTrue
		}
		unknown := false
		for _, e := range c {
			switch t := l.boolOf(e); {
			case t == decisive:
				return decisive == triTrue
			case t == triUnknown:
				unknown = true
			}
		}
		if unknown {
			return unknownVal
		}
		return decisive != triTrue
	case "Fn::Base64":
		v, ids := unwrap(l.evalArg(arg, at))
		if isUnknown(v) {
			return withIDs(unknownVal, ids)
		}
		s, ok := str(v)
		if !ok {
			l.errorf(at, "Fn::Base64 encodes a string")
			return unknownVal
		}
		if base64.StdEncoding.EncodedLen(len(s)) > maxString {
			l.errorf(at, "Fn::Base64 builds a string longer than %d bytes", maxString)
			return unknownVal
		}
		return withIDs(base64.StdEncoding.EncodeToString([]byte(s)), ids)
	case "Fn::ImportValue", "Fn::GetAZs":
		// Exports of other stacks and the zones of the account exist only
		// at deploy time.
		_, ids := unwrap(l.evalArg(arg, at))
		return withIDs(unknownVal, ids)
	case "Fn::Cidr":
		c, ok := l.list(fn, arg, at, 3, 3, "a list of an IP block, a count and the size of each block in bits")
		if !ok {
			return unknownVal
		}
		var ids []string
		for _, e := range c {
			_, eids := unwrap(l.eval(e))
			ids = mergeIDs(ids, eids)
		}
		return withIDs(unknownVal, ids)
	}
	// Language extensions, Fn::Transform and other macros: their result is
	// made at deploy time.
	return unknownVal
}

// boolOf evaluates a condition operand (Condition, Fn::Equals, ...).
func (l *loader) boolOf(n *yaml.Node) tri {
	if d := deref(n); d.Kind == yaml.MappingNode && len(d.Content) == 2 && d.Content[0].Value == "Condition" {
		// The long form of Condition, valid only among conditions.
		name := deref(d.Content[1])
		if name.Kind != yaml.ScalarNode {
			l.errorf(d, "Condition takes the name of a condition")
			return triUnknown
		}
		return l.condition(name.Value, name)
	}
	v, _ := unwrap(l.eval(n))
	switch v := v.(type) {
	case bool:
		if v {
			return triTrue
		}
		return triFalse
	case unknownT:
		return triUnknown
	}
	l.errorf(n, "a condition operand must be Condition or a condition function (Fn::Equals, Fn::And, Fn::Or, Fn::Not)")
	return triUnknown
}

func triValue(t tri) any {
	switch t {
	case triTrue:
		return true
	case triFalse:
		return false
	}
	return unknownVal
}

// condition evaluates a named condition once.
func (l *loader) condition(name string, at *yaml.Node) tri {
	c, ok := l.conds[name]
	if !ok {
		l.errorf(at, "condition %s is not declared in Conditions", name)
		return triUnknown
	}
	switch c.state {
	case 1:
		l.errorf(at, "condition %s depends on itself", name)
		return triUnknown
	case 2:
		return c.val
	}
	c.state = 1
	c.val = l.boolOf(c.node)
	c.state = 2
	return c.val
}

// pseudoParameters are CloudFormation's pseudo parameters.
var pseudoParameters = []string{
	"AWS::AccountId", "AWS::NotificationARNs", "AWS::Partition", "AWS::Region",
	"AWS::StackId", "AWS::StackName", "AWS::URLSuffix",
}

// ref is the value of Ref name.
func (l *loader) ref(name string, at *yaml.Node) any {
	if p, ok := l.params[name]; ok {
		return p.val
	}
	if name == "AWS::NoValue" {
		return noValueVal
	}
	if slices.Contains(pseudoParameters, name) {
		if v, ok := l.opts.Parameters[name]; ok {
			return v
		}
		return unknownVal
	}
	if _, ok := l.res[name]; ok {
		return withIDs(unknownVal, []string{name})
	}
	l.errorf(at, "Ref to %s, which is not a parameter, a resource or a pseudo parameter of the template", name)
	return unknownVal
}

func (l *loader) getAtt(arg, at *yaml.Node) any {
	a := deref(arg)
	var id string
	var ids []string
	switch {
	case a.Kind == yaml.ScalarNode:
		var ok bool
		id, _, ok = strings.Cut(a.Value, ".")
		if !ok {
			l.errorf(at, "Fn::GetAtt takes LogicalId.Attribute or a list of a logical id and an attribute name")
			return unknownVal
		}
	case a.Kind == yaml.SequenceNode && len(a.Content) == 2 && deref(a.Content[0]).Kind == yaml.ScalarNode:
		id = deref(a.Content[0]).Value
		_, ids = unwrap(l.eval(a.Content[1]))
	default:
		l.errorf(at, "Fn::GetAtt takes LogicalId.Attribute or a list of a logical id and an attribute name")
		return unknownVal
	}
	if _, ok := l.res[id]; !ok {
		l.errorf(at, "Fn::GetAtt names %s, which is not a resource of the template", id)
		return unknownVal
	}
	return withIDs(unknownVal, mergeIDs(ids, []string{id}))
}

// sub is Fn::Sub: ${Name} is a parameter, a pseudo parameter, a resource (its
// Ref) or a variable of the second argument, ${Id.Attr} a resource
// attribute, ${!Text} the literal ${Text}.
func (l *loader) sub(arg, at *yaml.Node) any {
	a := deref(arg)
	tmpl := a
	vars := map[string]any{}
	var ids []string
	switch {
	case a.Kind == yaml.ScalarNode:
	case a.Kind == yaml.SequenceNode && len(a.Content) == 2 && deref(a.Content[0]).Kind == yaml.ScalarNode && deref(a.Content[1]).Kind == yaml.MappingNode:
		tmpl = deref(a.Content[0])
		for _, kv := range pairs(a.Content[1]) {
			vars[kv[0].Value] = l.eval(kv[1])
		}
	default:
		l.errorf(at, "Fn::Sub takes a string or a list of a string and a mapping of variables")
		return unknownVal
	}
	s := tmpl.Value
	var b strings.Builder
	unknown := false
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			b.WriteString(s[i:])
			break
		}
		name := s[i+2 : i+j]
		s = s[i+j+1:]
		if strings.HasPrefix(name, "!") {
			b.WriteString("${" + name[1:] + "}")
			continue
		}
		name = strings.TrimSpace(name)
		var v any
		if x, ok := vars[name]; ok {
			v = x
		} else if id, _, isAtt := strings.Cut(name, "."); isAtt && !slices.Contains(pseudoParameters, name) {
			if _, ok := l.res[id]; !ok {
				l.errorf(at, "Fn::Sub names ${%s}, but %s is not a resource of the template", name, id)
				return unknownVal
			}
			v = withIDs(unknownVal, []string{id})
		} else {
			v = l.ref(name, at)
		}
		v, vids := unwrap(v)
		ids = mergeIDs(ids, vids)
		if isUnknown(v) {
			unknown = true
			continue
		}
		str, ok := str(v)
		if !ok {
			l.errorf(at, "Fn::Sub variable ${%s} is not a string", name)
			return unknownVal
		}
		b.WriteString(str)
		if b.Len() > maxString {
			l.errorf(at, "Fn::Sub builds a string longer than %d bytes", maxString)
			return unknownVal
		}
	}
	if unknown {
		return withIDs(unknownVal, ids)
	}
	return withIDs(b.String(), ids)
}

// findInMap is Fn::FindInMap [Map, TopKey, SecondKey] with the optional
// fourth element {DefaultValue: v} of the language extensions.
func (l *loader) findInMap(arg, at *yaml.Node) any {
	c, ok := l.list("Fn::FindInMap", arg, at, 3, 4, "a list of a map name, a top-level key and a second-level key")
	if !ok {
		return unknownVal
	}
	var def *yaml.Node
	if len(c) == 4 {
		for _, kv := range pairs(c[3]) {
			if kv[0].Value == "DefaultValue" {
				def = kv[1]
			}
		}
		if def == nil {
			l.errorf(c[3], "the fourth element of Fn::FindInMap must be {DefaultValue: value}")
			return unknownVal
		}
	}
	var keys []string
	var ids []string
	for _, e := range c[:3] {
		v, eids := unwrap(l.eval(e))
		ids = mergeIDs(ids, eids)
		if isUnknown(v) {
			return withIDs(unknownVal, ids)
		}
		s, ok := str(v)
		if !ok {
			l.errorf(e, "Fn::FindInMap keys must be strings")
			return unknownVal
		}
		keys = append(keys, s)
	}
	n := l.mappings[keys[0]]
	for i, k := range keys[1:] {
		var next *yaml.Node
		for _, kv := range pairs(n) {
			if kv[0].Value == k {
				next = kv[1]
			}
		}
		if next == nil {
			if def != nil {
				return l.eval(def)
			}
			what := []string{"mapping", "top-level key", "second-level key"}[i+1]
			if n == nil {
				what = "mapping"
			}
			l.errorf(at, "Fn::FindInMap: %s %q is not in Mappings %s", what, k, strings.Join(keys[:i+1], "."))
			return unknownVal
		}
		n = next
	}
	if n == nil {
		l.errorf(at, "Fn::FindInMap: mapping %q is not declared", keys[0])
		return unknownVal
	}
	return withIDs(l.eval(n), ids)
}

// merge is the value of Fn::If when its condition cannot be decided: what
// both branches agree on, unknown where they differ.
func merge(a, b any) any {
	a, aids := unwrap(a)
	b, bids := unwrap(b)
	ids := mergeIDs(aids, bids)
	switch av := a.(type) {
	case map[string]any:
		bv, ok := b.(map[string]any)
		if !ok {
			return withIDs(unknownVal, ids)
		}
		out := make(map[string]any, len(av))
		for _, k := range slices.Sorted(maps.Keys(av)) {
			if x, ok := bv[k]; ok {
				out[k] = merge(av[k], x)
			} else {
				out[k] = withIDs(unknownVal, idsOf(av[k]))
			}
		}
		for k, x := range bv {
			if _, ok := av[k]; !ok {
				out[k] = withIDs(unknownVal, idsOf(x))
			}
		}
		return withIDs(out, ids)
	case []any:
		bv, ok := b.([]any)
		if !ok || len(av) != len(bv) {
			return withIDs(unknownVal, mergeIDs(ids, mergeIDs(idsOf(a), idsOf(b))))
		}
		out := make([]any, len(av))
		for i := range av {
			out[i] = merge(av[i], bv[i])
		}
		return withIDs(out, ids)
	}
	if reflect.DeepEqual(a, b) {
		return withIDs(a, ids)
	}
	return withIDs(unknownVal, mergeIDs(ids, mergeIDs(idsOf(a), idsOf(b))))
}

// idsOf collects every logical id a value refers to.
func idsOf(v any) []string {
	v, ids := unwrap(v)
	switch v := v.(type) {
	case map[string]any:
		for _, x := range v {
			ids = mergeIDs(ids, idsOf(x))
		}
	case []any:
		for _, x := range v {
			ids = mergeIDs(ids, idsOf(x))
		}
	}
	return ids
}
