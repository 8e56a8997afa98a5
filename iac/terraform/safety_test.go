package terraform_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/iac/terraform"
	"github.com/google/go-cmp/cmp"
)

func TestLoadModule_Workspace(t *testing.T) {
	t.Run("not given: unknown", func(t *testing.T) {
		res, rs := load(t, "workspace", terraform.Options{})
		noErrors(t, res)
		r := get(t, rs, "aws_s3_bucket.logs")
		want := map[string]any{"tags": map[string]any{"Team": "platform"}}
		if diff := cmp.Diff(want, r.Attributes); diff != "" {
			t.Errorf("attributes (-want +got):\n%s", diff)
		}
		for _, p := range []string{"bucket", "tags.Env"} {
			if !slices.Contains(r.Unknown, p) {
				t.Errorf("Unknown = %v, want it to hold %s", r.Unknown, p)
			}
		}
	})
	t.Run("given", func(t *testing.T) {
		res, rs := load(t, "workspace", terraform.Options{Workspace: "prod"})
		noErrors(t, res)
		r := get(t, rs, "aws_s3_bucket.logs")
		want := map[string]any{"bucket": "logs-prod", "tags": map[string]any{"Env": "prod", "Team": "platform"}}
		if diff := cmp.Diff(want, r.Attributes); diff != "" {
			t.Errorf("attributes (-want +got):\n%s", diff)
		}
	})
}

// writeTree writes files (path: content) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func loadDir(t *testing.T, dir string, opts terraform.Options) (*terraform.Result, map[string]attest.Resource) {
	t.Helper()
	res, err := terraform.LoadModule(context.Background(), dir, opts)
	if err != nil {
		t.Fatalf("LoadModule(%s): %v", dir, err)
	}
	rs := map[string]attest.Resource{}
	for _, r := range res.Resources {
		rs[r.Address] = r
	}
	return res, rs
}

func TestTreeRoot(t *testing.T) {
	base := t.TempDir()
	writeFiles(t, base, map[string]string{
		"repo/.git/HEAD":             "ref: refs/heads/main\n",
		"repo/envs/prod/main.tf":     "",
		"worktree/.git":              "gitdir: /elsewhere\n",
		"worktree/stacks/a/main.tf":  "",
		"loose/stacks/b/main.tf":     "",
		"loose/stacks/b/vars.tfvars": "",
	})
	for _, c := range []struct{ path, want string }{
		{"repo/envs/prod", "repo"},
		{"repo/envs/prod/main.tf", "repo"},
		{"repo", "repo"},
		{"worktree/stacks/a", "worktree"}, // .git may be a file (worktrees, submodules)
		{"loose/stacks", "loose/stacks"},  // outside a repository: the path itself
		{"loose/stacks/b/vars.tfvars", "loose/stacks/b"},
	} {
		got, err := terraform.TreeRoot(filepath.Join(base, c.path))
		if err != nil {
			t.Fatalf("TreeRoot(%s): %v", c.path, err)
		}
		if want := filepath.Join(base, c.want); got != want {
			t.Errorf("TreeRoot(%s) = %s, want %s", c.path, got, want)
		}
	}
}

