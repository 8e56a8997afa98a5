package terraform_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/attest-dev/attest/iac/terraform"
)

// writeTree writes a root calling modules modules, each with a for_each of
// perModule keys over resources resource blocks: modules × perModule ×
// resources resource instances in all.
func writeTree(b testing.TB, dir string, modules, perModule, resources int) {
	b.Helper()
	var root strings.Builder
	for m := range modules {
		fmt.Fprintf(&root, "module \"m%d\" {\n  source = \"./modules/m%d\"\n  prefix = \"acme-%d\"\n  keys   = [for i in range(%d) : \"k${i}\"]\n}\n\n", m, m, m, perModule)
		var mod strings.Builder
		mod.WriteString("variable \"prefix\" { type = string }\nvariable \"keys\" { type = list(string) }\nlocals { tags = { Owner = \"platform\", Prefix = var.prefix } }\n\n")
		for r := range resources {
			fmt.Fprintf(&mod, `resource "aws_s3_bucket" "b%d" {
  for_each = toset(var.keys)
  bucket   = "${var.prefix}-%d-${each.key}"
  tags     = merge(local.tags, { Key = each.key })
}

resource "aws_s3_bucket_versioning" "v%d" {
  for_each = aws_s3_bucket.b%d
  bucket   = each.value.id
  versioning_configuration {
    status = "Enabled"
  }
}

`, r, r, r, r)
		}
		mdir := filepath.Join(dir, "modules", fmt.Sprintf("m%d", m))
		if err := os.MkdirAll(mdir, 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(mdir, "main.tf"), []byte(mod.String()), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(root.String()), 0o644); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkLoadModule loads 50 modules × for_each of 20 × 10 resource blocks
// (5 buckets and 5 versioning resources that refer to them): 10,000
// resources.
// BenchmarkLoadModule/parallel loads its 50 module calls on every core
// (Options.Parallel).
func BenchmarkLoadModule(b *testing.B) {
	dir := b.TempDir()
	writeTree(b, dir, 50, 20, 5)
	b.Run("serial", func(b *testing.B) { benchLoad(b, dir, terraform.Options{}) })
	b.Run("parallel", func(b *testing.B) { benchLoad(b, dir, terraform.Options{Parallel: runtime.GOMAXPROCS(0)}) })
}

// benchLoad loads the tree of BenchmarkLoadModule.
func benchLoad(b *testing.B, dir string, opts terraform.Options) {
	b.ReportAllocs()
	for b.Loop() {
		res, err := terraform.LoadModule(context.Background(), dir, opts)
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Resources) != 10000 || len(res.Diagnostics) != 0 {
			b.Fatalf("got %d resources, diagnostics:\n%s", len(res.Resources), res.Diagnostics.Error())
		}
	}
}

// BenchmarkLoadModule_Capped loads a for_each of 10,000 and a count of 65536
// capped at the default 1000 instances each.
func BenchmarkLoadModule_Capped(b *testing.B) {
	dir := b.TempDir()
	var src strings.Builder
	src.WriteString("locals {\n  many = {\n")
	for i := range 10000 {
		fmt.Fprintf(&src, "    b%d = %d\n", i, i)
	}
	src.WriteString(`  }
}
resource "aws_s3_bucket" "many" {
  for_each = local.many
  bucket   = "bucket-${each.value}"
}
resource "aws_security_group_rule" "ports" {
  count     = 65536
  from_port = count.index
  to_port   = count.index
}
`)
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		res, err := terraform.LoadModule(context.Background(), dir, terraform.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Resources) != 2000 {
			b.Fatalf("got %d resources", len(res.Resources))
		}
	}
}
