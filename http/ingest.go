package http

import (
	"bytes"
	"errors"
	"mime"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/ingest"
)

// Ingest policy: a request is one batch, and the batch is all or nothing.
// When any record is bad the whole request is refused with 400 and a list of
// the bad records ({"records": [{"index": i, "reason": "..."}]}), and nothing
// of it is stored; the sender fixes or drops the bad records and sends again.
// A request is acknowledged (200 with {"accepted", "first_seq", "last_seq"})
// only after the store has made every event durable. When the store cannot be
// reached the answer is 503 with Retry-After, and the sender retries.

// ingestResponse acknowledges a stored batch. Accepted counts every record
// of the batch, Duplicates those that were stored before (or repeat an
// earlier record of the batch) and so were not stored again. FirstSeq and
// LastSeq are the seqs of the first and last record of the batch; when there
// are duplicates the seqs need not follow one another, and Seqs gives each
// record's seq in the order of the body.
type ingestResponse struct {
	Accepted   int     `json:"accepted"`
	Duplicates int     `json:"duplicates,omitempty"`
	FirstSeq   *int64  `json:"first_seq,omitempty"`
	LastSeq    *int64  `json:"last_seq,omitempty"`
	Seqs       []int64 `json:"seqs,omitempty"`
}

// IdempotencyKeyHeader names the request header that gives the records of a
// generic source without an id of their own one: the header's value with
// "#" and the record's index in the body, so that a retried request is
// stored once.
const IdempotencyKeyHeader = "Idempotency-Key"

// maxIdempotencyKey is the longest Idempotency-Key header accepted.
const maxIdempotencyKey = 256

func (s *Server) handleIngest(w http.ResponseWriter, r *http.Request) {
	n, err := s.normaliserFor(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	source := n.Source()
	outcome := outcomeRejected
	defer func() { s.metrics.ingestRequests.WithLabelValues(s.metrics.sources.label(source), outcome).Inc() }()

	// The body is read before the request takes an ingest slot, so that
	// slow senders hold only their own connection, within a deadline.
	body, err := s.readBody(w, r)
	if err != nil {
		if r.Context().Err() != nil {
			outcome = outcomeCancelled
		}
		s.writeError(w, r, err)
		return
	}

	s.ingestOnce.Do(func() { s.ingestSem = make(chan struct{}, max(1, s.MaxConcurrentIngest)) })
	select {
	case s.ingestSem <- struct{}{}:
		defer func() { <-s.ingestSem }()
	case <-r.Context().Done():
		outcome = outcomeCancelled
		s.writeError(w, r, errClientGone)
		return
	}

	var events []*attest.Event
	if b, ok := n.(ingest.Bounded); ok {
		events, err = b.NormaliseWithin(body, s.Limits)
	} else {
		events, err = n.Normalise(body)
		if err == nil && len(events) > s.Limits.Records() {
			err = attest.Errorf(attest.EINVALID, "body holds %d records, more than the %d one request may send", len(events), s.Limits.Records())
		}
	}
	if err != nil {
		s.writeError(w, r, rejection(err))
		return
	}
	if key := r.Header.Get(IdempotencyKeyHeader); key != "" && s.isGeneric(n) {
		if len(key) > maxIdempotencyKey {
			s.writeError(w, r, attest.Errorf(attest.EINVALID, "%s header is over %d bytes", IdempotencyKeyHeader, maxIdempotencyKey))
			return
		}
		for i, ev := range events {
			if ev.DedupKey == "" {
				ev.DedupKey = key + "#" + strconv.Itoa(i)
			}
		}
	}
	now := s.Now().UTC()
	for _, ev := range events {
		ev.Source = source
		ev.Received = now
	}
	// A sender that gave up while waiting gets no answer: storing its batch
	// would keep records that were never acknowledged.
	if r.Context().Err() != nil {
		outcome = outcomeCancelled
		s.writeError(w, r, errClientGone)
		return
	}
	if len(events) > 0 {
		if err := s.Events.AppendEvents(r.Context(), events); err != nil {
			if r.Context().Err() != nil {
				// The client went away mid-store: the transaction was
				// rolled back. Not a database failure.
				outcome = outcomeCancelled
				s.Logger.Info("client gone while storing: batch not stored", "source", source, "events", len(events), "err", err)
				s.writeError(w, r, errClientGone)
				return
			}
			s.storeError("append_events", err)
			switch ErrorStatus(err) {
			case http.StatusServiceUnavailable:
				outcome = outcomeUnavailable
			case http.StatusInternalServerError:
				outcome = outcomeError
			}
			s.writeError(w, r, err)
			return
		}
	}
	outcome = outcomeAccepted
	resp := ingestResponse{Accepted: len(events)}
	for _, ev := range events {
		if ev.Duplicate {
			resp.Duplicates++
		}
	}
	if s.AfterIngest != nil && len(events) > resp.Duplicates {
		s.AfterIngest(events)
	}
	if s.AfterAppend != nil && len(events) > resp.Duplicates {
		s.AfterAppend()
	}
	s.metrics.ingestEvents.WithLabelValues(s.metrics.sources.label(source)).Add(float64(len(events) - resp.Duplicates))
	s.metrics.ingestDuplicates.WithLabelValues(s.metrics.sources.label(source)).Add(float64(resp.Duplicates))
	if len(events) > 0 {
		first, last := events[0].Seq, events[len(events)-1].Seq
		resp.FirstSeq, resp.LastSeq = &first, &last
	}
	if resp.Duplicates > 0 {
		resp.Seqs = make([]int64, len(events))
		for i, ev := range events {
			resp.Seqs[i] = ev.Seq
		}
	}
	writeJSON(w, http.StatusOK, resp)
}

// errClientGone answers a request whose client went away.
var errClientGone = attest.Errorf(codeClientGone, "client closed the request")

// isGeneric reports whether n serves a generic source.
func (s *Server) isGeneric(n ingest.Normaliser) bool {
	for _, d := range s.Normalisers {
		if d.Source() == n.Source() {
			return false
		}
	}
	return true
}

// handleVerification answers the one-time verification request of an Okta
// event hook: a GET carrying X-Okta-Verification-Challenge, answered with
// {"verification": challenge}. Okta sends it with the hook's authorization
// header, so it needs an ingest token like the events that follow.
func (s *Server) handleVerification(w http.ResponseWriter, r *http.Request) {
	challenge := r.Header.Get(oktaChallengeHeader)
	if challenge == "" {
		w.Header().Set("Allow", "POST")
		s.writeError(w, r, attest.Errorf(codeMethodNotAllowed, "%s %s: this endpoint takes POST (or GET with %s, Okta's event hook verification)", r.Method, r.URL.Path, oktaChallengeHeader))
		return
	}
	if _, err := s.normaliserFor(r); err != nil {
		s.writeError(w, r, err)
		return
	}
	if len(challenge) > maxChallenge {
		s.writeError(w, r, attest.Errorf(attest.EINVALID, "%s is over %d bytes", oktaChallengeHeader, maxChallenge))
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"verification": challenge})
}

