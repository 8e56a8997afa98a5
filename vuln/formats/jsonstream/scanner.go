package jsonstream

import (
	"encoding/binary"
	"strconv"
	"unicode/utf8"
	"unsafe"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// Scanner reads a JSON document held in memory, for the fast paths of the
// report parsers: a parser walks the document with it and decodes the
// values it needs by hand, without reflection and with few allocations.
//
// A Scanner accepts no more than Decoder does (the syntax of RFC 8259), but
// it does not explain what it refuses. At the first thing it cannot read,
// or that its caller tells it to give up on (Fail), it stops, and Failed
// reports true from then on. The parser then either decodes that one value
// again with Unmarshal (Decode does this) or reads the whole document again
// with Decoder, which says what is wrong and where. So a fast path never
// needs error messages of its own, and its result can be checked against
// Decoder's on any input.
type Scanner struct {
	data   []byte
	pos    int
	depth  int
	failed bool
	buf    []byte            // unquoted string, when it had escapes
	strs   map[string]string // interned strings
	// shared is set when the strings returned may share data's memory;
	// unquoted is set when the last str came from buf.
	shared, unquoted bool
}

// maxDepth bounds the nesting the Scanner follows; deeper documents are left
// to Decoder (whose own limit is higher).
const maxDepth = 1000

// maxInterned bounds the strings a Scanner keeps for Intern.
const maxInterned = 1 << 16

// NewScanner returns a Scanner of data. The strings it returns are copies:
// data may be reused once the Scanner is done.
func NewScanner(data []byte) *Scanner {
	return &Scanner{data: data}
}

// NewSharedScanner is NewScanner for a caller that keeps data unchanged for
// as long as it uses the strings the Scanner returns: a string without
// escapes is not copied but shares data's memory.
func NewSharedScanner(data []byte) *Scanner {
	return &Scanner{data: data, shared: true}
}

// text returns b, what str returned, as a string: a copy, unless the
// Scanner is shared and b is a piece of data.
func (s *Scanner) text(b []byte) string {
	if !s.shared || s.unquoted || len(b) == 0 {
		return string(b)
	}
	return unsafe.String(&b[0], len(b))
}

// Failed reports whether the Scanner has stopped.
func (s *Scanner) Failed() bool { return s.failed }

// Fail stops the Scanner: the caller met something its fast path does not
// handle.
func (s *Scanner) Fail() { s.failed = true }

// Mark is a position of a Scanner to go back to.
type Mark struct{ pos, depth int }

// Mark returns the current position.
func (s *Scanner) Mark() Mark { return Mark{s.pos, s.depth} }

// Reset goes back to m and clears a failure.
func (s *Scanner) Reset(m Mark) { s.pos, s.depth, s.failed = m.pos, m.depth, false }

func (s *Scanner) ws() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

// peek returns the first byte of the next value (after white space), or 0
// at the end of the input or after a failure.
func (s *Scanner) peek() byte {
	if s.failed {
		return 0
	}
	s.ws()
	if s.pos >= len(s.data) {
		return 0
	}
	return s.data[s.pos]
}

// Null reads a null if one comes next and reports whether it did.
func (s *Scanner) Null() bool {
	if s.peek() != 'n' {
		return false
	}
	s.literal("null")
	return !s.failed
}

func (s *Scanner) literal(lit string) {
	if len(s.data)-s.pos < len(lit) || string(s.data[s.pos:s.pos+len(lit)]) != lit {
		s.failed = true
		return
	}
	s.pos += len(lit)
}

// Object reads an object and calls fn with each key (unquoted; valid only
// until fn returns). fn must read the value. A null reads as an empty
// object; anything else fails.
func (s *Scanner) Object(fn func(key []byte)) {
	switch s.peek() {
	case 'n':
		s.literal("null")
		return
	case '{':
	default:
		s.failed = true
		return
	}
	s.pos++
	if s.depth++; s.depth > maxDepth {
		s.failed = true
		return
	}
	if s.peek() == '}' {
		s.pos++
		s.depth--
		return
	}
	for !s.failed {
		if s.peek() != '"' {
			s.failed = true
			return
		}
		key := s.str()
		if s.peek() != ':' {
			s.failed = true
			return
		}
		s.pos++
		fn(key)
		switch s.peek() {
		case ',':
			s.pos++
		case '}':
			s.pos++
			s.depth--
			return
		default:
			s.failed = true
		}
	}
}

// Array reads an array and calls fn for each element; fn must read it. A
// null reads as an empty array; anything else fails.
func (s *Scanner) Array(fn func()) {
	switch s.peek() {
	case 'n':
		s.literal("null")
		return
	case '[':
	default:
		s.failed = true
		return
	}
	s.pos++
	if s.depth++; s.depth > maxDepth {
		s.failed = true
		return
	}
	if s.peek() == ']' {
		s.pos++
		s.depth--
		return
	}
	for !s.failed {
		fn()
		switch s.peek() {
		case ',':
			s.pos++
		case ']':
			s.pos++
			s.depth--
			return
		default:
			s.failed = true
		}
	}
}

// IsArray reports whether an array comes next.
func (s *Scanner) IsArray() bool { return s.peek() == '[' }

// str reads a string, the Scanner at its opening quote, and returns it
// unquoted: a piece of the input, or of s.buf when it had escapes. It
// fails on invalid UTF-8 and on escaped surrogates, which Decoder replaces.
func (s *Scanner) str() []byte {
	s.unquoted = false
	start := s.pos
	i := s.pos + 1
	escaped, ascii := false, true
	for {
		// Eight bytes at a time over what needs no attention.
		for i+8 <= len(s.data) && plain8(binary.LittleEndian.Uint64(s.data[i:])) {
			i += 8
		}
		if i >= len(s.data) {
			s.failed = true
			return nil
		}
		c := s.data[i]
		switch {
		case c == '"':
			s.pos = i + 1
			raw := s.data[start+1 : i]
			if !ascii && !utf8.Valid(raw) {
				s.failed = true
				return nil
			}
			if !escaped {
				return raw
			}
			var err error
			s.buf, err = jsontext.AppendUnquote(s.buf[:0], s.data[start:i+1])
			if err != nil {
				s.failed = true
				return nil
			}
			s.unquoted = true
			return s.buf
		case c == '\\':
			escaped = true
			if i+1 >= len(s.data) {
				s.failed = true
				return nil
			}
			switch s.data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(s.data) {
					s.failed = true
					return nil
				}
				r, err := strconv.ParseUint(string(s.data[i+2:i+6]), 16, 16)
				if err != nil || r >= 0xd800 && r <= 0xdfff {
					s.failed = true
					return nil
				}
				i += 6
			default:
				s.failed = true
				return nil
			}
		case c < 0x20:
			s.failed = true
			return nil
		default:
			if c >= utf8.RuneSelf {
				ascii = false
			}
			i++
		}
	}
}

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// plain8 reports whether the eight bytes of w, a piece of a string, hold
// no quote, backslash, control character or byte outside ASCII.
func plain8(w uint64) bool {
	quote := w ^ (ones * '"')
	backslash := w ^ (ones * '\\')
	// A byte is zero in quote or backslash, or below 0x20 in w, exactly
	// when the subtraction sets its top bit (the top bit of w itself is
	// checked too); a borrow only carries past a byte that was found.
	found := (quote-ones)&^quote | (backslash-ones)&^backslash | (w - ones*0x20) | w
	return found&highs == 0
}

