package tfplan_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/iac/tfplan"
	"github.com/google/go-cmp/cmp"
)

func loadFile(t *testing.T, path string) ([]attest.Resource, attest.Diagnostics) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, diags, err := tfplan.Load(path, f)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return res, diags
}

func byAddress(rs []attest.Resource) map[string]attest.Resource {
	m := make(map[string]attest.Resource, len(rs))
	for _, r := range rs {
		m[r.Address] = r
	}
	return m
}

func TestLoad_plan(t *testing.T) {
	path := filepath.Join("testdata", "plan.json")
	res, diags := loadFile(t, path)
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}

	var addrs []string
	for _, r := range res {
		addrs = append(addrs, r.Address)
	}
	// aws_s3_bucket.old is planned for deletion and must not appear.
	wantAddrs := []string{
		"aws_kms_key.main",
		"aws_s3_bucket.logs",
		"aws_s3_bucket_policy.logs",
		"aws_s3_bucket_server_side_encryption_configuration.logs",
		"aws_s3_bucket_versioning.logs",
		"aws_security_group.web[0]",
		"aws_security_group.web[1]",
		"data.aws_iam_policy_document.tls_only",
		`module.buckets["assets"].aws_s3_bucket.this`,
		`module.buckets["assets"].aws_s3_bucket_public_access_block.this`,
		`module.buckets["backups"].aws_s3_bucket.this`,
		`module.buckets["backups"].aws_s3_bucket_public_access_block.this`,
		"module.db.aws_db_instance.this[0]",
		"module.db.module.logs.aws_cloudwatch_log_group.this",
	}
	if diff := cmp.Diff(wantAddrs, addrs); diff != "" {
		t.Fatalf("addresses (-want +got):\n%s", diff)
	}
	m := byAddress(res)

	t.Run("encryption with nested unknowns and refs", func(t *testing.T) {
		got := m["aws_s3_bucket_server_side_encryption_configuration.logs"]
		want := attest.Resource{
			Type:     "aws_s3_bucket_server_side_encryption_configuration",
			Address:  "aws_s3_bucket_server_side_encryption_configuration.logs",
			Mode:     "managed",
			Provider: "aws",
			Format:   attest.FormatTerraformPlan,
			Root:     path,
			Attributes: map[string]any{
				"expected_bucket_owner": nil,
				"rule": []any{map[string]any{
					"apply_server_side_encryption_by_default": []any{map[string]any{"sse_algorithm": "aws:kms"}},
					"bucket_key_enabled":                      true,
				}},
			},
			Unknown: []string{"bucket", "id", "rule.0.apply_server_side_encryption_by_default.0.kms_master_key_id"},
			Refs: map[string][]string{
				"bucket": {"aws_s3_bucket.logs"},
				"rule.0.apply_server_side_encryption_by_default.0.kms_master_key_id": {"aws_kms_key.main"},
			},
			Range: attest.Range{File: path},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("resource (-want +got):\n%s", diff)
		}
	})

	t.Run("numbers", func(t *testing.T) {
		kms := m["aws_kms_key.main"].Attributes
		if v, ok := kms["deletion_window_in_days"].(int64); !ok || v != 30 {
			t.Errorf("deletion_window_in_days = %#v, want int64 30", kms["deletion_window_in_days"])
		}
		sg := m["aws_security_group.web[1]"].Attributes
		port := sg["ingress"].([]any)[0].(map[string]any)["from_port"]
		if port != int64(443) {
			t.Errorf("ingress from_port = %#v, want int64 443", port)
		}
	})

	t.Run("module resources", func(t *testing.T) {
		pab := m[`module.buckets["assets"].aws_s3_bucket_public_access_block.this`]
		if pab.Module != `module.buckets["assets"]` {
			t.Errorf("Module = %q", pab.Module)
		}
		wantRefs := map[string][]string{"bucket": {`module.buckets["assets"].aws_s3_bucket.this`}}
		if diff := cmp.Diff(wantRefs, pab.Refs); diff != "" {
			t.Errorf("refs (-want +got):\n%s", diff)
		}
		lg := m["module.db.module.logs.aws_cloudwatch_log_group.this"]
		if lg.Module != "module.db.module.logs" || lg.Type != "aws_cloudwatch_log_group" {
			t.Errorf("log group: module %q type %q", lg.Module, lg.Type)
		}
		if lg.Attributes["retention_in_days"] != int64(0) {
			t.Errorf("retention_in_days = %#v", lg.Attributes["retention_in_days"])
		}
	})

	t.Run("sensitive values are kept", func(t *testing.T) {
		db := m["module.db.aws_db_instance.this[0]"]
		if db.Attributes["password"] != "s3cr3t-from-tfvars" {
			t.Errorf("password = %#v", db.Attributes["password"])
		}
		if !containsAll(db.Unknown, "kms_key_id", "arn") {
			t.Errorf("unknown = %v, want kms_key_id and arn", db.Unknown)
		}
		if _, ok := db.Attributes["kms_key_id"]; ok {
			t.Errorf("unknown kms_key_id present in attributes")
		}
		// References to variables and module outputs are not resources.
		if db.Refs != nil {
			t.Errorf("refs = %v, want none", db.Refs)
		}
	})

	t.Run("data source", func(t *testing.T) {
		d := m["data.aws_iam_policy_document.tls_only"]
		if d.Mode != "data" || d.Type != "aws_iam_policy_document" {
			t.Errorf("mode %q type %q", d.Mode, d.Type)
		}
		want := map[string][]string{"statement.0.resources": {"aws_s3_bucket.logs"}}
		if diff := cmp.Diff(want, d.Refs); diff != "" {
			t.Errorf("refs (-want +got):\n%s", diff)
		}
		if !containsAll(d.Unknown, "json", "statement.0.resources") {
			t.Errorf("unknown = %v", d.Unknown)
		}
	})

	t.Run("update keeps known values", func(t *testing.T) {
		b := m[`module.buckets["backups"].aws_s3_bucket.this`]
		if b.Attributes["arn"] != "arn:aws:s3:::acme-backups" || len(b.Unknown) != 0 {
			t.Errorf("arn %v unknown %v", b.Attributes["arn"], b.Unknown)
		}
	})
}