// oktaChallengeHeader carries the challenge of an Okta event hook's
// verification request.
const oktaChallengeHeader = "X-Okta-Verification-Challenge"

// maxChallenge is the longest challenge answered (Okta's are about 40 bytes).
const maxChallenge = 1024

// normaliserFor picks the normaliser of the request: a dedicated one by the
// source in the path, else a generic one. A token bound to a source may send
// only that source; POST /api/v1/ingest without a source uses the token's.
func (s *Server) normaliserFor(r *http.Request) (ingest.Normaliser, error) {
	source := r.PathValue("source")
	tok := tokenFrom(r.Context())
	switch {
	case source == "" && tok.Source == "":
		return nil, attest.Errorf(attest.EINVALID, "token %q is not bound to a source: post to /api/v1/ingest/{source}", tok.Name)
	case source == "":
		source = tok.Source
	case tok.Source != "" && source != tok.Source:
		return nil, attest.Errorf(attest.EFORBIDDEN, "token %q may send only source %q, not %q", tok.Name, tok.Source, source)
	}
	for _, n := range s.Normalisers {
		if n.Source() == source {
			return n, nil
		}
	}
	switch {
	case source == SourceAttest:
		return nil, attest.Errorf(attest.EFORBIDDEN, "source %q is kept for the server's own events", SourceAttest)
	case !ValidSourceName(source):
		return nil, attest.Errorf(attest.EINVALID, "source name %q: want lower-case letters, digits, . _ -, at most 63", source)
	case s.Generic == nil:
		return nil, attest.Errorf(attest.ENOTFOUND, "no ingest endpoint for source %q", source)
	}
	return s.Generic(source), nil
}

