package http

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/evidence"
)

// Evidence metadata travels as query parameters or as these headers (a
// parameter and a header that disagree are refused). Digests is a
// comma-separated list.
var evidenceMeta = []struct {
	param, header string
	set           func(m *evidence.Meta, v string)
}{
	{"repository", "Attest-Repository", func(m *evidence.Meta, v string) { m.Repository = v }},
	{"commit", "Attest-Commit", func(m *evidence.Meta, v string) { m.Commit = v }},
	{"branch", "Attest-Branch", func(m *evidence.Meta, v string) { m.Branch = v }},
	{"pipeline", "Attest-Pipeline", func(m *evidence.Meta, v string) { m.Pipeline = v }},
	{"release", "Attest-Release", func(m *evidence.Meta, v string) { m.Release = v }},
	{"digests", "Attest-Digests", func(m *evidence.Meta, v string) {
		for d := range strings.SplitSeq(v, ",") {
			if d = strings.TrimSpace(d); d != "" {
				m.Digests = append(m.Digests, d)
			}
		}
	}},
}

// evidenceMetaOf reads the metadata of an upload from the query and the
// headers.
func evidenceMetaOf(r *http.Request) (evidence.Meta, error) {
	var m evidence.Meta
	q, err := parseQuery(r.URL.RawQuery)
	if err != nil {
		return m, err
	}
	known := map[string]bool{}
	for _, f := range evidenceMeta {
		known[f.param] = true
		pv, hv := q.Get(f.param), r.Header.Get(f.header)
		if len(r.Header.Values(f.header)) > 1 {
			return m, attest.Errorf(attest.EINVALID, "header %s is given more than once", f.header)
		}
		if pv != "" && hv != "" && pv != hv {
			return m, attest.Errorf(attest.EINVALID, "%s is %q in the query but %q in header %s", f.param, pv, hv, f.header)
		}
		if v := cmp.Or(pv, hv); v != "" {
			f.set(&m, v)
		}
	}
	for k := range q {
		if !known[k] {
			return m, attest.Errorf(attest.EINVALID, "unknown query parameter %q", k)
		}
	}
	return m, nil
}

// handleUploadEvidence serves POST /api/v1/evidence/scans and /vulns: the
// body is the JSON report, checked to be a real attest report of the kind,
// stored with its metadata and the audit record of the upload in one
// transaction. It answers 201 with the stored evidence (without the body).
func (s *Server) handleUploadEvidence(kind string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.Evidence == nil {
			s.writeError(w, r, attest.Errorf(attest.ENOTFOUND, "this server keeps no evidence"))
			return
		}
		// Only a JSON content type: a browser cannot send one across sites
		// without a preflight, so a page elsewhere cannot make a signed-in
		// browser upload evidence.
		if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
			s.writeError(w, r, attest.Errorf(codeUnsupportedMedia, "Content-Type %q: send the report as application/json (gzip with Content-Encoding)", r.Header.Get("Content-Type")))
			return
		}
		meta, err := evidenceMetaOf(r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		body, err := s.readBody(w, r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		if len(body) > evidence.MaxBodyBytes {
			s.writeError(w, r, attest.Errorf(codeTooLarge, "report of %d bytes is over the limit of %d bytes", len(body), evidence.MaxBodyBytes))
			return
		}
		actor := actorOf(r.Context())
		e, record, err := evidence.New(kind, body, meta, actor, s.Now())
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		if err := s.Evidence.AddEvidence(r.Context(), e, record); err != nil {
			s.storeError("add_evidence", err)
			s.writeError(w, r, err)
			return
		}
		if s.AfterAppend != nil {
			s.AfterAppend()
		}
		s.Logger.Info("evidence uploaded", "id", e.ID, "kind", e.Kind, "repository", e.Repository, "commit", e.Commit,
			"sha256", e.SHA256, "seq", e.Seq, "by", actor)
		w.Header().Set("Location", "/api/v1/evidence/"+strconv.FormatInt(e.ID, 10))
		writeJSON(w, http.StatusCreated, e)
	}
}

