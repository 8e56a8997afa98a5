package terraform_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/attest-dev/attest/iac/terraform"
)

// TestLoadModule_Conditional: a resource that stands in for a count or
// for_each known only at apply time, or that sits in a module call whose
// count is, names where its existence is decided.
func TestLoadModule_Conditional(t *testing.T) {
	dir := filepath.Join("..", "..", "rules", "aws", "testdata", "aws-s3-public-access-block", "conditional")
	res, err := terraform.LoadModule(context.Background(), dir, terraform.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"aws_s3_bucket.maybe":                                          "",
		"aws_s3_bucket_public_access_block.maybe":                      "aws_s3_bucket_public_access_block.maybe",
		"aws_s3_bucket.sure":                                           "",
		"aws_s3_bucket_public_access_block.sure":                       "",
		"module.together.aws_s3_bucket.this":                           "module.together",
		"module.together.aws_s3_bucket_public_access_block.this":       "module.together",
		"module.together.aws_s3_bucket_public_access_block.target[0]":  "",
		"module.elsewhere.aws_s3_bucket_public_access_block.target[0]": "module.elsewhere",
	}
	got := map[string]string{}
	for _, r := range res.Resources {
		got[r.Address] = r.Conditional
	}
	for addr, c := range want {
		g, ok := got[addr]
		if addr == "module.together.aws_s3_bucket_public_access_block.target[0]" {
			// var.target is null in that call: count is 0, nothing loaded.
			if ok {
				t.Errorf("%s loaded, want no instance", addr)
			}
			continue
		}
		if !ok {
			t.Errorf("%s not loaded; have %v", addr, got)
			continue
		}
		if g != c {
			t.Errorf("%s: Conditional = %q, want %q", addr, g, c)
		}
	}
}
