package ingest

import (
	"fmt"
	"strings"

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

// BatchError lists every wrong record of a batch. Good holds the events of
// the records that were fine, in body order, for a caller that chooses to
// keep them.
type BatchError struct {
	Errors []RecordError
	Good   []*attest.Event
}

// Error says how many records were refused and why, spelling out the first
// few.
func (e *BatchError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d of %d records refused", len(e.Errors), len(e.Errors)+len(e.Good))
	for i, re := range e.Errors {
		if i == maxListed {
			fmt.Fprintf(&b, "; and %d more", len(e.Errors)-maxListed)
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

// Collect normalises each record with fn and gathers the outcome by the
// package's batch policy: the events when every record was fine, else a
// *BatchError. It sets each event's Raw to the record's bytes. body is the
// body the records were split from; it locates the errors.
func Collect(body []byte, records []Value, fn func(Value) (*attest.Event, error)) ([]*attest.Event, error) {
	events := make([]*attest.Event, 0, len(records))
	var errs []RecordError
	for i, r := range records {
		ev, err := fn(r)
		if err != nil {
			line, col := Position(body, r.Offset)
			errs = append(errs, RecordError{Index: i, Offset: r.Offset, Line: line, Column: col, Reason: err.Error()})
			continue
		}
		ev.Raw = r.Raw
		events = append(events, ev)
	}
	if len(errs) > 0 {
		return nil, &BatchError{Errors: errs, Good: events}
	}
	return events, nil
}
