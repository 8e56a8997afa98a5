package policy

import (
	"encoding/json"
	"strconv"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
	"github.com/open-policy-agent/opa/v1/types"
)

// The helpers of rules/lib that nearly every rule calls on nearly every
// resource (reading an attribute by its dot path, asking whether it is known
// statically) are built-ins written in Go: as Rego functions they were the
// largest share of evaluation time, since a call in OPA's interpreter costs
// the unification of every body of the function. lib.get and lib.is_unknown
// keep their names and meaning and call these; the Rego definitions they
// replace are kept in policy/testdata/reference as the reference the built-ins are
// checked against (TestBuiltins_matchRego).
//
// They are pure: they read only their operands, so they leave rules as unable
// to reach the network or the host as before, and they skip OPA's built-in
// context (CanSkipBctx), which would cost an allocation per call.
var (
	builtinGet = &ast.Builtin{
		Name:        "attest.get",
		Description: "The attribute of a resource document at a dot path (list indexes as numbers), or the default when absent.",
		Decl: types.NewFunction(
			types.Args(types.A, types.A, types.A),
			types.A,
		),
		CanSkipBctx: true,
	}
	builtinIsUnknown = &ast.Builtin{
		Name:        "attest.is_unknown",
		Description: "Whether the attribute at a dot path of a resource document, one of its parents or one of its children is not known statically.",
		Decl: types.NewFunction(
			types.Args(types.A, types.A),
			types.B,
		),
		CanSkipBctx: true,
	}
)

// registerBuiltin declares b to OPA's compiler, so that rules compile
// against it, and gives its implementation to the interpreter.
func registerBuiltin(b *ast.Builtin, f topdown.BuiltinFunc) {
	ast.RegisterBuiltin(b)
	topdown.RegisterBuiltinFunc(b.Name, f)
}

func init() {
	registerBuiltin(builtinGet, getBuiltin)
	registerBuiltin(builtinIsUnknown, isUnknownBuiltin)
}

var (
	termAttributes     = ast.StringTerm("attributes")
	termUnknown        = ast.StringTerm("unknown")
	termUnknownParents = ast.StringTerm("unknown_parents")
)

// getBuiltin is attest.get(r, path, d): r.attributes at the dot path, or d.
// It is undefined when r has no attributes, as r.attributes would be.
func getBuiltin(_ topdown.BuiltinContext, ops []*ast.Term, iter func(*ast.Term) error) error {
	if v := get(ops[0], ops[1], ops[2]); v != nil {
		return iter(v)
	}
	return nil
}

// get is attest.get; nil stands for undefined.
func get(r, path, d *ast.Term) *ast.Term {
	cur := r.Get(termAttributes)
	if cur == nil {
		return nil
	}
	if _, ok := cur.Value.(ast.Object); !ok {
		// object.get refuses a non-object: the call is undefined.
		return nil
	}
	p, ok := path.Value.(ast.String)
	if !ok {
		return nil
	}
	for _, seg := range segments(string(p)) {
		if cur = cur.Get(seg); cur == nil {
			return d
		}
	}
	return cur
}

// segmentCache holds each dot path's segments: rules ask for a few hundred
// distinct paths, each many thousand times.
var segmentCache sync.Map // string → []*ast.Term

// segments splits a dot path into the terms object.get walks: a segment that
// starts with a digit and is all digits is a list index (a number), any other
// is a key. Attribute names never start with a digit.
func segments(path string) []*ast.Term {
	if v, ok := segmentCache.Load(path); ok {
		return v.([]*ast.Term)
	}
	parts := strings.Split(path, ".")
	out := make([]*ast.Term, len(parts))
	for i, s := range parts {
		out[i] = ast.StringTerm(s)
		if s != "" && s[0] >= '0' && s[0] <= '9' && allDigits(s) {
			if n, err := strconv.ParseInt(s, 10, 64); err == nil {
				out[i] = ast.IntNumberTerm(int(n))
			} else {
				out[i] = ast.NumberTerm(json.Number(s))
			}
		}
	}
	segmentCache.Store(path, out)
	return out
}

func allDigits(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isUnknownBuiltin is attest.is_unknown(r, path): path is in r.unknown, or
// a child of it is (r.unknown_parents, or a search of r.unknown when the
// document has no unknown_parents), or one of its parents is.
func isUnknownBuiltin(_ topdown.BuiltinContext, ops []*ast.Term, iter func(*ast.Term) error) error {
	return iter(ast.BooleanTerm(isUnknown(ops[0], ops[1])))
}

func isUnknown(r, path *ast.Term) bool {
	unknown := r.Get(termUnknown)
	if unknown != nil && contains(unknown.Value, path) {
		return true
	}
	parents := r.Get(termUnknownParents)
	if parents != nil {
		if v := parents.Get(path); v != nil && !isFalse(v.Value) {
			return true
		}
	}
	p, ok := path.Value.(ast.String)
	if unknown == nil || !ok {
		return false
	}
	s := string(p)
	if !isFalse(unknown.Value) {
		// A parent of path is unknown: an unknown path u such that
		// path is u, a dot and more. One pass over the unknown paths
		// rather than a lookup of each prefix of path made into a term.
		if arr, ok := unknown.Value.(*ast.Array); ok {
			for i := range arr.Len() {
				if isParent(arr.Elem(i), s) {
					return true
				}
			}
		} else if each(unknown.Value, func(u *ast.Term) bool { return isParent(u, s) }) {
			return true
		}
	}
	if parents == nil || isFalse(parents.Value) {
		prefix := s + "."
		return each(unknown.Value, func(u *ast.Term) bool {
			us, ok := u.Value.(ast.String)
			return ok && strings.HasPrefix(string(us), prefix)
		})
	}
	return false
}

// isParent reports whether u is a string path of which s is a child: s is
// u, a dot and more.
func isParent(u *ast.Term, s string) bool {
	us, ok := u.Value.(ast.String)
	return ok && len(us) < len(s) && s[len(us)] == '.' && s[:len(us)] == string(us)
}

func isFalse(v ast.Value) bool {
	b, ok := v.(ast.Boolean)
	return ok && !bool(b)
}

// contains is Rego's "x in c" for a collection c: an element of an array or
// a set, or a value of an object.
func contains(c ast.Value, x *ast.Term) bool {
	switch c := c.(type) {
	case ast.Set:
		return c.Contains(x)
	case *ast.Array:
		// A loop rather than each with the method value x.Equal,
		// which would be allocated on every call.
		for i := range c.Len() {
			if c.Elem(i).Equal(x) {
				return true
			}
		}
		return false
	}
	return each(c, x.Equal)
}

// each reports whether f holds for an element of an array or set, or a
// value of an object, stopping at the first.
func each(c ast.Value, f func(*ast.Term) bool) bool {
	switch c := c.(type) {
	case *ast.Array:
		return c.Until(f)
	case ast.Set:
		return c.Until(f)
	case ast.Object:
		return c.Until(func(_, v *ast.Term) bool { return f(v) })
	}
	return false
}
