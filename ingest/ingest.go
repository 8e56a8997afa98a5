package ingest

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/attest-dev/attest"
)

// Normaliser turns one request body of a source into events.
type Normaliser interface {
	// Source returns the name events are stored under: "k8s-audit",
	// "falco", "cloudtrail", or the name of a generic source.
	Source() string
	// Normalise returns one event per record of body, in the order of the
	// body, with Received left zero for the caller to set. It returns a
	// *BodyError when the body as a whole cannot be read and a *BatchError
	// when some records are wrong; both carry the code EINVALID. It never
	// returns events together with an error.
	Normalise(body []byte) ([]*attest.Event, error)
}

// BodyError refuses a whole body: it is not JSON, it is truncated, or it is
// not of a shape the source sends. Offset counts bytes from the start of the
// body (after decompression); Line and Column count from 1, Column in bytes.
type BodyError struct {
	Offset int64
	Line   int
	Column int
	Reason string
}

// Error formats the error with its position.
func (e *BodyError) Error() string {
	return fmt.Sprintf("body: line %d, column %d (byte %d): %s", e.Line, e.Column, e.Offset, e.Reason)
}

// Unwrap returns the application error that the error amounts to, with code
// EINVALID.
func (e *BodyError) Unwrap() error {
	return attest.Errorf(attest.EINVALID, "%s", e.Error())
}

// RecordError says which record of a batch is wrong and why. Index counts the
// records of the body from 0 in the order they appear; Offset, Line and
// Column locate the record's first byte in the body.
type RecordError struct {
	Index  int
	Offset int64
	Line   int
	Column int
	Reason string
}

// Error formats the error with the record's index and position.
func (e RecordError) Error() string {
	return fmt.Sprintf("record %d (line %d, column %d): %s", e.Index, e.Line, e.Column, e.Reason)
}

// maxListed is how many record errors BatchError.Error spells out.
const maxListed = 5

// BatchError lists the wrong records of a batch: the first MaxRecordErrors
// of them in Errors, and how many there were in all in Refused. Good holds
// the events of the records that were fine, in body order, for a caller that
// chooses to keep them.
type BatchError struct {
	Errors  []RecordError
	Refused int
	Good    []*attest.Event
}

// Error says how many records were refused and why, spelling out the first
// few.
func (e *BatchError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d of %d records refused", e.Refused, e.Refused+len(e.Good))
	for i, re := range e.Errors {
		if i == maxListed {
			fmt.Fprintf(&b, "; and %d more", e.Refused-maxListed)
			break
		}
		b.WriteString("; ")
		b.WriteString(re.Error())
	}
	return b.String()
}

// Unwrap returns the application error that the error amounts to, with code
// EINVALID.
func (e *BatchError) Unwrap() error {
	return attest.Errorf(attest.EINVALID, "%s", e.Error())
}

// Defaults of Limits.
const (
	DefaultMaxRecords     = 10000
	DefaultMaxRecordBytes = 4 << 20
	DefaultMaxFieldBytes  = 4 << 10
	// MaxRecordErrors is how many wrong records a BatchError lists.
	MaxRecordErrors = 100
)

// Limits bound what one body may make; a zero field takes its default.
// They keep the memory of a request in proportion to its body: a few bytes
// of JSON per record (a gzip body of a million "{}") must not become a
// million events.
type Limits struct {
	// MaxRecords is the most records one body may hold; a body with more is
	// refused whole with a *BodyError.
	MaxRecords int
	// MaxRecordBytes is the largest a record may be; a larger one is a
	// wrong record.
	MaxRecordBytes int
	// MaxFieldBytes is the longest a normalised text field (actor, action,
	// target, ...) is kept: a longer one is cut at a character boundary and
	// ends in "…"; a longer DedupKey is replaced by its SHA-256. Raw keeps
	// the record whole.
	MaxFieldBytes int
}

// Records returns MaxRecords, or its default.
func (l Limits) Records() int { return cmp.Or(l.MaxRecords, DefaultMaxRecords) }

func (l Limits) recordBytes() int { return cmp.Or(l.MaxRecordBytes, DefaultMaxRecordBytes) }
func (l Limits) fieldBytes() int  { return cmp.Or(l.MaxFieldBytes, DefaultMaxFieldBytes) }

// Bounded is a Normaliser that normalises within given limits. Every
// normaliser of this module is one; Normalise uses the default limits.
type Bounded interface {
	Normaliser
	// NormaliseWithin is Normalise within lim.
	NormaliseWithin(body []byte, lim Limits) ([]*attest.Event, error)
}

// Collect is CollectWithin the default limits.
func Collect(body []byte, records []Value, fn func(Value) (*attest.Event, error)) ([]*attest.Event, error) {
	return CollectWithin(body, records, Limits{}, fn)
}

