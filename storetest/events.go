package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// base is the receive time of the suite's events: nanoseconds set to catch
// rounding.
var base = time.Date(2025, 3, 14, 15, 9, 26, 535897932, time.UTC)

// NewEvent returns a realistic event numbered i: a Kubernetes audit record
// with its raw JSON, every field set, MFA cycling through unset, true and
// false.
func NewEvent(i int) *attest.Event {
	actors := []string{"alice@example.com", "bob@example.com", "system:serviceaccount:kube-system:deployer"}
	e := &attest.Event{
		Time:       base.Add(time.Duration(i)*time.Second + 123),
		Received:   base.Add(time.Duration(i)*time.Second + 456789),
		Source:     []string{"k8s-audit", "cloudtrail", "falco"}[i%3],
		ExternalID: fmt.Sprintf("6e3a1c2f-%04d-4f1e-9b7a-%012d", i%10000, i),
		Actor:      actors[i%len(actors)],
		Action:     []string{"create", "delete", "get"}[i%3],
		Target:     fmt.Sprintf("secrets/default/db-password-%d", i),
		Outcome:    []string{attest.OutcomeSuccess, attest.OutcomeFailure}[i%2],
		SourceIP:   fmt.Sprintf("10.0.%d.%d", i/256%256, i%256),
		UserAgent:  "kubectl/v1.30.2 (linux/amd64) kubernetes/3968350",
		Severity:   "",
		Raw: []byte(fmt.Sprintf(`{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"6e3a1c2f-%04d",`+
			`"stage":"ResponseComplete","verb":"get","user":{"username":"alice@example.com"}}`, i)),
	}
	switch i % 3 {
	case 1:
		t := true
		e.MFA = &t
	case 2:
		f := false
		e.MFA = &f
	}
	return e
}

// NewEvents returns events from..to-1 of NewEvent.
func NewEvents(from, to int) []*attest.Event {
	out := make([]*attest.Event, 0, to-from)
	for i := from; i < to; i++ {
		out = append(out, NewEvent(i))
	}
	return out
}

var eventCmp = cmp.Options{cmpopts.EquateEmpty(), cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })}

func mustAppend(t *testing.T, s Store, events []*attest.Event) {
	t.Helper()
	if err := s.AppendEvents(context.Background(), events); err != nil {
		t.Fatalf("AppendEvents: %v", err)
	}
}