// String reads a string; a null reads as "".
func (s *Scanner) String() string {
	switch s.peek() {
	case '"':
		return s.text(s.str())
	case 'n':
		s.literal("null")
	default:
		s.failed = true
	}
	return ""
}

// Intern is String for values that repeat (a severity, a package type): a
// string met before is returned again rather than copied.
func (s *Scanner) Intern() string {
	switch s.peek() {
	case '"':
		b := s.str()
		if v, ok := s.strs[string(b)]; ok {
			return v
		}
		v := s.text(b)
		if s.strs == nil {
			s.strs = make(map[string]string)
		}
		if len(s.strs) < maxInterned {
			s.strs[v] = v
		}
		return v
	case 'n':
		s.literal("null")
	default:
		s.failed = true
	}
	return ""
}

// Strings reads an array of strings; a null reads as nil.
func (s *Scanner) Strings() []string {
	if s.Null() {
		return nil
	}
	out := []string{}
	s.Array(func() { out = append(out, s.String()) })
	return out
}

// Float reads a number; a null reads as 0. A number out of range fails.
func (s *Scanner) Float() float64 {
	switch c := s.peek(); {
	case c == 'n':
		s.literal("null")
		return 0
	case c == '-' || c >= '0' && c <= '9':
	default:
		s.failed = true
		return 0
	}
	n := s.number()
	if s.failed {
		return 0
	}
	f, err := strconv.ParseFloat(string(n), 64)
	if err != nil {
		s.failed = true
		return 0
	}
	return f
}

