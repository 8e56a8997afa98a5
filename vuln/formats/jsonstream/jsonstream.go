// Package jsonstream walks a JSON document token by token so that a report
// parser can decode one element of a large array at a time instead of holding
// the whole document in memory. Every error it returns is an *Error that names
// the file, the byte offset (with line and column while they are cheap to
// know) and the JSON path of the value at fault.
package jsonstream

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/attest-dev/attest"
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
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

// chunkSize is the size of the pieces the window is kept in.
const chunkSize = 64 << 10

// posReader counts what passes through it and keeps the most recent bytes,
// in chunks, so that an offset the decoder reports can be turned into a line
// and column. Each byte is copied once; a chunk that falls out of the window
// is counted (newlines) and reused.
type posReader struct {
	r      io.Reader
	base   int64    // offset of chunks[0][0]
	chunks [][]byte // the window, oldest first; the last one is being filled
	size   int      // bytes in chunks
	lines  int      // newlines before base
	lastNL int64    // offset of the last newline before base, -1 if none
	free   []byte   // a dropped chunk to reuse
}

func (p *posReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	for rest := b[:n]; len(rest) > 0; {
		if len(p.chunks) == 0 || len(p.chunks[len(p.chunks)-1]) == cap(p.chunks[len(p.chunks)-1]) {
			p.grow()
		}
		last := &p.chunks[len(p.chunks)-1]
		k := min(len(rest), cap(*last)-len(*last))
		*last = append(*last, rest[:k]...)
		rest = rest[k:]
		p.size += k
	}
	return n, err
}

// grow starts a new chunk, first dropping the oldest ones that the window
// no longer needs.
func (p *posReader) grow() {
	for len(p.chunks) > 1 && p.size-len(p.chunks[0]) >= window {
		old := p.chunks[0]
		p.lines += bytes.Count(old, []byte{'\n'})
		if i := bytes.LastIndexByte(old, '\n'); i >= 0 {
			p.lastNL = p.base + int64(i)
		}
		p.base += int64(len(old))
		p.size -= len(old)
		p.chunks = p.chunks[1:]
		p.free = old[:0]
	}
	c := p.free
	if c == nil {
		c = make([]byte, 0, chunkSize)
	}
	p.free = nil
	p.chunks = append(p.chunks, c)
}

// end returns the offset just past the bytes read so far.
func (p *posReader) end() int64 { return p.base + int64(p.size) }

// lineCol returns the 1-based line and column of the byte at offset off, or
// zeros when off is no longer in the window.
func (p *posReader) lineCol(off int64) (int, int) {
	if off < p.base {
		return 0, 0
	}
	off = min(off, p.end())
	line, nl := p.lines, p.lastNL
	at := p.base
	for _, c := range p.chunks {
		if at >= off {
			break
		}
		head := c[:min(int64(len(c)), off-at)]
		line += bytes.Count(head, []byte{'\n'})
		if i := bytes.LastIndexByte(head, '\n'); i >= 0 {
			nl = at + int64(i)
		}
		at += int64(len(c))
	}
	return line + 1, int(off - nl)
}

// options keep the leniency of encoding/json (v1) that reports in the wild
// rely on: duplicate keys (the last wins), invalid UTF-8 (replaced) and keys
// whose case differs from the documented one.
var options = json.JoinOptions(
	jsontext.AllowDuplicateNames(true),
	jsontext.AllowInvalidUTF8(true),
	json.MatchCaseInsensitiveNames(true),
)

// Decoder walks one JSON document (or a stream of them, for JSON Lines).
type Decoder struct {
	file string
	pos  *posReader
	dec  *jsontext.Decoder
	path []segment
}

// NewDecoder returns a decoder of the document read from r; file names it in
// errors.
func NewDecoder(file string, r io.Reader) *Decoder {
	p := &posReader{r: r, lastNL: -1}
	return &Decoder{file: file, pos: p, dec: jsontext.NewDecoder(p, options)}
}

// Path returns the JSON path of the value being read.
func (d *Decoder) Path() string {
	var b strings.Builder
	b.WriteString("$")
	for _, s := range d.path {
		if s.index >= 0 {
			b.WriteString("[" + strconv.Itoa(s.index) + "]")
		} else {
			b.WriteString(pathKey(s.key))
		}
	}
	return b.String()
}

// segment is one step of a JSON path: an object key, or an array index
// (index >= 0). The path is kept unformatted: formatting an index for every
// element of a large array would cost an allocation each.
type segment struct {
	key   string
	index int
}

func (d *Decoder) push(seg segment) { d.path = append(d.path, seg) }
func (d *Decoder) pop()             { d.path = d.path[:len(d.path)-1] }