func testEvents(t *testing.T, open func(t *testing.T) *Harness) {
	ctx := context.Background()
	t.Run("Dedup", func(t *testing.T) { testDedup(t, open) })
	t.Run("RoundTrip", func(t *testing.T) {
		s := open(t).Store
		events := NewEvents(0, 6)
		events[0].Raw = []byte{0x00, 0xff, 0xfe, '\n', 0x80} // not UTF-8: kept byte for byte
		events[1].Time = time.Time{}                         // source gave no time
		events[2].Raw = nil
		want := make([]attest.Event, len(events))
		for i, e := range events {
			want[i] = *e
			want[i].Seq = int64(i)
		}
		mustAppend(t, s, events[:2])
		mustAppend(t, s, events[2:])
		for i, e := range events {
			if e.Seq != int64(i) {
				t.Errorf("event %d: Seq = %d after append, want %d", i, e.Seq, i)
			}
			got, err := s.EventBySeq(ctx, int64(i))
			if err != nil {
				t.Fatalf("EventBySeq(%d): %v", i, err)
			}
			if diff := cmp.Diff(&want[i], got, eventCmp); diff != "" {
				t.Errorf("EventBySeq(%d) mismatch (-want +got):\n%s", i, diff)
			}
			if got.Time.Nanosecond() != want[i].Time.Nanosecond() {
				t.Errorf("EventBySeq(%d): time nanoseconds %d, want %d", i, got.Time.Nanosecond(), want[i].Time.Nanosecond())
			}
		}
		if _, err := s.EventBySeq(ctx, 6); attest.ErrorCode(err) != attest.ENOTFOUND {
			t.Errorf("EventBySeq(6) = %v, want ENOTFOUND", err)
		}
	})
	t.Run("Stored", func(t *testing.T) {
		// Event.Stored is what a store reads back of an appended event,
		// exactly: the detections evaluate the events of an ingest batch
		// handed over in process in that form.
		s := open(t).Store
		events := NewEvents(0, 7)
		events[0].Time = events[0].Time.In(time.FixedZone("CEST", 2*3600)) // any zone: read back in UTC
		events[1].Time = time.Time{}.In(time.FixedZone("X", 3600))         // zero in a zone: no time
		events[2].Raw = []byte{}                                           // empty: read back as nil
		events[3].Raw = nil
		events[4].DedupKey = "key-4" // not stored
		events[5].Received = time.Time{}
		events[6].Received = events[6].Received.In(time.FixedZone("PST", -8*3600))
		mustAppend(t, s, events)
		got, err := s.FindEvents(ctx, attest.EventFilter{AfterSeq: -1})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(events) {
			t.Fatalf("FindEvents: %d events, want %d", len(got), len(events))
		}
		exact := cmp.Comparer(func(a, b time.Time) bool { return a == b })
		for i, e := range events {
			if diff := cmp.Diff(e.Stored(), got[i], exact); diff != "" {
				t.Errorf("event %d: Stored() differs from what the store reads back (-Stored +read):\n%s", i, diff)
			}
		}
	})
	t.Run("ReceivedDefault", func(t *testing.T) {
		s := open(t).Store
		e := NewEvent(0)
		e.Received = time.Time{}
		mustAppend(t, s, []*attest.Event{e})
		if e.Received.IsZero() {
			t.Fatal("Received still zero after append")
		}
		got, err := s.EventBySeq(ctx, 0)
		if err != nil || !got.Received.Equal(e.Received) {
			t.Errorf("EventBySeq(0) = %v, %v; want Received %v", got, err, e.Received)
		}
	})
	t.Run("Invalid", func(t *testing.T) {
		s := open(t).Store
		tests := []struct {
			name   string
			change func(e *attest.Event)
		}{
			{"no source", func(e *attest.Event) { e.Source = "" }},
			{"time past 2262", func(e *attest.Event) { e.Time = time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC) }},
			{"time before 1678", func(e *attest.Event) { e.Time = time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC) }},
		}
		for _, tt := range tests {
			good, bad := NewEvent(0), NewEvent(1)
			tt.change(bad)
			if err := s.AppendEvents(ctx, []*attest.Event{good, bad}); attest.ErrorCode(err) != attest.EINVALID {
				t.Errorf("%s: AppendEvents = %v, want EINVALID", tt.name, err)
			}
			if good.Seq != 0 {
				t.Errorf("%s: Seq of a rejected batch changed to %d", tt.name, good.Seq)
			}
		}
		if got, err := s.FindEvents(ctx, attest.EventFilter{AfterSeq: -1}); err != nil || len(got) != 0 {
			t.Errorf("after rejected batches FindEvents = %d events, %v; want none stored", len(got), err)
		}
		if err := s.AppendEvents(ctx, nil); err != nil {
			t.Errorf("AppendEvents(nil) = %v", err)
		}
	})
	t.Run("Find", func(t *testing.T) {
		s := open(t).Store
		events := NewEvents(0, 30)
		mustAppend(t, s, events)
		seqs := func(f attest.EventFilter) []int64 {
			t.Helper()
			got, err := s.FindEvents(ctx, f)
			if err != nil {
				t.Fatalf("FindEvents(%+v): %v", f, err)
			}
			var out []int64
			for _, e := range got {
				out = append(out, e.Seq)
			}
			return out
		}
		all := func(keep func(i int) bool) []int64 {
			var out []int64
			for i := range 30 {
				if keep(i) {
					out = append(out, int64(i))
				}
			}
			return out
		}
		tests := []struct {
			name string
			f    attest.EventFilter
			want []int64
		}{
			{"all", attest.EventFilter{AfterSeq: -1}, all(func(int) bool { return true })},
			{"after seq", attest.EventFilter{AfterSeq: 25}, []int64{26, 27, 28, 29}},
			{"after seq zero value", attest.EventFilter{}, all(func(i int) bool { return i > 0 })},
			{"limit", attest.EventFilter{AfterSeq: 3, Limit: 2}, []int64{4, 5}},
			{"source", attest.EventFilter{AfterSeq: -1, Source: "falco"}, all(func(i int) bool { return i%3 == 2 })},
			{"actors", attest.EventFilter{AfterSeq: -1, Actors: []string{"alice@example.com", "bob@example.com"}},
				all(func(i int) bool { return i%3 != 2 })},
			{"action and outcome", attest.EventFilter{AfterSeq: -1, Action: "delete", Outcome: attest.OutcomeFailure},
				all(func(i int) bool { return i%3 == 1 && i%2 == 1 })},
			{"time range", attest.EventFilter{AfterSeq: -1, From: events[10].Time, To: events[13].Time}, []int64{10, 11, 12}},
			{"time to exclusive by a nanosecond", attest.EventFilter{AfterSeq: -1, From: events[10].Time,
				To: events[10].Time.Add(time.Nanosecond)}, []int64{10}},
			{"nothing", attest.EventFilter{AfterSeq: -1, Source: "nope"}, nil},
		}
		for _, tt := range tests {
			if diff := cmp.Diff(tt.want, seqs(tt.f), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("%s: seqs mismatch (-want +got):\n%s", tt.name, diff)
			}
		}
	})
}

