package web

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/auditlog"
)

type logView struct {
	// Size is the tree size now; Checkpoint the latest signed one.
	Size       uint64
	Checkpoint *auditlog.Checkpoint
	Note       string
	RootBase64 string
	// CheckpointError says why the latest checkpoint does not open.
	CheckpointError string
	// Last is the latest verification, run from the dashboard or from
	// attest audit verify, if any.
	Last       *auditlog.Verification
	LastAt     time.Time
	LastBy     string
	LastSeq    int64
	HasLast    bool
	VerifierOK bool
}

func (h *Handler) handleLog(w http.ResponseWriter, r *http.Request, s *session) {
	if h.Log == nil {
		h.fail(w, r, s.Session, errNoStore("audit log"))
		return
	}
	v, err := h.logStatus(r)
	if err != nil {
		h.fail(w, r, s.Session, err)
		return
	}
	h.render(w, r, http.StatusOK, "log", view{Title: "Audit log", Nav: "log", Data: v})
}

// logStatus reads the log's size, its latest checkpoint and the latest
// verification record.
func (h *Handler) logStatus(r *http.Request) (*logView, error) {
	ctx := r.Context()
	v := &logView{VerifierOK: h.Log.Verifier != nil}
	head, err := h.Log.Store.LogHead(ctx)
	if err != nil {
		return nil, err
	}
	v.Size = head.Size
	note, err := h.Log.Latest(ctx)
	switch attest.ErrorCode(err) {
	case "":
		v.Note = string(note)
		if c, err := auditlog.ParseCheckpoint(note, h.Log.Verifier); err != nil {
			v.CheckpointError = err.Error()
		} else {
			v.Checkpoint, v.RootBase64 = &c, base64.StdEncoding.EncodeToString(c.Root)
		}
	case attest.ENOTFOUND:
	default:
		return nil, err
	}
	last, err := h.Events.FindEvents(ctx, attest.EventFilter{AfterSeq: -1, Source: "attest", Action: ActionVerify, Newest: true, Limit: 1})
	if err != nil {
		return nil, err
	}
	if len(last) == 1 {
		var rec auditlog.Verification
		if err := json.Unmarshal(last[0].Raw, &rec); err == nil {
			v.Last, v.LastAt, v.LastBy, v.LastSeq, v.HasLast = &rec, eventTime(last[0]), last[0].Actor, last[0].Seq, true
		}
	}
	return v, nil
}

// handleVerify verifies the whole log now (one at a time) and records the
// result, pass or fail, as an audit record by the admin who asked.
func (h *Handler) handleVerify(w http.ResponseWriter, r *http.Request, s *session) {
	if h.Log == nil || h.Log.Verifier == nil {
		h.fail(w, r, s.Session, errNoStore("audit log"))
		return
	}
	if !h.verifyMu.TryLock() {
		h.fail(w, r, s.Session, attest.Errorf(attest.ECONFLICT, "a verification is running already"))
		return
	}
	defer h.verifyMu.Unlock()
	rep, err := auditlog.Verify(r.Context(), h.Log.Store, h.Log.Verifier, auditlog.VerifyOptions{})
	if err != nil && clientGone(r.Context(), err) {
		return
	}
	rec, outcome := auditlog.NewVerification(rep, err, "web")
	event := h.record(r, ActionVerify, s.User, "log", outcome, nil)
	event.Raw, _ = json.Marshal(rec)
	if err := h.Events.AppendEvents(r.Context(), []*attest.Event{event}); err != nil {
		h.fail(w, r, s.Session, err)
		return
	}
	h.Logger.Info("log verified", "by", s.User, "ok", rec.OK, "size", rec.Size, "error", rec.Error)
	http.Redirect(w, r, "/log", http.StatusSeeOther)
}
