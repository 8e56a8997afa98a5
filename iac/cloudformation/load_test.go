package cloudformation_test

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/iac/cloudformation"
	"github.com/google/go-cmp/cmp"
)

func load(t *testing.T, file string, opts cloudformation.Options) (map[string]attest.Resource, attest.Diagnostics) {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	rs, diags := cloudformation.Load(file, src, opts)
	out := map[string]attest.Resource{}
	for _, r := range rs {
		out[r.Address] = r
	}
	return out, diags
}

func TestLoad_Template(t *testing.T) {
	file := filepath.Join("testdata", "full.yaml")
	rs, diags := load(t, file, cloudformation.Options{})
	if diags.HasErrors() {
		t.Fatalf("diagnostics: %v", diags)
	}

	t.Run("false condition drops the resource", func(t *testing.T) {
		if _, ok := rs["ProdOnly"]; ok {
			t.Error("ProdOnly (Condition IsProd, Env defaults to dev) was loaded")
		}
	})
	t.Run("undecidable condition keeps the resource with a warning", func(t *testing.T) {
		if _, ok := rs["MaybeUs"]; !ok {
			t.Fatal("MaybeUs missing")
		}
		if len(diags) != 1 || diags[0].Severity != attest.DiagWarning || !strings.Contains(diags[0].Detail, "ProdOrUs") || diags[0].Pos.Line != 69 {
			t.Errorf("diagnostics %v, want one warning about ProdOrUs at line 69", diags)
		}
	})
	t.Run("bucket", func(t *testing.T) {
		b := rs["DataBucket"]
		want := attest.Resource{
			Type: "AWS::S3::Bucket", Address: "DataBucket", Provider: "aws", Format: attest.FormatCloudFormation, Root: file,
			Attributes: map[string]any{
				"VersioningConfiguration": map[string]any{"Status": "Suspended"},
				"BucketEncryption": map[string]any{"ServerSideEncryptionConfiguration": []any{
					map[string]any{"ServerSideEncryptionByDefault": map[string]any{"SSEAlgorithm": "aws:kms"}},
				}},
				"Tags": []any{map[string]any{"Key": "env", "Value": "dev"}},
			},
			// The account id is a pseudo parameter not given; KmsKey has
			// no default.
			Unknown: []string{"BucketEncryption.ServerSideEncryptionConfiguration.0.ServerSideEncryptionByDefault.KMSMasterKeyID", "BucketName"},
			Range:   attest.Range{File: file, StartLine: 31, EndLine: 45},
		}
		if diff := cmp.Diff(want, b); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
	t.Run("policy refers to its bucket", func(t *testing.T) {
		p := rs["DataBucketPolicy"]
		for _, path := range []string{"Bucket", "PolicyDocument", "PolicyDocument.Statement.0.Resource.0", "PolicyDocument.Statement.0.Resource.1"} {
			if diff := cmp.Diff([]string{"DataBucket"}, p.Refs[path]); diff != "" {
				t.Errorf("Refs[%s] (-want +got):\n%s", path, diff)
			}
		}
		stmt := p.Attributes["PolicyDocument"].(map[string]any)["Statement"].([]any)[0].(map[string]any)
		if stmt["Effect"] != "Deny" || stmt["Condition"].(map[string]any)["Bool"].(map[string]any)["aws:SecureTransport"] != false {
			t.Errorf("statement %v", stmt)
		}
		// Inside a policy document an unknown value is written as the
		// placeholder the rules read as "could be anything".
		if diff := cmp.Diff([]string{"Bucket"}, p.Unknown); diff != "" {
			t.Errorf("Unknown (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]any{cloudformation.UnknownValue, cloudformation.UnknownValue}, stmt["Resource"]); diff != "" {
			t.Errorf("Resource (-want +got):\n%s", diff)
		}
	})
	t.Run("functions", func(t *testing.T) {
		m := rs["MaybeUs"]
		want := map[string]any{"TopicName": "maybe-subnet-b-eA==", "DisplayName": "a7"}
		if diff := cmp.Diff(want, m.Attributes); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]string{"KmsMasterKeyId"}, m.Unknown); diff != "" {
			t.Errorf("Unknown (-want +got):\n%s", diff)
		}
		s := rs["Server"]
		if s.Attributes["SubnetId"] != "s1" {
			t.Errorf("SubnetId = %v", s.Attributes["SubnetId"])
		}
		if diff := cmp.Diff([]string{"AvailabilityZone", "ImageId"}, s.Unknown); diff != "" {
			t.Errorf("Server Unknown (SSM parameter, GetAZs) (-want +got):\n%s", diff)
		}
	})
}

func TestLoad_Parameters(t *testing.T) {
	file := filepath.Join("testdata", "full.yaml")
	rs, diags := load(t, file, cloudformation.Options{Parameters: map[string]string{
		"Env": "prod", "KmsKey": "alias/data", "AWS::AccountId": "123456789012", "AWS::Region": "eu-west-1",
	}})
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	b := rs["DataBucket"]
	if b.Attributes["BucketName"] != "data-prod-123456789012" || len(b.Unknown) != 0 {
		t.Errorf("BucketName %v, unknown %v", b.Attributes["BucketName"], b.Unknown)
	}
	if got := b.Attributes["VersioningConfiguration"].(map[string]any)["Status"]; got != "Enabled" {
		t.Errorf("versioning from the prod mapping = %v", got)
	}
	if tags := b.Attributes["Tags"].([]any); len(tags) != 2 {
		t.Errorf("tags %v, want the conditional tier tag too", tags)
	}
	if _, ok := rs["ProdOnly"]; !ok {
		t.Error("ProdOnly missing with Env=prod")
	}
	if got := rs["MaybeUs"].Attributes["DisplayName"]; got != "other" {
		t.Errorf("DisplayName = %v", got)
	}
}

func TestLoad_UndecidableIf(t *testing.T) {
	src := `Parameters:
  Mode: {Type: String}
Conditions:
  Strict: !Equals [!Ref Mode, strict]
Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      VersioningConfiguration: !If
        - Strict
        - {Status: Enabled, MFADelete: Enabled}
        - {Status: Enabled}
      PublicAccessBlockConfiguration:
        BlockPublicAcls: !If [Strict, true, false]
        IgnorePublicAcls: true
`
	rs, diags := cloudformation.Load("t.yaml", []byte(src), cloudformation.Options{})
	if len(diags) != 0 || len(rs) != 1 {
		t.Fatalf("%d resources, diagnostics %v", len(rs), diags)
	}
	want := map[string]any{
		"VersioningConfiguration":        map[string]any{"Status": "Enabled"},
		"PublicAccessBlockConfiguration": map[string]any{"IgnorePublicAcls": true},
	}
	if diff := cmp.Diff(want, rs[0].Attributes); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"PublicAccessBlockConfiguration.BlockPublicAcls", "VersioningConfiguration.MFADelete"}, rs[0].Unknown); diff != "" {
		t.Errorf("Unknown (-want +got):\n%s", diff)
	}
}

