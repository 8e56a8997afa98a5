package terraform_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/iac/terraform"
	"github.com/google/go-cmp/cmp"
)

// loadAll loads every root with opts, each of them loads times, all at once,
// and returns the results by root; the loads that must agree are checked to.
func loadAll(t *testing.T, roots []string, loads int, opts terraform.Options) map[string]*terraform.Result {
	t.Helper()
	type out struct {
		root string
		res  *terraform.Result
		err  error
	}
	outs := make([]out, len(roots)*loads)
	var wg sync.WaitGroup
	for i := range outs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			root := roots[i%len(roots)]
			res, err := terraform.LoadModule(context.Background(), root, opts)
			if err == nil {
				// The order of Unknown is not defined.
				for _, r := range res.Resources {
					slices.Sort(r.Unknown)
				}
			}
			outs[i] = out{root, res, err}
		}()
	}
	wg.Wait()
	byRoot := map[string]*terraform.Result{}
	errs := map[string]string{}
	for _, o := range outs {
		if o.err != nil {
			errs[o.root] = o.err.Error()
			continue
		}
		if prev, ok := byRoot[o.root]; ok {
			if diff := cmp.Diff(prev, o.res); diff != "" {
				t.Errorf("%s: two loads with the same cache differ (-first +other):\n%s", o.root, diff)
			}
			continue
		}
		byRoot[o.root] = o.res
	}
	for root, err := range errs {
		t.Logf("%s: %s", root, err)
	}
	return byRoot
}

// fileProblems are the diagnostics of files that cannot be used at all
// (unreadable, not text, syntax errors), which a shared cache reports once.
func isFileProblem(d attest.Diagnostic, cache attest.Diagnostics) bool {
	return slices.Contains(cache, d)
}

// TestParseCache_SameAsUncached loads every root module of testdata through
// one shared cache, several loads at once (run with -race: the syntax trees
// they share must not be written), and checks that each gives the resources
// and diagnostics it gives alone, the problems of its files apart, which the
// cache reports once.
func TestParseCache_SameAsUncached(t *testing.T) {
	roots, err := terraform.FindRoots("testdata")
	if err != nil {
		t.Fatal(err)
	}
	if len(roots) < 20 {
		t.Fatalf("FindRoots(testdata) = %d roots, want every case", len(roots))
	}
	alone := loadAll(t, roots, 1, terraform.Options{})
	cache := terraform.NewParseCache()
	cachedRoots, err := cache.FindRoots("testdata", "testdata")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(roots, cachedRoots); diff != "" {
		t.Errorf("ParseCache.FindRoots differs from FindRoots (-plain +cached):\n%s", diff)
	}
	shared := loadAll(t, roots, 2, terraform.Options{Cache: cache, Root: "testdata"})
	fileDiags := cache.Diagnostics()
	if len(fileDiags) == 0 {
		t.Fatal("no file problems reported by the cache; testdata has files that do not parse")
	}
	var wantFileDiags attest.Diagnostics
	for _, root := range roots {
		a, s := alone[root], shared[root]
		if (a == nil) != (s == nil) {
			t.Errorf("%s: loaded alone %v, with the cache %v", root, a != nil, s != nil)
			continue
		}
		if a == nil {
			continue
		}
		if diff := cmp.Diff(a.Resources, s.Resources); diff != "" {
			t.Errorf("%s: resources (-alone +cached):\n%s", root, diff)
		}
		if diff := cmp.Diff(a.UndeclaredVars, s.UndeclaredVars); diff != "" {
			t.Errorf("%s: undeclared vars (-alone +cached):\n%s", root, diff)
		}
		var rest attest.Diagnostics
		for _, d := range a.Diagnostics {
			if isFileProblem(d, fileDiags) {
				wantFileDiags = append(wantFileDiags, d)
				continue
			}
			rest = append(rest, d)
		}
		if diff := cmp.Diff(rest, s.Diagnostics); diff != "" {
			t.Errorf("%s: diagnostics (-alone, file problems left out +cached):\n%s", root, diff)
		}
	}
	wantFileDiags.Sort()
	wantFileDiags = slices.Compact(wantFileDiags)
	if diff := cmp.Diff(wantFileDiags, fileDiags); diff != "" {
		t.Errorf("file problems (-from the loads alone +cache):\n%s", diff)
	}
}

