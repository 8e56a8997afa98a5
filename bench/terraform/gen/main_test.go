package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/attest-dev/attest/iac/terraform"
)

func TestGenerate_loads(t *testing.T) {
	for _, flat := range []bool{false, true} {
		name := "modules"
		if flat {
			name = "flat"
		}
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			n, err := generate(dir, 600, 7, flat)
			if err != nil {
				t.Fatal(err)
			}
			if n < 590 || n > 620 {
				t.Errorf("generate made %d resources, want about 600", n)
			}
			res, err := terraform.LoadModule(context.Background(), dir, terraform.Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range res.Diagnostics {
				t.Errorf("diagnostic: %v", d)
			}
			managed := 0
			types := map[string]int{}
			for _, r := range res.Resources {
				if r.Mode != "data" {
					managed++
					types[r.Type]++
				}
			}
			if managed != n {
				t.Errorf("the loader expanded %d managed resources, generate said %d", managed, n)
			}
			for _, typ := range []string{"aws_s3_bucket", "aws_s3_bucket_versioning", "aws_s3_bucket_server_side_encryption_configuration",
				"aws_s3_bucket_policy", "aws_s3_bucket_public_access_block", "aws_db_instance", "aws_security_group", "aws_kms_key",
				"aws_iam_policy", "aws_cloudwatch_log_group"} {
				if types[typ] == 0 {
					t.Errorf("no %s in the tree", typ)
				}
			}
		})
	}
}

func TestGenerate_deterministic(t *testing.T) {
	read := func(seed uint64) map[string]string {
		dir := t.TempDir()
		if _, err := generate(dir, 1200, seed, false); err != nil {
			t.Fatal(err)
		}
		files := map[string]string{}
		err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(path)
			rel, _ := filepath.Rel(dir, path)
			files[rel] = string(b)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	a, b, c := read(3), read(3), read(4)
	if len(a) != len(b) {
		t.Fatalf("file sets differ: %d and %d", len(a), len(b))
	}
	for name, text := range a {
		if b[name] != text {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
	}
	if a["main.tf"] == c["main.tf"] {
		t.Errorf("seeds 3 and 4 gave the same main.tf")
	}
}

func TestGenerate_refusesNonEmpty(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "x.tf"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := generate(dir, 10, 1, false); err == nil {
		t.Errorf("generate wrote into a non-empty directory")
	}
}

// BenchmarkLoadModule measures the HCL loader alone on generated trees, to
// tell its share of `attest scan` from the policy engine's.
func BenchmarkLoadModule(b *testing.B) {
	for _, n := range []int{2000, 5000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			dir := b.TempDir()
			want, err := generate(dir, n, 1, false)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				res, err := terraform.LoadModule(context.Background(), dir, terraform.Options{})
				if err != nil {
					b.Fatal(err)
				}
				if len(res.Resources) < want {
					b.Fatalf("loaded %d resources, want at least %d", len(res.Resources), want)
				}
			}
		})
	}
}
