package web

import (
	"cmp"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/evidence"
)

// rootScans is one root of a repository: the latest scan that covered it
// and the scan of the same repository and root before that one.
type rootScans struct {
	Repository, Root string
	Latest, Previous *attest.Evidence
}

// latestByRoot returns the latest and the previous scan of each repository
// and root that the newest evidenceScanLimit scans cover, by repository
// (the most recently scanned first), then root. A root whose previous scan
// is older than those is looked up by itself, so the change since the
// previous scan is never measured against the wrong one.
func (h *Handler) latestByRoot(r *http.Request) ([]*rootScans, error) {
	list, err := h.Evidence.FindEvidence(r.Context(), attest.EvidenceFilter{Kind: attest.EvidenceScan, Limit: evidenceScanLimit})
	if err != nil {
		return nil, err
	}
	type key struct{ repo, root string }
	by := map[key]*rootScans{}
	repoOrder := map[string]int{}
	var out []*rootScans
	for _, e := range list {
		roots := e.Roots
		if len(roots) == 0 {
			// Stored without its roots (a body migration 00011 could not
			// read): the body says which it covered.
			sc, err := h.readScan(r, e)
			if err != nil {
				return nil, err
			}
			if roots = sc.Roots; len(roots) == 0 {
				roots = []string{""}
			}
		}
		if _, ok := repoOrder[e.Repository]; !ok {
			repoOrder[e.Repository] = len(repoOrder)
		}
		for _, root := range roots {
			k := key{e.Repository, root}
			switch rs := by[k]; {
			case rs == nil:
				rs = &rootScans{Repository: e.Repository, Root: root, Latest: e}
				by[k] = rs
				out = append(out, rs)
			case rs.Previous == nil:
				rs.Previous = e
			}
		}
	}
	if len(list) == evidenceScanLimit {
		for _, rs := range out {
			if rs.Previous != nil || rs.Root == "" {
				continue
			}
			older, err := h.Evidence.FindEvidence(r.Context(), attest.EvidenceFilter{Kind: attest.EvidenceScan,
				Repository: rs.Repository, Root: rs.Root, BeforeID: rs.Latest.ID, Limit: 1})
			if err != nil {
				return nil, err
			}
			if len(older) == 1 {
				rs.Previous = older[0]
			}
		}
	}
	slices.SortStableFunc(out, func(a, b *rootScans) int {
		return cmp.Or(repoOrder[a.Repository]-repoOrder[b.Repository], cmp.Compare(a.Root, b.Root))
	})
	return out, nil
}

// Exception statuses on the exceptions page, worst first.
const (
	exceptionExpired  = "expired"
	exceptionStale    = "stale"
	exceptionExpiring = "expiring"
	exceptionInForce  = "in-force"
)

var exceptionStatuses = []string{exceptionExpired, exceptionStale, exceptionExpiring, exceptionInForce}

// exceptionWarning is how soon an expiry counts as expiring.
const exceptionWarning = 30 * 24 * time.Hour

// exceptionRow is an entry of the register as the latest scans of a
// repository applied it.
type exceptionRow struct {
	attest.Exception
	Repository string
	// Status is one of exceptionStatuses; Reason says why a stale
	// exception is stale.
	Status string
	Reason string
	// Roots are where it waived findings in the latest scans (or, when
	// stale, where it waived them before); Waived counts those findings
	// and Rules are their rules (a wildcard exception waives several).
	Roots  []string
	Waived int
	Rules  []string

	// sinceLast marks a row found stale by comparing a root's latest scan
	// with its previous one; gone are the rules of its findings that the
	// latest scan no longer ran.
	sinceLast bool
	gone      []string
}

// InForce reports whether the exception still waives findings.
func (x *exceptionRow) InForce() bool {
	return x.Status == exceptionInForce || x.Status == exceptionExpiring
}

