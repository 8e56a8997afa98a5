package tfstate_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/iac/tfstate"
	"github.com/google/go-cmp/cmp"
)

func TestLoad_state(t *testing.T) {
	path := filepath.Join("testdata", "terraform.tfstate")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	res, diags, err := tfstate.Load(path, bytes.NewReader(data))
	if err != nil || len(diags) != 0 {
		t.Fatalf("Load: %v %v", err, diags)
	}
	var addrs []string
	m := make(map[string]attest.Resource)
	for _, r := range res {
		addrs = append(addrs, r.Address)
		m[r.Address] = r
	}
	wantAddrs := []string{
		"data.aws_iam_policy_document.tls_only",
		"aws_kms_key.main",
		"aws_s3_bucket.logs",
		"aws_s3_bucket_policy.logs",
		"aws_security_group.web[0]",
		"aws_security_group.web[1]",
		`module.buckets["assets"].aws_s3_bucket.this`,
		`module.buckets["assets"].aws_s3_bucket_public_access_block.this`,
		`module.buckets["backups"].aws_s3_bucket.this`,
		`module.buckets["backups"].aws_s3_bucket_public_access_block.this`,
		"module.db.aws_db_instance.this[0]",
		"module.db.module.logs.aws_cloudwatch_log_group.this",
		`module.regions["eu-west-1"].aws_iam_policy.read["analysts"]`,
		`module.regions["eu-west-1"].aws_iam_policy.read["ops \"oncall\""]`,
	}
	if diff := cmp.Diff(wantAddrs, addrs); diff != "" {
		t.Fatalf("addresses (-want +got):\n%s", diff)
	}

	got := m[`module.buckets["assets"].aws_s3_bucket_public_access_block.this`]
	want := attest.Resource{
		Type:     "aws_s3_bucket_public_access_block",
		Address:  `module.buckets["assets"].aws_s3_bucket_public_access_block.this`,
		Mode:     "managed",
		Provider: "aws",
		Format:   attest.FormatTerraformState,
		Root:     path,
		Module:   `module.buckets["assets"]`,
		Attributes: map[string]any{
			"block_public_acls":       true,
			"block_public_policy":     true,
			"bucket":                  "acme-assets",
			"id":                      "acme-assets",
			"ignore_public_acls":      true,
			"restrict_public_buckets": false,
		},
		Range: attest.Range{File: path},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("public access block (-want +got):\n%s", diff)
	}

	db := m["module.db.aws_db_instance.this[0]"]
	if db.Attributes["port"] != int64(5432) || db.Attributes["password"] != "s3cr3t-from-tfvars" {
		t.Errorf("db port %#v password %#v", db.Attributes["port"], db.Attributes["password"])
	}
	if db.Module != "module.db" || len(db.Unknown) != 0 {
		t.Errorf("db module %q unknown %v", db.Module, db.Unknown)
	}
	doc := m["data.aws_iam_policy_document.tls_only"]
	if doc.Mode != "data" || doc.Type != "aws_iam_policy_document" {
		t.Errorf("data source mode %q type %q", doc.Mode, doc.Type)
	}
	sg := m["aws_security_group.web[1]"]
	cidr := sg.Attributes["ingress"].([]any)[0].(map[string]any)["cidr_blocks"]
	if diff := cmp.Diff([]any{"0.0.0.0/0"}, cidr); diff != "" {
		t.Errorf("web[1] cidr (-want +got):\n%s", diff)
	}
	if p := m[`module.regions["eu-west-1"].aws_iam_policy.read["analysts"]`].Provider; p != "aws" {
		t.Errorf("aliased provider = %q, want aws", p)
	}
}

