package status_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/report"
	"github.com/attest-dev/attest/report/status"
)

const hostile = "<script>alert(1)</script> | **bold** [x](javascript:y)`"

func sample() *report.Report {
	rules := []attest.Rule{
		{ID: "aws-s3-versioning", Title: "S3 buckets keep object versions", Source: "rules/aws/s3_versioning.rego", Controls: map[string][]string{"soc2": {"A1.2"}}},
		{ID: "aws-s3-tls-only", Title: "S3 buckets refuse plain HTTP", Source: "rules/aws/s3_tls.rego", Remediation: "Deny aws:SecureTransport false."},
		{ID: "k8s-pod-privileged", Title: "Pods do not run privileged", Source: "rules/kubernetes/pod_privileged.rego", Controls: map[string][]string{"pci-dss-4.0": {"2.2.1"}}},
		{ID: "docker-user", Title: "Images do not run as root", Source: "rules/docker/user.rego"},
		{ID: "acme-tags", Title: "Resources carry an owner tag", Source: "my-rules/tags.rego"},
		{ID: "aws-unused", Title: "Checks nothing here", Source: "rules/aws/unused.rego"},
	}
	f := func(rule, res, st string) attest.Finding {
		return attest.Finding{RuleID: rule, Resource: res, Status: st, Range: attest.Range{File: "main.tf", StartLine: 3, EndLine: 9}}
	}
	waived := f("aws-s3-tls-only", "aws_s3_bucket.site", attest.StatusWaived)
	waived.Exception = &attest.Exception{RuleID: "aws-s3-tls-only", Resource: "aws_s3_bucket.site", Justification: hostile, Owner: "web@acme", Expires: time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC), Ticket: "SEC-9"}
	return &report.Report{Rules: rules, Findings: []attest.Finding{
		f("aws-s3-versioning", "aws_s3_bucket.a", attest.StatusPass),
		f("aws-s3-tls-only", "aws_s3_bucket.b", attest.StatusPass),
		waived,
		f("k8s-pod-privileged", "Pod/default/"+hostile, attest.StatusFail),
		f("docker-user", "Dockerfile", attest.StatusUnknown),
		f("acme-tags", "aws_s3_bucket.a", attest.StatusPass),
	}}
}

func TestBuild(t *testing.T) {
	p := status.Build("t", sample())
	var names []string
	for _, pr := range p.Providers {
		names = append(names, pr.Name)
	}
	if strings.Join(names, ",") != "AWS,Kubernetes,Container images,Other" {
		t.Fatalf("sections %v", names)
	}
	aws := p.Providers[0]
	if len(aws.Compliant) != 2 || len(aws.Exceptions) != 1 || len(aws.ExtraSteps) != 0 || aws.Exceptions[0].Ticket != "SEC-9" {
		t.Errorf("AWS = %+v", aws)
	}
	if k := p.Providers[1]; len(k.ExtraSteps) != 1 || !strings.HasPrefix(k.ExtraSteps[0].Why, "fails on 1 resource") {
		t.Errorf("Kubernetes = %+v", k)
	}
	if d := p.Providers[2]; len(d.ExtraSteps) != 1 || !strings.Contains(d.ExtraSteps[0].Why, "could not be decided") {
		t.Errorf("Container images = %+v", d)
	}
}

func TestRender_escapes(t *testing.T) {
	p := status.Build(hostile, sample())
	var md, html bytes.Buffer
	if err := status.Markdown(&md, p); err != nil {
		t.Fatal(err)
	}
	if err := status.HTML(&html, p); err != nil {
		t.Fatal(err)
	}
	// Code spans show their text as it is (Markdown renders no markup
	// inside them); what a span could break out with is replaced.
	// (A backtick escaped with a backslash starts no span.)
	spans := regexp.MustCompile("(?:^|[^\\\\])`[^`]*`")
	for _, span := range spans.FindAllString(md.String(), -1) {
		if strings.Contains(span, "|") {
			t.Errorf("code span %s holds a pipe, which ends a table cell", span)
		}
	}
	outside := spans.ReplaceAllString(md.String(), "")
	for _, bad := range []string{"<script", "](javascript", "**bold**"} {
		if strings.Contains(outside, bad) {
			t.Errorf("markdown contains %q:\n%s", bad, md.String())
		}
	}
	if strings.Contains(html.String(), "<script") || !strings.Contains(html.String(), "&lt;script&gt;") {
		t.Errorf("html does not escape:\n%s", html.String())
	}
}
