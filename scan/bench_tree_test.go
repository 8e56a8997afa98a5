package scan

import (
	"context"
	"os"
	"testing"

	"github.com/attest-dev/attest/policy"
)

// BenchmarkEvaluate_Tree measures the evaluation alone (every built-in rule
// over the resources of a tree, loaded once), with its allocations per run:
// the part of a scan that OPA's interpreter dominates. The tree is
// $ATTEST_BENCH_TREE (a tree from bench/*/gen, say), else examples/:
//
//	ATTEST_BENCH_TREE=/tmp/tf go test ./scan -run '^$' -bench Evaluate_Tree -benchmem
func BenchmarkEvaluate_Tree(b *testing.B) {
	dir := os.Getenv("ATTEST_BENCH_TREE")
	if dir == "" {
		dir = "../examples"
	}
	ctx := context.Background()
	e, err := policy.Compile(ctx, policy.Options{})
	if err != nil {
		b.Fatal(err)
	}
	inputs, diags := findInputs([]string{dir}, "", nil)
	if len(inputs) == 0 {
		b.Fatalf("nothing to scan in %s: %v", dir, diags)
	}
	resources, _, _ := load(ctx, inputs, Params{})
	b.ResetTimer()
	for b.Loop() {
		if _, err := e.Evaluate(ctx, resources); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(resources)), "resources")
}