// tokenRecord returns an audit record of a token change, as the http
// package writes it.
func tokenRecord(action, id string) *attest.Event {
	return &attest.Event{Time: base, Received: base, Source: "attest", ExternalID: id, Actor: "admin-laptop",
		Action: action, Target: "token/" + id, Outcome: attest.OutcomeSuccess, Raw: []byte(`{"action":"` + action + `"}`)}
}

func testTokens(t *testing.T, open func(t *testing.T) *Harness) {
	ctx := context.Background()
	s := open(t).Store
	created := time.Date(2025, 1, 2, 3, 4, 5, 6, time.UTC)
	tok := &attest.Token{ID: "tok_1", Name: "ci", Scope: attest.ScopeIngest, Source: "github-actions", Created: created}
	rec := tokenRecord("token.create", "tok_1")
	if err := s.CreateToken(ctx, tok, []byte("hash-1"), rec); err != nil {
		t.Fatalf("CreateToken: %v", err)
	}
	if rec.Seq != 0 {
		t.Errorf("creation record got seq %d, want 0", rec.Seq)
	}
	got, err := s.TokenBySecretHash(ctx, []byte("hash-1"))
	if err != nil {
		t.Fatalf("TokenBySecretHash: %v", err)
	}
	if diff := cmp.Diff(tok, got, eventCmp); diff != "" {
		t.Errorf("token mismatch (-want +got):\n%s", diff)
	}
	if _, err := s.TokenBySecretHash(ctx, []byte("hash-2")); attest.ErrorCode(err) != attest.ENOTFOUND {
		t.Errorf("unknown hash: %v, want ENOTFOUND", err)
	}
	if err := s.CreateToken(ctx, &attest.Token{Name: "dup", Scope: attest.ScopeRead}, []byte("hash-1"), tokenRecord("token.create", "dup")); attest.ErrorCode(err) != attest.ECONFLICT {
		t.Errorf("duplicate hash: %v, want ECONFLICT", err)
	}
	if err := s.CreateToken(ctx, &attest.Token{Name: "bad", Scope: "root"}, []byte("hash-3"), tokenRecord("token.create", "bad")); attest.ErrorCode(err) != attest.EINVALID {
		t.Errorf("bad scope: %v, want EINVALID", err)
	}
	// The token and its record are one transaction: without a record, or
	// with one the log refuses, there is no token either.
	if err := s.CreateToken(ctx, &attest.Token{Name: "norecord", Scope: attest.ScopeRead}, []byte("hash-5"), nil); attest.ErrorCode(err) != attest.EINVALID {
		t.Errorf("CreateToken without a record = %v, want EINVALID", err)
	}
	badRec := tokenRecord("token.create", "badrec")
	badRec.Source = ""
	if err := s.CreateToken(ctx, &attest.Token{Name: "badrec", Scope: attest.ScopeRead}, []byte("hash-6"), badRec); attest.ErrorCode(err) != attest.EINVALID {
		t.Errorf("CreateToken with an unstorable record = %v, want EINVALID", err)
	}
	for _, h := range []string{"hash-5", "hash-6"} {
		if _, err := s.TokenBySecretHash(ctx, []byte(h)); attest.ErrorCode(err) != attest.ENOTFOUND {
			t.Errorf("token %s stored although its record was not: %v", h, err)
		}
	}
	auto := &attest.Token{Name: "reader", Scope: attest.ScopeRead}
	if err := s.CreateToken(ctx, auto, []byte("hash-4"), tokenRecord("token.create", "auto")); err != nil || auto.ID == "" || auto.Created.IsZero() {
		t.Errorf("CreateToken without id: %v, id %q, created %v", err, auto.ID, auto.Created)
	}
	if err := s.RevokeToken(ctx, "tok_1", tokenRecord("token.revoke", "tok_1")); err != nil {
		t.Fatalf("RevokeToken: %v", err)
	}
	if _, err := s.TokenBySecretHash(ctx, []byte("hash-1")); attest.ErrorCode(err) != attest.ENOTFOUND {
		t.Errorf("revoked token: %v, want ENOTFOUND", err)
	}
	if err := s.RevokeToken(ctx, "tok_none", tokenRecord("token.revoke", "tok_none")); attest.ErrorCode(err) != attest.ENOTFOUND {
		t.Errorf("RevokeToken(unknown) = %v, want ENOTFOUND", err)
	}
	if err := s.RevokeToken(ctx, "tok_1", nil); attest.ErrorCode(err) != attest.EINVALID {
		t.Errorf("RevokeToken without a record = %v, want EINVALID", err)
	}
	list, err := s.Tokens(ctx)
	if err != nil || len(list) != 2 || !list[0].Revoked || list[1].Revoked {
		t.Errorf("Tokens = %+v, %v; want tok_1 revoked then reader", list, err)
	}
	// One record per change that happened, none for those refused.
	events, err := s.FindEvents(ctx, attest.EventFilter{Source: "attest", AfterSeq: -1})
	if err != nil {
		t.Fatal(err)
	}
	var got2 []string
	for _, e := range events {
		got2 = append(got2, e.Action+" "+e.Target)
	}
	want := []string{"token.create token/tok_1", "token.create token/auto", "token.revoke token/tok_1"}
	if diff := cmp.Diff(want, got2); diff != "" {
		t.Errorf("audit records of token changes (-want +got):\n%s", diff)
	}
}

func testUnavailable(t *testing.T, open func(t *testing.T) *Harness) {
	ctx := context.Background()
	s := open(t).Store
	if err := s.Ping(ctx); err != nil {
		t.Fatalf("Ping: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	checks := map[string]error{
		"Ping":         s.Ping(ctx),
		"AppendEvents": s.AppendEvents(ctx, NewEvents(0, 1)),
		"TokenBySecretHash": func() error {
			_, err := s.TokenBySecretHash(ctx, []byte("x"))
			return err
		}(),
		"FindEvents": func() error {
			_, err := s.FindEvents(ctx, attest.EventFilter{})
			return err
		}(),
	}
	for name, err := range checks {
		if attest.ErrorCode(err) != attest.EUNAVAILABLE {
			t.Errorf("%s after Close = %v, want EUNAVAILABLE", name, err)
		}
	}
}
