package terraform_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/iac/terraform"
	"github.com/google/go-cmp/cmp"
)

// load loads a testdata case and indexes its resources by address.
func load(t *testing.T, name string, opts terraform.Options) (*terraform.Result, map[string]attest.Resource) {
	t.Helper()
	res, err := terraform.LoadModule(context.Background(), filepath.Join("testdata", name), opts)
	if err != nil {
		t.Fatalf("LoadModule(%s): %v", name, err)
	}
	byAddr := map[string]attest.Resource{}
	for _, r := range res.Resources {
		if _, dup := byAddr[r.Address]; dup {
			t.Errorf("address %s emitted twice", r.Address)
		}
		byAddr[r.Address] = r
	}
	return res, byAddr
}

func get(t *testing.T, rs map[string]attest.Resource, addr string) attest.Resource {
	t.Helper()
	r, ok := rs[addr]
	if !ok {
		t.Fatalf("no resource %s; have %v", addr, addrs(rs))
	}
	return r
}

func addrs(rs map[string]attest.Resource) []string {
	var out []string
	for a := range rs {
		out = append(out, a)
	}
	slices.Sort(out)
	return out
}

func noErrors(t *testing.T, res *terraform.Result) {
	t.Helper()
	if res.Diagnostics.HasErrors() {
		t.Errorf("unexpected errors:\n%s", res.Diagnostics.Error())
	}
}

func TestLoadModule_Variables(t *testing.T) {
	res, rs := load(t, "vars", terraform.Options{
		VarFiles: []string{filepath.Join("testdata", "vars", "extra.tfvars")},
		Vars:     map[string]string{"f": "cli", "ids": `["a", "b"]`},
	})
	noErrors(t, res)
	r := get(t, rs, "aws_cloudwatch_log_group.this")
	want := map[string]any{
		"name":              "app-logs",
		"retention_in_days": int64(30),
		"tags": map[string]any{
			"a": "tfvars", "b": "tfvars-json", "c": "auto-a", "d": "auto-b", "e": "var-file", "f": "cli",
			"port": int64(8443), "ids": "a,b",
		},
	}
	if diff := cmp.Diff(want, r.Attributes); diff != "" {
		t.Errorf("attributes (-want +got):\n%s", diff)
	}
	if len(r.Unknown) != 0 {
		t.Errorf("Unknown = %v, want none", r.Unknown)
	}

	t.Run("TF_VAR_ environment variables", func(t *testing.T) {
		// The environment is the weakest source: terraform.tfvars sets a and
		// port, only the environment sets ids (a list, read as HCL), and
		// undeclared names are ignored.
		res, rs := load(t, "vars", terraform.Options{EnvVars: map[string]string{"a": "env", "port": "9000", "ids": `["x", "y"]`, "nope": "x"}})
		noErrors(t, res)
		tags := get(t, rs, "aws_cloudwatch_log_group.this").Attributes["tags"].(map[string]any)
		if tags["a"] != "tfvars" || tags["port"] != int64(8443) || tags["ids"] != "x,y" {
			t.Errorf("tags a=%v port=%v ids=%v, want tfvars and 8443 (files over env) and x,y (from env)", tags["a"], tags["port"], tags["ids"])
		}
	})
	t.Run("undeclared --var", func(t *testing.T) {
		// A --var meant for another root of the same scan is ignored here
		// and named for the caller to warn about once.
		res, _ := load(t, "vars", terraform.Options{Vars: map[string]string{"nope": "x", "f": "cli", "also_not": "y"}})
		noErrors(t, res)
		if want := []string{"also_not", "nope"}; !slices.Equal(res.UndeclaredVars, want) {
			t.Errorf("UndeclaredVars = %v, want %v", res.UndeclaredVars, want)
		}
	})
	t.Run("missing var-file", func(t *testing.T) {
		res, _ := load(t, "vars", terraform.Options{VarFiles: []string{"testdata/none.tfvars"}})
		if !hasDiag(res.Diagnostics, attest.DiagError, "testdata/none.tfvars", "") {
			t.Errorf("no error for missing var file; got:\n%s", res.Diagnostics.Error())
		}
	})
}

// affected lists the Affected counts of the gaps in ds, in order.
func affected(ds attest.Diagnostics) []int {
	var out []int
	for _, d := range ds.Gaps() {
		out = append(out, d.Affected)
	}
	return out
}

