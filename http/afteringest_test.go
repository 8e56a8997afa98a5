package http_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/attest-dev/attest"
	attesthttp "github.com/attest-dev/attest/http"
)

// TestServer_AfterIngest checks that AfterIngest sees each stored ingest
// batch with its seqs, before AfterAppend.
func TestServer_AfterIngest(t *testing.T) {
	var mu sync.Mutex
	var calls []string
	e := newEnv(t, newMemStore(), func(s *attesthttp.Server) {
		s.AfterIngest = func(events []*attest.Event) {
			mu.Lock()
			defer mu.Unlock()
			c := "ingest"
			for _, ev := range events {
				c += fmt.Sprintf(" %d/%s/%v", ev.Seq, ev.Actor, ev.Duplicate)
			}
			calls = append(calls, c)
		}
		s.AfterAppend = func() {
			mu.Lock()
			defer mu.Unlock()
			calls = append(calls, "append")
		}
	})
	mu.Lock()
	calls = nil // the tokens' records
	mu.Unlock()
	first := decode[ingestAnswer](t, e.do(t, "POST", "/api/v1/ingest/okta", "ingest", lines(2, "alice")), 200)
	second := decode[ingestAnswer](t, e.do(t, "POST", "/api/v1/ingest/okta", "ingest", lines(1, "bob")), 200)

	mu.Lock()
	defer mu.Unlock()
	s, s2 := *first.FirstSeq, *second.FirstSeq
	want := []string{fmt.Sprintf("ingest %d/alice/false %d/alice/false", s, s+1), "append", fmt.Sprintf("ingest %d/bob/false", s2), "append"}
	if fmt.Sprint(calls) != fmt.Sprint(want) {
		t.Errorf("calls %q, want %q", calls, want)
	}
}