func TestLoad_SAMAndJSON(t *testing.T) {
	rs, diags := load(t, filepath.Join("testdata", "sam.yaml"), cloudformation.Options{})
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	fn := rs["Fn"]
	if fn.Type != "AWS::Serverless::Function" || fn.Attributes["Runtime"] != "python3.12" || fn.Range.StartLine != 4 || fn.Range.EndLine != 11 {
		t.Errorf("function %+v", fn)
	}
	if diff := cmp.Diff([]string{"Store"}, fn.Refs["Policies"]); diff != "" {
		t.Errorf("Refs (-want +got):\n%s", diff)
	}
	if _, ok := rs["Store"]; !ok {
		t.Error("a resource without Properties is loaded too")
	}

	rs, diags = load(t, filepath.Join("testdata", "template.json"), cloudformation.Options{Parameters: map[string]string{"AWS::Region": "eu-west-1"}})
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	if got := rs["Logs"].Attributes["BucketName"]; got != "logs-eu-west-1" {
		t.Errorf("BucketName = %v", got)
	}
	if p := rs["Policy"]; p.Range.StartLine != 10 || p.Range.EndLine != 14 || p.Refs["Bucket"][0] != "Logs" {
		t.Errorf("policy %+v", p)
	}
}

func TestLoad_Errors(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"yaml syntax", "Resources:\n  A:\n    Type: AWS::S3::Bucket\n  Properties: x: y\n", "t.yaml:4: error: template does not parse"},
		{"json syntax", "{\"Resources\": {\n  \"A\": {\"Type\": \"AWS::S3::Bucket\",}\n}}\n", "t.yaml:2:35: error: template does not parse"},
		{"join shape", "Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Join [a, b, c]\n", "t.yaml:5:19: error: invalid template: Fn::Join takes a list"},
		{"getatt shape", "Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !GetAtt A\n", "t.yaml:5:19: error: invalid template: Fn::GetAtt takes"},
		{"undeclared ref", "Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: {Ref: Nope}\n", "t.yaml:5:19: error: invalid template: Ref to Nope"},
		{"missing mapping key", "Mappings:\n  M: {a: {b: c}}\nResources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !FindInMap [M, a, z]\n", "t.yaml:7:19: error: invalid template: Fn::FindInMap: second-level key \"z\""},
		{"undeclared condition", "Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Condition: Nope\n", "t.yaml:4:16: error: invalid template: condition Nope is not declared"},
		{"condition cycle", "Conditions:\n  A: !Condition B\n  B: !Not [!Condition A]\nResources:\n  R:\n    Type: AWS::SNS::Topic\n    Condition: A\n", "depends on itself"},
		{"no resources", "AWSTemplateFormatVersion: '2010-09-09'\n", "t.yaml:1:1: error: invalid template: template has no Resources section"},
		{"not a mapping", "- a\n", "t.yaml:1:1: error: invalid template: template is not a mapping"},
		{"type not a string", "Resources:\n  A:\n    Type: [x]\n", "t.yaml:3:11: error: invalid template: Type of resource A must be a string"},
		{"select out of range", "Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Select [3, [a, b]]\n", "Fn::Select index 3 is outside the list of 2 values"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := cloudformation.Load("t.yaml", []byte(tc.src), cloudformation.Options{})
			if !diags.HasErrors() || !strings.Contains(diags.Error(), tc.want) {
				t.Errorf("diagnostics %q, want one containing %q", diags.Error(), tc.want)
			}
		})
	}
}

