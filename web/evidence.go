package web

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/evidence"
	"github.com/attest-dev/attest/vuln"
)

// evidenceScanLimit bounds the uploads the evidence pages read to find the
// latest (and previous) report of each repository and root.
const evidenceScanLimit = 500

// Failures shown per root: on the posture page of every root, and on the
// page of one root (then in pages, by offset).
const (
	postureRootRows = 50
	posturePageRows = 500
)

// failure is a failing resource as the posture page shows it.
type failure struct {
	attest.Finding
	Title       string
	Remediation string
	New         bool
}

// postureRoot is one root of a repository on the posture page: its latest
// scan's failing resources and the change since its previous scan.
type postureRoot struct {
	Repository, Root string
	Latest, Previous *attest.Evidence
	// Failures are the failing resources shown, worst first; Total counts
	// them all, Offset is the first shown and Next the offset of the next
	// page (0 when none).
	Failures      []failure
	Total, Offset int
	Next          int
	// NewCount, Still and Fixed compare with the previous scan of the same
	// repository and root.
	NewCount   int
	Still      int
	Fixed      []attest.Finding
	Incomplete bool
	BySeverity []sevCount
}

// Link is the page of the root alone.
func (p *postureRoot) Link() string {
	return "/posture?repo=" + urlQueryEscape(p.Repository) + "&root=" + urlQueryEscape(p.Root)
}

type postureRepo struct {
	Repository string
	Roots      []*postureRoot
	Failing    int
}

type sevCount struct {
	Severity string
	Count    int
}

type postureView struct {
	Repos      []*postureRepo
	Repo, Root string
}

func failureKey(f attest.Finding) string { return f.RuleID + "\x00" + f.Root + "\x00" + f.Resource }

func severityRank(sev string) int {
	if i := slices.Index(severities, sev); i >= 0 {
		return i
	}
	return len(severities)
}

// handlePosture shows the uploaded scans by repository and root: the
// failing resources of each root's latest scan with file:line and
// remediation, and the change since the previous scan of the same
// repository and root (new failures, fixed, still failing). repo and root
// narrow it to one repository, or one root (all its failures, in pages).
func (h *Handler) handlePosture(w http.ResponseWriter, r *http.Request, s *session) {
	if h.Evidence == nil {
		h.fail(w, r, s.Session, errNoStore("evidence"))
		return
	}
	q := r.URL.Query()
	v := postureView{Repo: q.Get("repo"), Root: q.Get("root")}
	offset := 0
	if o := q.Get("offset"); o != "" {
		n, err := strconv.Atoi(o)
		if err != nil || n < 0 {
			h.fail(w, r, s.Session, attest.Errorf(attest.EINVALID, "offset %q: want a whole number from 0", o))
			return
		}
		offset = n
	}
	groups, err := h.latestByRoot(r)
	if err != nil {
		h.fail(w, r, s.Session, err)
		return
	}
	rows := postureRootRows
	if v.Root != "" {
		rows = posturePageRows
	}
	var cur *postureRepo
	for _, g := range groups {
		if v.Repo != "" && g.Repository != v.Repo || v.Root != "" && g.Root != v.Root {
			continue
		}
		pr, err := h.postureRoot(r, g, offset, rows)
		if err != nil {
			h.fail(w, r, s.Session, err)
			return
		}
		if cur == nil || cur.Repository != g.Repository {
			cur = &postureRepo{Repository: g.Repository}
			v.Repos = append(v.Repos, cur)
		}
		cur.Roots = append(cur.Roots, pr)
		cur.Failing += pr.Total
	}
	if (v.Repo != "" || v.Root != "") && len(v.Repos) == 0 {
		h.fail(w, r, s.Session, attest.Errorf(attest.ENOTFOUND, "no scan of repository %q and root %q", v.Repo, v.Root))
		return
	}
	h.render(w, r, http.StatusOK, "posture", view{Title: "Posture", Nav: "posture", Data: v})
}

