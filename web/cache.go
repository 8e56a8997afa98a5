package web

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/evidence"
	"github.com/attest-dev/attest/vuln"
)

// DefaultSummaryTTL is how long the overview's and the controls page's
// derived figures (event counts per day, control statuses derived from
// the evidence) are reused before they are computed again.
const DefaultSummaryTTL = time.Minute

// maxParsed bounds the parsed reports kept in memory.
const maxParsed = 64

// caches keeps what is costly to compute: parsed evidence (immutable, so
// kept by id until evicted) and derived summaries (kept SummaryTTL).
type caches struct {
	mu      sync.Mutex
	parsed  map[int64]any
	summary map[string]summaryEntry
}

type summaryEntry struct {
	at    time.Time
	value any
}

func newCaches() *caches {
	return &caches{parsed: map[int64]any{}, summary: map[string]summaryEntry{}}
}

func (c *caches) getParsed(id int64) (any, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.parsed[id]
	return v, ok
}

func (c *caches) putParsed(id int64, v any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.parsed) >= maxParsed {
		for k := range c.parsed {
			delete(c.parsed, k)
			break
		}
	}
	c.parsed[id] = v
}

// summary returns the value under key computed less than ttl ago, or
// computes it.
func summary[T any](h *Handler, key string, compute func() (T, error)) (T, error) {
	c := h.cache
	now := time.Now()
	c.mu.Lock()
	e, ok := c.summary[key]
	c.mu.Unlock()
	if ok && now.Sub(e.at) < h.SummaryTTL {
		return e.value.(T), nil
	}
	v, err := compute()
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	if len(c.summary) > 256 {
		clear(c.summary)
	}
	c.summary[key] = summaryEntry{at: now, value: v}
	c.mu.Unlock()
	return v, nil
}

// readScan returns the parsed scan of a piece of evidence.
func (h *Handler) readScan(r *http.Request, e *attest.Evidence) (*evidence.Scan, error) {
	return h.Scan(r.Context(), e)
}

// Scan returns the decoded scan of a piece of evidence, kept in memory by
// id (evidence never changes) without its body. It is an evidence.ScanFunc:
// set evidence.Snapshotter.Scans to it, so that the control statuses
// derived for the overview and the controls page decode no scan the other
// pages decoded already.
func (h *Handler) Scan(ctx context.Context, e *attest.Evidence) (*evidence.Scan, error) {
	if v, ok := h.cache.getParsed(e.ID); ok {
		if s, ok := v.(*evidence.Scan); ok {
			return s, nil
		}
	}
	full, err := h.Evidence.EvidenceByID(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	s, err := evidence.ReadScan(full)
	if err != nil {
		return nil, err
	}
	full.Body = nil // what the pages need is in s
	h.cache.putParsed(e.ID, s)
	return s, nil
}

// readVulns returns a release's evidence (with its body) and its parsed
// report.
func (h *Handler) readVulns(r *http.Request, id int64) (*attest.Evidence, *vuln.Report, error) {
	type parsed struct {
		e   *attest.Evidence
		rep *vuln.Report
	}
	if v, ok := h.cache.getParsed(id); ok {
		if p, ok := v.(parsed); ok {
			return p.e, p.rep, nil
		}
	}
	e, err := h.Evidence.EvidenceByID(r.Context(), id)
	if err == nil && e.Kind != attest.EvidenceVulns {
		err = attest.Errorf(attest.ENOTFOUND, "evidence %d is not a vulnerability report", id)
	}
	if err != nil {
		return nil, nil, err
	}
	rep, err := evidence.ParseVulns(fmt.Sprintf("evidence %d", id), e.Body)
	if err != nil {
		return nil, nil, err
	}
	h.cache.putParsed(id, parsed{e, rep})
	return e, rep, nil
}