func hasDiag(ds attest.Diagnostics, severity, posPrefix, text string) bool {
	return slices.ContainsFunc(ds, func(d attest.Diagnostic) bool {
		return d.Severity == severity && strings.HasPrefix(d.Pos.String(), posPrefix) &&
			strings.Contains(d.Summary+": "+d.Detail, text)
	})
}

func TestLoadModule_Locals(t *testing.T) {
	res, rs := load(t, "locals", terraform.Options{})
	noErrors(t, res)
	r := get(t, rs, "aws_s3_bucket.data")
	want := map[string]any{
		"bucket": "acme-prod-data",
		"tags":   map[string]any{"Owner": "platform", "Name": "acme-prod"},
	}
	if diff := cmp.Diff(want, r.Attributes); diff != "" {
		t.Errorf("attributes (-want +got):\n%s", diff)
	}
	if want := (attest.Range{File: filepath.Join("testdata", "locals", "main.tf"), StartLine: 12, EndLine: 15}); r.Range != want {
		t.Errorf("Range = %v, want %v", r.Range, want)
	}
}

func TestLoadModule_CountForEach(t *testing.T) {
	res, rs := load(t, "expand", terraform.Options{})
	noErrors(t, res)
	want := []string{
		`aws_iam_user.u["alice"]`, `aws_iam_user.u["bob"]`,
		`aws_s3_bucket.by_key["a b"]`, `aws_s3_bucket.by_key["logs"]`,
		`aws_s3_bucket_versioning.by_key["a b"]`, `aws_s3_bucket_versioning.by_key["logs"]`,
		`aws_sqs_queue.q[0]`, `aws_sqs_queue.q[1]`, `aws_sqs_queue.q[2]`,
	}
	if diff := cmp.Diff(want, addrs(rs)); diff != "" {
		t.Errorf("addresses (-want +got):\n%s", diff)
	}
	if got := get(t, rs, `aws_sqs_queue.q[2]`).Attributes["name"]; got != "queue-2" {
		t.Errorf("q[2].name = %v", got)
	}
	if got := get(t, rs, `aws_iam_user.u["bob"]`).Attributes["name"]; got != "bob" {
		t.Errorf(`u["bob"].name = %v`, got)
	}
	v := get(t, rs, `aws_s3_bucket_versioning.by_key["logs"]`)
	wantAttrs := map[string]any{
		"bucket":                   "acme-logs",
		"versioning_configuration": []any{map[string]any{"status": "Enabled"}},
	}
	if diff := cmp.Diff(wantAttrs, v.Attributes); diff != "" {
		t.Errorf("versioning attributes (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string][]string{"bucket": {`aws_s3_bucket.by_key["logs"]`}}, v.Refs); diff != "" {
		t.Errorf("versioning refs (-want +got):\n%s", diff)
	}
	if got := get(t, rs, `aws_s3_bucket_versioning.by_key["a b"]`).Attributes["versioning_configuration"]; !cmp.Equal(got, []any{map[string]any{"status": "Suspended"}}) {
		t.Errorf(`by_key["a b"] versioning = %v`, got)
	}
}

func TestLoadModule_Dynamic(t *testing.T) {
	res, rs := load(t, "dynamic", terraform.Options{})
	noErrors(t, res)
	r := get(t, rs, "aws_security_group.web")
	want := []any{
		map[string]any{"from_port": int64(0), "to_port": int64(65535), "protocol": "tcp", "cidr_blocks": []any{"192.168.0.0/16"}},
		map[string]any{"from_port": int64(443), "to_port": int64(443), "protocol": "tcp", "cidr_blocks": []any{"10.0.0.0/8"}, "description": "rule 0"},
		map[string]any{"from_port": int64(22), "to_port": int64(22), "protocol": "tcp", "cidr_blocks": []any{"0.0.0.0/0"}, "description": "rule 1"},
	}
	if diff := cmp.Diff(want, r.Attributes["ingress"]); diff != "" {
		t.Errorf("ingress (-want +got):\n%s", diff)
	}
	if _, ok := r.Attributes["egress"]; !ok {
		t.Errorf("egress block missing")
	}
}

func TestLoadModule_ConditionalSplat(t *testing.T) {
	res, rs := load(t, "conditional", terraform.Options{})
	noErrors(t, res)
	db := get(t, rs, "aws_db_instance.db")
	if db.Attributes["engine"] != "postgres" || db.Attributes["storage_encrypted"] != true {
		t.Errorf("db attributes = %v", db.Attributes)
	}
	if diff := cmp.Diff([]string{"kms_key_id"}, db.Unknown); diff != "" {
		t.Errorf("db unknown (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"aws_kms_key.k[0]"}, db.Refs["kms_key_id"]); diff != "" {
		t.Errorf("db refs (-want +got):\n%s", diff)
	}
	trail := get(t, rs, "aws_cloudtrail.t")
	if trail.Attributes["kms_key_id"] != "key 0,key 1" {
		t.Errorf("splat join = %v", trail.Attributes["kms_key_id"])
	}
	if diff := cmp.Diff(map[string]any{"keys": int64(2)}, trail.Attributes["tags"]); diff != "" {
		t.Errorf("length of counted resource (-want +got):\n%s", diff)
	}

	t.Run("false branch", func(t *testing.T) {
		res, rs := load(t, "conditional", terraform.Options{Vars: map[string]string{"encrypt": "false"}})
		noErrors(t, res)
		db := get(t, rs, "aws_db_instance.db")
		if _, set := db.Attributes["kms_key_id"]; set || len(db.Unknown) != 0 {
			t.Errorf("kms_key_id should be unset (null), got attrs %v unknown %v", db.Attributes, db.Unknown)
		}
		if db.Attributes["engine"] != "mysql" {
			t.Errorf("engine = %v", db.Attributes["engine"])
		}
		if _, ok := rs["aws_kms_key.k[0]"]; ok {
			t.Errorf("count = 0 still emitted keys")
		}
	})
}

func TestLoadModule_Modules(t *testing.T) {
	res, rs := load(t, "modules", terraform.Options{})
	noErrors(t, res)
	inner := get(t, rs, "module.outer.module.inner.aws_s3_bucket.this")
	if inner.Attributes["bucket"] != "acme-prod-logs" {
		t.Errorf("inner bucket = %v", inner.Attributes["bucket"])
	}
	if inner.Module != "module.outer.module.inner" {
		t.Errorf("Module = %q", inner.Module)
	}
	calls := []attest.Range{
		{File: filepath.Join("testdata", "modules", "main.tf"), StartLine: 1, EndLine: 4},
		{File: filepath.Join("testdata", "modules", "modules", "outer", "main.tf"), StartLine: 5, EndLine: 8},
	}
	if diff := cmp.Diff(calls, inner.ModuleCalls); diff != "" {
		t.Errorf("ModuleCalls (-want +got):\n%s", diff)
	}
	if want := filepath.Join("testdata", "modules", "modules", "inner", "main.tf"); inner.Range.File != want {
		t.Errorf("Range.File = %q, want %q", inner.Range.File, want)
	}
	pab := get(t, rs, "aws_s3_bucket_public_access_block.outer")
	if pab.Attributes["bucket"] != "acme-prod-logs" {
		t.Errorf("bucket through two module outputs = %v", pab.Attributes["bucket"])
	}
	if diff := cmp.Diff([]string{"module.outer.module.inner.aws_s3_bucket.this"}, pab.Refs["bucket"]); diff != "" {
		t.Errorf("refs through modules (-want +got):\n%s", diff)
	}
	sse := get(t, rs, `module.per_env["dev"].aws_s3_bucket_server_side_encryption_configuration.this`)
	// The key's ARN is computed, so the condition on it is unknown too.
	if diff := cmp.Diff([]string{
		"rule.0.apply_server_side_encryption_by_default.0.kms_master_key_id",
		"rule.0.apply_server_side_encryption_by_default.0.sse_algorithm",
	}, sorted(sse.Unknown)); diff != "" {
		t.Errorf("unknown through module input (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"aws_kms_key.k"}, sse.Refs["rule.0.apply_server_side_encryption_by_default.0.kms_master_key_id"]); diff != "" {
		t.Errorf("refs through module input (-want +got):\n%s", diff)
	}
	if got := get(t, rs, `module.per_env["stage"].aws_s3_bucket.this`).Attributes["bucket"]; got != "acme-stage" {
		t.Errorf("for_each module bucket = %v", got)
	}
	outerSSE := get(t, rs, "module.outer.module.inner.aws_s3_bucket_server_side_encryption_configuration.this")
	alg := outerSSE.Attributes["rule"].([]any)[0].(map[string]any)["apply_server_side_encryption_by_default"].([]any)[0].(map[string]any)["sse_algorithm"]
	if alg != "AES256" {
		t.Errorf("default null input: sse_algorithm = %v", alg)
	}
}

func TestLoadModule_Downloaded(t *testing.T) {
	res, rs := load(t, "downloaded", terraform.Options{})
	noErrors(t, res)
	db := get(t, rs, "module.db.aws_db_instance.this[0]")
	if db.Attributes["identifier"] != "orders" || db.Attributes["storage_encrypted"] != false {
		t.Errorf("attributes = %v", db.Attributes)
	}
	if want := filepath.Join("testdata", "downloaded", ".terraform", "modules", "db", "main.tf"); db.Range.File != want {
		t.Errorf("Range.File = %q, want %q", db.Range.File, want)
	}
}

func TestLoadModule_MissingModule(t *testing.T) {
	res, rs := load(t, "missing_module", terraform.Options{})
	get(t, rs, "aws_s3_bucket.kept")
	file := filepath.Join("testdata", "missing_module", "main.tf")
	if !hasDiag(res.Diagnostics, attest.DiagError, file+":5:", "./modules/gone") {
		t.Errorf("no diagnostic for the missing local module at its call; got:\n%s", res.Diagnostics.Error())
	}
	// A module terraform init has not downloaded is a gap, not an input
	// error: the configuration is fine, the scan is only incomplete.
	if !hasDiag(res.Diagnostics, attest.DiagGap, file+":9:", "git::https://example.com/vpc.git") {
		t.Errorf("no gap for the module not installed; got:\n%s", res.Diagnostics.Error())
	}
}

func TestLoadModule_ParseError(t *testing.T) {
	res, rs := load(t, "parse_error", terraform.Options{})
	get(t, rs, "aws_s3_bucket.fine")
	if !hasDiag(res.Diagnostics, attest.DiagError, filepath.Join("testdata", "parse_error", "bad.tf")+":3:", "") {
		t.Errorf("no parse error at bad.tf:3; got:\n%s", res.Diagnostics.Error())
	}
	for _, d := range res.Diagnostics {
		if d.Pos.Column == 0 {
			t.Errorf("diagnostic without column: %s", d)
		}
	}
}

func TestLoadModule_Unknown(t *testing.T) {
	res, rs := load(t, "unknown", terraform.Options{})
	noErrors(t, res)
	if !hasDiag(res.Diagnostics, attest.DiagWarning, filepath.Join("testdata", "unknown", "main.tf")+":1:", `"owner"`) {
		t.Errorf("no warning for the variable without value; got:\n%s", res.Diagnostics.Error())
	}
	b := get(t, rs, "aws_s3_bucket.b")
	if diff := cmp.Diff(map[string]any{"tags": map[string]any{"Static": "yes"}}, b.Attributes); diff != "" {
		t.Errorf("attributes (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"bucket", "tags.Created", "tags.Owner"}, sorted(b.Unknown)); diff != "" {
		t.Errorf("unknown (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"data.aws_caller_identity.current"}, b.Refs["bucket"]); diff != "" {
		t.Errorf("refs (-want +got):\n%s", diff)
	}
	sse := get(t, rs, "aws_s3_bucket_server_side_encryption_configuration.b")
	if diff := cmp.Diff([]string{"bucket", "rule.0.apply_server_side_encryption_by_default.0.kms_master_key_id"}, sorted(sse.Unknown)); diff != "" {
		t.Errorf("computed attribute unknown (-want +got):\n%s", diff)
	}
	data := get(t, rs, "data.aws_caller_identity.current")
	if data.Mode != "data" || data.Type != "aws_caller_identity" || len(data.Attributes) != 0 {
		t.Errorf("data source = %+v", data)
	}
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

func TestLoadModule_PolicyDocument(t *testing.T) {
	res, rs := load(t, "iam", terraform.Options{})
	noErrors(t, res)
	p := get(t, rs, "aws_s3_bucket_policy.b")
	doc, ok := p.Attributes["policy"].(string)
	if !ok {
		t.Fatalf("policy is not a known string: %#v (unknown %v)", p.Attributes["policy"], p.Unknown)
	}
	var got any
	if err := json.Unmarshal([]byte(doc), &got); err != nil {
		t.Fatalf("policy is not JSON: %v\n%s", err, doc)
	}
	want := map[string]any{
		"Version": "2012-10-17",
		"Statement": []any{
			map[string]any{
				"Sid":       "DenyInsecureTransport",
				"Effect":    "Deny",
				"Action":    "s3:*",
				"Resource":  []any{"arn:aws:s3:::acme-secure/*", "arn:aws:s3:::acme-secure"},
				"Principal": "*",
				"Condition": map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}},
			},
			map[string]any{
				"Sid":       "ReadOnly",
				"Effect":    "Allow",
				"Action":    []any{"s3:ListBucket", "s3:GetObject"},
				"Resource":  "arn:aws:s3:::acme-secure/*",
				"Principal": map[string]any{"AWS": "arn:iam::111122223333:root"},
			},
		},
	}
	want["Statement"].([]any)[1].(map[string]any)["Principal"] = map[string]any{"AWS": "arn:aws:iam::111122223333:root"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("policy (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"aws_s3_bucket.b"}, p.Refs["bucket"]); diff != "" {
		t.Errorf("bucket refs (-want +got):\n%s", diff)
	}
	if !slices.Contains(p.Refs["policy"], "data.aws_iam_policy_document.tls") || !slices.Contains(p.Refs["policy"], "aws_s3_bucket.b") {
		t.Errorf("policy refs = %v", p.Refs["policy"])
	}
}

func TestLoadModule_Capped(t *testing.T) {
	res, rs := load(t, "capped", terraform.Options{MaxInstances: 3})
	// A capped expansion drops resources: it is a gap, counting what was
	// dropped, so that the scan says it was incomplete.
	if n := len(res.Diagnostics); n != 2 {
		t.Errorf("got %d diagnostics, want the two capped expansions:\n%s", n, res.Diagnostics.Error())
	}
	want := []string{
		`aws_s3_bucket.many["b00"]`, `aws_s3_bucket.many["b01"]`, `aws_s3_bucket.many["b02"]`,
		`aws_security_group_rule.ports[0]`, `aws_security_group_rule.ports[1]`, `aws_security_group_rule.ports[2]`,
	}
	if diff := cmp.Diff(want, addrs(rs)); diff != "" {
		t.Errorf("addresses (-want +got):\n%s", diff)
	}
	file := filepath.Join("testdata", "capped", "main.tf")
	if !hasDiag(res.Diagnostics, attest.DiagGap, file+":2:", "7 dropped") {
		t.Errorf("no capped gap for for_each; got:\n%s", res.Diagnostics.Error())
	}
	if !hasDiag(res.Diagnostics, attest.DiagGap, file+":7:", "65533 dropped") {
		t.Errorf("no capped gap for count; got:\n%s", res.Diagnostics.Error())
	}
	if got := affected(res.Diagnostics); !slices.Equal(got, []int{7, 65533}) {
		t.Errorf("Affected = %v, want [7 65533]", got)
	}
}

func TestLoadModule_UnreadableDir(t *testing.T) {
	if _, err := terraform.LoadModule(context.Background(), filepath.Join("testdata", "no-such-dir"), terraform.Options{}); err == nil {
		t.Errorf("LoadModule of a missing dir: no error")
	}
}

func TestLoadModule_UnknownExpansion(t *testing.T) {
	dir := t.TempDir()
	src := `variable "n" { type = number }
resource "aws_s3_bucket" "b" {
  count  = var.n
  bucket = "fixed"
  acl    = "bucket-${count.index}"
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := terraform.LoadModule(context.Background(), dir, terraform.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !hasDiag(res.Diagnostics, attest.DiagGap, filepath.Join(dir, "main.tf")+":3:", "count") || res.Diagnostics.HasErrors() {
		t.Errorf("want a gap and no error for unknown count; got:\n%s", res.Diagnostics.Error())
	}
	if got := affected(res.Diagnostics); !slices.Equal(got, []int{1}) {
		t.Errorf("Affected = %v, want [1]", got)
	}
	if len(res.Resources) != 1 {
		t.Fatalf("got %d resources, want 1", len(res.Resources))
	}
	r := res.Resources[0]
	if r.Address != "aws_s3_bucket.b" || r.Attributes["bucket"] != "fixed" || !slices.Equal(r.Unknown, []string{"acl"}) {
		t.Errorf("resource = %+v", r)
	}
}

func TestFindRoots(t *testing.T) {
	root := filepath.Join("testdata", "roots")
	got, err := terraform.FindRoots(root)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(root, "stacks", "api"), filepath.Join(root, "stacks", "web")}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("FindRoots (-want +got):\n%s", diff)
	}
}