// ErrorAt returns an *Error at byte offset off with the given JSON path
// ("" for none), with line and column when off is still in the window.
func (d *Decoder) ErrorAt(off int64, path, format string, args ...any) *Error {
	line, col := d.pos.lineCol(off)
	return &Error{File: d.file, Offset: off, Line: line, Column: col, Path: path, Msg: fmt.Sprintf(format, args...)}
}

// errorAt returns an *Error at the given offset and the current path.
func (d *Decoder) errorAt(off int64, err error, format string, args ...any) *Error {
	e := d.ErrorAt(off, d.Path(), format, args...)
	e.Err = err
	return e
}

// Errorf returns an *Error at the decoder's current offset and path.
func (d *Decoder) Errorf(format string, args ...any) *Error {
	return d.errorAt(d.dec.InputOffset(), nil, format, args...)
}

// pathAt returns the path of the current value extended by the JSON
// pointer ptr of a value inside it, which counts from the document's root.
func (d *Decoder) pathAt(ptr jsontext.Pointer) string {
	var b strings.Builder
	b.WriteString(d.Path())
	i := 0
	for tok := range ptr.Tokens() {
		i++
		if i <= len(d.path) {
			continue
		}
		if _, err := strconv.Atoi(tok); err == nil && tok[0] != '-' && tok[0] != '+' {
			b.WriteString("[" + tok + "]")
		} else {
			b.WriteString(pathKey(tok))
		}
	}
	return b.String()
}

// wrap turns an error of the JSON decoder or of the reader into an *Error.
func (d *Decoder) wrap(err error) error {
	var (
		syn *jsontext.SyntacticError
		sem *json.SemanticError
		pe  *Error
		ae  *attest.Error
	)
	switch {
	case errors.As(err, &pe):
		return err
	case errors.As(err, &ae):
		// The reader below said why (a gzip stream cut short).
		return d.errorAt(d.pos.end(), err, "%s", ae.Message)
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return d.errorAt(d.pos.end(), err, "unexpected end of input (truncated file?)")
	case errors.As(err, &syn):
		e := d.errorAt(syn.ByteOffset, err, "%s", strings.TrimPrefix(syn.Err.Error(), "jsontext: "))
		e.Path = d.pathAt(syn.JSONPointer)
		return e
	case errors.As(err, &sem):
		e := d.errorAt(sem.ByteOffset, err, "%s", semanticMessage(sem))
		e.Path = d.pathAt(sem.JSONPointer)
		return e
	}
	// A read error from below (disk): not a position in the JSON.
	return d.errorAt(d.dec.InputOffset(), err, "read: %v", err)
}

// semanticMessage says what was wrong with a value of the right syntax.
func semanticMessage(e *json.SemanticError) string {
	if e.GoType != nil && e.JSONKind != 0 {
		msg := "cannot use JSON " + kindName(e.JSONKind) + " as " + e.GoType.String()
		if e.Err != nil {
			msg += ": " + strings.TrimPrefix(e.Err.Error(), "json: ")
		}
		return msg
	}
	if e.Err != nil {
		return strings.TrimPrefix(e.Err.Error(), "json: ")
	}
	return strings.TrimPrefix(e.Error(), "json: ")
}

// kindName names a JSON kind in messages.
func kindName(k jsontext.Kind) string {
	switch k {
	case 'n':
		return "null"
	case 'f', 't':
		return "boolean"
	case '"':
		return "string"
	case '0':
		return "number"
	case '{':
		return "object"
	case '[':
		return "array"
	}
	return "value"
}

// valueStart returns the offset where the next value starts: past the white
// space and the ',' or ':' before it. It peeks, so the decoder has the start
// of the value in its buffer.
func (d *Decoder) valueStart() int64 {
	d.dec.PeekKind()
	buf := d.dec.UnreadBuffer()
	i := 0
	skip := func() {
		for i < len(buf) && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' || buf[i] == '\n') {
			i++
		}
	}
	skip()
	if i < len(buf) && (buf[i] == ',' || buf[i] == ':') {
		i++
		skip()
	}
	return d.dec.InputOffset() + int64(i)
}

// Decode decodes the next value into v.
func (d *Decoder) Decode(v any) error {
	if err := json.UnmarshalDecode(d.dec, v); err != nil {
		return d.wrap(err)
	}
	return nil
}

