package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// Value is one JSON value of a body: its bytes exactly as sent and the offset
// of its first byte in the body. Values come from Parse, Split, Elements and
// Member, which have checked that the body is valid JSON.
type Value struct {
	Raw    []byte
	Offset int64
}

// Parse returns the single JSON value of body. Leading and trailing
// whitespace is allowed; anything else, including a second value, gives a
// *BodyError.
func Parse(body []byte) (Value, error) {
	vs, err := split(body, 1)
	if err != nil {
		return Value{}, err
	}
	return vs[0], nil
}

// Split returns the JSON values of body, which may be one value or several
// separated by whitespace (newline-delimited JSON). A body that is empty or
// holds a value that is not valid JSON gives a *BodyError.
func Split(body []byte) ([]Value, error) {
	return split(body, -1)
}

// SplitN is Split reading no more than n+1 values (all when n < 0), as
// ElementsN does.
func SplitN(body []byte, n int) ([]Value, error) {
	if n < 0 {
		return split(body, -1)
	}
	vs, err := split(body, n+1)
	var be *BodyError
	if errors.As(err, &be) && len(vs) == n+1 {
		return vs, nil
	}
	return vs, err
}

// split reads at most max values of body (all when max < 0).
func split(body []byte, max int) ([]Value, error) {
	var vs []Value
	i := skipSpace(body, 0)
	if i == len(body) {
		return nil, bodyErrorAt(body, int64(i), "body is empty, want JSON")
	}
	for i < len(body) {
		if max >= 0 && len(vs) == max {
			return vs, bodyErrorAt(body, int64(i), "unexpected data after the JSON value")
		}
		end := skipValue(body, i)
		if end <= i {
			if end < 0 {
				end = len(body)
			}
			return nil, syntaxError(body, i, end)
		}
		if !json.Valid(body[i:end]) {
			return nil, syntaxError(body, i, end)
		}
		vs = append(vs, Value{Raw: body[i:end:end], Offset: int64(i)})
		i = skipSpace(body, end)
	}
	return vs, nil
}

// syntaxError explains why body[start:end] is not one JSON value; end is
// where skipValue stopped (len(body) when the body ended first).
func syntaxError(body []byte, start, end int) error {
	const truncated = "unexpected end of JSON input: the body is truncated"
	if end <= start {
		return bodyErrorAt(body, int64(start), fmt.Sprintf("invalid character %q looking for beginning of value", body[start]))
	}
	var se *json.SyntaxError
	err := json.NewDecoder(bytes.NewReader(body[start:end])).Decode(new(json.RawMessage))
	if !errors.As(err, &se) {
		// The input ran out inside the value.
		if end >= len(body) {
			return bodyErrorAt(body, int64(len(body)), truncated)
		}
		return bodyErrorAt(body, int64(end), fmt.Sprintf("invalid character %q inside value", body[end]))
	}
	// The scanner counts the offending byte as read.
	off := int64(start) + se.Offset - 1
	if off < int64(start) {
		off = int64(start)
	}
	return bodyErrorAt(body, off, se.Error())
}

// bodyErrorAt returns a *BodyError at offset off of body.
func bodyErrorAt(body []byte, off int64, reason string) *BodyError {
	line, col := Position(body, off)
	return &BodyError{Offset: off, Line: line, Column: col, Reason: reason}
}

// Refuse returns a *BodyError that refuses body because of the value at:
// normalisers call it when a body parses but is not of a shape the source
// sends.
func Refuse(body []byte, at Value, format string, args ...any) *BodyError {
	return bodyErrorAt(body, at.Offset, fmt.Sprintf(format, args...))
}

// Position returns the line and column (both from 1, the column in bytes) of
// byte offset off in body. An offset past the end is placed just after the
// last byte.
func Position(body []byte, off int64) (line, col int) {
	if off < 0 {
		off = 0
	}
	if off > int64(len(body)) {
		off = int64(len(body))
	}
	before := body[:off]
	line = 1 + bytes.Count(before, []byte{'\n'})
	col = len(before) - bytes.LastIndexByte(before, '\n')
	return line, col
}