// readBody reads the request body within MaxBodyBytes, undoing a gzip
// Content-Encoding, and then a gzip file sent as is (a CloudTrail log file
// straight from S3), within MaxDecodedBytes.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	return s.readBodyWithin(w, r, s.MaxBodyBytes)
}

// readBodyWithin is readBody with a limit of its own on the body as sent.
func (s *Server) readBodyWithin(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil {
			return nil, attest.Errorf(codeUnsupportedMedia, "Content-Type %q: %v", ct, err)
		}
		if mt == "multipart/form-data" || mt == "application/x-www-form-urlencoded" {
			return nil, attest.Errorf(codeUnsupportedMedia, "Content-Type %s: send the JSON (or gzip) payload as the request body", mt)
		}
	}
	if r.ContentLength > limit {
		return nil, attest.Errorf(codeTooLarge, "request body of %d bytes is over the limit of %d bytes", r.ContentLength, limit)
	}
	if s.BodyReadTimeout > 0 {
		// Not every ResponseWriter can (httptest's cannot): then the
		// server's ReadTimeout bounds the read.
		_ = http.NewResponseController(w).SetReadDeadline(time.Now().Add(s.BodyReadTimeout))
	}
	// Size the buffer by Content-Length (when sent) rather than growing it
	// step by step, but no further than what a trickling sender has not yet
	// shown it will send.
	var buf bytes.Buffer
	if r.ContentLength > 0 {
		buf.Grow(int(min(r.ContentLength, 1<<20)) + bytes.MinRead)
	}
	_, err := buf.ReadFrom(http.MaxBytesReader(w, r.Body, limit))
	body := buf.Bytes()
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, attest.Errorf(codeTooLarge, "request body is over the limit of %d bytes", limit)
		}
		if errors.Is(err, os.ErrDeadlineExceeded) {
			return nil, attest.Errorf(codeTimeout, "request body not received within %s", s.BodyReadTimeout)
		}
		return nil, attest.Errorf(attest.EINVALID, "read request body: %v", err)
	}
	switch enc := strings.ToLower(strings.TrimSpace(r.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip", "x-gzip":
		if body, err = gunzip(body, s.MaxDecodedBytes, "Content-Encoding gzip body"); err != nil {
			return nil, err
		}
	default:
		return nil, attest.Errorf(codeUnsupportedMedia, "Content-Encoding %q: only gzip is accepted", enc)
	}
	if ingest.IsGzip(body) {
		if body, err = gunzip(body, s.MaxDecodedBytes, "gzip file in body"); err != nil {
			return nil, err
		}
	}
	// Decompression happens here once, within MaxDecodedBytes: a body that
	// is gzip still would make a normaliser decompress it again.
	if ingest.IsGzip(body) {
		return nil, attest.Errorf(attest.EINVALID, "gzip file in body: it holds another gzip stream; send the file compressed once")
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, attest.Errorf(attest.EINVALID, "request body is empty")
	}
	return body, nil
}

// gunzip decompresses a whole gzip stream, refusing output over limit.
func gunzip(b []byte, limit int64, what string) ([]byte, error) {
	if !ingest.IsGzip(b) {
		return nil, attest.Errorf(attest.EINVALID, "%s: not a gzip stream", what)
	}
	out, err := ingest.DecompressWithin(b, limit)
	var tl *ingest.TooLargeError
	var be *ingest.BodyError
	switch {
	case errors.As(err, &tl):
		return nil, attest.Errorf(codeTooLarge, "%s: decompressed size is over the limit of %d bytes", what, limit)
	case errors.As(err, &be):
		return nil, attest.Errorf(attest.EINVALID, "%s: %s", what, strings.TrimPrefix(be.Reason, "gunzip: "))
	case err != nil:
		return nil, err
	}
	return out, nil
}

// rejection turns a normaliser's error into the 400 answer, listing the bad
// records when the error says which they are.
func rejection(err error) error {
	var recs []RecordError
	var batch *ingest.BatchError
	if errors.As(err, &batch) {
		recs = make([]RecordError, len(batch.Errors))
		for i, re := range batch.Errors {
			recs[i] = RecordError{Index: re.Index, Line: re.Line, Column: re.Column, Reason: re.Reason}
		}
	}
	msg := err.Error()
	if attest.ErrorCode(err) == attest.EINVALID && batch == nil {
		msg = attest.ErrorMessage(err)
	}
	return &batchError{
		err:     attest.Errorf(attest.EINVALID, "batch refused, nothing stored: %s", msg),
		records: recs,
	}
}
