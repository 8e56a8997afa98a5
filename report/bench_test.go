package report_test

import (
	"fmt"
	"io"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/report"
)

// bigReport is a report of 20 rules over 5000 resources: 100000 findings,
// one in ten failing.
func bigReport() *report.Report {
	r := sample()
	rules := r.Rules
	for i := len(rules); i < 20; i++ {
		rl := rules[i%3]
		rl.ID = fmt.Sprintf("%s-%d", rl.ID, i)
		rules = append(rules, rl)
	}
	var fs []attest.Finding
	for res := 0; res < 5000; res++ {
		for _, rl := range rules {
			st := attest.StatusPass
			if (res+len(fs))%10 == 0 {
				st = attest.StatusFail
			}
			fs = append(fs, attest.Finding{RuleID: rl.ID, Severity: rl.Severity, Status: st, Message: "checked",
				Resource: fmt.Sprintf("module.svc[\"%d\"].aws_s3_bucket.this", res), ResourceType: "aws_s3_bucket", Root: "stacks/web",
				Range: attest.Range{File: "modules/bucket/main.tf", StartLine: 1, EndLine: 9}})
		}
	}
	r.Rules, r.Findings = rules, fs
	r.Summary = report.Summarize(rules, fs, r.Diagnostics)
	r.Controls = report.SummarizeControls(rules, fs, []string{attest.FrameworkSOC2, attest.FrameworkPCIDSS}, nil)
	return r
}

func BenchmarkRenderer(b *testing.B) {
	r := bigReport()
	for _, format := range report.Formats() {
		render, _ := report.Lookup(format)
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := render(io.Discard, r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkSummarizeControls(b *testing.B) {
	r := bigReport()
	b.ReportAllocs()
	for b.Loop() {
		report.SummarizeControls(r.Rules, r.Findings, []string{attest.FrameworkSOC2, attest.FrameworkPCIDSS}, nil)
	}
}
