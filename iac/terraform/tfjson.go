package terraform

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// Terraform's JSON syntax (*.tf.json) is read by writing it out as native
// syntax, keeping every construct on the line it has in the JSON file, and
// parsing that: the rest of the loader then sees one kind of body, and
// diagnostics and resource ranges point at the JSON file's lines (exactly
// for JSON written one key a line; compact JSON may drift by a line where a
// block opens).
//
// JSON strings are templates in both syntaxes and are written as they are,
// so "${var.x}" means the same. What JSON cannot say is whether an object
// in a resource body is a nested block or an argument of map type: Terraform
// asks the provider's schema, which attest does not have. An array of
// objects is taken for repeated blocks and an object for one block, except
// that tags, tags_all, names ending in _tags, and objects with a key that is
// not an identifier are map arguments. Module inputs, outputs, locals and
// variable defaults are always values.

// jsonNode is one JSON value with the line it starts on.
type jsonNode struct {
	line  int
	end   int  // the line of the closing delimiter of an object or array
	kind  byte // '{', '[', '"', 'n' (number), 'b' (bool), '0' (null)
	str   string
	keys  []jsonKey // objects, in file order
	elems []*jsonNode
}

type jsonKey struct {
	name string
	line int
	val  *jsonNode
}

// jsonReader decodes a JSON document into jsonNodes, tracking lines.
type jsonReader struct {
	src []byte
	dec *json.Decoder
	// line and off are the line of byte offset off, advanced as tokens
	// are read.
	line, off int
}

func (r *jsonReader) lineAt(off int) int {
	r.line += bytes.Count(r.src[r.off:off], []byte{'\n'})
	r.off = off
	return r.line
}

// token reads the next token and the line it ends on (a token never spans
// lines).
func (r *jsonReader) token() (json.Token, int, error) {
	t, err := r.dec.Token()
	if err != nil {
		return nil, 0, err
	}
	return t, r.lineAt(int(r.dec.InputOffset())), nil
}

func (r *jsonReader) value() (*jsonNode, error) {
	t, line, err := r.token()
	if err != nil {
		return nil, err
	}
	return r.valueFrom(t, line)
}

func (r *jsonReader) valueFrom(t json.Token, line int) (*jsonNode, error) {
	n := &jsonNode{line: line}
	switch t := t.(type) {
	case json.Delim:
		switch t {
		case '{':
			n.kind = '{'
			for r.dec.More() {
				kt, kline, err := r.token()
				if err != nil {
					return nil, err
				}
				v, err := r.value()
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, jsonKey{name: kt.(string), line: kline, val: v})
			}
		case '[':
			n.kind = '['
			for r.dec.More() {
				v, err := r.value()
				if err != nil {
					return nil, err
				}
				n.elems = append(n.elems, v)
			}
		default:
			return nil, fmt.Errorf("line %d: unexpected %s", line, t)
		}
		_, end, err := r.token() // the closing delimiter
		if err != nil {
			return nil, err
		}
		n.end = end
	case string:
		n.kind, n.str = '"', t
	case json.Number:
		n.kind, n.str = 'n', t.String()
	case bool:
		n.kind, n.str = 'b', fmt.Sprint(t)
	case nil:
		n.kind, n.str = '0', "null"
	}
	return n, nil
}

// jsonToNative rewrites a Terraform JSON configuration file as native
// syntax with the same line numbers.
func jsonToNative(src []byte) ([]byte, error) {
	r := &jsonReader{src: src, dec: json.NewDecoder(bytes.NewReader(src)), line: 1}
	r.dec.UseNumber()
	root, err := r.value()
	if err != nil {
		return nil, fmt.Errorf("parse JSON: %w", err)
	}
	if _, err := r.dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("parse JSON: line %d: more than one value", r.lineAt(int(r.dec.InputOffset())))
	}
	if root.kind != '{' {
		return nil, fmt.Errorf("line %d: a configuration file must hold one JSON object", root.line)
	}
	w := &nativeWriter{line: 1}
	for _, k := range root.keys {
		if err := w.topLevel(k); err != nil {
			return nil, err
		}
	}
	w.buf.WriteByte('\n')
	return w.buf.Bytes(), nil
}

// nativeWriter writes native syntax, tracking the line it is on.
type nativeWriter struct {
	buf  bytes.Buffer
	line int
}

// at moves to line, where a newline is allowed; never backwards.
func (w *nativeWriter) at(line int) {
	for w.line < line {
		w.nl()
	}
}

