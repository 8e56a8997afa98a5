package terraform_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/iac/terraform"
	"github.com/google/go-cmp/cmp"
)

// TestLoadModule_JSON loads a root written in *.tf.json: variables with type
// constraints, locals, templates with escapes, tags as a map, a nested
// block, a dynamic block, count, a module call and references from JSON to
// JSON, each resource at its line in the JSON file.
func TestLoadModule_JSON(t *testing.T) {
	res, rs := load(t, "json", terraform.Options{})
	if len(res.Diagnostics) != 0 {
		t.Errorf("want no diagnostics, got:\n%s", res.Diagnostics.Error())
	}
	file := filepath.Join("testdata", "json", "main.tf.json")
	logs := get(t, rs, "aws_s3_bucket.logs")
	want := map[string]any{
		"bucket":     "acme-prod-logs",
		"tags":       map[string]any{"Owner": "platform", "kubernetes.io/role": "logs"},
		"versioning": []any{map[string]any{"enabled": true}},
	}
	if diff := cmp.Diff(want, logs.Attributes); diff != "" {
		t.Errorf("aws_s3_bucket.logs attributes (-want +got):\n%s", diff)
	}
	if want := (attest.Range{File: file, StartLine: 19, EndLine: 31}); logs.Range != want {
		t.Errorf("Range = %v, want %v", logs.Range, want)
	}
	sg := get(t, rs, "aws_security_group.web")
	ingress, _ := sg.Attributes["ingress"].([]any)
	if len(ingress) != 2 || ingress[1].(map[string]any)["from_port"] != "80" {
		t.Errorf("ingress = %v", sg.Attributes["ingress"])
	}
	z := get(t, rs, "aws_subnet.zone[1]")
	if z.Attributes["availability_zone"] != "b" || z.Attributes["cidr_block"] != "10.0.1.0/24" ||
		z.Attributes["description"] != `literal ${not.a.reference} and a "quote"` {
		t.Errorf("aws_subnet.zone[1] = %v", z.Attributes)
	}
	v := get(t, rs, "module.tagger.aws_s3_bucket_versioning.this")
	if v.Attributes["bucket"] != "acme-prod-logs" || !slices.Equal(v.Refs["bucket"], []string{"aws_s3_bucket.logs"}) {
		t.Errorf("versioning = %v, refs %v", v.Attributes, v.Refs)
	}
	roots, err := terraform.FindRoots(filepath.Join("testdata", "json"))
	if err != nil || !slices.Equal(roots, []string{filepath.Join("testdata", "json")}) {
		t.Errorf("FindRoots = %v, %v; want the JSON root alone", roots, err)
	}
}

func TestLoadModule_JSONErrors(t *testing.T) {
	for name, src := range map[string]string{
		"not JSON":     `{"resource": `,
		"not object":   `["resource"]`,
		"bad template": `{"locals": {"x": "${var.}"}}`,
		"two values":   `{} {}`,
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "main.tf.json"), src)
			res, _ := loadDir(t, dir, terraform.Options{})
			if !hasDiag(res.Diagnostics, attest.DiagError, filepath.Join(dir, "main.tf.json"), "") {
				t.Errorf("no error naming the file; got:\n%s", res.Diagnostics.Error())
			}
		})
	}
}

// TestLoadModule_Override merges override.tf and *_override.tf.json the way
// Terraform does: an argument replaces the argument, a nested block type
// replaces every block of that type and leaves the others, locals and
// variable defaults are replaced one by one, and an override of nothing is
// an error.
func TestLoadModule_Override(t *testing.T) {
	res, rs := load(t, "override", terraform.Options{})
	data := get(t, rs, "aws_s3_bucket.data")
	want := map[string]any{
		"bucket": "payments-data",
		"acl":    "private",
		"server_side_encryption_configuration": []any{map[string]any{"rule": []any{map[string]any{
			"apply_server_side_encryption_by_default": []any{map[string]any{"sse_algorithm": "aws:kms"}},
		}}}},
		"logging": []any{map[string]any{"target_bucket": "logs"}},
	}
	if diff := cmp.Diff(want, data.Attributes); diff != "" {
		t.Errorf("aws_s3_bucket.data (-want +got):\n%s", diff)
	}
	app := get(t, rs, "aws_cloudwatch_log_group.app")
	want = map[string]any{"name": "kept", "retention_in_days": int64(365), "kms_key_id": "alias/logs"}
	if diff := cmp.Diff(want, app.Attributes); diff != "" {
		t.Errorf("aws_cloudwatch_log_group.app (-want +got):\n%s", diff)
	}
	if _, ok := rs["aws_s3_bucket.nowhere"]; ok {
		t.Errorf("an override with no base block made a resource")
	}
	file := filepath.Join("testdata", "override", "z_override.tf.json")
	if !hasDiag(res.Diagnostics, attest.DiagError, file+":14:", "aws_s3_bucket.nowhere") || len(res.Diagnostics) != 1 {
		t.Errorf("want one error for the override of nothing at its line; got:\n%s", res.Diagnostics.Error())
	}
}

func writeFile(t *testing.T, name, src string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
}
