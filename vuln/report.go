package vuln

import (
	"bytes"
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/attest-dev/attest"
)

// Report identification. A merged JSON report carries Kind and
// SchemaVersion so that it can be read back (ReadReport) as the input of a
// diff. The schema is vuln/report/schema/vulns-report.v1.json; the major
// version changes when a field changes meaning or goes away.
const (
	ReportKind    = "attest.vulns.report"
	SchemaVersion = "1.0"
)

// Report is the merged, enriched and ranked result of one release.
type Report struct {
	Kind          string    `json:"kind"`
	SchemaVersion string    `json:"schema_version"`
	Generated     time.Time `json:"generated"`
	// Inputs are the scanner reports merged.
	Inputs  []Input      `json:"inputs"`
	KEV     *CatalogInfo `json:"kev,omitempty"`
	EPSS    *CatalogInfo `json:"epss,omitempty"`
	Filter  Filter       `json:"filter"`
	Hidden  int          `json:"hidden"`
	Summary Summary      `json:"summary"`
	// Vulnerabilities are ranked: active ones first in priority order, then
	// the suppressed ones.
	Vulnerabilities []attest.Vulnerability `json:"vulnerabilities"`
	ExpiredIgnores  []ExpiredIgnore        `json:"expired_ignores,omitempty"`
	// Diff is the comparison with the previous release, when one was given.
	Diff *DiffResult `json:"diff,omitempty"`
	// Failing counts the open vulnerabilities at or above Options.FailOn,
	// those that the filter hides included: a filter shortens the report,
	// it does not make a release pass.
	Failing int `json:"-"`
}

// Input is one scanner report that went into a Report.
type Input struct {
	Path        string `json:"path"`
	Format      string `json:"format"`
	Occurrences int    `json:"occurrences"`
}

// CatalogInfo says which KEV catalog or EPSS scores enriched a report.
type CatalogInfo struct {
	Version string `json:"version,omitempty"`
	Date    string `json:"date,omitempty"`
}

// Filter hides vulnerabilities from a report.
type Filter struct {
	// MinSeverity hides vulnerabilities below this severity.
	MinSeverity string `json:"min_severity,omitempty"`
	// OnlyFixable hides vulnerabilities with no fixed version.
	OnlyFixable bool `json:"only_fixable,omitempty"`
}

// Keep reports whether the filter lets v through.
func (f Filter) Keep(v *attest.Vulnerability) bool {
	if f.MinSeverity != "" && attest.SeverityRank(v.Severity) < attest.SeverityRank(f.MinSeverity) {
		return false
	}
	return !f.OnlyFixable || v.FixState == attest.FixAvailable
}

// Enrichment is what Enrich adds to merged vulnerabilities.
type Enrichment struct {
	KEV     *KEVCatalog
	EPSS    *EPSSScores
	VEX     []VEXStatement
	Ignores []IgnoreRule
	// Now decides which ignore rules have expired.
	Now time.Time
}

// Enrich sets KEV entries and EPSS scores (the EPSS file wins over a
// scanner's own score), then applies VEX statements and ignore rules. VEX
// comes first: a statement of fact outranks an accepted risk. It returns
// the ignore rules that have expired.
func Enrich(vs []attest.Vulnerability, e Enrichment) []ExpiredIgnore {
	for i := range vs {
		v := &vs[i]
		fromFile := false
		for _, id := range idsOf(v) {
			if e.KEV != nil && v.KEV == nil {
				if k, ok := e.KEV.Entries[id]; ok {
					v.KEV = &k
				}
			}
			if e.EPSS != nil {
				if s, ok := e.EPSS.Scores[id]; ok && (!fromFile || s.Score > v.EPSS.Score) {
					v.EPSS = &s
					fromFile = true
				}
			}
		}
	}
	applyVEX(vs, e.VEX)
	return applyIgnores(vs, e.Ignores, e.Now)
}

// idsOf returns the CVE ids of v: its id and its CVE aliases.
func idsOf(v *attest.Vulnerability) []string {
	if len(v.Aliases) == 0 {
		return []string{v.ID}
	}
	ids := []string{v.ID}
	for _, a := range v.Aliases {
		if IsCVE(a) {
			ids = append(ids, a)
		}
	}
	return ids
}

