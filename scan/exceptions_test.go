package scan

import (
	"context"
	"os"
	"strconv"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/google/go-cmp/cmp"
)

func TestMatchesResource(t *testing.T) {
	for _, tc := range []struct {
		pattern, root, addr string
		want                bool
	}{
		{"*", "r", `module.b["x"].aws_s3_bucket.this`, true},
		{`module.b["x"].*`, "r", `module.b["x"].aws_s3_bucket.this`, true},
		{`module.b["x"].*`, "r", `module.b["y"].aws_s3_bucket.this`, false},
		{`aws_s3_bucket.logs["a?c"]`, "r", `aws_s3_bucket.logs["abc"]`, true},
		{`aws_s3_bucket.logs[0]`, "r", `aws_s3_bucket.logs[0]`, true},
		{`aws_s3_bucket.logs[*]`, "r", `aws_s3_bucket.logs[12]`, true},
		{`aws_s3_bucket.logs[0]`, "r", `aws_s3_bucket.logs0`, false},
		{"stacks/*:aws_s3_bucket.logs", "stacks/web", "aws_s3_bucket.logs", true},
		{"stacks/web:aws_s3_bucket.logs", "stacks/data", "aws_s3_bucket.logs", false},
		{`module.m["a:b"].*`, "r", `module.m["a:b"].aws_kms_key.k`, true},
		{"aws_*.logs", "r", "aws_s3_bucket.logs", true},
		{"aws_*.logs", "r", "aws_s3_bucket.logs2", false},
		{"**", "r", "", true},
		{`aws_s3_object.files[*]`, "r", `aws_s3_object.files["css/site.css"]`, true},
		{`aws_s3_object.files["css/*"]`, "r", `aws_s3_object.files["css/site.css"]`, true},
		{`aws_s3_object.files["css/*"]`, "r", `aws_s3_object.files["js/site.js"]`, false},
	} {
		if got := matchesResource(tc.pattern, tc.root, tc.addr); got != tc.want {
			t.Errorf("matchesResource(%q, %q, %q) = %v, want %v", tc.pattern, tc.root, tc.addr, got, tc.want)
		}
	}
}

// TestLoad_remembersInlineWaivers: the files a file format loads are given
// to the inline waiver reader as they were read, so that waive finds their
// waivers without reading them again (here they are gone from disk by
// then), and knows that a file without attest:ignore holds none.
func TestLoad_remembersInlineWaivers(t *testing.T) {
	const dockerfile = "FROM alpine:3.20\n" +
		"# attest:ignore docker-secret-env-name reason=\"test key\" expires=2099-01-31\n" +
		"ENV API_TOKEN=abc\n"
	const template = "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  B:\n    Type: AWS::S3::Bucket\n"
	dir := writeTree(t, map[string]string{"svc/Dockerfile": dockerfile, "stack/template.yaml": template})
	inputs, diags := findInputs([]string{dir}, "", nil)
	if len(diags) != 0 || len(inputs) != 2 {
		t.Fatalf("inputs %+v, diagnostics %v", inputs, diags)
	}
	p := Params{waivers: &inlineWaivers{}}
	resources, _, diags := load(context.Background(), inputs, p)
	if len(diags) != 0 || len(resources) != 2 {
		t.Fatalf("resources %+v, diagnostics %v", resources, diags)
	}
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	for _, r := range resources {
		got, ds := p.waivers.at(&attest.Finding{Resource: r.Address, Root: r.Root, Range: attest.Range{File: r.Range.File, StartLine: 3, EndLine: 3}})
		var ids []string
		for _, e := range got {
			ids = append(ids, e.RuleID+" at "+strconv.Itoa(e.Source.Line))
		}
		want := []string(nil)
		if r.Type == "dockerfile" {
			want = []string{"docker-secret-env-name at 2"}
		}
		if diff := cmp.Diff(want, ids); diff != "" || len(ds) != 0 {
			t.Errorf("%s: waivers (-want +got):\n%s\ndiagnostics %v", r.Range.File, diff, ds)
		}
		if lines, ok := p.waivers.files[r.Range.File]; !ok || (r.Type != "dockerfile") != (lines == nil) {
			t.Errorf("%s: remembered %v (%d lines)", r.Range.File, ok, len(lines))
		}
	}
}