// Skip reads and discards the next value.
func (d *Decoder) Skip() error {
	if err := d.dec.SkipValue(); err != nil {
		return d.wrap(err)
	}
	return nil
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
	kind := d.dec.PeekKind()
	switch {
	case kind == '{' && obj != nil, kind == '[' && arr != nil, kind == 'n':
	case kind == 0 || kind == '}' || kind == ']':
		_, err := d.dec.ReadToken() // the syntax error PeekKind saw
		if err == nil {
			err = io.ErrUnexpectedEOF
		}
		return d.wrap(err)
	case obj == nil:
		return d.errorAt(d.valueStart(), nil, "expected an array, found %s", describe(kind))
	case arr == nil:
		return d.errorAt(d.valueStart(), nil, "expected an object, found %s", describe(kind))
	default:
		return d.errorAt(d.valueStart(), nil, "expected an object or an array, found %s", describe(kind))
	}
	if _, err := d.dec.ReadToken(); err != nil {
		return d.wrap(err)
	}
	switch kind {
	case '{':
		return d.object(obj)
	case '[':
		return d.array(arr)
	}
	return nil
}

func (d *Decoder) object(fn func(key string) error) error {
	for d.dec.PeekKind() == '"' {
		tok, err := d.dec.ReadToken()
		if err != nil {
			return d.wrap(err)
		}
		d.push(segment{key: tok.String(), index: -1})
		err = fn(d.path[len(d.path)-1].key)
		d.pop()
		if err != nil {
			return err
		}
	}
	return d.close()
}

func (d *Decoder) array(fn func(i int) error) error {
	for i := 0; ; i++ {
		if k := d.dec.PeekKind(); k == ']' || k == 0 {
			break
		}
		d.push(segment{index: i})
		err := fn(i)
		d.pop()
		if err != nil {
			return err
		}
	}
	return d.close()
}

// close reads the '}' or ']' that ends an object or array (or the error in
// its place).
func (d *Decoder) close() error {
	if _, err := d.dec.ReadToken(); err != nil {
		return d.wrap(err)
	}
	return nil
}

// More reports whether another top-level value follows (for JSON Lines and
// concatenated documents). A read or syntax error is left for the next call
// to report.
func (d *Decoder) More() bool {
	return d.dec.PeekKind() != 0
}

// End checks that nothing but white space follows the document.
func (d *Decoder) End() error {
	kind := d.dec.PeekKind()
	if kind == 0 {
		_, err := d.dec.ReadToken()
		if err == io.EOF {
			return nil
		}
		return d.wrap(err)
	}
	return d.errorAt(d.valueStart(), nil, "unexpected %s after the end of the document", describe(kind))
}

// Offset returns the offset of the decoder in the input: just past the last
// token or value read.
func (d *Decoder) Offset() int64 {
	return d.dec.InputOffset()
}

// describe names the kind of a value in messages.
func describe(k jsontext.Kind) string {
	switch k {
	case '{', '}', '[', ']':
		return "'" + string(rune(k)) + "'"
	case 'n':
		return "null"
	}
	return "a " + kindName(k)
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
	dec := jsontext.NewDecoder(bytes.NewReader(head), options)
	tok, err := dec.ReadToken()
	if err != nil || tok.Kind() != '{' {
		return ""
	}
	tok, err = dec.ReadToken()
	if err != nil || tok.Kind() != '"' {
		return ""
	}
	return tok.String()
}

// CheckPosition reports why err is not an input error about file at a
// position (nil when it is): it must have code attest.EINVALID and be an
// *Error naming file with a line and column. Fuzz tests of the parsers use
// it on every error they get.
func CheckPosition(err error, file string) error {
	if code := attest.ErrorCode(err); code != attest.EINVALID {
		return fmt.Errorf("error %q has code %q, want %q", err, code, attest.EINVALID)
	}
	var e *Error
	if !errors.As(err, &e) {
		return fmt.Errorf("error %q (%T) is not a *jsonstream.Error", err, err)
	}
	if e.File != file || e.Line < 1 || e.Column < 1 || e.Offset < 0 {
		return fmt.Errorf("error %q is at %s:%d:%d (offset %d), want %s with a line and column", err, e.File, e.Line, e.Column, e.Offset, file)
	}
	return nil
}

// ParseInMemory is a report format's parse of a report held in memory: fast,
// the format's Scanner reader of the usual shape, when it reads the whole
// report, else parse, the streaming decoder, over the same bytes, so that
// the result, errors included, is always parse's. Occurrences are appended
// to dst; on an error dst is returned as given.
func ParseInMemory(dst []attest.Occurrence, name string, data []byte,
	fast func(dst []attest.Occurrence, name string, data []byte) ([]attest.Occurrence, bool),
	parse func(name string, r io.Reader) ([]attest.Occurrence, error)) ([]attest.Occurrence, error) {
	if occs, ok := fast(dst, name, data); ok {
		return occs, nil
	}
	occs, err := parse(name, bytes.NewReader(data))
	if err != nil {
		return dst, err
	}
	return append(dst, occs...), nil
}