// Rank orders vulnerabilities by priority: active before suppressed, then
// listed in CISA KEV, then EPSS score (highest first; none counts below
// zero), then severity, then a fix available, then artifact, package and id.
func Rank(vs []attest.Vulnerability) {
	// Sort small precomputed keys rather than the (large) structs, then
	// move each struct once. When vs is already in identity order (as
	// Merge returns it) the position breaks ties, which saves comparing
	// strings.
	type key struct {
		class uint8  // suppressed, then not in KEV
		epss  uint64 // descending: ^orderedBits(score)
		rest  uint16 // severity descending, then no fix
		i     int32
	}
	keys := make([]key, len(vs))
	sorted := true
	for i := range vs {
		v := &vs[i]
		k := key{epss: ^orderedBits(epssScore(v)), rest: uint16(255-attest.SeverityRank(v.Severity)) << 1, i: int32(i)}
		if v.Suppression != nil {
			k.class |= 2
		}
		if v.KEV == nil {
			k.class |= 1
		}
		if v.FixState != attest.FixAvailable {
			k.rest |= 1
		}
		keys[i] = k
		if i > 0 && sorted && compareIdentity(&vs[i-1], v) > 0 {
			sorted = false
		}
	}
	slices.SortFunc(keys, func(x, y key) int {
		if c := cmp.Or(cmp.Compare(x.class, y.class), cmp.Compare(x.epss, y.epss), cmp.Compare(x.rest, y.rest)); c != 0 {
			return c
		}
		if !sorted {
			if c := compareIdentity(&vs[x.i], &vs[y.i]); c != 0 {
				return c
			}
		}
		return cmp.Compare(x.i, y.i)
	})
	idx := make([]int32, len(keys))
	for i, k := range keys {
		idx[i] = k.i
	}
	// Move each struct once, in place, following the cycles of the
	// permutation: position i takes the struct at idx[i].
	for i := range idx {
		if idx[i] < 0 || int(idx[i]) == i {
			continue
		}
		held := vs[i]
		j := i
		for {
			k := int(idx[j])
			idx[j] = -1
			if k == i {
				vs[j] = held
				break
			}
			vs[j] = vs[k]
			j = k
		}
	}
}

// ComparePriority is the order of Rank.
func ComparePriority(a, b attest.Vulnerability) int { return comparePriority(&a, &b) }

func comparePriority(a, b *attest.Vulnerability) int {
	if c := cmp.Or(
		cmpBool(a.Suppression == nil, b.Suppression == nil),
		cmpBool(a.KEV != nil, b.KEV != nil),
		cmp.Compare(epssScore(b), epssScore(a)),
		cmp.Compare(attest.SeverityRank(b.Severity), attest.SeverityRank(a.Severity)),
		cmpBool(a.FixState == attest.FixAvailable, b.FixState == attest.FixAvailable),
	); c != 0 {
		return c
	}
	return compareIdentity(a, b)
}

// cmpBool orders true before false.
func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return -1
	}
	return 1
}

// orderedBits maps a float64 to a uint64 in the same order as cmp.Compare
// puts them: NaN first, -0 equal to 0.
func orderedBits(f float64) uint64 {
	if f != f {
		return 0
	}
	if f == 0 {
		f = 0 // -0 to 0
	}
	b := math.Float64bits(f)
	if b>>63 == 1 {
		return ^b
	}
	return b | 1<<63
}

func epssScore(v *attest.Vulnerability) float64 {
	if v.EPSS == nil {
		return -1
	}
	return v.EPSS.Score
}

// Summary counts a report's vulnerabilities.
type Summary struct {
	Total      int `json:"total"`
	Active     int `json:"active"`
	Suppressed int `json:"suppressed"`
	KEV        int `json:"kev"`
	Fixable    int `json:"fixable"`
	// BySeverity counts the active vulnerabilities by severity and fix
	// state, most severe first; every severity has a row.
	BySeverity []SeverityCount `json:"by_severity"`
}

// SeverityCount is one row of the severity × fix state table.
type SeverityCount struct {
	Severity string `json:"severity"`
	Fixed    int    `json:"fixed"`
	NotFixed int    `json:"not_fixed"`
	WontFix  int    `json:"wont_fix"`
	Unknown  int    `json:"unknown"`
	Total    int    `json:"total"`
}

// Summarize counts vulnerabilities by severity and fix state.
func Summarize(vs []attest.Vulnerability) Summary {
	sevs := append(slices.Clone(attest.Severities), SeverityUnknown)
	s := Summary{BySeverity: make([]SeverityCount, len(sevs))}
	for i, sev := range sevs {
		s.BySeverity[i].Severity = sev
	}
	for i := range vs {
		v := &vs[i]
		s.Total++
		if v.Suppression != nil {
			s.Suppressed++
			continue
		}
		s.Active++
		if v.KEV != nil {
			s.KEV++
		}
		row := &s.BySeverity[len(sevs)-1]
		if j := slices.Index(sevs, v.Severity); j >= 0 {
			row = &s.BySeverity[j]
		}
		row.Total++
		switch v.FixState {
		case attest.FixAvailable:
			row.Fixed++
			s.Fixable++
		case attest.FixNotFixed:
			row.NotFixed++
		case attest.FixWontFix:
			row.WontFix++
		default:
			row.Unknown++
		}
	}
	return s
}