// postureRoot compares a root's latest scan with its previous one and
// keeps rows failures from offset.
func (h *Handler) postureRoot(r *http.Request, g *rootScans, offset, rows int) (*postureRoot, error) {
	latest, err := h.readScan(r, g.Latest)
	if err != nil {
		return nil, err
	}
	pr := &postureRoot{Repository: g.Repository, Root: g.Root, Latest: g.Latest, Previous: g.Previous, Incomplete: latest.Incomplete}
	var before map[string]bool
	var prev *evidence.Scan
	if g.Previous != nil {
		if prev, err = h.readScan(r, g.Previous); err != nil {
			return nil, err
		}
		before = map[string]bool{}
		for _, f := range prev.Failures {
			if f.Root == g.Root {
				before[failureKey(f)] = true
			}
		}
	}
	now := map[string]bool{}
	counts := map[string]int{}
	var all []failure
	for _, f := range latest.Failures {
		if f.Root != g.Root {
			continue
		}
		fl := failure{Finding: f}
		switch {
		case prev == nil:
		case before[failureKey(f)]:
			pr.Still++
		default:
			fl.New = true
			pr.NewCount++
		}
		now[failureKey(f)] = true
		counts[f.Severity]++
		all = append(all, fl)
	}
	if prev != nil {
		for _, f := range prev.Failures {
			if f.Root == g.Root && !now[failureKey(f)] {
				pr.Fixed = append(pr.Fixed, f)
			}
		}
	}
	slices.SortStableFunc(all, func(a, b failure) int {
		return cmp.Or(severityRank(a.Severity)-severityRank(b.Severity), cmp.Compare(a.Range.File, b.Range.File),
			a.Range.StartLine-b.Range.StartLine, cmp.Compare(a.Resource, b.Resource))
	})
	pr.Total, pr.Offset = len(all), min(offset, len(all))
	end := min(pr.Offset+rows, len(all))
	for _, fl := range all[pr.Offset:end] {
		rule := latest.Rules[fl.RuleID]
		fl.Title, fl.Remediation = rule.Title, rule.RemediationFor(fl.Format)
		pr.Failures = append(pr.Failures, fl)
	}
	if end < len(all) {
		pr.Next = end
	}
	for _, sev := range severities {
		if counts[sev] > 0 {
			pr.BySeverity = append(pr.BySeverity, sevCount{sev, counts[sev]})
		}
	}
	return pr, nil
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

// detectionRef is a detection that supports a control.
type detectionRef struct {
	Key, Title, Level string
}

type controlRow struct {
	Control attest.Control
	Latest  string
	Days    []attest.ControlStatus
	Rules   []string
	// Detections are the Sigma detections mapped to the control;
	// Exceptions the exceptions in force that waive findings of its rules.
	Detections []detectionRef
	Exceptions []*exceptionRow
}

type controlsView struct {
	Framework  string
	Frameworks []string
	Rows       []controlRow
	From, To   time.Time
	Totals     map[string]int
	// Detections is false when the server runs no detections.
	Detections bool
}

// handleControls shows each control of a framework: the rules that
// support it in the latest scans, the detections mapped to it, the
// exceptions in force on its rules, its status today, and one mark per day
// of the last 30 (stored snapshots, else derived from the evidence).
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
	groups, err := h.latestByRoot(r)
	if err != nil {
		h.fail(w, r, s.Session, err)
		return
	}
	var scans []*evidence.Scan
	seen := map[int64]bool{}
	for _, g := range groups {
		if seen[g.Latest.ID] {
			continue
		}
		seen[g.Latest.ID] = true
		sc, err := h.readScan(r, g.Latest)
		if err != nil {
			h.fail(w, r, s.Session, err)
			return
		}
		scans = append(scans, sc)
	}
	reg, err := h.register(r, groups)
	if err != nil {
		h.fail(w, r, s.Session, err)
		return
	}
	byRule := map[string][]*exceptionRow{}
	for _, x := range reg {
		if x.InForce() {
			for _, id := range x.Rules {
				byRule[id] = append(byRule[id], x)
			}
		}
	}
	byControl := map[string][]attest.ControlStatus{}
	for _, st := range statuses {
		byControl[st.Control] = append(byControl[st.Control], st)
	}
	v := controlsView{Framework: fw, Frameworks: h.Controls.Frameworks, From: from, To: to, Totals: map[string]int{},
		Detections: h.Detections != nil}
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
		for _, id := range row.Rules {
			for _, x := range byRule[id] {
				if !slices.Contains(row.Exceptions, x) {
					row.Exceptions = append(row.Exceptions, x)
				}
			}
		}
		if h.Detections != nil {
			for _, d := range h.Detections.Rules {
				if slices.Contains(d.Controls[fw], c.ID) {
					row.Detections = append(row.Detections, detectionRef{Key: d.Key(), Title: d.Title, Level: d.Level})
				}
			}
			slices.SortFunc(row.Detections, func(a, b detectionRef) int { return cmp.Compare(a.Key, b.Key) })
		}
		v.Totals[row.Latest]++
		v.Rows = append(v.Rows, row)
	}
	h.render(w, r, http.StatusOK, "controls", view{Title: "Controls", Nav: "controls", Data: v})
}

type exceptionsView struct {
	Rows []*exceptionRow
	// Counts are the rows of each status, in exceptionStatuses order;
	// Status filters the rows shown.
	Counts []sevCount
	Status string
}

// handleExceptions shows the exceptions register as the latest scan of each
// repository and root applied it: in force, expiring within 30 days,
// expired and stale (see register). status narrows it to one of those.
func (h *Handler) handleExceptions(w http.ResponseWriter, r *http.Request, s *session) {
	if h.Evidence == nil {
		h.fail(w, r, s.Session, errNoStore("evidence"))
		return
	}
	v := exceptionsView{Status: r.URL.Query().Get("status")}
	if v.Status != "" && !slices.Contains(exceptionStatuses, v.Status) {
		h.fail(w, r, s.Session, attest.Errorf(attest.EINVALID, "status %q: want one of %s", v.Status, strings.Join(exceptionStatuses, ", ")))
		return
	}
	groups, err := h.latestByRoot(r)
	if err != nil {
		h.fail(w, r, s.Session, err)
		return
	}
	reg, err := h.register(r, groups)
	if err != nil {
		h.fail(w, r, s.Session, err)
		return
	}
	n := map[string]int{}
	for _, x := range reg {
		n[x.Status]++
		if v.Status == "" || x.Status == v.Status {
			v.Rows = append(v.Rows, x)
		}
	}
	for _, st := range exceptionStatuses {
		v.Counts = append(v.Counts, sevCount{st, n[st]})
	}
	h.render(w, r, http.StatusOK, "exceptions", view{Title: "Exceptions", Nav: "exceptions", Data: v})
}
