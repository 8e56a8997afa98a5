package report

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/json"
	"io"
	"runtime"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/vuln"
)

// Schema is the JSON Schema (draft 2020-12) of the JSON output, version 1
// (vuln.SchemaVersion).
//
// The output is one JSON object; each entry of its arrays of
// vulnerabilities sits on a line of its own, so that the report streams
// out without being built in memory whole and stays easy to grep.
//
//go:embed schema/vulns-report.v1.json
var Schema []byte

// JSON writes the report as JSON that follows Schema. vuln.ReadReport reads
// it back.
func JSON(w io.Writer, r *vuln.Report) error {
	jw := &jsonWriter{w: bufio.NewWriterSize(w, 1<<16)}

	jw.raw("{\n")
	jw.field("  ", "kind", r.Kind, false)
	jw.field("  ", "schema_version", r.SchemaVersion, false)
	jw.field("  ", "generated", r.Generated, false)
	jw.field("  ", "inputs", r.Inputs, false)
	if r.KEV != nil {
		jw.field("  ", "kev", r.KEV, false)
	}
	if r.EPSS != nil {
		jw.field("  ", "epss", r.EPSS, false)
	}
	jw.field("  ", "filter", r.Filter, false)
	jw.field("  ", "hidden", r.Hidden, false)
	jw.field("  ", "summary", r.Summary, false)
	last := len(r.ExpiredIgnores) == 0 && r.Diff == nil
	jw.raw(`  "vulnerabilities": `)
	list(jw, "  ", r.Vulnerabilities)
	jw.end(last)
	if len(r.ExpiredIgnores) > 0 {
		jw.field("  ", "expired_ignores", r.ExpiredIgnores, r.Diff == nil)
	}
	if d := r.Diff; d != nil {
		jw.raw("  \"diff\": {\n")
		jw.raw(`    "new": `)
		list(jw, "    ", d.New)
		jw.end(false)
		jw.raw(`    "fixed": `)
		list(jw, "    ", d.Fixed)
		jw.end(false)
		jw.raw(`    "open": `)
		list(jw, "    ", d.Open)
		jw.end(false)
		jw.raw(`    "changed": `)
		list(jw, "    ", d.Changed)
		jw.end(false)
		jw.raw(`    "suppressed": `)
		list(jw, "    ", d.Suppressed)
		jw.end(true)
		jw.raw("  }\n")
	}
	jw.raw("}\n")
	if jw.err != nil {
		return jw.err
	}
	return jw.w.Flush()
}

// jsonWriter writes JSON piece by piece, keeping the first error.
type jsonWriter struct {
	w   *bufio.Writer
	err error
}

func (jw *jsonWriter) raw(s string) {
	if jw.err == nil {
		_, jw.err = jw.w.WriteString(s)
	}
}

// field writes `"name": value` indented, with its comma unless last.
func (jw *jsonWriter) field(indent, name string, v any, last bool) {
	if jw.err != nil {
		return
	}
	b, err := json.MarshalIndent(v, indent, "  ")
	if err != nil {
		jw.err = err
		return
	}
	jw.raw(indent + `"` + name + `": `)
	_, jw.err = jw.w.Write(b)
	jw.end(last)
}

func (jw *jsonWriter) end(last bool) {
	if last {
		jw.raw("\n")
	} else {
		jw.raw(",\n")
	}
}

// listBatch is how many elements of a list one goroutine encodes at a time.
const listBatch = 512

// list writes an array with one compact element per line. Batches of
// elements are encoded on as many goroutines as there are CPUs and written
// in order; at most two batches per CPU wait in memory.
func list[T any](jw *jsonWriter, indent string, items []T) {
	if len(items) == 0 {
		jw.raw("[]")
		return
	}
	jw.raw("[\n")
	type encoded struct {
		buf []byte
		err error
	}
	n := (len(items) + listBatch - 1) / listBatch
	results := make([]chan *encoded, n)
	for i := range results {
		results[i] = make(chan *encoded, 1)
	}
	slots := make(chan struct{}, 2*runtime.GOMAXPROCS(0))
	// Buffers go back to free once written, so that a batch starts with
	// room for its elements instead of growing into it.
	free := make(chan []byte, cap(slots))
	done := make(chan struct{})
	defer close(done)
	go func() {
		for b := range n {
			select {
			case slots <- struct{}{}:
			case <-done:
				return
			}
			go func() {
				lo, hi := b*listBatch, min((b+1)*listBatch, len(items))
				e := new(encoded)
				select {
				case e.buf = <-free:
				default:
					e.buf = make([]byte, 0, (hi-lo)<<10)
				}
				var enc elementEncoder
				for i := lo; i < hi && e.err == nil; i++ {
					e.buf = append(e.buf, indent+"  "...)
					e.buf, e.err = enc.append(e.buf, &items[i])
					if i < len(items)-1 {
						e.buf = append(e.buf, ',')
					}
					e.buf = append(e.buf, '\n')
				}
				results[b] <- e
			}()
		}
	}()
	for b := range n {
		e := <-results[b]
		if jw.err == nil {
			if jw.err = e.err; jw.err == nil {
				_, jw.err = jw.w.Write(e.buf)
			}
		}
		select {
		case free <- e.buf[:0]:
		default:
		}
		<-slots
	}
	jw.raw(indent + "]")
}

// elementEncoder writes one element of a list as compact JSON, the way
// encoding/json's Encoder does with HTML escaping off.
type elementEncoder struct {
	buf bytes.Buffer
	enc *json.Encoder
}

// append appends v to b: a vulnerability by appendVulnerability, anything
// else (or a vulnerability it declines) by encoding/json.
func (e *elementEncoder) append(b []byte, v any) ([]byte, error) {
	if vu, ok := v.(*attest.Vulnerability); ok {
		if out, ok := appendVulnerability(b, vu); ok {
			return out, nil
		}
	}
	if e.enc == nil {
		e.enc = json.NewEncoder(&e.buf)
		e.enc.SetEscapeHTML(false)
	}
	e.buf.Reset()
	if err := e.enc.Encode(v); err != nil {
		return b, err
	}
	return append(b, bytes.TrimSuffix(e.buf.Bytes(), []byte("\n"))...), nil
}
