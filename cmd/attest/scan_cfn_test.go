package main

import (
	"strings"
	"testing"
)

// TestScan_CloudFormationExample scans the shipped CloudFormation example
// with the same rule ids as the Terraform one, and checks that
// --cfn-param, --cfn-params and --format-only reach the scan.
func TestScan_CloudFormationExample(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		code int
		want []string
		not  []string
	}{
		{"defaults", []string{"scan", "../../examples/aws-cfn"}, exitFindings,
			[]string{"aws-s3-tls-only", "resource: Uploads", "examples/aws-cfn/storage.yaml:64-68", "Add an AWS::S3::BucketPolicy", "resource: Archive"},
			[]string{"ProdReplica"}},
		{"prod parameters", []string{"scan", "--rule", "aws-s3-versioning", "--fail-on", "low", "--cfn-params", "../../examples/aws-cfn/prod-parameters.json", "../../examples/aws-cfn"}, exitOK,
			[]string{"Result: PASS"}, nil},
		{"parameter flag", []string{"scan", "--rule", "aws-s3-versioning", "--fail-on", "low", "--cfn-param", "Env=prod", "../../examples/aws-cfn"}, exitOK,
			[]string{"Result: PASS"}, nil},
		{"bad parameter flag", []string{"scan", "--cfn-param", "Env", "../../examples/aws-cfn"}, exitInput,
			[]string{`--cfn-param "Env": want NAME=VALUE`}, nil},
		{"format-only", []string{"scan", "--format-only", "terraform", "../../examples/aws-cfn"}, exitInput,
			[]string{"nothing to scan: 1 input(s) found, none of format terraform"}, nil},
		{"unknown format", []string{"scan", "--format-only", "terraform,pulumi", "../../examples/aws-cfn"}, exitInput,
			[]string{`unknown input format "pulumi"`}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, stdout, stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(stdout+stderr, w) {
					t.Errorf("output lacks %q\nstdout:\n%s\nstderr:\n%s", w, stdout, stderr)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(stdout+stderr, w) {
					t.Errorf("output has %q", w)
				}
			}
		})
	}
}