func TestLoadModule_ReadsOnlyTheTree(t *testing.T) {
	// secret stands for a file of the host the scanned code must not read.
	base := t.TempDir()
	secret := filepath.Join(base, "secret.txt")
	writeFiles(t, base, map[string]string{
		"secret.txt":                      "s3cr3t",
		"secret-dir/main.tf":              `resource "aws_s3_bucket" "stolen" { bucket = "x" }`,
		"repo/.git/HEAD":                  "ref: refs/heads/main\n",
		"repo/files/policy.json":          `{"a": 1}`,
		"repo/modules/vpc/main.tf":        `resource "aws_vpc" "this" { cidr_block = file("${path.module}/../../files/policy.json") }`,
		"repo/envs/prod/terraform.tfvars": `name = "prod"`,
		"repo/envs/prod/main.tf": `variable "name" {}
module "vpc" {
  source = "../../modules/vpc"
}
resource "aws_s3_bucket" "ok" {
  bucket = var.name
  policy = file("../../files/policy.json")
}
`,
	})
	repo := filepath.Join(base, "repo")
	prod := filepath.Join(repo, "envs", "prod")

	t.Run("inside the repository", func(t *testing.T) {
		res, rs := loadDir(t, prod, terraform.Options{})
		noErrors(t, res)
		if got := get(t, rs, "aws_s3_bucket.ok").Attributes["policy"]; got != `{"a": 1}` {
			t.Errorf("policy = %v", got)
		}
		if got := get(t, rs, "module.vpc.aws_vpc.this").Attributes["cidr_block"]; got != `{"a": 1}` {
			t.Errorf("cidr_block = %v", got)
		}
	})

	refused := []struct {
		name, src string
		line      int
	}{
		{"absolute path", fmt.Sprintf("resource \"aws_s3_bucket\" \"b\" {\n  policy = file(%q)\n}\n", secret), 2},
		{"dot-dot escape", "resource \"aws_s3_bucket\" \"b\" {\n  tags = {}\n  policy = file(\"../../../secret.txt\")\n}\n", 3},
		{"filebase64", "resource \"aws_s3_bucket\" \"b\" {\n  policy = filebase64(\"../../../secret.txt\")\n}\n", 2},
		{"templatefile", "resource \"aws_s3_bucket\" \"b\" {\n  policy = templatefile(\"../../../secret.txt\", {})\n}\n", 2},
		{"fileexists probe", "resource \"aws_s3_bucket\" \"b\" {\n  policy = fileexists(\"../../../secret.txt\") ? \"y\" : \"n\"\n}\n", 2},
		{"module source", "module \"m\" {\n  source = \"../../../secret-dir\"\n}\n", 1},
		{"symlinked file", "resource \"aws_s3_bucket\" \"b\" {\n  policy = file(\"link.txt\")\n}\n", 2},
		{"symlinked module", "module \"m\" {\n  source = \"./linkmod\"\n}\n", 1},
		{"filesha256", "resource \"aws_s3_bucket\" \"b\" {\n  policy = filesha256(\"../../../secret.txt\")\n}\n", 2},
		{"fileset listing", "resource \"aws_s3_bucket\" \"b\" {\n  policy = jsonencode(fileset(\"../../..\", \"*\"))\n}\n", 2},
	}
	for _, c := range refused {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(repo, "cases", strings.ReplaceAll(c.name, " ", "_"))
			writeFiles(t, dir, map[string]string{"main.tf": c.src})
			if err := os.Symlink(secret, filepath.Join(dir, "link.txt")); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(filepath.Join(base, "secret-dir"), filepath.Join(dir, "linkmod")); err != nil {
				t.Fatal(err)
			}
			res, rs := loadDir(t, dir, terraform.Options{})
			at := fmt.Sprintf("%s:%d:", filepath.Join(dir, "main.tf"), c.line)
			if !hasDiag(res.Diagnostics, attest.DiagError, at, "scanned tree") {
				t.Errorf("no error at %s naming the scanned tree; got:\n%s", at, res.Diagnostics.Error())
			}
			for _, r := range rs {
				for _, v := range r.Attributes {
					if s, ok := v.(string); ok && (strings.Contains(s, "s3cr3t") || strings.Contains(s, "czNjcjN0")) {
						t.Errorf("%s carries the secret: %v", r.Address, r.Attributes)
					}
				}
				if r.Type == "aws_s3_bucket" && r.Address != "aws_s3_bucket.b" {
					t.Errorf("loaded %s from outside the tree", r.Address)
				}
			}
			if len(res.Diagnostics) != 1 {
				t.Errorf("want one diagnostic, got:\n%s", res.Diagnostics.Error())
			}
		})
	}

	t.Run("outside a repository the path is the tree", func(t *testing.T) {
		loose := filepath.Join(base, "loose")
		writeFiles(t, loose, map[string]string{
			"modules/vpc/main.tf": `resource "aws_vpc" "this" { cidr_block = "10.0.0.0/16" }`,
			"envs/prod/main.tf":   "module \"vpc\" {\n  source = \"../../modules/vpc\"\n}\n",
		})
		dir := filepath.Join(loose, "envs", "prod")
		res, rs := loadDir(t, dir, terraform.Options{})
		if !hasDiag(res.Diagnostics, attest.DiagError, filepath.Join(dir, "main.tf")+":1:", "--root") {
			t.Errorf("no error for a module above the path; got:\n%s", res.Diagnostics.Error())
		}
		if len(rs) != 0 {
			t.Errorf("loaded %v", addrs(rs))
		}

		// --root names the wider tree.
		res, rs = loadDir(t, dir, terraform.Options{Root: loose})
		noErrors(t, res)
		get(t, rs, "module.vpc.aws_vpc.this")
	})

	t.Run("root module outside Root", func(t *testing.T) {
		_, err := terraform.LoadModule(context.Background(), prod, terraform.Options{Root: filepath.Join(base, "loose")})
		if err == nil || !strings.Contains(err.Error(), "outside") {
			t.Errorf("err = %v, want the root module refused as outside --root", err)
		}
	})
}

