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
	// A rule may need several fields (eventSource and eventName); file it
	// under the one whose values split the rule set finest: the field with
	// the most distinct values across the rules, then the fewest values in
	// this rule.
	reqs := make([][]requirement, len(rules))
	distinct := map[string]map[string]bool{}
	for i, r := range rules {
		reqs[i] = requirements(r.cond)
		for _, q := range reqs[i] {
			if distinct[q.field] == nil {
				distinct[q.field] = map[string]bool{}
			}
			for _, v := range q.values {
				distinct[q.field][v] = true
			}
		}
	}
	byField := map[string]*keyIndex{}
	for i, rq := range reqs {
		best := -1
		for j, q := range rq {
			if best < 0 || len(distinct[q.field]) > len(distinct[rq[best].field]) ||
				(len(distinct[q.field]) == len(distinct[rq[best].field]) && len(q.values) < len(rq[best].values)) {
				best = j
			}
		}
		if best < 0 {
			continue
		}
		q := rq[best]
		k := byField[q.field]
		if k == nil {
			k = &keyIndex{path: newFieldPath(q.field), byValue: map[string][]int{}}
			byField[q.field] = k
			s.keys = append(s.keys, k)
		}
		for _, v := range q.values {
			k.byValue[v] = append(k.byValue[v], i)
		}
		s.indexed[i] = true
	}
	return s
}

// requirement says that a condition is false unless the field equals one of
// the values (compared without case).
type requirement struct {
	field  string
	values []string
}

// requirements lists what a condition needs of fields to be true.
func requirements(n node) []requirement {
	switch x := n.(type) {
	case *fieldNode:
		if x.all || x.exists || len(x.values) == 0 {
			return nil
		}
		var values []string
		for _, alts := range x.values {
			if alts == nil {
				return nil
			}
			for _, m := range alts {
				if m.op != opEq || m.cased {
					return nil
				}
				values = append(values, m.s)
			}
		}
		return []requirement{{field: x.path.name, values: values}}
	case andNode:
		var out []requirement
		for _, c := range x {
			out = append(out, requirements(c)...)
		}
		return out
	case orNode:
		// A field every alternative needs, with the union of their values.
		var out []requirement
		for i, c := range x {
			rq := requirements(c)
			if i == 0 {
				out = rq
				continue
			}
			var kept []requirement
			for _, have := range out {
				for _, q := range rq {
					if q.field == have.field {
						kept = append(kept, requirement{field: have.field, values: append(append([]string(nil), have.values...), q.values...)})
						break
					}
				}
			}
			out = kept
		}
		return out
	}
	return nil
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
