package policy

import (
	"github.com/open-policy-agent/opa/v1/ast"
)

// converter turns the document of a resource into an OPA value as
// ast.InterfaceToValue does, except that it makes each short string (an
// object key, a type, a protocol) once and shares it among the values it
// converts: the resources of a scan repeat the same keys and values
// thousands of times, and each copy would be one more allocation that stays
// live for the whole evaluation. Values are immutable, so sharing one is as
// good as a copy.
type converter struct {
	strings map[string]ast.Value
}

// maxShared is the length above which a string is not looked up among the
// shared ones: long strings (scripts, policies) rarely repeat.
const maxShared = 64

func newConverter() *converter {
	return &converter{strings: map[string]ast.Value{}}
}

func (c *converter) value(x any) (ast.Value, error) {
	switch x := x.(type) {
	case string:
		return c.string(x), nil
	case []any:
		terms := make([]ast.Term, len(x))
		ptrs := make([]*ast.Term, len(x))
		for i, e := range x {
			v, err := c.value(e)
			if err != nil {
				return nil, err
			}
			terms[i].Value = v
			ptrs[i] = &terms[i]
		}
		return ast.NewArray(ptrs...), nil
	case map[string]any:
		terms := make([]ast.Term, 2*len(x))
		items := make([][2]*ast.Term, 0, len(x))
		for k, e := range x {
			v, err := c.value(e)
			if err != nil {
				return nil, err
			}
			i := 2 * len(items)
			terms[i].Value, terms[i+1].Value = c.string(k), v
			items = append(items, [2]*ast.Term{&terms[i], &terms[i+1]})
		}
		return ast.NewObject(items...), nil
	default:
		return ast.InterfaceToValue(x)
	}
}

func (c *converter) string(s string) ast.Value {
	if len(s) > maxShared {
		return ast.String(s)
	}
	if v, ok := c.strings[s]; ok {
		return v
	}
	v := ast.Value(ast.String(s))
	c.strings[s] = v
	return v
}
