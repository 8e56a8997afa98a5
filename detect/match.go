package detect

import (
	"bytes"
	"net/netip"
	"regexp"
	"strconv"
	"unicode/utf8"

	"github.com/valyala/fastjson"
)

// doc is one event's JSON record, parsed once and read by every rule. Its
// scratch buffer holds lower-cased values between comparisons, so that
// matching allocates nothing per event.
type doc struct {
	root *fastjson.Value
	num  []byte // a number's text
	low  []byte // a value in lower case
}

// fieldPath is a Sigma field name split at its dots. joined[i][j] is
// segs[i..j] joined with dots again, for keys that hold dots themselves
// (Falco's output_fields "proc.name").
type fieldPath struct {
	name   string
	segs   []string
	joined [][]string
}

func newFieldPath(name string) fieldPath {
	segs := splitDots(name)
	p := fieldPath{name: name, segs: segs, joined: make([][]string, len(segs))}
	for i := range segs {
		p.joined[i] = make([]string, len(segs)-i)
		s := segs[i]
		p.joined[i][0] = s
		for j := i + 1; j < len(segs); j++ {
			s += "." + segs[j]
			p.joined[i][j-i] = s
		}
	}
	return p
}

func splitDots(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// visit calls fn with every value at the path below v, fanning out over
// arrays on the way and at the end (a field that holds a list matches when
// one of its elements does), until fn returns true. It reports whether fn
// returned true, and sets *found when the path reached any value.
func (p *fieldPath) visit(v *fastjson.Value, i int, found *bool, fn func(*fastjson.Value) bool) bool {
	if v == nil {
		return false
	}
	if v.Type() == fastjson.TypeArray {
		a, _ := v.Array()
		for _, e := range a {
			if p.visit(e, i, found, fn) {
				return true
			}
		}
		return false
	}
	if i == len(p.segs) {
		*found = true
		return fn(v)
	}
	if v.Type() != fastjson.TypeObject {
		return false
	}
	o, _ := v.Object()
	for j, key := range p.joined[i] {
		if c := o.Get(key); c != nil {
			if p.visit(c, i+j+1, found, fn) {
				return true
			}
		}
	}
	return false
}

// first returns the first scalar value at the path as text, and whether the
// path held one.
func (p *fieldPath) first(d *doc) (string, bool) {
	var out string
	var ok bool
	var found bool
	p.visit(d.root, 0, &found, func(v *fastjson.Value) bool {
		if s, isScalar := scalarText(v); isScalar {
			out, ok = s, true
			return true
		}
		return false
	})
	return out, ok
}

// scalarText returns a scalar value as text: a string's contents, a number
// as written, true or false. Null, objects and arrays have none.
func scalarText(v *fastjson.Value) (string, bool) {
	switch v.Type() {
	case fastjson.TypeString:
		b, _ := v.StringBytes()
		return string(b), true
	case fastjson.TypeNumber:
		return string(v.MarshalTo(nil)), true
	case fastjson.TypeTrue:
		return "true", true
	case fastjson.TypeFalse:
		return "false", true
	}
	return "", false
}

// scalarBytes is scalarText without a copy: the bytes stay valid until the
// next number is read.
func scalarBytes(d *doc, v *fastjson.Value) ([]byte, bool) {
	switch v.Type() {
	case fastjson.TypeString:
		b, _ := v.StringBytes()
		return b, true
	case fastjson.TypeNumber:
		d.num = v.MarshalTo(d.num[:0])
		return d.num, true
	case fastjson.TypeTrue:
		return trueBytes, true
	case fastjson.TypeFalse:
		return falseBytes, true
	}
	return nil, false
}

var (
	trueBytes  = []byte("true")
	falseBytes = []byte("false")
)

// lower returns b in lower case, in d's scratch buffer when b is ASCII.
func (d *doc) lower(b []byte) []byte {
	buf := d.low[:0]
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return bytes.ToLower(b)
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	d.low = buf
	return buf
}

// Operations of a value matcher.
const (
	opEq = iota
	opPrefix
	opSuffix
	opContains
	opGlob
	opRe
	opCIDR
	opGT
	opGTE
	opLT
	opLTE
	opFieldref
)

// valueMatcher tests one value of a field against one value of a rule.
type valueMatcher struct {
	op    int
	s     string // the literal, lower-cased unless cased; for re, a literal every match contains
	glob  []globTok
	cased bool
	re    *regexp.Regexp
	cidr  netip.Prefix
	num   float64
	ref   *fieldPath
}

func (m *valueMatcher) match(d *doc, v *fastjson.Value) bool {
	switch m.op {
	case opCIDR:
		b, ok := scalarBytes(d, v)
		if !ok {
			return false
		}
		a, err := netip.ParseAddr(string(b))
		return err == nil && m.cidr.Contains(a.Unmap())
	case opGT, opGTE, opLT, opLTE:
		var f float64
		switch v.Type() {
		case fastjson.TypeNumber:
			f, _ = v.Float64()
		case fastjson.TypeString:
			b, _ := v.StringBytes()
			var err error
			if f, err = strconv.ParseFloat(string(b), 64); err != nil {
				return false
			}
		default:
			return false
		}
		switch m.op {
		case opGT:
			return f > m.num
		case opGTE:
			return f >= m.num
		case opLT:
			return f < m.num
		}
		return f <= m.num
	case opFieldref:
		b, ok := scalarBytes(d, v)
		if !ok {
			return false
		}
		other, ok := m.ref.first(d)
		if !ok {
			return false
		}
		if m.cased {
			return string(b) == other
		}
		return bytes.EqualFold(b, []byte(other))
	case opRe:
		b, ok := scalarBytes(d, v)
		if !ok || (m.s != "" && !bytes.Contains(b, []byte(m.s))) {
			return false
		}
		return m.re.Match(b)
	}
	b, ok := scalarBytes(d, v)
	if !ok {
		return false
	}
	if !m.cased && len(b) > 0 {
		b = d.lower(b)
	}
	switch m.op {
	case opEq:
		return string(b) == m.s
	case opPrefix:
		return bytes.HasPrefix(b, []byte(m.s))
	case opSuffix:
		return bytes.HasSuffix(b, []byte(m.s))
	case opContains:
		return bytes.Contains(b, []byte(m.s))
	}
	return globMatch(m.glob, b)
}

// globTok is one piece of a wildcard pattern: a literal, '*' (any run of
// characters) or '?' (one character).
type globTok struct {
	kind byte // 'l', '*', '?'
	lit  string
}

// globMatch matches b against the pattern, backtracking on the last star
// only (linear in practice, quadratic at worst).
func globMatch(p []globTok, b []byte) bool {
	pi, bi := 0, 0
	star, starB := -1, 0
	for {
		if pi < len(p) {
			switch t := p[pi]; t.kind {
			case '*':
				star, starB = pi, bi
				pi++
				continue
			case '?':
				if bi < len(b) {
					_, n := utf8.DecodeRune(b[bi:])
					bi += n
					pi++
					continue
				}
			default:
				if bytes.HasPrefix(b[bi:], []byte(t.lit)) {
					bi += len(t.lit)
					pi++
					continue
				}
			}
		} else if bi == len(b) {
			return true
		}
		if star < 0 || starB >= len(b) {
			return false
		}
		_, n := utf8.DecodeRune(b[starB:])
		starB += n
		pi, bi = star+1, starB
	}
}