func TestLoadModule_BinaryFile(t *testing.T) {
	dir := t.TempDir()
	bin := make([]byte, 64<<10)
	for i := range bin {
		bin[i] = byte(i*7 + i/13)
	}
	writeFiles(t, dir, map[string]string{
		"blob.tf":   string(bin),
		"latin1.tf": "# caf\xe9\nresource \"aws_s3_bucket\" \"c\" {}\n",
		"main.tf":   `resource "aws_s3_bucket" "b" { bucket = "b" }`,
	})
	res, rs := loadDir(t, dir, terraform.Options{})
	want := []string{
		filepath.Join(dir, "blob.tf") + ":1: error: not a text file: it holds NUL bytes; the file was skipped",
		filepath.Join(dir, "latin1.tf") + ":1: error: not a text file: it is not valid UTF-8; the file was skipped",
	}
	var got []string
	for _, d := range res.Diagnostics {
		got = append(got, d.String())
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
	get(t, rs, "aws_s3_bucket.b")
}

func TestLoadModule_Limits(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	res, rs := load(t, "limits", terraform.Options{})
	runtime.ReadMemStats(&after)

	file := func(name string) string { return filepath.Join("testdata", "limits", name) }
	var got []string
	for _, d := range res.Diagnostics {
		got = append(got, fmt.Sprintf("%s:%d %s %s", filepath.Base(d.Pos.File), d.Pos.Line, d.Severity, d.Summary))
	}
	want := []string{
		// The 18th doubling is 8 MiB, over the 4 MiB default; the locals
		// after it are unknown, not errors of their own.
		"doubling.tf:20 error value too large",
		"product.tf:3 error value too large",
		"product.tf:8 error value too large",
		"product.tf:13 error value too large",
		"strings.tf:7 error value too large",
		"strings.tf:8 error value too large",
		"strings.tf:9 error value too large",
		"strings.tf:10 error value too large",
		"strings.tf:11 error value too large",
		"strings.tf:12 error value too large",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s\n%s", diff, res.Diagnostics.Error())
	}
	if !hasDiag(res.Diagnostics, attest.DiagError, file("doubling.tf")+":20:", "max_string_length") {
		t.Errorf("the doubling error does not name the limit:\n%s", res.Diagnostics.Error())
	}
	if !hasDiag(res.Diagnostics, attest.DiagError, file("product.tf")+":3:", "setproduct()") {
		t.Errorf("the setproduct error does not name the function:\n%s", res.Diagnostics.Error())
	}

	// The rest of each resource is loaded; what was too large is unknown.
	d := get(t, rs, "aws_s3_bucket.doubled")
	if d.Attributes["acl"] != "private" || !slices.Contains(d.Unknown, "bucket") {
		t.Errorf("doubled: attributes %v unknown %v", d.Attributes, d.Unknown)
	}
	s := get(t, rs, "aws_s3_bucket.strings")
	if s.Attributes["fine"] != "0123-1048576" || s.Attributes["shared"] != int64(200) {
		t.Errorf("strings: fine=%v shared=%v", s.Attributes["fine"], s.Attributes["shared"])
	}
	for _, a := range []string{"bucket", "policy", "website", "logging", "template", "json"} {
		if !slices.Contains(s.Unknown, a) {
			t.Errorf("strings: %s is not unknown (unknown: %v)", a, s.Unknown)
		}
	}
	get(t, rs, "aws_s3_bucket.product")
	get(t, rs, "aws_s3_bucket.nested_for")

	// Memory: without the limits the doubling alone allocates gigabytes
	// and setproduct asks for a 24 GB block.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 512<<20 {
		t.Errorf("loading allocated %d MiB, want well under 512", alloc>>20)
	}

	t.Run("configurable", func(t *testing.T) {
		res, _ := load(t, "limits", terraform.Options{Limits: terraform.Limits{MaxStringLength: 1 << 10}})
		if !hasDiag(res.Diagnostics, attest.DiagError, file("doubling.tf")+":8:", "over the limit of 1024 (max_string_length)") {
			t.Errorf("with a 1 KiB string limit the 6th local (2 KiB) is refused:\n%s", res.Diagnostics.Error())
		}
	})
}

// BenchmarkLoadModule_Limits loads the hostile cases of testdata/limits: the
// thirty doubling locals, setproduct of three range(1000), nested for
// expressions of 1000³ iterations and the string builders. Without the
// limits the first runs out of memory and the second asks for 24 GB at once.
func BenchmarkLoadModule_Limits(b *testing.B) {
	for _, name := range []string{"doubling.tf", "product.tf", "strings.tf"} {
		b.Run(name, func(b *testing.B) {
			dir := b.TempDir()
			src, err := os.ReadFile(filepath.Join("testdata", "limits", name))
			if err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, name), src, 0o644); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				res, err := terraform.LoadModule(context.Background(), dir, terraform.Options{})
				if err != nil || !res.Diagnostics.HasErrors() {
					b.Fatalf("err %v, diagnostics %v: want the breaches reported", err, res.Diagnostics)
				}
			}
		})
	}
}