// EvidencePage is the answer of GET /api/v1/evidence. NextCursor is empty
// on the last page.
type EvidencePage struct {
	Evidence   []*attest.Evidence `json:"evidence"`
	NextCursor string             `json:"next_cursor,omitempty"`
}

const evidenceCursorPrefix = "evidence:"

// parseEvidenceFilter reads kind, repository, branch, digest, root, from,
// to, limit and cursor.
func parseEvidenceFilter(rawQuery string) (attest.EvidenceFilter, error) {
	f := attest.EvidenceFilter{Limit: DefaultLimit}
	q, err := parseQuery(rawQuery)
	if err != nil {
		return f, err
	}
	for k := range q {
		switch k {
		case "kind", "repository", "branch", "digest", "root", "from", "to", "limit", "cursor":
		default:
			return f, attest.Errorf(attest.EINVALID, "unknown query parameter %q", k)
		}
	}
	f.Kind, f.Repository, f.Branch, f.Digest, f.Root = q.Get("kind"), q.Get("repository"), q.Get("branch"), q.Get("digest"), q.Get("root")
	switch f.Kind {
	case "", attest.EvidenceScan, attest.EvidenceVulns:
	default:
		return f, attest.Errorf(attest.EINVALID, "kind %q: want %s or %s", f.Kind, attest.EvidenceScan, attest.EvidenceVulns)
	}
	if f.From, err = parseTime(q, "from"); err != nil {
		return f, err
	}
	if f.To, err = parseTime(q, "to"); err != nil {
		return f, err
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > MaxLimit {
			return f, attest.Errorf(attest.EINVALID, "limit %q: want a whole number from 1 to %d", v, MaxLimit)
		}
		f.Limit = n
	}
	if v := q.Get("cursor"); v != "" {
		b, err := base64.RawURLEncoding.DecodeString(v)
		id, perr := int64(0), error(nil)
		if rest, ok := strings.CutPrefix(string(b), evidenceCursorPrefix); err == nil && ok {
			id, perr = strconv.ParseInt(rest, 10, 64)
		}
		if err != nil || id <= 0 || perr != nil {
			return f, attest.Errorf(attest.EINVALID, "cursor %q is not one this server gave out", v)
		}
		f.BeforeID = id
	}
	return f, nil
}

func (s *Server) handleFindEvidence(w http.ResponseWriter, r *http.Request) {
	if s.Evidence == nil {
		s.writeError(w, r, attest.Errorf(attest.ENOTFOUND, "this server keeps no evidence"))
		return
	}
	f, err := parseEvidenceFilter(r.URL.RawQuery)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	limit := f.Limit
	f.Limit++
	list, err := s.Evidence.FindEvidence(r.Context(), f)
	if err != nil {
		s.storeError("find_evidence", err)
		s.writeError(w, r, err)
		return
	}
	page := EvidencePage{Evidence: list}
	if len(list) > limit {
		page.Evidence = list[:limit]
		page.NextCursor = base64.RawURLEncoding.EncodeToString([]byte(evidenceCursorPrefix + strconv.FormatInt(list[limit-1].ID, 10)))
	}
	if page.Evidence == nil {
		page.Evidence = []*attest.Evidence{}
	}
	writeJSON(w, http.StatusOK, page)
}

