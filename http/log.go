package http

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/auditlog"
)

// AuditLog is what the audit-log endpoints need of the tamper-evident log;
// *auditlog.Log satisfies it.
type AuditLog interface {
	// Latest returns the latest signed checkpoint note, or ENOTFOUND when
	// none has been published.
	Latest(ctx context.Context) ([]byte, error)
	// InclusionProof proves that the leaf of seq is in the tree of size
	// size.
	InclusionProof(ctx context.Context, seq, size uint64) ([][]byte, error)
	// ConsistencyProof proves that the tree of size from is a prefix of the
	// tree of size to.
	ConsistencyProof(ctx context.Context, from, to uint64) ([][]byte, error)
	// Retain deletes the payloads of events received more than olderThan
	// ago (zero: the default period), recording the run by actor as an
	// event of source "attest" in the same transaction; it returns how many
	// it deleted.
	Retain(ctx context.Context, olderThan time.Duration, actor string) (int64, error)
}

// InclusionResponse is the answer of GET /api/v1/log/inclusion. Hashes are
// base64 in JSON.
type InclusionResponse struct {
	Seq   uint64   `json:"seq"`
	Size  uint64   `json:"size"`
	Proof [][]byte `json:"proof"`
}

// ConsistencyResponse is the answer of GET /api/v1/log/consistency.
type ConsistencyResponse struct {
	From  uint64   `json:"from"`
	To    uint64   `json:"to"`
	Proof [][]byte `json:"proof"`
}

func (s *Server) auditLog(w http.ResponseWriter, r *http.Request) (AuditLog, bool) {
	if s.Log == nil {
		s.writeError(w, r, attest.Errorf(attest.ENOTFOUND, "this server keeps no audit log"))
		return nil, false
	}
	return s.Log, true
}

func (s *Server) handleCheckpoint(w http.ResponseWriter, r *http.Request) {
	l, ok := s.auditLog(w, r)
	if !ok {
		return
	}
	cp, err := l.Latest(r.Context())
	if err != nil {
		s.storeError("latest_checkpoint", err)
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(cp)
}

func (s *Server) handleKey(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.auditLog(w, r); !ok {
		return
	}
	if s.LogKey == "" {
		s.writeError(w, r, attest.Errorf(attest.ENOTFOUND, "no verifier key configured"))
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte(s.LogKey + "\n"))
}

func (s *Server) handleInclusion(w http.ResponseWriter, r *http.Request) {
	l, ok := s.auditLog(w, r)
	if !ok {
		return
	}
	q, err := parseQuery(r.URL.RawQuery)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	seq, err := parseUint(q, "seq")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	size, err := parseUint(q, "size")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if seq >= size {
		s.writeError(w, r, attest.Errorf(attest.EINVALID, "seq %d is not inside a tree of size %d", seq, size))
		return
	}
	proof, err := l.InclusionProof(r.Context(), seq, size)
	if err != nil {
		s.storeError("inclusion_proof", err)
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, InclusionResponse{Seq: seq, Size: size, Proof: nonNil(proof)})
}

func (s *Server) handleConsistency(w http.ResponseWriter, r *http.Request) {
	l, ok := s.auditLog(w, r)
	if !ok {
		return
	}
	q, err := parseQuery(r.URL.RawQuery)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	from, err := parseUint(q, "from")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	to, err := parseUint(q, "to")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if from > to {
		s.writeError(w, r, attest.Errorf(attest.EINVALID, "from %d is larger than to %d", from, to))
		return
	}
	proof, err := l.ConsistencyProof(r.Context(), from, to)
	if err != nil {
		s.storeError("consistency_proof", err)
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, ConsistencyResponse{From: from, To: to, Proof: nonNil(proof)})
}

func parseUint(q url.Values, name string) (uint64, error) {
	v := q.Get(name)
	if v == "" {
		return 0, attest.Errorf(attest.EINVALID, "query parameter %s is required", name)
	}
	n, err := strconv.ParseUint(v, 10, 63)
	if err != nil {
		return 0, attest.Errorf(attest.EINVALID, "%s %q: want a whole number from 0", name, v)
	}
	return n, nil
}

func nonNil(p [][]byte) [][]byte {
	if p == nil {
		return [][]byte{}
	}
	return p
}

// retentionRequest is the body of POST /api/v1/admin/retention. OlderThan is
// a number of days such as "400d" or a Go duration such as "9600h"; empty
// means the log's default period.
type retentionRequest struct {
	OlderThan string `json:"older_than"`
}

// RetentionResponse says how many event payloads a retention run deleted.
type RetentionResponse struct {
	OlderThan string `json:"older_than,omitempty"`
	Pruned    int64  `json:"pruned"`
}

// handleRetention runs retention now. The log records the run as an event
// of source "attest" by the admin token's name, in the transaction that
// prunes.
func (s *Server) handleRetention(w http.ResponseWriter, r *http.Request) {
	l, ok := s.auditLog(w, r)
	if !ok {
		return
	}
	var req retentionRequest
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil && err != io.EOF {
		s.writeError(w, r, attest.Errorf(attest.EINVALID, "retention request body: %v", err))
		return
	}
	var d time.Duration
	if req.OlderThan != "" {
		var err error
		if d, err = auditlog.ParseRetention(req.OlderThan); err != nil {
			s.writeError(w, r, attest.Errorf(attest.EINVALID, "older_than: %v", err))
			return
		}
	}
	actor := actorOf(r.Context())
	n, err := l.Retain(r.Context(), d, actor)
	if err != nil {
		s.storeError("retain", err)
		s.writeError(w, r, err)
		return
	}
	s.Logger.Info("retention run", "older_than", req.OlderThan, "pruned", n, "by", actor)
	writeJSON(w, http.StatusOK, RetentionResponse{OlderThan: req.OlderThan, Pruned: n})
}
