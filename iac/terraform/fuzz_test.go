package terraform_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/iac/terraform"
)

func FuzzLoadModule(f *testing.F) {
	for _, c := range []string{"locals", "expand", "dynamic", "conditional", "iam", "unknown", "capped", "parse_error"} {
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
				f.Add(src)
			}
		}
	}
	f.Add([]byte(`locals { a = local.b
 b = local.a }
resource "x_y" "z" { v = local.a }`))
	f.Add([]byte(`resource "x_y" "z" { v = x_y.z.id }`))
	f.Add([]byte(`module "self" { source = "./" }
resource "x_y" "z" { count = 2 }`))
	f.Add([]byte(`resource "x_y" "z" { for_each = ["a"]
 v = each.key }`))
	f.Add([]byte(`resource "x_y" "z" { v = cidrsubnet("10.0.0.0/8", 8, 300) }`))
	f.Fuzz(func(t *testing.T, src []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), src, 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := terraform.LoadModule(context.Background(), dir, terraform.Options{MaxInstances: 20})
		if err != nil {
			t.Fatalf("LoadModule returned an error, not diagnostics: %v", err)
		}
		for _, d := range res.Diagnostics {
			if d.Severity != attest.DiagError && d.Severity != attest.DiagGap && d.Severity != attest.DiagWarning {
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
	})
}