// CollectWithin normalises each record with fn and gathers the outcome by the
// package's batch policy: the events when every record was fine, else a
// *BatchError. It sets each event's Raw to the record's bytes. body is the
// body the records were split from; it locates the errors, in one pass over
// the body however many there are.
//
// Before fn runs, a record must be valid UTF-8 and hold no number beyond
// the range of a 64-bit float (1e999), so that every stored record can be
// served inline in a JSON answer that strict readers accept; and be within
// lim.MaxRecordBytes. More than lim.MaxRecords records refuse the body.
func CollectWithin(body []byte, records []Value, lim Limits, fn func(Value) (*attest.Event, error)) ([]*attest.Event, error) {
	if len(records) > lim.Records() {
		r := records[lim.Records()]
		return nil, bodyErrorAt(body, r.Offset, fmt.Sprintf("body holds more than %d records, the most one request may send: send smaller batches", lim.Records()))
	}
	events := make([]*attest.Event, 0, len(records))
	var errs []RecordError
	refused := 0
	pos := positions{body: body, line: 1}
	for i, r := range records {
		ev, err := checkRecord(r, lim)
		if err == nil {
			ev, err = fn(r)
		}
		if err != nil {
			refused++
			if len(errs) < MaxRecordErrors {
				line, col := pos.at(r.Offset)
				errs = append(errs, RecordError{Index: i, Offset: r.Offset, Line: line, Column: col, Reason: err.Error()})
			}
			continue
		}
		ev.Raw = r.Raw
		bound(ev, lim.fieldBytes())
		events = append(events, ev)
	}
	if refused > 0 {
		return nil, &BatchError{Errors: errs, Refused: refused, Good: events}
	}
	return events, nil
}

// checkRecord refuses a record that is too large, not UTF-8, or holds a
// number out of range. It returns no event.
func checkRecord(r Value, lim Limits) (*attest.Event, error) {
	if len(r.Raw) > lim.recordBytes() {
		return nil, fmt.Errorf("record is %d bytes, over the limit of %d", len(r.Raw), lim.recordBytes())
	}
	if !utf8.Valid(r.Raw) {
		return nil, errors.New("record is not valid UTF-8")
	}
	if n, ok := outOfRange(r.Raw); ok {
		return nil, fmt.Errorf("number %.40s is out of the range of a 64-bit float", n)
	}
	return nil, nil
}

// outOfRange returns the first number of the JSON text d (outside strings)
// that overflows a float64, if any.
func outOfRange(d []byte) ([]byte, bool) {
	for i := 0; i < len(d); i++ {
		switch c := d[i]; {
		case c == '"':
			end := skipString(d, i)
			if end < 0 {
				return nil, false
			}
			i = end - 1
		case c == '-' || c >= '0' && c <= '9':
			j := i
			for j < len(d) && !isDelim(d[j]) {
				j++
			}
			num := d[i:j]
			// Only a number with an exponent, or of more than 308 digits,
			// can overflow.
			if bytes.ContainsAny(num, "eE") || len(num) > 308 {
				if f, err := strconv.ParseFloat(string(num), 64); err != nil && math.IsInf(f, 0) {
					return num, true
				}
			}
			i = j - 1
		}
	}
	return nil, false
}

// bound cuts the text fields of ev to max bytes.
func bound(ev *attest.Event, limit int) {
	for _, f := range []*string{&ev.ExternalID, &ev.Actor, &ev.Action, &ev.Target, &ev.Outcome, &ev.SourceIP,
		&ev.UserAgent, &ev.Severity} {
		*f = truncate(*f, limit)
	}
	if len(ev.DedupKey) > limit {
		sum := sha256.Sum256([]byte(ev.DedupKey))
		ev.DedupKey = "sha256:" + hex.EncodeToString(sum[:])
	}
}

// truncate returns s cut to at most max bytes at a character boundary,
// ending in "…" when it was cut.
func truncate(s string, limit int) string {
	if len(s) <= limit {
		return s
	}
	const ellipsis = "…"
	cut := limit - len(ellipsis)
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:max(cut, 0)] + ellipsis
}

// positions turns increasing byte offsets of a body into lines and columns,
// reading each byte of the body once.
type positions struct {
	body      []byte
	off       int64 // bytes before off are counted
	line      int   // the line of off
	lineStart int64 // the offset where that line starts
}

// at returns the line and column of off, as Position does.
func (p *positions) at(off int64) (line, col int) {
	off = min(max(off, 0), int64(len(p.body)))
	if off < p.off {
		*p = positions{body: p.body, line: 1}
	}
	seg := p.body[p.off:off]
	if n := bytes.Count(seg, []byte{'\n'}); n > 0 {
		p.line += n
		p.lineStart = p.off + int64(bytes.LastIndexByte(seg, '\n')) + 1
	}
	p.off = off
	return p.line, int(off-p.lineStart) + 1
}

// Strict reports whether raw is JSON that every reader accepts: valid
// UTF-8, valid JSON, and no number beyond the range of a 64-bit float.
func Strict(raw []byte) bool {
	if !utf8.Valid(raw) || !json.Valid(raw) {
		return false
	}
	_, bad := outOfRange(raw)
	return !bad
}