// TestParseCache_SharedModule loads two roots that call one module three
// times in all, the module having override files and a file that does not
// parse: each load gets the module's resources, the parse error is reported
// once with the text a load alone gives, and no load reports it itself.
func TestParseCache_SharedModule(t *testing.T) {
	dir := filepath.Join("testdata", "shared")
	roots := []string{filepath.Join(dir, "stacks", "a"), filepath.Join(dir, "stacks", "b")}
	cache := terraform.NewParseCache()
	found, err := cache.FindRoots(dir, dir)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(roots, found); diff != "" {
		t.Fatalf("roots (-want +got):\n%s", diff)
	}
	shared := loadAll(t, roots, 4, terraform.Options{Cache: cache, Root: dir})
	alone := loadAll(t, roots, 1, terraform.Options{Root: dir})

	broken := filepath.Join(dir, "modules", "bucket", "broken.tf")
	var parseErr attest.Diagnostic
	for _, d := range alone[roots[0]].Diagnostics {
		if d.Pos.File == broken {
			parseErr = d
		}
	}
	if parseErr.Pos.Line != 1 || parseErr.Pos.Column != 30 || parseErr.Summary != "Unclosed configuration block" {
		t.Fatalf("parse error of a load alone = %+v, want broken.tf:1:30", parseErr)
	}
	if diff := cmp.Diff(attest.Diagnostics{parseErr}, cache.Diagnostics()); diff != "" {
		t.Errorf("cache diagnostics (-want +got):\n%s", diff)
	}
	// A problem of the module's declarations is the module's as each root
	// uses it: every root reports it, as it does without the cache.
	override := filepath.Join(dir, "modules", "bucket", "override.tf")
	for _, root := range roots {
		got := shared[root].Diagnostics
		if len(got) != 1 || got[0].Pos.File != override || got[0].Pos.Line != 15 || got[0].Summary != "nothing to override" {
			t.Errorf("%s: diagnostics with the cache:\n%s\nwant only %s:15: nothing to override", root, got.Error(), override)
		}
		if diff := cmp.Diff(alone[root].Resources, shared[root].Resources); diff != "" {
			t.Errorf("%s: resources (-alone +cached):\n%s", root, diff)
		}
	}
	want := map[string]map[string]any{
		"module.one.aws_s3_bucket.b[\"prod-x\"]": {"bucket": "prod-x", "acl": "private", "logging": []any{map[string]any{"target_bucket": "central-prod-x"}}},
		"module.one.aws_cloudwatch_log_group.g":  {"name": "prod-logs", "retention_in_days": int64(7), "kms_key_id": "alias/prod"},
	}
	for _, r := range shared[roots[0]].Resources {
		if w, ok := want[r.Address]; ok {
			if diff := cmp.Diff(w, r.Attributes); diff != "" {
				t.Errorf("%s (-want +got):\n%s", r.Address, diff)
			}
			delete(want, r.Address)
		}
	}
	if len(want) != 0 {
		t.Errorf("resources not loaded: %v", want)
	}
	var addrs []string
	for _, r := range shared[roots[1]].Resources {
		addrs = append(addrs, r.Address)
	}
	slices.Sort(addrs)
	wantAddrs := []string{
		"module.one.aws_cloudwatch_log_group.g",
		"module.one.aws_s3_bucket.b[\"prod-z\"]",
		"module.two.aws_cloudwatch_log_group.g",
		"module.two.aws_s3_bucket.b[\"prod-p2\"]",
		"module.two.aws_s3_bucket.b[\"prod-q2\"]",
	}
	if diff := cmp.Diff(wantAddrs, addrs); diff != "" {
		t.Errorf("resources of stacks/b (-want +got):\n%s", diff)
	}
}