func containsAll(list []string, want ...string) bool {
	for _, w := range want {
		found := false
		for _, l := range list {
			found = found || l == w
		}
		if !found {
			return false
		}
	}
	return true
}

func TestLoad_errors(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  attest.Pos
		in    string // substring of the diagnostic's text
	}{
		{
			name:  "syntax error on line 3",
			input: "{\n  \"format_version\": \"1.2\",\n  \"planned_values\": {,}\n}",
			want:  attest.Pos{File: "p.json", Line: 3, Column: 22},
			in:    "byte offset 50",
		},
		{
			name:  "truncated",
			input: "{\"format_version\": \"1.2\", \"planned_values\": {",
			want:  attest.Pos{File: "p.json", Line: 1, Column: 46},
			in:    "unexpected end",
		},
		{
			name:  "wrong type",
			input: "{\"format_version\": \"1.2\",\n\"resource_changes\": 7}",
			want:  attest.Pos{File: "p.json", Line: 2, Column: 21},
			in:    "resource_changes",
		},
		{
			name:  "trailing data",
			input: "{\"format_version\": \"1.2\"}\n{}",
			want:  attest.Pos{File: "p.json", Line: 2, Column: 2},
			in:    "after the JSON document",
		},
		{
			name:  "unsupported format version",
			input: `{"format_version": "2.0", "planned_values": {}}`,
			want:  attest.Pos{File: "p.json"},
			in:    `"2.0"`,
		},
		{
			name:  "no format version",
			input: `{"planned_values": {}}`,
			want:  attest.Pos{File: "p.json"},
			in:    "not a Terraform plan",
		},
		{
			name:  "resource without type",
			input: `{"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"address": "x.y"}]}}}`,
			want:  attest.Pos{File: "p.json"},
			in:    "without address or type",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, diags, err := tfplan.Load("p.json", strings.NewReader(tt.input))
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if len(res) != 0 {
				t.Errorf("resources = %v, want none", res)
			}
			if len(diags) != 1 || diags[0].Severity != attest.DiagError {
				t.Fatalf("diagnostics = %v, want one error", diags)
			}
			if diff := cmp.Diff(tt.want, diags[0].Pos); diff != "" {
				t.Errorf("pos (-want +got):\n%s", diff)
			}
			if !strings.Contains(diags[0].String(), tt.in) {
				t.Errorf("diagnostic %q does not mention %q", diags[0], tt.in)
			}
		})
	}
}

