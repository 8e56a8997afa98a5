package web

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/auditlog"
)

// verification is the audit record of a verification run from the
// dashboard, as its raw payload stores it.
type verification struct {
	OK           bool               `json:"ok"`
	Size         uint64             `json:"size"`
	Records      int64              `json:"records"`
	Pruned       int64              `json:"pruned"`
	Checkpoints  int                `json:"checkpoints"`
	Problems     []auditlog.Problem `json:"problems,omitempty"`
	MoreProblems int                `json:"more_problems,omitempty"`
	Error        string             `json:"error,omitempty"`
}

// maxRecordedProblems bounds the problems kept in a verification's record.
const maxRecordedProblems = 20

type logView struct {
	// Size is the tree size now; Checkpoint the latest signed one.
	Size       uint64
	Checkpoint *auditlog.Checkpoint
	Note       string
	RootBase64 string
	// CheckpointError says why the latest checkpoint does not open.
	CheckpointError string
	// Last is the latest verification run from the dashboard, if any.
	Last       *verification
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
		var rec verification
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
	var rec verification
	outcome := attest.OutcomeSuccess
	switch {
	case err != nil:
		if clientGone(r.Context(), err) {
			return
		}
		rec.Error, outcome = err.Error(), attest.OutcomeUnknown
	default:
		rec = verification{OK: rep.OK(), Size: rep.Size, Records: rep.Records, Pruned: rep.Pruned,
			Checkpoints: rep.Checkpoints, MoreProblems: rep.MoreProblems}
		rec.Problems = rep.Problems[:min(len(rep.Problems), maxRecordedProblems)]
		rec.MoreProblems += len(rep.Problems) - len(rec.Problems)
		if !rec.OK {
			outcome = attest.OutcomeFailure
		}
	}
	raw, _ := json.Marshal(rec)
	event := h.record(r, ActionVerify, s.User, "log", outcome, nil)
	event.Raw = raw
	if err := h.Events.AppendEvents(r.Context(), []*attest.Event{event}); err != nil {
		h.fail(w, r, s.Session, err)
		return
	}
	h.Logger.Info("log verified", "by", s.User, "ok", rec.OK, "size", rec.Size, "error", rec.Error)
	http.Redirect(w, r, "/log", http.StatusSeeOther)
}