// register returns the exceptions register from the latest scan of each
// repository and root, worst status first:
//   - in force: it waived findings of the root in its latest scan;
//     expiring when its last day is within 30 days, expired once past it;
//   - expired: the latest scan found it past its expiry;
//   - stale: the latest scan reported that it matched nothing (a rule that
//     did not run, a resource pattern that matched no resource), or it
//     waived findings in the previous scan of a root and waives none in
//     the latest (the finding was fixed, or the rule no longer exists).
func (h *Handler) register(r *http.Request, groups []*rootScans) ([]*exceptionRow, error) {
	now := h.Now()
	type key struct{ repo, rule, resource, source string }
	rows := map[key]*exceptionRow{}
	var out []*exceptionRow
	row := func(repo string, x attest.Exception) *exceptionRow {
		k := key{repo, x.RuleID, x.Resource, x.Source.String()}
		if rw, ok := rows[k]; ok {
			return rw
		}
		rw := &exceptionRow{Exception: x, Repository: repo}
		rows[k] = rw
		out = append(out, rw)
		return rw
	}
	add := func(list []string, s string) []string {
		if !slices.Contains(list, s) {
			list = append(list, s)
		}
		return list
	}
	latest := make([]*evidence.Scan, len(groups))
	for i, g := range groups {
		sc, err := h.readScan(r, g.Latest)
		if err != nil {
			return nil, err
		}
		latest[i] = sc
		for _, f := range sc.Waived {
			if f.Root != g.Root || f.Exception == nil {
				continue
			}
			rw := row(g.Repository, *f.Exception)
			rw.Status = exceptionInForce
			switch {
			case rw.Expired(now):
				rw.Status = exceptionExpired
			case !rw.Expires.IsZero() && rw.Expires.Before(now.Add(exceptionWarning)):
				rw.Status = exceptionExpiring
			}
			rw.Roots, rw.Rules = add(rw.Roots, g.Root), add(rw.Rules, f.RuleID)
			rw.Waived++
		}
	}
	seen := map[int64]bool{}
	for i, g := range groups {
		sc := latest[i]
		if seen[g.Latest.ID] {
			continue
		}
		seen[g.Latest.ID] = true
		for _, x := range sc.Expired {
			if rw := row(g.Repository, x); rw.Status == "" {
				rw.Status = exceptionExpired
			}
		}
		for _, st := range sc.Stale {
			if rw := row(g.Repository, st.Exception); rw.Status == "" {
				rw.Status, rw.Reason = exceptionStale, st.Reason
			}
		}
	}
	for i, g := range groups {
		if g.Previous == nil {
			continue
		}
		prev, err := h.readScan(r, g.Previous)
		if err != nil {
			return nil, err
		}
		for _, f := range prev.Waived {
			if f.Root != g.Root || f.Exception == nil {
				continue
			}
			rw := row(g.Repository, *f.Exception)
			if rw.Status != "" && !rw.sinceLast {
				continue // in force, expired, or stale by the scan's own word
			}
			rw.Status, rw.sinceLast = exceptionStale, true
			rw.Roots, rw.Rules = add(rw.Roots, g.Root), add(rw.Rules, f.RuleID)
			if _, ok := latest[i].Rules[f.RuleID]; !ok {
				rw.gone = add(rw.gone, f.RuleID)
			}
		}
	}
	for _, rw := range out {
		switch {
		case !rw.sinceLast:
		case len(rw.gone) > 0:
			slices.Sort(rw.gone)
			rw.Reason = "rule " + strings.Join(rw.gone, ", ") + " no longer exists: the latest scan did not run it"
		default:
			slices.Sort(rw.Roots)
			rw.Reason = "matches no finding in the latest scan of " + strings.Join(rw.Roots, ", ") + " any more (it waived findings in the previous one)"
		}
	}
	for _, rw := range out {
		slices.Sort(rw.Roots)
		slices.Sort(rw.Rules)
	}
	slices.SortStableFunc(out, func(a, b *exceptionRow) int {
		return cmp.Or(slices.Index(exceptionStatuses, a.Status)-slices.Index(exceptionStatuses, b.Status),
			compareExpiry(a.Expires, b.Expires), cmp.Compare(a.Repository, b.Repository), cmp.Compare(a.RuleID, b.RuleID),
			cmp.Compare(a.Resource, b.Resource))
	})
	return out, nil
}

// compareExpiry orders expiries soonest first, no expiry last.
func compareExpiry(a, b time.Time) int {
	switch {
	case a.IsZero() && b.IsZero():
		return 0
	case a.IsZero():
		return 1
	case b.IsZero():
		return -1
	}
	return a.Compare(b)
}