// number reads a number with the grammar of RFC 8259.
func (s *Scanner) number() []byte {
	d, i := s.data, s.pos
	digits := func() bool {
		from := i
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
		return i > from
	}
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case !digits():
		s.failed = true
		return nil
	}
	if i < len(d) && d[i] == '.' {
		i++
		if !digits() {
			s.failed = true
			return nil
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if !digits() {
			s.failed = true
			return nil
		}
	}
	n := d[s.pos:i]
	s.pos = i
	return n
}

// Skip reads the next value, checking its syntax, and returns its bytes
// (nil after a failure).
func (s *Scanner) Skip() []byte {
	if s.peek() == 0 {
		s.failed = true
		return nil
	}
	start := s.pos
	s.skip()
	if s.failed {
		return nil
	}
	return s.data[start:s.pos]
}

func (s *Scanner) skip() {
	switch c := s.peek(); {
	case c == '{':
		s.Object(func([]byte) { s.skip() })
	case c == '[':
		s.Array(s.skip)
	case c == '"':
		s.str()
	case c == 't':
		s.literal("true")
	case c == 'f':
		s.literal("false")
	case c == 'n':
		s.literal("null")
	case c == '-' || c >= '0' && c <= '9':
		s.number()
	default:
		s.failed = true
	}
}

// End fails unless only white space follows.
func (s *Scanner) End() {
	s.ws()
	if s.pos != len(s.data) {
		s.failed = true
	}
}

// Fields is the set of JSON names of a struct that a fast path decodes by
// hand. Decoder matches names without regard to case, '_' or '-'
// (json.MatchCaseInsensitiveNames); Fields lets a fast path tell a key that
// it may skip from another spelling of a name it decodes.
type Fields struct{ folded []string }

// NewFields returns the Fields of the given names.
func NewFields(names ...string) Fields {
	f := Fields{folded: make([]string, len(names))}
	for i, n := range names {
		f.folded[i], _ = fold([]byte(n))
	}
	return f
}

// fold upper-cases ASCII letters and drops '_' and '-'; ok is false for a
// name with other than ASCII letters, digits, '_' and '-' outside ASCII,
// which Unicode folding might match to anything.
func fold(name []byte) (string, bool) {
	var buf [64]byte
	out := buf[:0]
	for _, c := range name {
		switch {
		case c >= utf8.RuneSelf:
			return "", false
		case c == '_' || c == '-':
		case c >= 'a' && c <= 'z':
			out = append(out, c-'a'+'A')
		default:
			out = append(out, c)
		}
	}
	return string(out), true
}

// SkipUnknown skips the value of key, an object member whose key is none of
// f's names exactly. It fails when key is another spelling of one of them.
func (s *Scanner) SkipUnknown(key []byte, f Fields) {
	k, ok := fold(key)
	if !ok {
		s.failed = true
		return
	}
	for _, n := range f.folded {
		if n == k {
			s.failed = true
			return
		}
	}
	s.skip()
}

// First reports whether bit is not yet set in seen, and sets it; the second
// time a key comes it fails (Decoder's handling of duplicate keys is left to
// Decoder).
func (s *Scanner) First(seen *uint64, bit uint) bool {
	if *seen&(1<<bit) != 0 {
		s.failed = true
		return false
	}
	*seen |= 1 << bit
	return true
}

// Decode reads the next value into v, a zero value, with fast, a decoder
// written by hand. When fast fails on something it does not handle, the
// value is read again and decoded with Unmarshal, as Decoder would decode
// it; only a value that Unmarshal refuses too stops the Scanner.
func Decode[T any](s *Scanner, v *T, fast func(s *Scanner, v *T)) {
	if s.failed {
		return
	}
	m := s.Mark()
	fast(s, v)
	if !s.failed {
		return
	}
	s.Reset(m)
	raw := s.Skip()
	if s.failed {
		return
	}
	var zero T
	*v = zero
	if Unmarshal(raw, v) != nil {
		s.failed = true
	}
}

// Unmarshal decodes one JSON value into v with the options of Decoder.
func Unmarshal(raw []byte, v any) error {
	return json.Unmarshal(raw, v, options)
}
