package http

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/attest-dev/attest"
)

// Error codes of this package's own, for the refusals of HTTP itself that no
// domain code describes. They travel in an *attest.Error like the others.
const (
	codeTooLarge         = "too_large"
	codeUnsupportedMedia = "unsupported_media_type"
	codeMethodNotAllowed = "method_not_allowed"
	codeTimeout          = "timeout"
	// codeClientGone marks a request whose client went away; the answer
	// (status 499, nginx's "client closed request") reaches nobody but the
	// logs and metrics.
	codeClientGone = "client_gone"
)

// statusByCode is the one table from error codes to HTTP statuses. A code not
// in it is answered as an internal error.
var statusByCode = map[string]int{
	attest.EINVALID:      http.StatusBadRequest,
	attest.EUNAUTHORIZED: http.StatusUnauthorized,
	attest.EFORBIDDEN:    http.StatusForbidden,
	attest.ENOTFOUND:     http.StatusNotFound,
	attest.ECONFLICT:     http.StatusConflict,
	codeTooLarge:         http.StatusRequestEntityTooLarge,
	codeUnsupportedMedia: http.StatusUnsupportedMediaType,
	codeMethodNotAllowed: http.StatusMethodNotAllowed,
	codeTimeout:          http.StatusRequestTimeout,
	codeClientGone:       499,
	attest.EUNAVAILABLE:  http.StatusServiceUnavailable,
	attest.EINTERNAL:     http.StatusInternalServerError,
}

// ErrorStatus returns the HTTP status for an error, by its attest code.
func ErrorStatus(err error) int {
	if status, ok := statusByCode[attest.ErrorCode(err)]; ok {
		return status
	}
	return http.StatusInternalServerError
}

// RecordError says why one record of a batch was refused. Index counts the
// records of the request from 0.
type RecordError struct {
	Index int `json:"index"`
	// Line and Column locate the record's first byte in the body.
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
	Reason string `json:"reason"`
}

// errorBody is the JSON of every error answer.
type errorBody struct {
	Error   string        `json:"error"`
	Records []RecordError `json:"records,omitempty"`
}

// batchError is a refused batch: a message and the records that caused it.
type batchError struct {
	err     error // an *attest.Error with code EINVALID
	records []RecordError
}

func (e *batchError) Error() string { return e.err.Error() }
func (e *batchError) Unwrap() error { return e.err }

// writeError answers with err's status and message. Internal errors are
// logged and shown only as "internal error".
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	status := ErrorStatus(err)
	body := errorBody{Error: attest.ErrorMessage(err)}
	if status == http.StatusInternalServerError {
		body.Error = "internal error"
		s.Logger.Error("internal error", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	var be *batchError
	if errors.As(err, &be) {
		body.Records = be.records
	}
	if status == http.StatusServiceUnavailable {
		s.Logger.Warn("store unavailable", "method", r.Method, "path", r.URL.Path, "err", err)
		w.Header().Set("Retry-After", "5")
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="attest"`)
	}
	writeJSON(w, status, body)
}

// writeJSON answers with v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}
