package terraform

import (
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/zclconf/go-cty/cty"
)

// toGo converts a cty value to a JSON-like Go value. Unknown parts are left
// out and their dot paths (below path) appended to unknown; the second result
// is false when the value as a whole is unknown. Marks are ignored.
func toGo(v cty.Value, path string, unknown *[]string) (any, bool) {
	v, _ = v.Unmark()
	if !v.IsKnown() {
		if unknown != nil {
			*unknown = append(*unknown, path)
		}
		return nil, false
	}
	if v.IsNull() {
		return nil, true
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		return v.AsString(), true
	case ty == cty.Bool:
		return v.True(), true
	case ty == cty.Number:
		return number(v.AsBigFloat()), true
	case ty.IsListType() || ty.IsTupleType() || ty.IsSetType():
		out := make([]any, 0, v.LengthInt())
		i := 0
		for it := v.ElementIterator(); it.Next(); i++ {
			_, e := it.Element()
			g, _ := toGo(e, joinPath(path, strconv.Itoa(i)), unknown)
			out = append(out, g)
		}
		return out, true
	case ty.IsMapType() || ty.IsObjectType():
		out := make(map[string]any, v.LengthInt())
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			key := k.AsString()
			if g, ok := toGo(e, joinPath(path, key), unknown); ok {
				out[key] = g
			}
		}
		return out, true
	}
	// Capsule and other types have no JSON form.
	if unknown != nil {
		*unknown = append(*unknown, path)
	}
	return nil, false
}

// number gives int64 for whole numbers that fit, float64 otherwise.
func number(f *big.Float) any {
	if f.IsInt() {
		if i, acc := f.Int64(); acc == big.Exact {
			return i
		}
	}
	x, _ := f.Float64()
	return x
}

func joinPath(path, elem string) string {
	if path == "" {
		return elem
	}
	return path + "." + elem
}

// instanceKey formats a count index or for_each key the way Terraform writes
// it in an address: [0] or ["key"].
func instanceKey(k cty.Value) string {
	if k == cty.NilVal {
		return ""
	}
	if k.Type() == cty.Number {
		i, _ := k.AsBigFloat().Int64()
		return "[" + strconv.FormatInt(i, 10) + "]"
	}
	return "[" + quoteHCL(k.AsString()) + "]"
}

// quoteHCL quotes s as an HCL string literal.
func quoteHCL(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\r':
			b.WriteString(`\r`)
		case c == '\t':
			b.WriteString(`\t`)
		case (c == '$' || c == '%') && i+1 < len(s) && s[i+1] == '{':
			b.WriteByte(c)
			b.WriteByte(c)
		case c < 0x20:
			b.WriteString(`\u00`)
			b.WriteString(strconv.FormatInt(int64(c)>>4, 16))
			b.WriteString(strconv.FormatInt(int64(c)&0xf, 16))
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// refMark marks a value as derived from the resource instance at an address.
type refMark string

// refsOf returns the sorted addresses of the resources marked anywhere in v.
func refsOf(v cty.Value) []string {
	if !v.ContainsMarked() {
		return nil
	}
	_, marks := v.UnmarkDeep()
	var out []string
	for m := range marks {
		if r, ok := m.(refMark); ok {
			out = append(out, string(r))
		}
	}
	slices.Sort(out)
	return out
}