func TestLoad_errors(t *testing.T) {
	v3, err := os.ReadFile(filepath.Join("testdata", "v3.tfstate"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		input string
		want  attest.Pos
		in    string
	}{
		{"version 3", string(v3), attest.Pos{File: "s.tfstate"}, "unsupported state version 3"},
		{"no version", `{"resources": []}`, attest.Pos{File: "s.tfstate"}, "not a Terraform state file"},
		{"syntax", "{\n\"version\": 4,\n\"resources\": [}\n}", attest.Pos{File: "s.tfstate", Line: 3, Column: 15}, "byte offset 30"},
		{"truncated", `{"version": 4`, attest.Pos{File: "s.tfstate", Line: 1, Column: 14}, "unexpected end"},
		{"instances not a list", "{\"version\": 4,\n \"resources\": [{\"type\": \"a_b\", \"name\": \"c\", \"instances\": {}}]}", attest.Pos{File: "s.tfstate", Line: 2, Column: 58}, "instances"},
		{"no type", `{"version": 4, "resources": [{"name": "c", "instances": [{"attributes": {}}]}]}`, attest.Pos{File: "s.tfstate"}, "resources[0]"},
		{"bad index key", `{"version": 4, "resources": [{"type": "a_b", "name": "c", "instances": [{"index_key": 1.5, "attributes": {}}]}]}`, attest.Pos{File: "s.tfstate"}, "(a_b.c) instances[0]"},
		{"boolean index key", `{"version": 4, "resources": [{"type": "a_b", "name": "c", "instances": [{"index_key": true, "attributes": {}}]}]}`, attest.Pos{File: "s.tfstate"}, "JSON boolean"},
		{"flat attributes", `{"version": 4, "resources": [{"type": "a_b", "name": "c", "instances": [{"attributes_flat": {"id": "x"}}]}]}`, attest.Pos{File: "s.tfstate"}, "attributes_flat"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, diags, err := tfstate.Load("s.tfstate", strings.NewReader(tt.input))
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

func TestLoad_partial(t *testing.T) {
	// A bad instance is reported and the good ones are still returned.
	doc := `{"version": 4, "terraform_version": "1.9.5", "resources": [{"type": "a_b", "name": "c", "instances": [
		{"index_key": "x", "attributes": {"n": 1}}, {"index_key": [], "attributes": {}}, {"index_key": "y", "attributes": {"n": 2.5}}]}]}`
	res, diags, err := tfstate.Load("s.tfstate", strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if len(diags) != 1 {
		t.Errorf("diagnostics = %v, want one", diags)
	}
	if len(res) != 2 || res[0].Address != `a_b.c["x"]` || res[1].Address != `a_b.c["y"]` {
		t.Fatalf("resources = %+v", res)
	}
	if res[0].Attributes["n"] != int64(1) || res[1].Attributes["n"] != 2.5 {
		t.Errorf("numbers: %#v %#v", res[0].Attributes["n"], res[1].Attributes["n"])
	}
	if res[0].Mode != "managed" {
		t.Errorf("mode = %q, want managed by default", res[0].Mode)
	}
}

func TestDetect(t *testing.T) {
	state, err := os.ReadFile(filepath.Join("testdata", "terraform.tfstate"))
	if err != nil {
		t.Fatal(err)
	}
	v3, err := os.ReadFile(filepath.Join("testdata", "v3.tfstate"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data string
		want bool
	}{
		{"state fixture", string(state), true},
		{"minimal", `{"version":4,"terraform_version":"1.5.7","resources":[]}`, true},
		{"version 3", string(v3), false},
		{"no terraform_version", `{"version":4,"resources":[]}`, false},
		{"plan", `{"format_version":"1.2","terraform_version":"1.9.5","planned_values":{}}`, false},
		{"not json", `{"version":4,`, false},
		{"array", `[]`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tfstate.Detect([]byte(tt.data)); got != tt.want {
				t.Errorf("Detect = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestQuoteKey(t *testing.T) {
	tests := []struct{ key, want string }{
		{"a", `"a"`},
		{"", `""`},
		{`say "hi"`, `"say \"hi\""`},
		{`back\slash`, `"back\\slash"`},
		{"two\nlines\ttab", `"two\nlines\ttab"`},
		{"${var.x} and %{if}", `"$${var.x} and %%{if}"`},
		{"$ %", `"$ %"`},
		{"bell\a", `"bell\u0007"`},
		{"héllo", `"héllo"`},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			if got := tfstate.QuoteKey(tt.key); got != tt.want {
				t.Errorf("QuoteKey(%q) = %s, want %s", tt.key, got, tt.want)
			}
		})
	}
}

func FuzzLoad(f *testing.F) {
	for _, name := range []string{"terraform.tfstate", "v3.tfstate"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"version":4,"terraform_version":"1.9.5","resources":[{"module":"module.m[\"k\"]","mode":"data","type":"a_b","name":"c","provider":"module.m.provider.aws","instances":[{"index_key":"x","attributes":{"n":[1,2.5,{"s":null}]}},{"index_key":3,"attributes":{}}]}]}`))
	f.Add([]byte(`{"version":4,"resources":[{"type":"a_b","name":"c","instances":[{"index_key":-1}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, diags, err := tfstate.Load("fuzz.tfstate", bytes.NewReader(data))
		if err != nil {
			t.Fatalf("read error on in-memory input: %v", err)
		}
		for _, d := range diags {
			if d.Pos.File != "fuzz.tfstate" || d.Summary == "" || d.Severity != attest.DiagError {
				t.Errorf("bad diagnostic %v", d)
			}
		}
		for _, r := range res {
			if r.Address == "" || r.Type == "" || r.Format != attest.FormatTerraformState || r.Attributes == nil {
				t.Errorf("incomplete resource %+v", r)
			}
			checkJSONLike(t, r.Attributes)
		}
	})
}

func checkJSONLike(t *testing.T, v any) {
	t.Helper()
	switch v := v.(type) {
	case nil, bool, float64, int64, string:
	case map[string]any:
		for _, e := range v {
			checkJSONLike(t, e)
		}
	case []any:
		for _, e := range v {
			checkJSONLike(t, e)
		}
	default:
		t.Errorf("value %#v of type %T is not JSON-like", v, v)
	}
}
