package terraform_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/attest-dev/attest/iac/terraform"
	"github.com/google/go-cmp/cmp"
)

// loadOrdered loads root with opts, with each resource's Unknown sorted
// (their order is not defined); everything else is compared as given.
func loadOrdered(t *testing.T, root string, opts terraform.Options) (*terraform.Result, string) {
	t.Helper()
	res, err := terraform.LoadModule(context.Background(), root, opts)
	if err != nil {
		return nil, err.Error()
	}
	for _, r := range res.Resources {
		slices.Sort(r.Unknown)
	}
	return res, ""
}

// TestLoadModule_ParallelSameAsSerial loads every root module of testdata
// (testdata/parallel holds the cases where loading module calls at once
// must fall back to loading them in order) and a generated tree of many
// module calls, with their module calls loaded one after the other and
// several at a time, alone and through one cache, and checks that the
// results are identical: resources, diagnostics and their order. Run it
// with -race.
func TestLoadModule_ParallelSameAsSerial(t *testing.T) {
	roots, err := terraform.FindRoots("testdata")
	if err != nil {
		t.Fatal(err)
	}
	tree := t.TempDir()
	writeTree(t, tree, 12, 3, 2)
	roots = append(roots, tree)
	if !slices.Contains(roots, filepath.Join("testdata", "parallel", "siblings")) {
		t.Fatalf("FindRoots(testdata) = %v, want the parallel cases", roots)
	}
	for _, root := range roots {
		t.Run(root, func(t *testing.T) {
			want, wantErr := loadOrdered(t, root, terraform.Options{})
			for _, n := range []int{2, 3, 8} {
				got, gotErr := loadOrdered(t, root, terraform.Options{Parallel: n})
				if gotErr != wantErr {
					t.Fatalf("Parallel %d: error %q, serial %q", n, gotErr, wantErr)
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("Parallel %d differs from serial (-serial +parallel):\n%s", n, diff)
				}
			}
			cached, cachedErr := loadOrdered(t, root, terraform.Options{Parallel: 2, Cache: terraform.NewParseCache()})
			serialCached, _ := loadOrdered(t, root, terraform.Options{Cache: terraform.NewParseCache()})
			if cachedErr != wantErr {
				t.Fatalf("Parallel with a cache: error %q, serial %q", cachedErr, wantErr)
			}
			if diff := cmp.Diff(serialCached, cached); diff != "" {
				t.Errorf("Parallel with a cache differs from serial (-serial +parallel):\n%s", diff)
			}
		})
	}
}
