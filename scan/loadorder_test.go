package scan

import (
	"context"
	"maps"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/iac/terraform"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestLoad_LoadedTypes checks that load calls Params.loadedTypes once with
// the resource types of the inputs other than Terraform root modules, once
// they have all loaded, and with none before loading anything when every
// input is a Terraform root; the resources are those of a load without it.
func TestLoad_LoadedTypes(t *testing.T) {
	mixed := writeTree(t, map[string]string{
		"infra/main.tf":    `resource "aws_s3_bucket" "b" { bucket = "logs" }`,
		"infra2/main.tf":   `resource "aws_sqs_queue" "q" { name = "q" }`,
		"app/Dockerfile":   "FROM ubuntu:22.04\nRUN echo hi\n",
		"k8s/deploy.yaml":  "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n",
		"k8s/service.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n",
	})
	tfOnly := writeTree(t, map[string]string{
		"a/main.tf": `resource "aws_s3_bucket" "b" { bucket = "logs" }`,
		"b/main.tf": `resource "aws_sqs_queue" "q" { name = "q" }`,
	})
	for _, tc := range []struct {
		name       string
		dir        string
		wantTypes  []string
		wantBefore bool // called before any input loaded
	}{
		{"mixed", mixed, []string{"Deployment", "Service", "dockerfile"}, false},
		{"terraform only", tfOnly, nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			find := func() ([]input, Params) {
				p := Params{tfFiles: terraform.NewParseCache()}
				inputs, diags := findInputs([]string{tc.dir}, "", p.tfFiles)
				if len(diags) > 0 {
					t.Fatal(diags)
				}
				return inputs, p
			}
			inputs, p := find()
			var loaded atomic.Int64
			p.OnLoad = func(done, total int) { loaded.Store(int64(done)) }
			calls := 0
			var got []string
			var loadedAtCall int64
			p.loadedTypes = func(types []string) {
				calls++
				got = types
				loadedAtCall = loaded.Load()
			}
			resources, _, diags := load(ctx, inputs, p)
			if calls != 1 {
				t.Fatalf("loadedTypes called %d times, want once", calls)
			}
			if diff := cmp.Diff(tc.wantTypes, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("loadedTypes (-want +got):\n%s", diff)
			}
			if tc.wantBefore && loadedAtCall != 0 {
				t.Errorf("loadedTypes called after %d inputs loaded, want before any", loadedAtCall)
			}
			// The other inputs' types, as the finished load has them.
			others := map[string]bool{}
			for _, r := range resources {
				if r.Format != attest.FormatTerraform {
					others[r.Type] = true
				}
			}
			if diff := cmp.Diff(tc.wantTypes, slices.Sorted(maps.Keys(others)), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("types of the loaded inputs other than Terraform (-want +got):\n%s", diff)
			}

			// The same resources and diagnostics as a load without it.
			inputs, p = find()
			plainRes, _, plainDiags := load(ctx, inputs, p)
			if len(plainRes) < 2 {
				t.Fatalf("%d resources", len(plainRes))
			}
			if diff := cmp.Diff(plainRes, resources); diff != "" {
				t.Errorf("resources (-without loadedTypes +with):\n%s", diff)
			}
			if diff := cmp.Diff(plainDiags, diags); diff != "" {
				t.Errorf("diagnostics (-without loadedTypes +with):\n%s", diff)
			}
		})
	}
}