// handleEvidence serves GET /api/v1/evidence/{id}: the report exactly as
// uploaded, with its SHA-256 in Repr-Digest (RFC 9530), its kind, audit
// record and time of upload in Attest-* headers (the rest of its metadata is
// in the list).
func (s *Server) handleEvidence(w http.ResponseWriter, r *http.Request) {
	if s.Evidence == nil {
		s.writeError(w, r, attest.Errorf(attest.ENOTFOUND, "this server keeps no evidence"))
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.writeError(w, r, attest.Errorf(attest.EINVALID, "evidence id %q: want a positive whole number", r.PathValue("id")))
		return
	}
	e, err := s.Evidence.EvidenceByID(r.Context(), id)
	if err != nil {
		s.storeError("evidence_by_id", err)
		s.writeError(w, r, err)
		return
	}
	sum := sha256.Sum256(e.Body)
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Disposition", "attachment")
	h.Set("Repr-Digest", "sha-256=:"+base64.StdEncoding.EncodeToString(sum[:])+":")
	h.Set("Attest-Kind", e.Kind)
	h.Set("Attest-Seq", strconv.FormatInt(e.Seq, 10))
	h.Set("Attest-Received", e.Received.Format(time.RFC3339Nano))
	h.Set("Content-Length", strconv.Itoa(len(e.Body)))
	w.WriteHeader(http.StatusOK)
	w.Write(e.Body)
}

// ControlStatuses derives and keeps the daily control-status snapshots;
// evidence.Snapshotter is one.
type ControlStatuses interface {
	// Range returns the statuses of a framework's controls for each day
	// in [from, to), storing the snapshots of finished days when store is
	// set; EINVALID for an unknown framework or an empty range.
	Range(ctx context.Context, framework string, from, to time.Time, store bool) ([]attest.ControlStatus, error)
}

// MaxStatusDays bounds the days of one control-status request.
const MaxStatusDays = 400

// ControlStatusPage is the answer of GET /api/v1/controls/status.
type ControlStatusPage struct {
	Framework string                 `json:"framework"`
	From      string                 `json:"from"`
	To        string                 `json:"to"`
	Statuses  []attest.ControlStatus `json:"statuses"`
}

// handleControlStatus serves GET /api/v1/controls/status?framework=&from=&to=
// (days as YYYY-MM-DD, to exclusive; default today): the status of every
// control of the framework on each day. Finished days are answered from
// their stored snapshot, or computed and stored; today is computed.
func (s *Server) handleControlStatus(w http.ResponseWriter, r *http.Request) {
	if s.Controls == nil {
		s.writeError(w, r, attest.Errorf(attest.ENOTFOUND, "this server keeps no control statuses"))
		return
	}
	q, err := parseQuery(r.URL.RawQuery)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	for k := range q {
		if k != "framework" && k != "from" && k != "to" {
			s.writeError(w, r, attest.Errorf(attest.EINVALID, "unknown query parameter %q", k))
			return
		}
	}
	today := s.Now().UTC().Truncate(24 * time.Hour)
	day := func(name string, def time.Time) (time.Time, error) {
		v := q.Get(name)
		if v == "" {
			return def, nil
		}
		t, err := time.Parse(time.DateOnly, v)
		if err != nil {
			return t, attest.Errorf(attest.EINVALID, "%s %q: want a day such as 2026-03-01", name, v)
		}
		return t, nil
	}
	from, err := day("from", today)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	to, err := day("to", from.AddDate(0, 0, 1))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if !from.Before(to) || to.Sub(from) > MaxStatusDays*24*time.Hour {
		s.writeError(w, r, attest.Errorf(attest.EINVALID, "from %s to %s: want from before to, at most %d days", from.Format(time.DateOnly), to.Format(time.DateOnly), MaxStatusDays))
		return
	}
	fw := q.Get("framework")
	if fw == "" {
		s.writeError(w, r, attest.Errorf(attest.EINVALID, "give framework: soc2 or pci-dss-4.0"))
		return
	}
	sts, err := s.Controls.Range(r.Context(), fw, from, to, true)
	if err != nil {
		s.storeError("control_status", err)
		s.writeError(w, r, err)
		return
	}
	if sts == nil {
		sts = []attest.ControlStatus{}
	}
	writeJSON(w, http.StatusOK, ControlStatusPage{Framework: fw, From: from.Format(time.DateOnly), To: to.Format(time.DateOnly), Statuses: sts})
}
