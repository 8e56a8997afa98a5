package rules_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/iac/terraform"
	"github.com/attest-dev/attest/policy"
)

// fuzzRefs links every fuzzed resource to the resources the join rules look
// for, so that the joins run on fuzzed attributes too.
var fuzzRefs = map[string][]string{
	"bucket":             {"aws_s3_bucket.x"},
	"target_bucket":      {"aws_s3_bucket.x"},
	"group":              {"aws_iam_group.x"},
	"groups":             {"aws_iam_group.x"},
	"user":               {"aws_iam_user.x"},
	"users":              {"aws_iam_user.x"},
	"policy_arn":         {"aws_iam_policy.x"},
	"vpc_id":             {"aws_vpc.x"},
	"cluster_identifier": {"aws_rds_cluster.x"},
	"rule":               {"aws_s3_bucket.x"},
}

// fuzzTypes are the resource types the rules read plus those they join to.
func fuzzTypes(rules []attest.Rule) []string {
	types := []string{
		"aws_s3_bucket_policy", "aws_s3_bucket_server_side_encryption_configuration",
		"aws_s3_bucket_public_access_block", "aws_s3_account_public_access_block",
		"aws_s3_bucket_versioning", "aws_s3_bucket_replication_configuration", "aws_s3_bucket_logging",
		"aws_s3_bucket_acl", "aws_rds_cluster_instance", "aws_iam_group_policy",
		"aws_iam_group_policy_attachment", "aws_iam_policy_attachment", "aws_iam_policy",
		"aws_iam_user_policy", "aws_iam_user_policy_attachment", "aws_flow_log",
		"aws_ecr_registry_scanning_configuration",
	}
	for _, r := range rules {
		types = append(types, r.ResourceTypes...)
	}
	slices.Sort(types)
	return slices.Compact(types)
}

