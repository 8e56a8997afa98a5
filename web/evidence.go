package web

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/evidence"
	"github.com/attest-dev/attest/vuln"
)

// evidenceScanLimit bounds the uploads the evidence pages read to find the
// latest (and previous) report of each repository.
const evidenceScanLimit = 500

// repoScans is a repository's latest scan and the one before it.
type repoScans struct {
	Repository       string
	Latest, Previous *attest.Evidence
}

// latestByRepo returns each repository's two newest uploads of kind, newest
// repository first.
func (h *Handler) latestByRepo(r *http.Request, kind string) ([]*repoScans, error) {
	list, err := h.Evidence.FindEvidence(r.Context(), attest.EvidenceFilter{Kind: kind, Limit: evidenceScanLimit})
	if err != nil {
		return nil, err
	}
	var out []*repoScans
	by := map[string]*repoScans{}
	for _, e := range list {
		rs := by[e.Repository]
		switch {
		case rs == nil:
			rs = &repoScans{Repository: e.Repository, Latest: e}
			by[e.Repository] = rs
			out = append(out, rs)
		case rs.Previous == nil:
			rs.Previous = e
		}
	}
	return out, nil
}

// failure is a failing resource as the posture page shows it.
type failure struct {
	attest.Finding
	Title       string
	Remediation string
	New         bool
}

type postureRepo struct {
	Repository string
	Latest     *attest.Evidence
	Previous   *attest.Evidence
	Failures   []failure
	// NewCount and Fixed compare with the previous scan of the repository.
	NewCount   int
	Fixed      []attest.Finding
	Incomplete bool
	BySeverity []sevCount
}

type sevCount struct {
	Severity string
	Count    int
}

type postureView struct {
	Repos    []postureRepo
	Selected string
}

func failureKey(f attest.Finding) string { return f.RuleID + "\x00" + f.Root + "\x00" + f.Resource }

// handlePosture shows the latest scan of each repository: failing
// resources with file:line and remediation, and the change since the
// repository's previous scan.
func (h *Handler) handlePosture(w http.ResponseWriter, r *http.Request, s *session) {
	if h.Evidence == nil {
		h.fail(w, r, s.Session, errNoStore("evidence"))
		return
	}
	repos, err := h.latestByRepo(r, attest.EvidenceScan)
	if err != nil {
		h.fail(w, r, s.Session, err)
		return
	}
	v := postureView{Selected: r.URL.Query().Get("repo")}
	for _, rs := range repos {
		if v.Selected != "" && rs.Repository != v.Selected {
			continue
		}
		latest, err := h.readScan(r, rs.Latest)
		if err != nil {
			h.fail(w, r, s.Session, err)
			return
		}
		pr := postureRepo{Repository: rs.Repository, Latest: rs.Latest, Previous: rs.Previous, Incomplete: latest.Incomplete}
		before := map[string]bool{}
		var prev *evidence.Scan
		if rs.Previous != nil {
			if prev, err = h.readScan(r, rs.Previous); err != nil {
				h.fail(w, r, s.Session, err)
				return
			}
			for _, f := range prev.Failures {
				before[failureKey(f)] = true
			}
		}
		now := map[string]bool{}
		counts := map[string]int{}
		for _, f := range latest.Failures {
			rule := latest.Rules[f.RuleID]
			fl := failure{Finding: f, Title: rule.Title, Remediation: rule.RemediationFor(f.Format)}
			fl.New = prev != nil && !before[failureKey(f)]
			if fl.New {
				pr.NewCount++
			}
			now[failureKey(f)] = true
			counts[f.Severity]++
			pr.Failures = append(pr.Failures, fl)
		}
		if prev != nil {
			for _, f := range prev.Failures {
				if !now[failureKey(f)] {
					pr.Fixed = append(pr.Fixed, f)
				}
			}
		}
		rank := func(sev string) int {
			if i := slices.Index(severities, sev); i >= 0 {
				return i
			}
			return len(severities)
		}
		slices.SortStableFunc(pr.Failures, func(a, b failure) int {
			return cmp.Or(rank(a.Severity)-rank(b.Severity), cmp.Compare(a.Range.File, b.Range.File), a.Range.StartLine-b.Range.StartLine)
		})
		for _, sev := range severities {
			if counts[sev] > 0 {
				pr.BySeverity = append(pr.BySeverity, sevCount{sev, counts[sev]})
			}
		}
		v.Repos = append(v.Repos, pr)
	}
	h.render(w, r, http.StatusOK, "posture", view{Title: "Posture", Nav: "posture", Data: v})
}

type vulnsView struct {
	Releases []*attest.Evidence
}

type vulnView struct {
	Release  *attest.Evidence
	Previous *attest.Evidence
	Report   *vuln.Report
	Diff     *vuln.DiffResult
}

// handleVulns lists the uploaded vulnerability reports (releases), newest
// first.
func (h *Handler) handleVulns(w http.ResponseWriter, r *http.Request, s *session) {
	if h.Evidence == nil {
		h.fail(w, r, s.Session, errNoStore("evidence"))
		return
	}
	list, err := h.Evidence.FindEvidence(r.Context(), attest.EvidenceFilter{Kind: attest.EvidenceVulns, Limit: DefaultPageSize})
	if err != nil {
		h.fail(w, r, s.Session, err)
		return
	}
	h.render(w, r, http.StatusOK, "vulns", view{Title: "Vulnerabilities", Nav: "vulns", Data: vulnsView{Releases: list}})
}