// Options assemble a report with BuildReport.
type Options struct {
	Enrichment
	Filter Filter
	Inputs []Input
	// Previous, when set, is the previous release to diff against.
	Previous []attest.Vulnerability
	// FailOn, when set, is the threshold Report.Failing counts at: kev or a
	// severity (ValidThreshold).
	FailOn string
}

// BuildReport merges occurrences, enriches, ranks and filters them into a
// report, and diffs it against the previous release when one is given.
func BuildReport(occs []attest.Occurrence, o Options) *Report {
	return NewReport(Merge(occs), o)
}

// NewReport enriches, ranks and filters merged vulnerabilities (Merge or
// MergeParts) into a report, reusing vs, and diffs it against the previous
// release when one is given.
func NewReport(vs []attest.Vulnerability, o Options) *Report {
	expired := Enrich(vs, o.Enrichment)
	Rank(vs)
	failing := 0
	if o.FailOn != "" {
		failing = countAtOrAbove(vs, o.FailOn)
	}
	kept := vs[:0]
	hidden := 0
	for i := range vs {
		switch {
		case !o.Filter.Keep(&vs[i]):
			hidden++
		case len(kept) == i:
			kept = kept[:i+1] // in place already: no copy onto itself
		default:
			kept = append(kept, vs[i])
		}
	}
	r := &Report{
		Kind:            ReportKind,
		SchemaVersion:   SchemaVersion,
		Generated:       o.Now.UTC(),
		Inputs:          o.Inputs,
		Filter:          o.Filter,
		Hidden:          hidden,
		Summary:         Summarize(kept),
		Vulnerabilities: slices.Clip(kept),
		ExpiredIgnores:  expired,
		Failing:         failing,
	}
	if r.Inputs == nil {
		r.Inputs = []Input{}
	}
	if r.Vulnerabilities == nil {
		r.Vulnerabilities = []attest.Vulnerability{}
	}
	if o.KEV != nil {
		r.KEV = &CatalogInfo{Version: o.KEV.CatalogVersion, Date: o.KEV.DateReleased}
	}
	if o.EPSS != nil {
		r.EPSS = &CatalogInfo{Version: o.EPSS.ModelVersion, Date: o.EPSS.ScoreDate}
	}
	if o.Previous != nil {
		r.Diff = Diff(o.Previous, r.Vulnerabilities)
	}
	return r
}

// Active returns the vulnerabilities that are not suppressed.
func (r *Report) Active() []attest.Vulnerability {
	return slices.DeleteFunc(slices.Clone(r.Vulnerabilities), func(v attest.Vulnerability) bool { return v.Suppression != nil })
}

// Suppressed returns the vulnerabilities that VEX or an ignore rule
// suppressed.
func (r *Report) Suppressed() []attest.Vulnerability {
	return slices.DeleteFunc(slices.Clone(r.Vulnerabilities), func(v attest.Vulnerability) bool { return v.Suppression == nil })
}

// IsReport reports whether data looks like a merged JSON report (and not a
// scanner's report).
func IsReport(data []byte) bool {
	head := data[:min(len(data), 512)]
	return bytes.Contains(head, []byte(`"kind"`)) && bytes.Contains(head, []byte(`"`+ReportKind+`"`))
}

// ReadReport parses a merged JSON report written by attest vulns; name is
// used in errors.
func ReadReport(name string, data []byte) (*Report, error) {
	var r Report
	if err := decodeJSON(data, &r); err != nil {
		return nil, jsonError(name, data, err)
	}
	if r.Kind != ReportKind {
		return nil, fmt.Errorf("%s: not an attest vulns report (kind %q, want %q)", name, r.Kind, ReportKind)
	}
	major, _, _ := strings.Cut(r.SchemaVersion, ".")
	if want, _, _ := strings.Cut(SchemaVersion, "."); major != want {
		return nil, fmt.Errorf("%s: schema_version %q is not supported (want %s.x)", name, r.SchemaVersion, want)
	}
	for i, v := range r.Vulnerabilities {
		if v.ID == "" || v.Package.Name == "" && v.Package.PURL == "" {
			return nil, fmt.Errorf("%s: vulnerabilities[%d]: needs an id and a package", name, i)
		}
	}
	return &r, nil
}

// ValidThreshold reports whether t is a threshold of --fail-on: kev or a
// severity.
func ValidThreshold(t string) bool {
	return t == "kev" || attest.SeverityRank(t) > 0
}

// countAtOrAbove counts the open (not suppressed) vulnerabilities in CISA
// KEV, for threshold "kev", or else of the threshold's severity or worse.
func countAtOrAbove(vs []attest.Vulnerability, threshold string) int {
	min := attest.SeverityRank(threshold)
	n := 0
	for i := range vs {
		v := &vs[i]
		switch {
		case v.Suppression != nil:
		case threshold == "kev" && v.KEV != nil:
			n++
		case threshold != "kev" && attest.SeverityRank(v.Severity) >= min:
			n++
		}
	}
	return n
}