func TestLoad_AliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 12; i++ {
		b.WriteString(strings.ReplaceAll("aN: &aN [*aP, *aP, *aP, *aP, *aP, *aP, *aP, *aP, *aP, *aP]\n", "N", string(rune('0'+i%10))+strings.Repeat("x", i/10)))
		s := b.String()
		b.Reset()
		b.WriteString(strings.ReplaceAll(s, "aP", "a"+string(rune('0'+(i-1)%10))+strings.Repeat("x", (i-1)/10)))
	}
	b.WriteString("Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      Tags: *a1x\n")
	rs, diags := cloudformation.Load("bomb.yaml", []byte(b.String()), cloudformation.Options{MaxSteps: 100_000})
	if !diags.HasErrors() || !strings.Contains(diags.Error(), "evaluation stopped") {
		t.Fatalf("diagnostics %v", diags)
	}
	if len(rs) != 1 || len(rs[0].Unknown) == 0 {
		t.Errorf("resources %+v", rs)
	}
}

func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		name, head string
		want       bool
	}{
		{"a.yaml", "AWSTemplateFormatVersion: '2010-09-09'\n", true},
		{"a.template", `{"AWSTemplateFormatVersion": "2010-09-09"}`, true},
		{"stack.yml", "Resources:\n  B:\n    Type: AWS::S3::Bucket\n", true},
		{"stack.json", `{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}`, true},
		{"template", "Resources:\n  B:\n    Type: 'AWS::S3::Bucket'\n", true},
		{"deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\n", false},
		{"opta.yaml", "name: x\nmodules:\n  - type: aws-s3\n", false},
		{"notes.md", "AWSTemplateFormatVersion: '2010-09-09'\n", false},
		{"vars.yaml", "Resources:\n  cpu: 2\n", false},
	} {
		if got := cloudformation.Detect(tc.name, []byte(tc.head)); got != tc.want {
			t.Errorf("Detect(%s, %q) = %v, want %v", tc.name, tc.head, got, tc.want)
		}
	}
}

func TestParseParameters(t *testing.T) {
	want := map[string]string{"Env": "prod", "Count": "3", "Subnets": "a,b"}
	for name, src := range map[string]string{
		"cli":    `[{"ParameterKey": "Env", "ParameterValue": "prod"}, {"ParameterKey": "Count", "ParameterValue": 3}, {"ParameterKey": "Subnets", "ParameterValue": "a,b"}, {"ParameterKey": "Old", "UsePreviousValue": true}]`,
		"config": `{"Parameters": {"Env": "prod", "Count": "3", "Subnets": ["a", "b"]}, "Tags": {"team": "x"}}`,
	} {
		t.Run(name, func(t *testing.T) {
			got, err := cloudformation.ParseParameters("p.json", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			want := maps.Clone(want)
			if name == "cli" {
				want["Old"] = cloudformation.PreviousValue // the deployed value: unknown
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	for _, src := range []string{`{"Env": "prod"}`, `[{"ParameterValue": "x"}]`, "[\n  {\"ParameterKey\": \"A\",\n   \"ParameterValue\": }]"} {
		if _, err := cloudformation.ParseParameters("p.json", []byte(src)); err == nil || !strings.Contains(err.Error(), "p.json:") {
			t.Errorf("ParseParameters(%s) error %v, want one naming p.json", src, err)
		}
	}
}
