package ingest_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/ingest"
)

// objectRecord normalises any object record into an event with the given
// fields, for the tests of CollectWithin.
func objectRecord(ev attest.Event) func(ingest.Value) (*attest.Event, error) {
	return func(v ingest.Value) (*attest.Event, error) {
		if err := v.Object(); err != nil {
			return nil, err
		}
		e := ev
		return &e, nil
	}
}

func TestCollectWithin_records(t *testing.T) {
	body := bytes.Repeat([]byte("{}\n"), 11)
	vs, err := ingest.SplitN(body, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 11 {
		t.Fatalf("SplitN(…, 10) read %d values, want 11: enough to tell there are too many", len(vs))
	}
	_, err = ingest.CollectWithin(body, vs, ingest.Limits{MaxRecords: 10}, objectRecord(attest.Event{}))
	var be *ingest.BodyError
	if !errors.As(err, &be) || be.Line != 11 || !strings.Contains(be.Reason, "more than 10 records") {
		t.Errorf("11 records within 10: %v, want a *BodyError at line 11", err)
	}
	if events, err := ingest.CollectWithin(body, vs[:10], ingest.Limits{MaxRecords: 10}, objectRecord(attest.Event{})); err != nil || len(events) != 10 {
		t.Errorf("10 records within 10: %d events, %v", len(events), err)
	}
	arr, _ := ingest.Parse([]byte("[" + strings.Repeat("{},", 99) + "{}]"))
	if got := len(arr.ElementsN(5)); got != 6 {
		t.Errorf("ElementsN(5) of 100 read %d, want 6", got)
	}
	if got := len(arr.ElementsN(-1)); got != 100 {
		t.Errorf("ElementsN(-1) read %d, want 100", got)
	}
}

// TestCollectWithin_errors checks that every bad record is counted, the
// first MaxRecordErrors listed, each where Position puts it.
func TestCollectWithin_errors(t *testing.T) {
	var b strings.Builder
	b.WriteString("[")
	for i := range 500 {
		if i > 0 {
			b.WriteString(",")
		}
		if i%7 == 0 {
			b.WriteString("\n  ")
		}
		b.WriteString("1")
	}
	b.WriteString("]")
	body := []byte(b.String())
	v, _ := ingest.Parse(body)
	_, err := ingest.CollectWithin(body, v.Elements(), ingest.Limits{}, objectRecord(attest.Event{}))
	var be *ingest.BatchError
	if !errors.As(err, &be) {
		t.Fatalf("Collect = %v", err)
	}
	if be.Refused != 500 || len(be.Errors) != ingest.MaxRecordErrors {
		t.Errorf("refused %d, listed %d; want 500 and %d", be.Refused, len(be.Errors), ingest.MaxRecordErrors)
	}
	for _, re := range be.Errors {
		if line, col := ingest.Position(body, re.Offset); line != re.Line || col != re.Column {
			t.Errorf("record %d at %d:%d, Position says %d:%d", re.Index, re.Line, re.Column, line, col)
		}
	}
}

func TestCollectWithin_strict(t *testing.T) {
	tests := map[string]string{
		"invalid UTF-8":        "{\"a\":\"\xff\"}",
		"number overflows":     `{"a":[1, -2e400]}`,
		"big integer":          `{"a":1` + strings.Repeat("0", 400) + `}`,
		"record over the size": `{"a":"` + strings.Repeat("x", 100) + `"}`,
	}
	for name, rec := range tests {
		body := []byte(rec)
		vs, err := ingest.Split(body)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		_, err = ingest.CollectWithin(body, vs, ingest.Limits{MaxRecordBytes: 64}, objectRecord(attest.Event{}))
		var be *ingest.BatchError
		if !errors.As(err, &be) || be.Refused != 1 {
			t.Errorf("%s: %v, want the record refused", name, err)
		}
		if ingest.Strict(body) && name != "record over the size" {
			t.Errorf("%s: Strict = true", name)
		}
	}
	for _, ok := range []string{`{"a":1e308,"b":"1e999","c":-0.5e-400}`, `{"a":"é"}`} {
		body := []byte(ok)
		vs, _ := ingest.Split(body)
		if _, err := ingest.CollectWithin(body, vs, ingest.Limits{}, objectRecord(attest.Event{})); err != nil || !ingest.Strict(body) {
			t.Errorf("%s: %v, Strict %v; want accepted", ok, err, ingest.Strict(body))
		}
	}
}

func TestCollectWithin_fields(t *testing.T) {
	long := strings.Repeat("ü", 100) // 200 bytes
	body := []byte(`{}`)
	vs, _ := ingest.Split(body)
	events, err := ingest.CollectWithin(body, vs, ingest.Limits{MaxFieldBytes: 51},
		objectRecord(attest.Event{Actor: long, Target: "short", DedupKey: long}))
	if err != nil {
		t.Fatal(err)
	}
	e := events[0]
	if len(e.Actor) > 51 || !utf8.ValidString(e.Actor) || !strings.HasSuffix(e.Actor, "…") || !strings.HasPrefix(long, strings.TrimSuffix(e.Actor, "…")) {
		t.Errorf("actor cut to %q (%d bytes)", e.Actor, len(e.Actor))
	}
	if e.Target != "short" {
		t.Errorf("target %q changed", e.Target)
	}
	if !strings.HasPrefix(e.DedupKey, "sha256:") || len(e.DedupKey) != len("sha256:")+64 {
		t.Errorf("long dedup key kept as %q, want its SHA-256", e.DedupKey)
	}
	if string(e.Raw) != `{}` {
		t.Errorf("raw %q", e.Raw)
	}
}

// BenchmarkCollect_badRecords is the probe's batch of many bad records:
// finding each one's line scanned the body from the start every time.
func BenchmarkCollect_badRecords(b *testing.B) {
	for _, n := range []int{10000, 200000} {
		body := []byte("[" + strings.Repeat("1,", n-1) + "1]")
		v, _ := ingest.Parse(body)
		records := v.Elements()
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				ingest.CollectWithin(body, records, ingest.Limits{MaxRecords: n}, objectRecord(attest.Event{}))
			}
		})
	}
}
