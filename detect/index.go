package detect

import (
	"github.com/valyala/fastjson"
)

// sourceRules are the detection rules of one source with an index that
// skips most of them per event. A rule whose condition requires a field to
// equal one of some literals (eventName for nearly every CloudTrail rule) is
// filed under those literals; per event, the engine reads each indexed field
// once and evaluates only the rules filed under its values, plus the rules
// without such a requirement. The index is exact: it only skips rules whose
// condition would be false.
type sourceRules struct {
	rules []*Rule
	// indexed[i] says rule i is filed in a key and runs only when marked.
	indexed []bool
	keys    []*keyIndex
}

type keyIndex struct {
	path    fieldPath
	byValue map[string][]int
}

func newSourceRules(rules []*Rule) *sourceRules {
	s := &sourceRules{rules: rules, indexed: make([]bool, len(rules))}
	byField := map[string]*keyIndex{}
	for i, r := range rules {
		field, values, ok := required(r.cond)
		if !ok {
			continue
		}
		k := byField[field]
		if k == nil {
			k = &keyIndex{path: newFieldPath(field), byValue: map[string][]int{}}
			byField[field] = k
			s.keys = append(s.keys, k)
		}
		for _, v := range values {
			k.byValue[v] = append(k.byValue[v], i)
		}
		s.indexed[i] = true
	}
	return s
}

// required finds a field that a condition needs to equal one of a set of
// literals (compared without case), if there is one.
func required(n node) (field string, values []string, ok bool) {
	switch x := n.(type) {
	case *fieldNode:
		if x.all || x.exists || len(x.values) == 0 {
			return "", nil, false
		}
		for _, alts := range x.values {
			for _, m := range alts {
				if m == nil || m.op != opEq || m.cased {
					return "", nil, false
				}
				values = append(values, m.s)
			}
			if alts == nil {
				return "", nil, false
			}
		}
		return x.path.name, values, true
	case andNode:
		best := -1
		for _, c := range x {
			f, v, ok := required(c)
			if ok && (best < 0 || len(v) < best) {
				field, values, best = f, v, len(v)
			}
		}
		return field, values, best >= 0
	case orNode:
		for i, c := range x {
			f, v, ok := required(c)
			if !ok || (i > 0 && f != field) {
				return "", nil, false
			}
			field = f
			values = append(values, v...)
		}
		return field, values, len(x) > 0
	}
	return "", nil, false
}

// mark sets marks[i] for every rule filed under the event's values of the
// indexed fields.
func (s *sourceRules) mark(d *doc, marks []bool) {
	for _, k := range s.keys {
		found := false
		k.path.visit(d.root, 0, &found, func(v *fastjson.Value) bool {
			b, ok := scalarBytes(d, v)
			if !ok {
				return false
			}
			if len(b) > 0 {
				b = d.lower(b)
			}
			for _, i := range k.byValue[string(b)] {
				marks[i] = true
			}
			return false
		})
	}
}
