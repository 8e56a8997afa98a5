package vuln

import (
	"fmt"
	"slices"

	"github.com/attest-dev/attest"
)

// DiffResult compares two releases.
//
// A vulnerability is matched across releases by artifact repository (not
// digest: a new release is a new image), package ecosystem and name (not
// version: an upgrade that did not fix it leaves it open) and id, or any of
// its aliases (a GHSA that later got a CVE still matches).
type DiffResult struct {
	// New are active in the new release and were not active in the old.
	New []attest.Vulnerability `json:"new"`
	// Fixed were active in the old release and are gone from the new.
	Fixed []attest.Vulnerability `json:"fixed"`
	// Open are active in both (Changed ones included), as in the new release.
	Open []attest.Vulnerability `json:"open"`
	// Changed are the open ones whose severity changed, whose fix became
	// available, or that were newly added to KEV.
	Changed []Change `json:"changed"`
	// Suppressed were active in the old release and are suppressed by VEX
	// or an ignore rule in the new.
	Suppressed []attest.Vulnerability `json:"suppressed"`
}

// Change is an open vulnerability that changed between releases.
type Change struct {
	Vulnerability attest.Vulnerability `json:"vulnerability"`
	OldSeverity   string               `json:"old_severity"`
	Reasons       []string             `json:"reasons"`
}

// diffKey is the identity of a vulnerability across releases.
type diffKey struct{ artifact, pkg, id string }

// Diff compares the vulnerabilities of an old and a new release (each a
// Merge result or a report's list; suppressed ones are recognised by their
// Suppression).
func Diff(old, new []attest.Vulnerability) *DiffResult {
	d := &DiffResult{
		New: []attest.Vulnerability{}, Fixed: []attest.Vulnerability{}, Open: []attest.Vulnerability{},
		Changed: []Change{}, Suppressed: []attest.Vulnerability{},
	}
	byKey := make(map[diffKey][]int)
	for i := range old {
		o := &old[i]
		if o.Suppression != nil {
			continue
		}
		a, p := ArtifactLineKey(o.Artifact), PackageLineKey(o.Package)
		for _, id := range append([]string{o.ID}, o.Aliases...) {
			k := diffKey{a, p, id}
			byKey[k] = append(byKey[k], i)
		}
	}
	matched := make([]bool, len(old))
	for i := range new {
		n := &new[i]
		a, p := ArtifactLineKey(n.Artifact), PackageLineKey(n.Package)
		oi := -1
	search:
		for _, id := range append([]string{n.ID}, n.Aliases...) {
			for _, j := range byKey[diffKey{a, p, id}] {
				if !matched[j] {
					oi = j
					break search
				}
			}
		}
		switch {
		case n.Suppression != nil:
			if oi >= 0 {
				matched[oi] = true
				d.Suppressed = append(d.Suppressed, *n)
			}
		case oi < 0:
			d.New = append(d.New, *n)
		default:
			matched[oi] = true
			d.Open = append(d.Open, *n)
			if reasons := changes(&old[oi], n); len(reasons) > 0 {
				d.Changed = append(d.Changed, Change{Vulnerability: *n, OldSeverity: old[oi].Severity, Reasons: reasons})
			}
		}
	}
	for i := range old {
		if !matched[i] && old[i].Suppression == nil {
			d.Fixed = append(d.Fixed, old[i])
		}
	}
	slices.SortStableFunc(d.New, ComparePriority)
	slices.SortStableFunc(d.Open, ComparePriority)
	slices.SortStableFunc(d.Fixed, ComparePriority)
	return d
}

// changes lists what changed about an open vulnerability.
func changes(o, n *attest.Vulnerability) []string {
	var r []string
	if o.Severity != n.Severity {
		r = append(r, fmt.Sprintf("severity %s → %s", o.Severity, n.Severity))
	}
	if o.FixState != attest.FixAvailable && n.FixState == attest.FixAvailable {
		r = append(r, "fix now available")
	}
	if o.KEV == nil && n.KEV != nil {
		r = append(r, "added to CISA KEV")
	}
	return r
}

// Exceeds reports whether the new release got worse at or above the
// threshold: a severity (critical, high, medium, low, info) counts new
// vulnerabilities of that severity or worse and open ones whose severity
// rose to it; "kev" counts new vulnerabilities in KEV and open ones newly
// added to it. It returns an error for any other threshold.
func (d *DiffResult) Exceeds(threshold string) (bool, error) {
	if threshold == "kev" {
		if slices.ContainsFunc(d.New, func(v attest.Vulnerability) bool { return v.KEV != nil }) {
			return true, nil
		}
		return slices.ContainsFunc(d.Changed, func(c Change) bool { return slices.Contains(c.Reasons, "added to CISA KEV") }), nil
	}
	min := attest.SeverityRank(threshold)
	if min == 0 {
		return false, fmt.Errorf("threshold %q is not one of kev, critical, high, medium, low, info", threshold)
	}
	for _, v := range d.New {
		if attest.SeverityRank(v.Severity) >= min {
			return true, nil
		}
	}
	for _, c := range d.Changed {
		now := attest.SeverityRank(c.Vulnerability.Severity)
		if now >= min && now > attest.SeverityRank(c.OldSeverity) {
			return true, nil
		}
	}
	return false, nil
}
