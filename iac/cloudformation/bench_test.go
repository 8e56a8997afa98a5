package cloudformation_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/attest-dev/attest/iac/cloudformation"
)

// BenchmarkLoad loads a template of 500 buckets, each with a bucket policy
// that refers to it and a few intrinsics.
func BenchmarkLoad(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  Env: {Type: String, Default: prod}\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n")
	for i := range 500 {
		fmt.Fprintf(&sb, `  Bucket%[1]d:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "data-%[1]d-${Env}"
      VersioningConfiguration: {Status: !If [IsProd, Enabled, Suspended]}
  Policy%[1]d:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket%[1]d
      PolicyDocument:
        Statement:
          - {Effect: Deny, Principal: "*", Action: "s3:*", Resource: [!GetAtt Bucket%[1]d.Arn, !Sub "${Bucket%[1]d.Arn}/*"], Condition: {Bool: {"aws:SecureTransport": false}}}
`, i)
	}
	src := []byte(sb.String())
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		rs, diags := cloudformation.Load("bench.yaml", src, cloudformation.Options{})
		if len(rs) != 1000 || diags.HasErrors() {
			b.Fatalf("%d resources, %v", len(rs), diags)
		}
	}
}