// FuzzRules_Evaluate gives every resource type the same arbitrary attributes
// (decoded from JSON; the key "_unknown" lists unknown paths) and checks that
// no rule errors (no finding has status error) and that every rule reaches exactly one verdict per
// resource: one or more failures, or a single pass or unknown.
func FuzzRules_Evaluate(f *testing.F) {
	ctx := context.Background()
	eng, err := policy.Compile(ctx, policy.Options{})
	if err != nil {
		f.Fatal(err)
	}
	rules := eng.Rules()
	types := fuzzTypes(rules)

	f.Add(`{"policy":"{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}"}`)
	f.Add(`{"policy":"{\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":[\"*\"]},\"Action\":\"s3:*\",\"Condition\":{\"bool\":{\"AWS:SecureTransport\":[\"false\",\"FALSE\"]}}}]}"}`)
	f.Add(`{"policy":"{\"Statement\":[{\"Effect\":\"Deny\",\"Condition\":{\"Bool\":[1]},\"Action\":7}]}"}`)
	f.Add(`{"policy":"not json","acl":"public-read"}`)
	f.Add(`{"ingress":[{"from_port":22,"to_port":"x","protocol":6,"cidr_blocks":"0.0.0.0/0"}],"type":"ingress"}`)
	f.Add(`{"ingress":[{"from_port":0,"to_port":65535,"protocol":"tcp","cidr_blocks":["0.0.0.0/0"]}],"cidr_ipv4":"0.0.0.0/0","ip_protocol":"-1"}`)
	f.Add(`{"server_side_encryption_configuration":"x","versioning":[{"enabled":"yes"}],"default_action":[null],"rule":[{"status":"Enabled","destination":[{"bucket":1}]}]}`)
	f.Add(`{"protocol":"HTTP","default_action":[{"type":"redirect","redirect":[{"protocol":"https"}]}],"ssl_policy":42}`)
	f.Add(`{"multi_az":"true","backup_retention_period":"7","retention_in_days":-1,"minimum_password_length":null,"_unknown":["policy","ingress.0.cidr_blocks","protocol"]}`)
	f.Add(`{"vpc_config":[{"public_access_cidrs":"0.0.0.0/0"}],"encryption_config":[{"resources":"secrets"}],"enabled_cluster_log_types":{"audit":true},"metadata_options":[{"http_tokens":["required"]}]}`)
	f.Add(`{"policy":"{\"Statement\":[\"(known after apply)\",{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"(known after apply)\"},\"Action\":[\"(known after apply)\"],\"Condition\":\"(known after apply)\"}]}","inline_policy":[{"policy":"{\"Statement\":{\"Effect\":\"Allow\",\"Action\":[\"(known after apply)\"],\"Resource\":\"*\"}}"},null]}`)
	f.Add(`{"grant":[{"uri":"http://acs.amazonaws.com/groups/global/AllUsers"},7],"access_control_policy":[{"grant":[{"grantee":[{"uri":1},null]}]}],"access_logs":[{"enabled":"true"}],"_unknown":["grant.0.uri","access_logs.0.enabled","inline_policy.1"]}`)
	f.Add(`{"name":"prod-api","rule":[{"scan_frequency":"SCAN_ON_PUSH","repository_filter":[{"filter":"prod-[*","filter_type":"WILDCARD"},{"filter":7}]}],"users":["x",null],"replicate_source_db":null,"_unknown":["replicate_source_db","engine_mode","ingress.0"]}`)
	// Repeated blocks, as dynamic writes them: no helper may conflict.
	f.Add(`{"metadata_options":[{"http_tokens":"required"},{"http_tokens":"optional"}],"vpc_config":[{"endpoint_public_access":false},{"endpoint_public_access":true}]}`)
	f.Add(`{"customer_master_key_spec":1,"key_usage":null,"enable_key_rotation":true,"rotation_period_in_days":"365","groups":["x"],"availability_zones":"ab"}`)

	f.Fuzz(func(t *testing.T, attrs string) {
		var a map[string]any
		if err := json.Unmarshal([]byte(attrs), &a); err != nil || a == nil {
			return
		}
		var unknown []string
		if list, ok := a["_unknown"].([]any); ok {
			for _, u := range list {
				if s, ok := u.(string); ok {
					unknown = append(unknown, s)
				}
			}
		}
		delete(a, "_unknown")
		resources := make([]attest.Resource, len(types))
		for i, typ := range types {
			resources[i] = attest.Resource{
				Type: typ, Address: typ + ".x", Format: attest.FormatTerraform, Root: "fuzz",
				Attributes: a, Unknown: unknown, Refs: fuzzRefs,
			}
		}
		findings, err := eng.Evaluate(ctx, resources)
		if err != nil {
			t.Fatalf("Evaluate: %v", err)
		}
		type key struct{ rule, resource string }
		verdicts := map[key][]string{}
		for _, f := range findings {
			verdicts[key{f.RuleID, f.Resource}] = append(verdicts[key{f.RuleID, f.Resource}], f.Status)
			if f.Status == attest.StatusError {
				t.Errorf("%s on %s: %s", f.RuleID, f.Resource, f.Message)
			}
		}
		for _, r := range rules {
			for _, typ := range r.ResourceTypes {
				got := verdicts[key{r.ID, typ + ".x"}]
				switch {
				case len(got) == 0:
					t.Errorf("%s on %s: no verdict", r.ID, typ)
				case len(got) > 1 && slices.ContainsFunc(got, func(s string) bool { return s != attest.StatusFail }):
					t.Errorf("%s on %s: verdicts %v", r.ID, typ, got)
				}
			}
		}
	})
}

// BenchmarkRules_Evaluate evaluates every built-in rule against the
// resources of every fixture case, loaded once.
func BenchmarkRules_Evaluate(b *testing.B) {
	ctx := context.Background()
	eng, err := policy.Compile(ctx, policy.Options{})
	if err != nil {
		b.Fatal(err)
	}
	var resources []attest.Resource
	cases, _ := filepath.Glob(filepath.Join("*", "testdata", "*", "*"))
	for _, dir := range cases {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			continue
		}
		res, err := terraform.LoadModule(ctx, dir, terraform.Options{})
		if err != nil {
			b.Fatal(err)
		}
		resources = append(resources, res.Resources...)
	}
	for b.Loop() {
		if _, err := eng.Evaluate(ctx, resources); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(resources)), "resources")
}
