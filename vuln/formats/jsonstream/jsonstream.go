// Package jsonstream walks a JSON document token by token so that a report
// parser can decode one element of a large array at a time instead of holding
// the whole document in memory. Every error it returns is an *Error that names
// the file, the byte offset (with line and column while they are cheap to
// know) and the JSON path of the value at fault.
package jsonstream

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/attest-dev/attest"
)

// Error is a problem with the input document at a known position.
type Error struct {
	File string
	// Offset is the 0-based byte offset of the problem in the (decompressed)
	// input.
	Offset int64
	// Line and Column count from 1; zero when the position is too far behind
	// the read window to be counted cheaply.
	Line, Column int
	// Path is the JSON path of the value at fault ($.matches[3].artifact).
	Path string
	Msg  string
	// Err is the underlying error, if any.
	Err error
}

// Error formats the error as "file:line:col (offset N): at path: msg".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Line, e.Column)
	}
	fmt.Fprintf(&b, " (offset %d)", e.Offset)
	if e.Path != "" {
		b.WriteString(": at ")
		b.WriteString(e.Path)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

// Unwrap returns the underlying error and an attest.Error with code
// attest.EINVALID, so that callers classify bad input with attest.ErrorCode.
func (e *Error) Unwrap() []error {
	inv := &attest.Error{Code: attest.EINVALID, Message: e.Error()}
	if e.Err == nil {
		return []error{inv}
	}
	return []error{e.Err, inv}
}

// window bounds the bytes kept to turn an offset into line and column. It
// is a variable for tests.
var window = 4 << 20

// posReader counts what passes through it and keeps the most recent bytes so
// that an offset the decoder reports can be turned into a line and column.
type posReader struct {
	r      io.Reader
	base   int64  // offset of buf[0]
	buf    []byte // bytes from base to the read position
	lines  int    // newlines before base
	lastNL int64  // offset of the last newline before base, -1 if none
}

func (p *posReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	if n > 0 {
		if len(p.buf)+n > 2*window {
			drop := len(p.buf) - window
			if drop > 0 {
				dropped := p.buf[:drop]
				p.lines += bytes.Count(dropped, []byte{'\n'})
				if i := bytes.LastIndexByte(dropped, '\n'); i >= 0 {
					p.lastNL = p.base + int64(i)
				}
				p.buf = append(p.buf[:0], p.buf[drop:]...)
				p.base += int64(drop)
			}
		}
		p.buf = append(p.buf, b[:n]...)
	}
	return n, err
}

// lineCol returns the 1-based line and column of the byte at offset off, or
// zeros when off is no longer in the window.
func (p *posReader) lineCol(off int64) (int, int) {
	if off < p.base {
		return 0, 0
	}
	rel := off - p.base
	if rel > int64(len(p.buf)) {
		rel = int64(len(p.buf))
	}
	head := p.buf[:rel]
	line := p.lines + bytes.Count(head, []byte{'\n'}) + 1
	nl := p.lastNL
	if i := bytes.LastIndexByte(head, '\n'); i >= 0 {
		nl = p.base + int64(i)
	}
	return line, int(off - nl)
}

// Decoder walks one JSON document.
type Decoder struct {
	file string
	pos  *posReader
	dec  *json.Decoder
	path []string
	// sep is true when the next value is preceded by a ',' or ':' that the
	// decoder has not consumed yet.
	sep bool
}

// NewDecoder returns a decoder of the document read from r; file names it in
// errors.
func NewDecoder(file string, r io.Reader) *Decoder {
	p := &posReader{r: r, lastNL: -1}
	dec := json.NewDecoder(p)
	dec.UseNumber()
	return &Decoder{file: file, pos: p, dec: dec}
}

// Path returns the JSON path of the value being read.
func (d *Decoder) Path() string {
	return "$" + strings.Join(d.path, "")
}

func (d *Decoder) push(seg string) { d.path = append(d.path, seg) }
func (d *Decoder) pop()            { d.path = d.path[:len(d.path)-1] }

// errorAt returns an *Error at the given offset and the current path.
func (d *Decoder) errorAt(off int64, err error, format string, args ...any) *Error {
	line, col := d.pos.lineCol(off)
	return &Error{File: d.file, Offset: off, Line: line, Column: col, Path: d.Path(), Msg: fmt.Sprintf(format, args...), Err: err}
}

// Errorf returns an *Error at the decoder's current offset and path.
func (d *Decoder) Errorf(format string, args ...any) *Error {
	return d.errorAt(d.dec.InputOffset(), nil, format, args...)
}

// wrap turns an error of encoding/json or of the reader into an *Error.
// Offsets of type errors in a value that Decode reads count from base.
func (d *Decoder) wrap(err error, base int64) error {
	var (
		syn *json.SyntaxError
		typ *json.UnmarshalTypeError
		pe  *Error
	)
	switch {
	case errors.As(err, &pe):
		return err
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return d.errorAt(d.pos.base+int64(len(d.pos.buf)), err, "unexpected end of input (truncated file?)")
	case errors.As(err, &syn):
		// encoding/json counts a syntax error's offset across Decode calls
		// only, so find the position again by scanning the failed value,
		// which starts at the decoder's offset, with a fresh decoder.
		off := syn.Offset
		var raw json.RawMessage
		rescan := json.NewDecoder(d.dec.Buffered()).Decode(&raw)
		if e := (*json.SyntaxError)(nil); errors.As(rescan, &e) {
			off = d.dec.InputOffset() + e.Offset - 1
		}
		return d.errorAt(max(off, 0), err, "%s", syn.Error())
	case errors.As(err, &typ):
		if typ.Field != "" {
			d.push("." + typ.Field)
			defer d.pop()
		}
		return d.errorAt(base+typ.Offset, err, "cannot use JSON %s as %s", typ.Value, typ.Type)
	}
	// A read error from below (gzip, disk): not a position in the JSON.
	return d.errorAt(d.dec.InputOffset(), err, "read: %v", err)
}

// starts returns where encoding/json's offsets for the next value count
// from (just past a pending ',' or ':') and where the value itself starts
// (past white space too), reading ahead in the decoder's buffer.
func (d *Decoder) starts() (base, value int64) {
	off := d.dec.InputOffset()
	buf, _ := io.ReadAll(io.LimitReader(d.dec.Buffered(), 4096))
	i := 0
	skip := func() {
		for i < len(buf) && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' || buf[i] == '\n') {
			i++
		}
	}
	if d.sep {
		skip()
		if i < len(buf) && (buf[i] == ',' || buf[i] == ':') {
			i++
		}
	}
	base = off + int64(i)
	skip()
	return base, off + int64(i)
}

