// Package evidencetest builds real scan reports (report.JSON, valid against
// report.Schema) with chosen verdicts, and stores them as evidence, for the
// tests and benchmarks of the evidence store, its snapshots and the
// auditor reports.
package evidencetest

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/evidence"
	"github.com/attest-dev/attest/report"
)

// Rules are the rules of every report ScanBody makes: aws-s3-encryption
// supports SOC 2 CC6.1 and PCI DSS 3.5.1; aws-cloudtrail-enabled SOC 2 CC7.2
// and PCI DSS 10.2.1; k8s-privileged SOC 2 CC6.1 and CC6.8.
var Rules = []attest.Rule{
	{ID: "aws-s3-encryption", Title: "S3 buckets encrypt data at rest", Severity: attest.SeverityHigh,
		Controls:    map[string][]string{attest.FrameworkSOC2: {"CC6.1"}, attest.FrameworkPCIDSS: {"3.5.1"}},
		Remediation: "Set server_side_encryption_configuration.", ResourceTypes: []string{"aws_s3_bucket"}},
	{ID: "aws-cloudtrail-enabled", Title: "CloudTrail records API activity", Severity: attest.SeverityMedium,
		Controls:    map[string][]string{attest.FrameworkSOC2: {"CC7.2"}, attest.FrameworkPCIDSS: {"10.2.1"}},
		Remediation: "Enable a multi-region trail.", ResourceTypes: []string{"aws_cloudtrail"}},
	{ID: "k8s-privileged", Title: "Pods do not run privileged", Severity: attest.SeverityCritical,
		Controls:    map[string][]string{attest.FrameworkSOC2: {"CC6.1", "CC6.8"}},
		Remediation: "Set securityContext.privileged: false.", ResourceTypes: []string{"Pod"}},
}

// Verdict is one finding of a report: a rule's status on a resource.
type Verdict struct {
	Rule, Resource, Status string
	// Root is the root the resource belongs to (default "infra"); the
	// report's roots are those of its verdicts.
	Root string
	// Exception waives a finding of status waived.
	Exception *attest.Exception
}

// ScanBody returns the JSON of a scan report started at started with the
// given verdicts (and, with gap set, a coverage gap).
func ScanBody(started time.Time, gap bool, verdicts ...Verdict) []byte {
	rules := map[string]attest.Rule{}
	for _, r := range Rules {
		rules[r.ID] = r
	}
	rep := &report.Report{
		SchemaVersion: report.SchemaVersion,
		Tool:          report.Tool{Name: "attest", Version: "test"},
		Started:       started.UTC(),
		Rules:         Rules,
		FailOn:        attest.SeverityHigh,
	}
	for i, v := range verdicts {
		r := rules[v.Rule]
		root := cmp.Or(v.Root, "infra")
		if !slices.Contains(rep.Roots, root) {
			rep.Roots = append(rep.Roots, root)
		}
		f := attest.Finding{RuleID: v.Rule, Severity: r.Severity, Status: v.Status, Resource: v.Resource,
			ResourceType: r.ResourceTypes[0], Root: root, Range: attest.Range{File: root + "/main.tf", StartLine: 1 + 10*i, EndLine: 9 + 10*i},
			Message: fmt.Sprintf("%s on %s", r.Title, v.Resource)}
		if v.Status == attest.StatusWaived {
			f.Exception = v.Exception
		}
		rep.Findings = append(rep.Findings, f)
	}
	if len(rep.Roots) == 0 {
		rep.Roots = []string{"infra"}
	}
	if gap {
		rep.Diagnostics = attest.Diagnostics{{Severity: attest.DiagGap, Pos: attest.Pos{File: "infra/main.tf", Line: 3}, Summary: "count is known only at apply time"}}
	}
	rep.Summary = report.Summarize(rep.Rules, rep.Findings, rep.Diagnostics)
	rep.Controls = report.SummarizeControls(rep.Rules, rep.Findings, []string{attest.FrameworkSOC2, attest.FrameworkPCIDSS}, nil)
	var buf bytes.Buffer
	if err := report.JSON(&buf, rep); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// Store is where AddScan stores: the evidence store of a backend.
type Store interface {
	attest.EvidenceStore
}

// AddScan stores a scan report of repository received at received, through
// evidence.New (so the body is checked as an upload is), and returns it.
func AddScan(ctx context.Context, st Store, repository string, received time.Time, gap bool, verdicts ...Verdict) (*attest.Evidence, error) {
	e, rec, err := evidence.New(attest.EvidenceScan, ScanBody(received.Add(-time.Minute), gap, verdicts...),
		evidence.Meta{Repository: repository, Commit: fmt.Sprintf("%x", received.Unix()), Branch: "main"}, "ci", received)
	if err != nil {
		return nil, err
	}
	if err := st.AddEvidence(ctx, e, rec); err != nil {
		return nil, err
	}
	return e, nil
}