func (w *nativeWriter) nl() {
	w.buf.WriteByte('\n')
	w.line++
}

func (w *nativeWriter) printf(format string, args ...any) {
	fmt.Fprintf(&w.buf, format, args...)
}

// Top-level block types and how many labels they take in JSON.
var jsonBlockLabels = map[string]int{"resource": 2, "data": 2, "module": 1, "variable": 1, "output": 1}

func (w *nativeWriter) topLevel(k jsonKey) error {
	if k.name == "//" {
		return nil
	}
	if k.name == "locals" {
		for _, body := range objects(k.val) {
			if body == nil {
				return fmt.Errorf("line %d: locals must be an object", k.val.line)
			}
			w.at(k.line)
			w.openBlock("locals", nil)
			for _, lk := range body.keys {
				if lk.name == "//" {
					continue
				}
				w.attr(lk)
			}
			w.closeBlock(body.end)
		}
		return nil
	}
	n, ok := jsonBlockLabels[k.name]
	if !ok {
		// terraform, provider, moved, import, check ... carry no
		// resources; the loader skips them in native syntax too.
		return nil
	}
	return w.labelled(k.name, k.val, n, nil)
}

// labelled writes the blocks of type typ nested under n levels of labels.
func (w *nativeWriter) labelled(typ string, v *jsonNode, n int, labels []string) error {
	if n == 0 {
		for _, body := range objects(v) {
			if body == nil {
				return fmt.Errorf("line %d: %s block must be an object", v.line, typ)
			}
			w.at(v.line)
			w.openBlock(typ, labels)
			w.body(typ, body)
			w.closeBlock(body.end)
		}
		return nil
	}
	if v.kind != '{' {
		return fmt.Errorf("line %d: %s needs %d more labels", v.line, typ, n)
	}
	for _, k := range v.keys {
		if k.name == "//" {
			continue
		}
		if err := w.labelled(typ, k.val, n-1, append(slices.Clip(labels), k.name)); err != nil {
			return err
		}
	}
	return nil
}

// objects gives an object as one body, an array of objects as several; a
// nil entry marks anything else.
func objects(v *jsonNode) []*jsonNode {
	switch v.kind {
	case '{':
		return []*jsonNode{v}
	case '[':
		out := make([]*jsonNode, len(v.elems))
		for i, e := range v.elems {
			if e.kind == '{' {
				out[i] = e
			}
		}
		return out
	}
	return []*jsonNode{nil}
}

func (w *nativeWriter) openBlock(typ string, labels []string) {
	w.printf("%s", typ)
	for _, l := range labels {
		w.printf(" %s", quoteHCL(l))
	}
	w.printf(" {")
	w.nl()
}

// closeBlock closes a block on line end, the line of the JSON object's
// closing brace, or on the next line when that has passed.
func (w *nativeWriter) closeBlock(end int) {
	w.nl()
	w.at(end)
	w.printf("}")
	w.nl()
}

// body writes the body of a block of type typ.
func (w *nativeWriter) body(typ string, b *jsonNode) {
	for _, k := range b.keys {
		switch {
		case k.name == "//":
		case typ == "variable" && k.name == "type" && k.val.kind == '"':
			// A type constraint is an expression written as a string.
			w.at(k.line)
			w.printf("type = %s", k.val.str)
			w.nl()
		case (typ == "resource" || typ == "data") && (k.name == "provider" || k.name == "depends_on"):
			// References written as strings: provider is one, depends_on
			// is not read. The provider name is what the loader needs.
			if k.name == "provider" && k.val.kind == '"' && isTraversal(k.val.str) {
				w.at(k.line)
				w.printf("provider = %s", k.val.str)
				w.nl()
			}
		case (typ == "resource" || typ == "data") && metaBlocks[k.name]:
			// Not read by the loader.
		case typ == "resource" || typ == "data" || typ == "block":
			w.blockItem(k)
		case typ == "variable" && k.name == "validation":
			// Validation rules are not evaluated.
		default:
			w.attr(k)
		}
	}
}