// valueStart returns the offset where the next value starts.
func (d *Decoder) valueStart() int64 {
	_, v := d.starts()
	return v
}

// token reads the next token.
func (d *Decoder) token() (json.Token, error) {
	tok, err := d.dec.Token()
	if err != nil {
		return nil, d.wrap(err, 0)
	}
	d.sep = false
	return tok, nil
}

// Decode decodes the next value into v.
func (d *Decoder) Decode(v any) error {
	base, _ := d.starts()
	if err := d.dec.Decode(v); err != nil {
		return d.wrap(err, base)
	}
	d.sep = false
	return nil
}

// Skip reads and discards the next value.
func (d *Decoder) Skip() error {
	var raw json.RawMessage
	return d.Decode(&raw)
}

// Object reads an object and calls fn with each key. fn must read the value
// (Decode, Skip, Object or Array). A null reads as an empty object.
func (d *Decoder) Object(fn func(key string) error) error {
	return d.Value(fn, nil)
}

// Array reads an array and calls fn with the index of each element. fn must
// read the element. A null reads as an empty array.
func (d *Decoder) Array(fn func(i int) error) error {
	return d.Value(nil, fn)
}

// Elements decodes each element of the array that comes next into a new T
// and passes it to fn, so that a large array is read one element at a time.
// A null reads as no elements.
func Elements[T any](d *Decoder, fn func(v *T) error) error {
	return d.Array(func(int) error {
		var v T
		if err := d.Decode(&v); err != nil {
			return err
		}
		return fn(&v)
	})
}

// Value reads an object with obj or an array with arr, whichever the next
// value is; a nil function refuses that kind. A null reads as nothing.
func (d *Decoder) Value(obj func(key string) error, arr func(i int) error) error {
	start := d.valueStart()
	tok, err := d.token()
	if err != nil {
		return err
	}
	if tok == nil {
		return nil
	}
	delim, _ := tok.(json.Delim)
	switch {
	case delim == '{' && obj != nil:
		return d.object(obj)
	case delim == '[' && arr != nil:
		return d.array(arr)
	case obj == nil:
		return d.errorAt(start, nil, "expected an array, found %s", describe(tok))
	case arr == nil:
		return d.errorAt(start, nil, "expected an object, found %s", describe(tok))
	}
	return d.errorAt(start, nil, "expected an object or an array, found %s", describe(tok))
}

func (d *Decoder) object(fn func(key string) error) error {
	for d.dec.More() {
		tok, err := d.token()
		if err != nil {
			return err
		}
		key, ok := tok.(string)
		if !ok {
			return d.Errorf("expected an object key, found %s", describe(tok))
		}
		d.push(pathKey(key))
		d.sep = true
		err = fn(key)
		d.pop()
		if err != nil {
			return err
		}
		d.sep = true
	}
	_, err := d.token() // '}'
	return err
}

func (d *Decoder) array(fn func(i int) error) error {
	for i := 0; d.dec.More(); i++ {
		d.push("[" + strconv.Itoa(i) + "]")
		err := fn(i)
		d.pop()
		if err != nil {
			return err
		}
		d.sep = true
	}
	_, err := d.token() // ']'
	return err
}

// More reports whether another top-level value follows (for JSON Lines and
// concatenated documents). A read or syntax error is left for the next call
// to report.
func (d *Decoder) More() bool {
	return d.dec.More()
}

// End checks that nothing but white space follows the document.
func (d *Decoder) End() error {
	d.sep = false
	start := d.valueStart()
	tok, err := d.dec.Token()
	if err == io.EOF {
		return nil
	}
	if err != nil {
		return d.wrap(err, 0)
	}
	return d.errorAt(start, nil, "unexpected %s after the end of the document", describe(tok))
}

// Offset returns the offset of the decoder in the input.
func (d *Decoder) Offset() int64 {
	return d.dec.InputOffset()
}

func describe(tok json.Token) string {
	switch v := tok.(type) {
	case nil:
		return "null"
	case json.Delim:
		return "'" + v.String() + "'"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case json.Number, float64:
		return "a number"
	}
	return fmt.Sprintf("%v", tok)
}

func pathKey(key string) string {
	for _, r := range key {
		if !(r == '_' || r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return "[" + strconv.Quote(key) + "]"
		}
	}
	return "." + key
}

// FirstKey returns the first key of the first object in head, the opening
// bytes of a document, or "" when head does not start with an object. It
// reads only as far as that key, so a truncated head is fine.
func FirstKey(head []byte) string {
	dec := json.NewDecoder(bytes.NewReader(head))
	tok, err := dec.Token()
	if err != nil {
		return ""
	}
	if delim, ok := tok.(json.Delim); !ok || delim != '{' {
		return ""
	}
	tok, err = dec.Token()
	if err != nil {
		return ""
	}
	key, _ := tok.(string)
	return key
}
