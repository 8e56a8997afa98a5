package catalog

import (
	"slices"
	"strings"

	"github.com/attest-dev/attest"
)

// Check kinds.
const (
	CheckRule      = "rule"      // a scan rule (Rego)
	CheckDetection = "detection" // a Sigma detection on the event feed
)

// Check is anything that supports controls automatically: a scan rule or a
// detection.
type Check struct {
	Kind     string `json:"kind"`
	ID       string `json:"id"`
	Title    string `json:"title"`
	Severity string `json:"severity"`
	// Provider is what the check reads: aws, gcp, azure, kubernetes, docker
	// for rules; the log source's product (aws, kubernetes, github, okta,
	// falco) for detections.
	Provider string              `json:"provider"`
	Controls map[string][]string `json:"controls"`
}

// Coverage states.
const (
	// CoverageChecked: at least one check maps to the control itself.
	CoverageChecked = "checked"
	// CoverageViaParts: no check maps to the control, but some of its
	// sub-requirements are checked.
	CoverageViaParts = "checked-in-part"
	// CoverageNotYet: configuration or events could show the control, but
	// no built-in check maps to it.
	CoverageNotYet = "not-checked"
	// CoverageOtherEvidence: no automated check can decide the control;
	// Why says what evidence it needs instead.
	CoverageOtherEvidence = "other-evidence"
)

// ControlCoverage is one control with the checks that support it.
type ControlCoverage struct {
	Control attest.Control `json:"control"`
	Status  string         `json:"status"`
	// Why explains a control that is not checked.
	Why    string  `json:"why,omitempty"`
	Checks []Check `json:"checks,omitempty"`
}

// Coverage returns every control of the catalog, in catalog order, with
// the checks that map to it directly. A control no check maps to is
// checked-in-part when one of its descendants is checked, other-evidence
// when the catalog says automation cannot decide it (documents, or a
// control inherited from the cloud provider), and not-checked otherwise.
func (c *Catalog) Coverage(checks []Check) []ControlCoverage {
	byControl := map[string][]Check{}
	for _, ch := range checks {
		for _, id := range ch.Controls[c.Framework] {
			byControl[id] = append(byControl[id], ch)
		}
	}
	out := make([]ControlCoverage, len(c.Controls))
	checked := map[string]bool{}
	for i, ctl := range c.Controls {
		cs := byControl[ctl.ID]
		slices.SortFunc(cs, func(a, b Check) int {
			if a.Kind != b.Kind {
				return strings.Compare(a.Kind, b.Kind) * -1 // rules before detections
			}
			return strings.Compare(a.ID, b.ID)
		})
		out[i] = ControlCoverage{Control: ctl, Checks: cs}
		if len(cs) > 0 {
			out[i].Status = CoverageChecked
			for id := ctl.ID; id != ""; {
				checked[id] = true
				p, ok := c.Lookup(id)
				if !ok {
					break
				}
				id = p.Parent
			}
		}
	}
	for i := range out {
		cc := &out[i]
		switch {
		case cc.Status == CoverageChecked:
		case checked[cc.Control.ID]:
			cc.Status = CoverageViaParts
		case cc.Control.Automatable == AutomatableEvidence:
			cc.Status, cc.Why = CoverageOtherEvidence, "needs documents, tickets or sign-offs: no configuration or event shows it"
		case cc.Control.Automatable == AutomatableInherited:
			cc.Status, cc.Why = CoverageOtherEvidence, "normally carved out to the cloud provider: use its own SOC 2 / PCI DSS report"
		default:
			cc.Status, cc.Why = CoverageNotYet, "configuration or events could support it, but no built-in check maps to it yet"
		}
	}
	return out
}

// CoverageSummary counts the controls of a coverage list by status.
func CoverageSummary(cov []ControlCoverage) map[string]int {
	n := map[string]int{}
	for _, cc := range cov {
		n[cc.Status]++
	}
	return n
}