// BenchmarkParseCache finds and loads the roots of a tree shaped like the
// terraform-aws-modules repositories: a module of 8 files (400 resource
// blocks, 200 variables) that 20 example roots call. "alone" is each load
// parsing for itself, as before the cache; "shared" is one cache for the
// whole scan.
func BenchmarkParseCache(b *testing.B) {
	dir := b.TempDir()
	mod := filepath.Join(dir, "modules", "big")
	if err := os.MkdirAll(mod, 0o755); err != nil {
		b.Fatal(err)
	}
	for f := range 8 {
		var src strings.Builder
		for r := range 50 {
			fmt.Fprintf(&src, "variable \"v%d_%d\" {\n  type    = string\n  default = \"x\"\n  description = \"variable %d of file %d\"\n}\n\n", f, r, r, f)
			fmt.Fprintf(&src, "resource \"aws_s3_bucket\" \"b%d_%d\" {\n  count  = var.create ? 1 : 0\n  bucket = \"${var.v%d_%d}-%d\"\n  tags   = merge(var.tags, { Name = \"b%d\" })\n}\n\n", f, r, f, r, r, r)
		}
		if err := os.WriteFile(filepath.Join(mod, fmt.Sprintf("f%d.tf", f)), []byte(src.String()), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(mod, "vars.tf"), []byte("variable \"create\" {\n  default = true\n}\n\nvariable \"tags\" {\n  default = {}\n}\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	for e := range 20 {
		ex := filepath.Join(dir, "examples", fmt.Sprintf("e%d", e))
		if err := os.MkdirAll(ex, 0o755); err != nil {
			b.Fatal(err)
		}
		src := fmt.Sprintf("module \"big\" {\n  source = \"../../modules/big\"\n  tags   = { Example = \"e%d\" }\n}\n", e)
		if err := os.WriteFile(filepath.Join(ex, "main.tf"), []byte(src), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	run := func(b *testing.B, shared bool) {
		b.ReportAllocs()
		for b.Loop() {
			var cache *terraform.ParseCache
			var roots []string
			var err error
			if shared {
				cache = terraform.NewParseCache()
				roots, err = cache.FindRoots(dir, dir)
			} else {
				roots, err = terraform.FindRoots(dir)
			}
			if err != nil || len(roots) != 20 {
				b.Fatalf("roots %v, %v", roots, err)
			}
			n := 0
			for _, root := range roots {
				res, err := terraform.LoadModule(context.Background(), root, terraform.Options{Root: dir, Cache: cache})
				if err != nil {
					b.Fatal(err)
				}
				n += len(res.Resources)
			}
			if n != 20*400 {
				b.Fatalf("%d resources, want %d", n, 20*400)
			}
		}
	}
	b.Run("alone", func(b *testing.B) { run(b, false) })
	b.Run("shared", func(b *testing.B) { run(b, true) })
}

// TestParseCache_ResourceTypes checks that the types the parsed files
// declare cover every resource that the loads of testdata give through the
// cache, apart from those of modules downloaded into .terraform, which the
// search for root modules does not read; and that on a small tree they are
// exactly the first labels of its resource and data blocks.
func TestParseCache_ResourceTypes(t *testing.T) {
	cache := terraform.NewParseCache()
	roots, err := cache.FindRoots("testdata", "testdata")
	if err != nil {
		t.Fatal(err)
	}
	types := cache.ResourceTypes()
	if !slices.IsSorted(types) || len(slices.Compact(slices.Clone(types))) != len(types) {
		t.Errorf("ResourceTypes = %v, want sorted and each once", types)
	}
	checked := 0
	for root, res := range loadAll(t, roots, 1, terraform.Options{Cache: cache, Root: "testdata"}) {
		for _, r := range res.Resources {
			if strings.Contains(filepath.ToSlash(r.Range.File), "/.terraform/") {
				continue
			}
			checked++
			if !slices.Contains(types, r.Type) {
				t.Errorf("%s: resource %s of type %s, which ResourceTypes leaves out", root, r.Address, r.Type)
			}
		}
	}
	if checked < 100 {
		t.Fatalf("only %d resources checked", checked)
	}

	dir := t.TempDir()
	for name, src := range map[string]string{
		"main.tf": `resource "aws_s3_bucket" "a" {}
data "aws_iam_policy_document" "p" {}
module "m" { source = "./mod" }
variable "not_a_type" {}`,
		"mod/main.tf":     `resource "aws_s3_bucket" "b" {}` + "\n" + `resource "aws_kms_key" "k" { count = 0 }`,
		"extra.tf.json":   `{"resource": {"aws_sqs_queue": {"q": {}}}}`,
		".hidden/main.tf": `resource "hidden_type" "h" {}`,
	} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	small := terraform.NewParseCache()
	if got := small.ResourceTypes(); len(got) != 0 {
		t.Errorf("ResourceTypes of an empty cache = %v", got)
	}
	if _, err := small.FindRoots(dir, dir); err != nil {
		t.Fatal(err)
	}
	want := []string{"aws_iam_policy_document", "aws_kms_key", "aws_s3_bucket", "aws_sqs_queue"}
	if diff := cmp.Diff(want, small.ResourceTypes()); diff != "" {
		t.Errorf("ResourceTypes (-want +got):\n%s", diff)
	}
}
