package policy

import (
	"github.com/attest-dev/attest"
	"github.com/open-policy-agent/opa/v1/ast"
)

// converter turns the document of a resource into an OPA value as
// ast.InterfaceToValue does, except that it makes each short string (an
// object key, a type, a protocol) once, as a term, and shares that term
// among the values it converts: the resources of a scan repeat the same
// keys and values thousands of times, and each copy would be one more
// allocation that stays live for the whole evaluation. Values and terms are
// immutable once built (OPA shares its own interned terms the same way), so
// sharing one is as good as a copy.
type converter struct {
	strings map[string]*ast.Term
	// items is scratch space for the items of the objects being
	// converted, reused from one object to the next.
	items [][2]*ast.Term
}

// maxShared is the length above which a string is not looked up among the
// shared ones: long strings (scripts, policies) rarely repeat.
const maxShared = 64

func newConverter() *converter {
	return &converter{strings: map[string]*ast.Term{}}
}

func (c *converter) value(x any) (ast.Value, error) {
	switch x := x.(type) {
	case string:
		return c.string(x).Value, nil
	case []any:
		// Terms are made in one block, strings aside: they are shared.
		terms := make([]ast.Term, 0, len(x))
		ptrs := make([]*ast.Term, len(x))
		for i, e := range x {
			t, err := c.term(e, &terms)
			if err != nil {
				return nil, err
			}
			ptrs[i] = t
		}
		return ast.NewArray(ptrs...), nil
	case map[string]any:
		// The items are gathered on c.items, above those of the objects
		// being converted around this one: ast.NewObject copies them.
		terms := make([]ast.Term, 0, len(x))
		base := len(c.items)
		defer func() { c.items = c.items[:base] }()
		for k, e := range x {
			t, err := c.term(e, &terms)
			if err != nil {
				return nil, err
			}
			c.items = append(c.items, [2]*ast.Term{c.string(k), t})
		}
		return ast.NewObject(c.items[base:]...), nil
	default:
		return ast.InterfaceToValue(x)
	}
}

// term converts x to a term: a string's shared term, or a new term taken
// from the block *terms (whose capacity the caller sized: appending never
// moves the terms already handed out).
func (c *converter) term(x any, terms *[]ast.Term) (*ast.Term, error) {
	if s, ok := x.(string); ok {
		return c.string(s), nil
	}
	v, err := c.value(x)
	if err != nil {
		return nil, err
	}
	*terms = append(*terms, ast.Term{Value: v})
	return &(*terms)[len(*terms)-1], nil
}

// string is the term of s, shared when s is short.
func (c *converter) string(s string) *ast.Term {
	if len(s) > maxShared {
		return ast.StringTerm(s)
	}
	if t, ok := c.strings[s]; ok {
		return t
	}
	t := ast.StringTerm(s)
	c.strings[s] = t
	return t
}

// resource converts the document a rule sees as input.resource: the
// resource's fields under their JSON names (the optional ones only when
// set), its attributes (an empty object for none), and two views made
// for rules/lib: unknown_parents, every proper parent path of an unknown
// path, so that lib.is_unknown asks "is a child of this path unknown" with
// one lookup, and refs as lists. It is the value ast.InterfaceToValue
// gives of that document as a map, built without the map.
func (c *converter) resource(r *attest.Resource) (ast.Value, error) {
	items := make([][2]*ast.Term, 0, 12)
	terms := make([]ast.Term, 0, 6)
	add := func(key string, t *ast.Term) {
		items = append(items, [2]*ast.Term{c.string(key), t})
	}
	addValue := func(key string, v ast.Value) {
		terms = append(terms, ast.Term{Value: v})
		add(key, &terms[len(terms)-1])
	}
	add("type", c.string(r.Type))
	add("address", c.string(r.Address))
	add("root", c.string(r.Root))
	add("format", c.string(r.Format))
	var attrs ast.Value = ast.NewObject()
	if r.Attributes != nil {
		var err error
		if attrs, err = c.value(r.Attributes); err != nil {
			return nil, err
		}
	}
	addValue("attributes", attrs)
	addValue("range", ast.NewObject(
		[2]*ast.Term{c.string("file"), c.string(r.Range.File)},
		[2]*ast.Term{c.string("start_line"), ast.InternedTerm(r.Range.StartLine)},
		[2]*ast.Term{c.string("end_line"), ast.InternedTerm(r.Range.EndLine)},
	))
	if r.Mode != "" {
		add("mode", c.string(r.Mode))
	}
	if r.Provider != "" {
		add("provider", c.string(r.Provider))
	}
	if r.Module != "" {
		add("module", c.string(r.Module))
	}
	if r.Conditional != "" {
		add("conditional", c.string(r.Conditional))
	}
	if len(r.Unknown) > 0 {
		u := make([]*ast.Term, len(r.Unknown))
		var parents [][2]*ast.Term
		seen := map[string]bool{}
		for i, s := range r.Unknown {
			u[i] = c.string(s)
			for j := range len(s) {
				if s[j] == '.' && !seen[s[:j]] {
					seen[s[:j]] = true
					parents = append(parents, [2]*ast.Term{c.string(s[:j]), ast.InternedTerm(true)})
				}
			}
		}
		addValue("unknown", ast.NewArray(u...))
		addValue("unknown_parents", ast.NewObject(parents...))
	}
	if len(r.Refs) > 0 {
		refs := make([][2]*ast.Term, 0, len(r.Refs))
		lists := make([]ast.Term, len(r.Refs))
		i := 0
		for k, v := range r.Refs {
			l := make([]*ast.Term, len(v))
			for j, s := range v {
				l[j] = c.string(s)
			}
			lists[i].Value = ast.NewArray(l...)
			refs = append(refs, [2]*ast.Term{c.string(k), &lists[i]})
			i++
		}
		addValue("refs", ast.NewObject(refs...))
	}
	return ast.NewObject(items...), nil
}
