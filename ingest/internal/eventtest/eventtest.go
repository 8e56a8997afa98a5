// Package eventtest holds the checks that every normaliser's tests share:
// that each event's Raw is the record's own bytes, a slice of the body, and
// that Normalise keeps its contract on any input.
package eventtest

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/ingest"
)

// Fixture reads a file of the shared testdata/events folder.
func Fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "events", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Offset returns where raw starts in body when raw is a slice of body's own
// memory, and -1 otherwise.
func Offset(body, raw []byte) int {
	if len(raw) == 0 {
		return -1
	}
	for i := range body {
		if &body[i] == &raw[0] {
			if i+len(raw) > len(body) {
				return -1
			}
			return i
		}
	}
	return -1
}

// CheckRaw checks that each event's Raw is a slice of body (the same memory,
// so byte-identical by construction) and that the slices come in body order
// without overlapping.
func CheckRaw(t testing.TB, body []byte, events []*attest.Event) {
	t.Helper()
	end := 0
	for i, ev := range events {
		off := Offset(body, ev.Raw)
		if off < 0 {
			t.Errorf("event %d: Raw is not a slice of the body: %.60q", i, ev.Raw)
			continue
		}
		if !bytes.Equal(body[off:off+len(ev.Raw)], ev.Raw) {
			t.Errorf("event %d: Raw differs from body[%d:%d]", i, off, off+len(ev.Raw))
		}
		if off < end {
			t.Errorf("event %d: Raw starts at %d, inside or before the previous record (ends %d)", i, off, end)
		}
		end = off + len(ev.Raw)
	}
}

// Outcomes are the values an event's Outcome may take.
var Outcomes = []string{attest.OutcomeSuccess, attest.OutcomeFailure, attest.OutcomeUnknown}

// CheckContract checks what Normalise promises for any body: events or an
// error, never both; an error that is a *ingest.BodyError or
// *ingest.BatchError with code EINVALID and positions inside the body; and
// events whose Raw slices the body. source is the expected Source of every
// event.
func CheckContract(t testing.TB, n ingest.Normaliser, body []byte, source string) {
	t.Helper()
	events, err := n.Normalise(body)
	rawBody := body
	if ingest.IsGzip(body) {
		// Raw then slices the decompressed body, which the test cannot see;
		// only its bytes can be compared.
		rawBody = nil
		if d, derr := ingest.Decompress(body); derr == nil {
			rawBody = d
		}
	}
	if err != nil && events != nil {
		t.Fatalf("Normalise returned %d events and an error: %v", len(events), err)
	}
	if err == nil {
		checkEvents(t, body, rawBody, events, source)
		return
	}
	if code := attest.ErrorCode(err); code != attest.EINVALID {
		t.Fatalf("error code %q, want %q: %v", code, attest.EINVALID, err)
	}
	var be *ingest.BodyError
	var bat *ingest.BatchError
	switch {
	case errors.As(err, &be):
		if be.Reason == "" {
			t.Errorf("BodyError without a reason")
		}
		if be.Offset < 0 {
			t.Errorf("BodyError offset %d", be.Offset)
		}
	case errors.As(err, &bat):
		if len(bat.Errors) == 0 {
			t.Fatalf("BatchError without record errors")
		}
		if !slices.IsSortedFunc(bat.Errors, func(a, b ingest.RecordError) int { return a.Index - b.Index }) {
			t.Errorf("record errors out of order: %v", bat.Errors)
		}
		for _, re := range bat.Errors {
			if re.Offset < 0 || re.Offset >= int64(len(rawBody)) || re.Reason == "" {
				t.Errorf("record error %+v out of the body (%d bytes) or without reason", re, len(rawBody))
			}
			line, col := ingest.Position(rawBody, re.Offset)
			if line != re.Line || col != re.Column {
				t.Errorf("record error at offset %d says %d:%d, want %d:%d", re.Offset, re.Line, re.Column, line, col)
			}
		}
		checkEvents(t, body, rawBody, bat.Good, source)
	default:
		t.Fatalf("error of type %T: %v", err, err)
	}
}

// checkEvents checks the fields every normalised event must have. Raw must
// slice body, or, when body was gzip, equal a part of rawBody.
func checkEvents(t testing.TB, body, rawBody []byte, events []*attest.Event, source string) {
	t.Helper()
	if ingest.IsGzip(body) {
		for i, ev := range events {
			if len(ev.Raw) == 0 || !bytes.Contains(rawBody, ev.Raw) {
				t.Errorf("event %d: Raw is not part of the decompressed body: %.60q", i, ev.Raw)
			}
		}
	} else {
		CheckRaw(t, body, events)
	}
	for i, ev := range events {
		if ev.Source != source {
			t.Errorf("event %d: Source %q, want %q", i, ev.Source, source)
		}
		if !slices.Contains(Outcomes, ev.Outcome) {
			t.Errorf("event %d: Outcome %q", i, ev.Outcome)
		}
		if !ev.Received.IsZero() || ev.Seq != 0 {
			t.Errorf("event %d: Received or Seq set by the normaliser", i)
		}
	}
}