// Kind names the JSON type of v: "object", "array", "string", "number",
// "boolean" or "null".
func (v Value) Kind() string {
	if len(v.Raw) == 0 {
		return "nothing"
	}
	switch v.Raw[0] {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "number"
}

// Elements returns the elements of an array value, or nil when v is not an
// array.
func (v Value) Elements() []Value { return v.ElementsN(-1) }

// ElementsN is Elements reading no more than n+1 elements (all when n < 0):
// enough for a caller that allows n to tell that there are too many, without
// the memory of them all.
func (v Value) ElementsN(n int) []Value {
	d := v.Raw
	if len(d) == 0 || d[0] != '[' {
		return nil
	}
	var out []Value
	i := skipSpace(d, 1)
	for i < len(d) && d[i] != ']' && (n < 0 || len(out) <= n) {
		end := skipValue(d, i)
		if end <= i {
			break
		}
		out = append(out, Value{Raw: d[i:end:end], Offset: v.Offset + int64(i)})
		i = skipSpace(d, end)
		if i < len(d) && d[i] == ',' {
			i = skipSpace(d, i+1)
		}
	}
	return out
}

// Member returns the value of the member of an object value whose name is
// exactly key (the last one, if the name repeats, as encoding/json does).
// It reports false when v is not an object or has no such member.
func (v Value) Member(key string) (Value, bool) {
	d := v.Raw
	if len(d) == 0 || d[0] != '{' {
		return Value{}, false
	}
	var found Value
	ok := false
	i := skipSpace(d, 1)
	for i < len(d) && d[i] == '"' {
		kend := skipString(d, i)
		if kend < 0 {
			break
		}
		name := d[i:kend]
		i = skipSpace(d, kend)
		if i >= len(d) || d[i] != ':' {
			break
		}
		i = skipSpace(d, i+1)
		end := skipValue(d, i)
		if end <= i {
			break
		}
		if nameIs(name, key) {
			found, ok = Value{Raw: d[i:end:end], Offset: v.Offset + int64(i)}, true
		}
		i = skipSpace(d, end)
		if i < len(d) && d[i] == ',' {
			i = skipSpace(d, i+1)
		}
	}
	return found, ok
}

// nameIs reports whether the quoted JSON string name spells key.
func nameIs(name []byte, key string) bool {
	if bytes.IndexByte(name, '\\') < 0 {
		return len(name) >= 2 && string(name[1:len(name)-1]) == key
	}
	var s string
	return json.Unmarshal(name, &s) == nil && s == key
}

// Decode unmarshals v into dst. A field of the wrong JSON type is reported
// with its path, e.g. `field user.username: got number, want string`.
func (v Value) Decode(dst any) error {
	err := json.Unmarshal(v.Raw, dst)
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		if te.Field == "" {
			return fmt.Errorf("record is %s, want %s", article(te.Value), jsonKind(te.Type))
		}
		return fmt.Errorf("field %s: got %s, want %s", te.Field, te.Value, jsonKind(te.Type))
	}
	return err
}

// article prefixes a JSON type name with "a" or "an".
func article(kind string) string {
	switch kind {
	case "", "nothing":
		return "nothing"
	case "null":
		return "null"
	}
	if strings.ContainsRune("aeiou", rune(kind[0])) {
		return "an " + kind
	}
	return "a " + kind
}

// jsonKind names the JSON type that a Go type decodes from.
func jsonKind(t reflect.Type) string {
	if t == nil {
		return "a value"
	}
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return "number"
	case reflect.Slice, reflect.Array:
		return "array"
	case reflect.Map, reflect.Struct:
		return "object"
	case reflect.Pointer:
		return jsonKind(t.Elem())
	}
	return t.String()
}

// Object returns an error unless v is a JSON object; normalisers call it
// first on each record.
func (v Value) Object() error {
	if k := v.Kind(); k != "object" {
		return fmt.Errorf("record is %s, want an object", article(k))
	}
	return nil
}

// skipSpace returns the offset of the first byte at or after i that is not
// JSON whitespace.
func skipSpace(d []byte, i int) int {
	for i < len(d) {
		switch d[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// skipString returns the offset just after the string that starts with the
// quote at d[i], or -1 when d ends first.
func skipString(d []byte, i int) int {
	for j := i + 1; j < len(d); j++ {
		switch d[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return -1
}

// skipValue returns the offset just after the value that starts at d[i]:
// brackets are matched and strings skipped, without checking the grammar
// (json.Valid does that). It returns -1 when d ends inside the value, and i
// when d[i] cannot start a value.
func skipValue(d []byte, i int) int {
	if i >= len(d) {
		return -1
	}
	switch d[i] {
	case '"':
		return skipString(d, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(d); j++ {
			switch d[j] {
			case '"':
				end := skipString(d, j)
				if end < 0 {
					return -1
				}
				j = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return -1
	}
	j := i
	for j < len(d) && !isDelim(d[j]) {
		j++
	}
	return j
}

// isDelim reports whether c ends a literal or number.
func isDelim(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', ',', ':', '"', '{', '}', '[', ']':
		return true
	}
	return false
}