// handleVuln shows one release's report and its diff to the previous
// release of the same repository.
func (h *Handler) handleVuln(w http.ResponseWriter, r *http.Request, s *session) {
	if h.Evidence == nil {
		h.fail(w, r, s.Session, errNoStore("evidence"))
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		h.fail(w, r, s.Session, attest.Errorf(attest.EINVALID, "release %q: want an evidence id from 1", r.PathValue("id")))
		return
	}
	e, rep, err := h.readVulns(r, id)
	if err != nil {
		h.fail(w, r, s.Session, err)
		return
	}
	v := vulnView{Release: e, Report: rep}
	older, err := h.Evidence.FindEvidence(r.Context(), attest.EvidenceFilter{Kind: attest.EvidenceVulns, Repository: e.Repository, BeforeID: e.ID, Limit: 1})
	if err != nil {
		h.fail(w, r, s.Session, err)
		return
	}
	if len(older) == 1 {
		prev, prevRep, err := h.readVulns(r, older[0].ID)
		if err != nil {
			h.fail(w, r, s.Session, err)
			return
		}
		v.Previous, v.Diff = prev, vuln.Diff(prevRep.Vulnerabilities, rep.Vulnerabilities)
	}
	h.render(w, r, http.StatusOK, "vuln", view{Title: "Release " + cmp.Or(e.Release, e.Commit, strconv.FormatInt(e.ID, 10)), Nav: "vulns", Data: v})
}

// controlDays is how many days of history the controls page shows.
const controlDays = 30

type controlRow struct {
	Control attest.Control
	Latest  string
	Days    []attest.ControlStatus
	Rules   []string
}

type controlsView struct {
	Framework  string
	Frameworks []string
	Rows       []controlRow
	From, To   time.Time
	Totals     map[string]int
}

// handleControls shows each control of a framework: the rules that
// support it in the latest scans, its status today, and one mark per day of
// the last 30 (stored snapshots, else derived from the evidence).
func (h *Handler) handleControls(w http.ResponseWriter, r *http.Request, s *session) {
	if h.Controls == nil || h.Evidence == nil {
		h.fail(w, r, s.Session, errNoStore("control statuses"))
		return
	}
	fw := cmp.Or(r.URL.Query().Get("framework"), attest.FrameworkSOC2)
	controls, err := h.Controls.Controls(fw)
	if err != nil {
		h.fail(w, r, s.Session, err)
		return
	}
	to := evidence.StartOfDay(h.Now()).Add(evidence.Day)
	from := to.AddDate(0, 0, -controlDays)
	statuses, err := summary(h, fmt.Sprintf("controls %s %s", fw, from), func() ([]attest.ControlStatus, error) {
		return h.Controls.Range(r.Context(), fw, from, to, false)
	})
	if err != nil {
		h.fail(w, r, s.Session, err)
		return
	}
	repos, err := h.latestByRepo(r, attest.EvidenceScan)
	if err != nil {
		h.fail(w, r, s.Session, err)
		return
	}
	var scans []*evidence.Scan
	for _, rs := range repos {
		sc, err := h.readScan(r, rs.Latest)
		if err != nil {
			h.fail(w, r, s.Session, err)
			return
		}
		scans = append(scans, sc)
	}
	byControl := map[string][]attest.ControlStatus{}
	for _, st := range statuses {
		byControl[st.Control] = append(byControl[st.Control], st)
	}
	v := controlsView{Framework: fw, Frameworks: h.Controls.Frameworks, From: from, To: to, Totals: map[string]int{}}
	for _, c := range controls {
		row := controlRow{Control: c, Days: byControl[c.ID], Latest: attest.ControlNoEvidence}
		if n := len(row.Days); n > 0 {
			row.Latest = row.Days[n-1].Status
		}
		seen := map[string]bool{}
		for _, sc := range scans {
			for _, id := range sc.RulesOf(fw, c.ID) {
				if !seen[id] {
					seen[id] = true
					row.Rules = append(row.Rules, id)
				}
			}
		}
		slices.Sort(row.Rules)
		v.Totals[row.Latest]++
		v.Rows = append(v.Rows, row)
	}
	h.render(w, r, http.StatusOK, "controls", view{Title: "Controls", Nav: "controls", Data: v})
}

type exceptionRow struct {
	attest.Exception
	Repository string
	Expired    bool
	Expiring   bool
}

type exceptionsView struct {
	Rows []exceptionRow
}

// exceptionWarning is how soon an expiry counts as expiring.
const exceptionWarning = 30 * 24 * time.Hour

// handleExceptions shows the exceptions register as the latest scan of each
// repository applied it: in force (expiring within 30 days marked) and
// expired.
func (h *Handler) handleExceptions(w http.ResponseWriter, r *http.Request, s *session) {
	if h.Evidence == nil {
		h.fail(w, r, s.Session, errNoStore("evidence"))
		return
	}
	repos, err := h.latestByRepo(r, attest.EvidenceScan)
	if err != nil {
		h.fail(w, r, s.Session, err)
		return
	}
	now := h.Now()
	var v exceptionsView
	for _, rs := range repos {
		sc, err := h.readScan(r, rs.Latest)
		if err != nil {
			h.fail(w, r, s.Session, err)
			return
		}
		for _, x := range sc.Exceptions {
			v.Rows = append(v.Rows, exceptionRow{Exception: x, Repository: rs.Repository,
				Expiring: !x.Expires.IsZero() && x.Expires.Sub(now) < exceptionWarning})
		}
		for _, x := range sc.Expired {
			v.Rows = append(v.Rows, exceptionRow{Exception: x, Repository: rs.Repository, Expired: true})
		}
	}
	h.render(w, r, http.StatusOK, "exceptions", view{Title: "Exceptions", Nav: "exceptions", Data: v})
}
