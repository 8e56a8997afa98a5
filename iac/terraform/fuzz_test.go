package terraform_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/iac/terraform"
)

// Bounds every fuzzed load must keep. The limits on expression values exist
// so that no input, however small, makes a load run for long or allocate
// gigabytes; an input that passes these is a finding. The deadline is far
// above what any seed takes so that a busy machine does not trip it.
const (
	fuzzDeadline = 20 * time.Second
	fuzzMaxAlloc = 1 << 30
)

// fuzzLimits are a tenth of the default limits: growth that the limits do
// not bound shows as well, and each input runs well inside the fuzzer's
// ten-second hang detection on a busy machine.
var fuzzLimits = terraform.Limits{
	MaxStringLength:     terraform.DefaultMaxStringLength / 10,
	MaxCollectionLength: terraform.DefaultMaxCollectionLength / 10,
	MaxProductSize:      terraform.DefaultMaxProductSize / 10,
	MaxIterations:       terraform.DefaultMaxIterations / 10,
	MaxValueBytes:       terraform.DefaultMaxValueBytes / 10,
}

// fuzzLoad loads dir within the fuzz bounds and checks what every load must
// give: diagnostics with a file and a known severity, well-formed resources.
func fuzzLoad(t *testing.T, dir string, opts terraform.Options) *terraform.Result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), fuzzDeadline)
	defer cancel()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	opts.Limits = fuzzLimits
	res, err := terraform.LoadModule(ctx, dir, opts)
	runtime.ReadMemStats(&after)
	if errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("loading took longer than %s", fuzzDeadline)
	}
	if err != nil {
		t.Fatalf("LoadModule returned an error, not diagnostics: %v", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > fuzzMaxAlloc {
		t.Errorf("loading allocated %d MiB, over %d MiB", alloc>>20, fuzzMaxAlloc>>20)
	}
	for _, d := range res.Diagnostics {
		switch d.Severity {
		case attest.DiagError, attest.DiagWarning, attest.DiagGap:
		default:
			t.Errorf("diagnostic with severity %q: %s", d.Severity, d)
		}
		if d.Pos.File == "" {
			t.Errorf("diagnostic without a file: %s", d)
		}
	}
	for _, r := range res.Resources {
		if r.Address == "" || r.Type == "" || r.Format != attest.FormatTerraform {
			t.Errorf("malformed resource %+v", r)
		}
	}
	return res
}

// writeFuzzFiles writes name: content under dir, skipping empty contents.
func writeFuzzFiles(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for name, src := range files {
		if len(src) == 0 {
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// FuzzLoadModule loads a root module (main.tf), a module it may call as
// ./modules/m, a terraform.tfvars and a main.tf.json.
func FuzzLoadModule(f *testing.F) {
	for _, c := range []string{"locals", "expand", "dynamic", "conditional", "iam", "unknown", "capped", "parse_error", "workspace", "limits"} {
		ents, err := os.ReadDir(filepath.Join("testdata", c))
		if err != nil {
			f.Fatal(err)
		}
		for _, e := range ents {
			if filepath.Ext(e.Name()) == ".tf" {
				src, err := os.ReadFile(filepath.Join("testdata", c, e.Name()))
				if err != nil {
					f.Fatal(err)
				}
				f.Add(src, []byte(nil), []byte(nil), []byte(nil))
			}
		}
	}
	inner, err := os.ReadFile(filepath.Join("testdata", "modules", "modules", "inner", "main.tf"))
	if err != nil {
		f.Fatal(err)
	}
	callM := []byte("variable \"n\" {\n  type = number\n}\nmodule \"m\" {\n  source = \"./modules/m\"\n  count  = var.n\n}\n")
	f.Add(callM, inner, []byte("n = 2\n"), []byte(nil))
	f.Add(callM, []byte(`module "again" { source = "../../" }`), []byte(`n = 1`), []byte(nil))
	f.Add([]byte(`variable "v" {}`), []byte(nil), []byte(`v = [for a in range(10) : a]`), []byte(`{"resource": {"aws_s3_bucket": {"b": {"bucket": "${var.v}"}}}}`))
	f.Add([]byte(nil), []byte(nil), []byte(nil), []byte(`{"locals": {"a": "${join(\"\", range(10))}"}, "resource": {"x_y": {"z": {"v": "${local.a}"}}}}`))
	f.Add([]byte(`locals { a = local.b
 b = local.a }
resource "x_y" "z" { v = local.a }`), []byte(nil), []byte(nil), []byte(nil))
	f.Add([]byte(`resource "x_y" "z" { v = x_y.z.id }`), []byte(nil), []byte(nil), []byte(nil))
	f.Add([]byte(`module "self" { source = "./" }
resource "x_y" "z" { count = 2 }`), []byte(nil), []byte(nil), []byte(nil))
	f.Add([]byte(`resource "x_y" "z" { for_each = ["a"]
 v = each.key }`), []byte(nil), []byte(nil), []byte(nil))
	f.Add([]byte(`resource "x_y" "z" { v = cidrsubnet("10.0.0.0/8", 8, 300) }`), []byte(nil), []byte(nil), []byte(nil))
	f.Add([]byte(`resource "x_y" "z" { v = file("/etc/passwd") }`), []byte(nil), []byte(nil), []byte(nil))
	f.Fuzz(func(t *testing.T, mainTF, moduleTF, tfvars, tfJSON []byte) {
		dir := t.TempDir()
		writeFuzzFiles(t, dir, map[string][]byte{
			"main.tf":             mainTF,
			"modules/m/main.tf":   moduleTF,
			"terraform.tfvars":    tfvars,
			"main.tf.json":        tfJSON,
			"modules/m/vars.json": tfJSON,
		})
		fuzzLoad(t, dir, terraform.Options{MaxInstances: 20, Root: dir})
	})
}

// FuzzVarFile reads variable values from a tfvars file, a tfvars.json file
// and a --var-file into a root module with variables of several types.
func FuzzVarFile(f *testing.F) {
	for _, name := range []string{"terraform.tfvars", "a.auto.tfvars", "extra.tfvars"} {
		src, err := os.ReadFile(filepath.Join("testdata", "vars", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src, []byte(nil))
	}
	for _, name := range []string{"terraform.tfvars.json", "b.auto.tfvars.json"} {
		src, err := os.ReadFile(filepath.Join("testdata", "vars", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add([]byte(nil), src)
	}
	f.Add([]byte("s = \"${\"a\"}${\"b\"}\"\nl = [for x in [1, 2, 3] : [for y in [1, 2, 3] : x * y]]\n"), []byte(`{"s": "${var.x}", "m": {"k": [1, 2]}}`))
	f.Add([]byte("undeclared = 1\nn = \"not a number\"\n"), []byte(`{"n": {}}`))
	main := []byte(`variable "s" {
  type    = string
  default = "d"
}
variable "n" {
  type    = number
  default = 1
}
variable "l" {
  type    = list(any)
  default = []
}
variable "m" {
  type = map(list(number))
  default = {}
}
variable "o" {
  type = object({ a = optional(string, "x"), b = optional(number) })
  default = {}
}
resource "x_y" "z" {
  s = var.s
  n = var.n
  l = var.l
  m = var.m
  o = var.o
}
`)
	f.Fuzz(func(t *testing.T, tfvars, tfvarsJSON []byte) {
		dir := t.TempDir()
		writeFuzzFiles(t, dir, map[string][]byte{
			"main.tf":               main,
			"terraform.tfvars":      tfvars,
			"terraform.tfvars.json": tfvarsJSON,
			"cli/extra.tfvars":      tfvars,
		})
		var files []string
		if len(tfvars) > 0 {
			files = []string{filepath.Join(dir, "cli", "extra.tfvars")}
		}
		res := fuzzLoad(t, dir, terraform.Options{Root: dir, VarFiles: files})
		if len(res.Resources) != 1 {
			t.Errorf("want the one resource whatever the variables, got %d", len(res.Resources))
		}
	})
}

// FuzzModuleManifest reads a .terraform/modules/modules.json that maps the
// root's module calls to directories, some of which exist.
func FuzzModuleManifest(f *testing.F) {
	src, err := os.ReadFile(filepath.Join("testdata", "downloaded", ".terraform", "modules", "modules.json"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(src)
	f.Add([]byte(`{"Modules":[{"Key":"db","Dir":"../secret"},{"Key":"db.net","Dir":"/"}]}`))
	f.Add([]byte(`{"Modules":[{"Key":"db","Dir":"."},{"Key":"db","Dir":".terraform/modules/db"}]}`))
	f.Add([]byte(`{"Modules":[{"Key":"db","Dir":".terraform/modules/db"},{"Key":"db.net","Dir":".terraform/modules/db"}]}`))
	f.Add([]byte(`{"Modules":{}}`))
	f.Add([]byte(`{"Modules":[{"Key":"db","Dir":".terraform/modules/db"}]`))
	f.Add([]byte("\x00\xff"))
	main := []byte("module \"db\" {\n  source = \"terraform-aws-modules/rds/aws\"\n  encrypted = false\n}\n")
	db := []byte("variable \"encrypted\" {}\nmodule \"net\" {\n  source = \"terraform-aws-modules/vpc/aws\"\n}\nresource \"aws_db_instance\" \"this\" {\n  storage_encrypted = var.encrypted\n}\n")
	f.Fuzz(func(t *testing.T, manifest []byte) {
		base := t.TempDir()
		root := filepath.Join(base, "root")
		writeFuzzFiles(t, base, map[string][]byte{
			"root/main.tf":                         main,
			"root/.terraform/modules/db/main.tf":   db,
			"root/.terraform/modules/modules.json": manifest,
			"secret/main.tf":                       []byte(`resource "secret" "s" {}`),
		})
		res := fuzzLoad(t, root, terraform.Options{Root: root})
		for _, r := range res.Resources {
			if r.Type == "secret" {
				t.Errorf("loaded %s from outside the tree through the manifest", r.Address)
			}
		}
	})
}