// blockItem writes one key of a resource body (or of a block nested in
// one): an argument or nested blocks.
func (w *nativeWriter) blockItem(k jsonKey) {
	if k.name == "dynamic" && k.val.kind == '{' {
		for _, dk := range k.val.keys {
			for _, body := range objects(dk.val) {
				if body == nil {
					continue
				}
				w.at(dk.line)
				w.openBlock("dynamic", []string{dk.name})
				for _, ik := range body.keys {
					switch {
					case ik.name == "content" && ik.val.kind == '{':
						w.at(ik.line)
						w.openBlock("content", nil)
						w.body("block", ik.val)
						w.closeBlock(ik.val.end)
					case ik.name == "iterator" && ik.val.kind == '"' && isTraversal(ik.val.str):
						w.at(ik.line)
						w.printf("iterator = %s", ik.val.str)
						w.nl()
					case ik.name != "//":
						w.attr(ik)
					}
				}
				w.closeBlock(body.end)
			}
		}
		return
	}
	if !hclsyntax.ValidIdentifier(k.name) || !isBlockValue(k) {
		w.attr(k)
		return
	}
	for _, body := range objects(k.val) {
		w.at(k.line)
		w.openBlock(k.name, nil)
		w.body("block", body)
		w.closeBlock(body.end)
	}
}

// isBlockValue decides, without a schema, whether the value of key k in a
// resource body is nested blocks rather than an argument (see above).
func isBlockValue(k jsonKey) bool {
	if k.name == "tags" || k.name == "tags_all" || strings.HasSuffix(k.name, "_tags") {
		return false
	}
	bodies := objects(k.val)
	if len(bodies) == 0 || slices.Contains(bodies, nil) {
		return false
	}
	for _, b := range bodies {
		for _, bk := range b.keys {
			if bk.name != "//" && !hclsyntax.ValidIdentifier(bk.name) {
				return false
			}
		}
	}
	return true
}

// isTraversal reports whether s is a plain reference such as aws.west.
func isTraversal(s string) bool {
	for part := range strings.SplitSeq(s, ".") {
		if !hclsyntax.ValidIdentifier(part) {
			return false
		}
	}
	return true
}

// attr writes an argument on the line of its key.
func (w *nativeWriter) attr(k jsonKey) {
	if !hclsyntax.ValidIdentifier(k.name) {
		// An argument name must be an identifier; a JSON key that is
		// not one can only be a mistake, which HCL will report.
		w.at(k.line)
		w.printf("%s = null", quoteHCL(k.name))
		w.nl()
		return
	}
	w.at(k.line)
	w.printf("%s = ", k.name)
	w.expr(k.val)
	w.nl()
}

// expr writes a JSON value as a native expression: strings as templates,
// arrays as tuples, objects as objects.
func (w *nativeWriter) expr(v *jsonNode) {
	switch v.kind {
	case '"':
		w.printf("%s", templateLiteral(v.str))
	case '[':
		w.printf("[")
		for i, e := range v.elems {
			if i > 0 {
				w.printf(", ")
			}
			w.at(e.line)
			w.expr(e)
		}
		w.printf("]")
	case '{':
		w.printf("{")
		for _, k := range v.keys {
			if k.name == "//" {
				continue
			}
			w.at(k.line)
			w.printf("%s = ", templateLiteral(k.name))
			w.expr(k.val)
			w.printf(",")
		}
		w.printf("}")
	default:
		w.printf("%s", v.str)
	}
}

// templateLiteral quotes s as a native template with the meaning it has as
// a JSON string: literal text is escaped, $${ and %%{ stay escapes, and the
// expression inside ${...} and %{...} is copied as it is (its own quoted
// strings included), newlines becoming spaces.
func templateLiteral(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	rs := []rune(s)
	depth := 0 // braces open inside an interpolation or directive
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		next := func(k int) rune {
			if i+k < len(rs) {
				return rs[i+k]
			}
			return 0
		}
		if depth > 0 {
			switch r {
			case '{':
				depth++
			case '}':
				depth--
			case '\n', '\r':
				r = ' '
			case '"':
				// A quoted string inside the expression: copy it
				// whole, so its braces do not count.
				b.WriteRune(r)
				for i++; i < len(rs) && rs[i] != '"'; i++ {
					if rs[i] == '\\' && i+1 < len(rs) {
						b.WriteRune(rs[i])
						i++
					}
					b.WriteRune(rs[i])
				}
				if i < len(rs) {
					b.WriteRune('"')
				}
				continue
			}
			b.WriteRune(r)
			continue
		}
		switch {
		case (r == '$' || r == '%') && next(1) == r && next(2) == '{':
			b.WriteRune(r)
			b.WriteRune(r)
			b.WriteRune('{')
			i += 2
		case (r == '$' || r == '%') && next(1) == '{':
			b.WriteRune(r)
			b.WriteRune('{')
			i++
			depth = 1
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