func TestLoad_readError(t *testing.T) {
	_, _, err := tfplan.Load("p.json", errReader{})
	if err == nil || !strings.Contains(err.Error(), "read p.json") {
		t.Fatalf("err = %v, want read p.json: ...", err)
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, os.ErrClosed }

func TestDetect(t *testing.T) {
	plan, err := os.ReadFile(filepath.Join("testdata", "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data string
		want bool
	}{
		{"plan fixture", string(plan), true},
		{"changes only", `{"format_version":"1.2","resource_changes":[]}`, true},
		{"state show json", `{"format_version":"1.0","values":{}}`, false},
		{"state file", `{"version":4,"terraform_version":"1.9.5","resources":[]}`, false},
		{"array", `[{"format_version":"1.2"}]`, false},
		{"not json", `resource "aws_s3_bucket" "b" {}`, false},
		{"empty", ``, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tfplan.Detect([]byte(tt.data)); got != tt.want {
				t.Errorf("Detect = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestResourceAddress(t *testing.T) {
	tests := []struct {
		ref  string
		want string
		ok   bool
	}{
		{"aws_s3_bucket.b.id", "aws_s3_bucket.b", true},
		{"aws_s3_bucket.b", "aws_s3_bucket.b", true},
		{"aws_s3_bucket.b[0].arn", "aws_s3_bucket.b[0]", true},
		{`aws_subnet.a["x.y]"].id`, `aws_subnet.a["x.y]"]`, true},
		{"data.aws_iam_policy_document.p.json", "data.aws_iam_policy_document.p", true},
		{"aws_security_group.web[count.index]", "aws_security_group.web[count.index]", true},
		{"var.x", "", false},
		{"local.tags", "", false},
		{"module.db.endpoint", "", false},
		{"each.value", "", false},
		{"count.index", "", false},
		{"path.module", "", false},
		{"self.id", "", false},
		{"data.x", "", false},
		{"aws_s3_bucket", "", false},
		{"aws_s3_bucket.b[0", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.ref, func(t *testing.T) {
			got, ok := tfplan.ResourceAddress(tt.ref)
			if got != tt.want || ok != tt.ok {
				t.Errorf("ResourceAddress(%q) = %q, %v; want %q, %v", tt.ref, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestLoad_instanceRefs(t *testing.T) {
	doc := `{"format_version":"1.2",
"planned_values":{"root_module":{"resources":[
 {"address":"aws_s3_bucket_policy.p[0]","mode":"managed","type":"aws_s3_bucket_policy","name":"p","index":0,
  "provider_name":"registry.terraform.io/hashicorp/aws","values":{"big":12345678901234567890,"ratio":0.25}}]}},
"configuration":{"root_module":{"resources":[
 {"address":"aws_s3_bucket_policy.p","mode":"managed","type":"aws_s3_bucket_policy","name":"p",
  "expressions":{"bucket":{"references":["aws_s3_bucket.b[0].id","aws_s3_bucket.b[0]","aws_s3_bucket.b"]}}}]}}}`
	res, diags, err := tfplan.Load("p.json", strings.NewReader(doc))
	if err != nil || len(diags) != 0 {
		t.Fatalf("Load: %v %v", err, diags)
	}
	if len(res) != 1 {
		t.Fatalf("got %d resources", len(res))
	}
	if diff := cmp.Diff(map[string][]string{"bucket": {"aws_s3_bucket.b[0]"}}, res[0].Refs); diff != "" {
		t.Errorf("refs (-want +got):\n%s", diff)
	}
	if got := res[0].Attributes["big"]; got != float64(12345678901234567890) {
		t.Errorf("big = %#v, want float64", got)
	}
	if got := res[0].Attributes["ratio"]; got != 0.25 {
		t.Errorf("ratio = %#v, want 0.25", got)
	}
}
