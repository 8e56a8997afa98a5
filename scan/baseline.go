package scan

import (
	"encoding/json"
	"errors"
	"os"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/report"
)

// Baseline is the set of failures a previous JSON report had, by rule, root
// and resource address: a failure of the same rule on the same resource is
// known, whatever its message now says (messages may quote values that
// change).
type Baseline struct {
	Path  string
	known map[baselineKey]bool
}

type baselineKey struct{ rule, root, addr string }

// LoadBaseline reads a JSON report written by `attest scan --format json`.
// Failures and waived findings of that report are known: a waiver that
// lapses does not turn an accepted failure into a new one.
func LoadBaseline(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, attest.Errorf(attest.EINVALID, "read baseline: %v", err)
	}
	var doc struct {
		SchemaVersion string `json:"schema_version"`
		Findings      []struct {
			RuleID   string `json:"rule_id"`
			Status   string `json:"status"`
			Resource string `json:"resource"`
			Root     string `json:"root"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, attest.Errorf(attest.EINVALID, "baseline %s: not JSON at byte %d: %v", path, se.Offset, err)
		}
		return nil, attest.Errorf(attest.EINVALID, "baseline %s: %v", path, err)
	}
	if doc.SchemaVersion != report.SchemaVersion {
		return nil, attest.Errorf(attest.EINVALID, "baseline %s: not an attest scan report (schema_version %q, want %q; write one with --format json=FILE)", path, doc.SchemaVersion, report.SchemaVersion)
	}
	b := &Baseline{Path: path, known: map[baselineKey]bool{}}
	for _, f := range doc.Findings {
		if f.Status == attest.StatusFail || f.Status == attest.StatusWaived {
			b.known[baselineKey{f.RuleID, f.Root, f.Resource}] = true
		}
	}
	return b, nil
}

// apply marks the failures that the baseline had as known: they are listed
// but do not fail the scan.
func (b *Baseline) apply(rep *report.Report) {
	rep.Baseline = b.Path
	for i := range rep.Findings {
		f := &rep.Findings[i]
		if f.Status == attest.StatusFail && b.known[baselineKey{f.RuleID, f.Root, f.Resource}] {
			f.Known = true
		}
	}
}
