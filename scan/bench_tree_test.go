package scan

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/attest-dev/attest/internal/cputime"
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

// BenchmarkPrepare_Tree measures what a scan does between loading the
// resources of a tree and running the first rule (policy.Engine.Prepare:
// converting the resources to OPA values, indexing them, compiling the rules
// of their types), with its allocations. The engine is deferred, as a
// scan's is, and made anew each time (outside the timing), so that each
// run compiles what a scan compiles. The tree is $ATTEST_BENCH_TREE, else
// examples/ (see BenchmarkEvaluate_Tree).
func BenchmarkPrepare_Tree(b *testing.B) {
	dir := benchTree()
	ctx := context.Background()
	inputs, _ := findInputs([]string{dir}, "", nil)
	resources, _, _ := load(ctx, inputs, Params{})
	var cpu time.Duration // of Prepare alone
	for b.Loop() {
		b.StopTimer()
		e, err := policy.Compile(ctx, policy.Options{Deferred: true})
		if err != nil {
			b.Fatal(err)
		}
		start, _ := cputime.Process()
		b.StartTimer()
		if _, err := e.Prepare(ctx, resources); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		end, _ := cputime.Process()
		cpu += end - start
		b.StartTimer()
	}
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(len(resources)), "resources")
}

// BenchmarkFindInputs_Tree measures the discovery of a scan: listing the
// tree and reading the head of every file to detect its format. The tree is
// $ATTEST_BENCH_TREE, else examples/ (see BenchmarkEvaluate_Tree).
func BenchmarkFindInputs_Tree(b *testing.B) {
	dir := benchTree()
	n := 0
	cpu := cpuClock(b)
	for b.Loop() {
		inputs, _ := findInputs([]string{dir}, "", nil)
		n = len(inputs)
	}
	cpu()
	b.ReportMetric(float64(n), "inputs")
}

// BenchmarkLoad_Tree measures the loading of the inputs of a tree, found
// once, into resources.
func BenchmarkLoad_Tree(b *testing.B) {
	dir := benchTree()
	ctx := context.Background()
	inputs, _ := findInputs([]string{dir}, "", nil)
	n := 0
	cpu := cpuClock(b)
	for b.Loop() {
		resources, _, _ := load(ctx, inputs, Params{})
		n = len(resources)
	}
	cpu()
	b.ReportMetric(float64(n), "resources")
}

// cpuClock starts measuring the process's CPU time; the function it returns
// reports it per operation (cpu-ns/op), which on a shared machine varies
// less than wall time and counts the work of every core.
func cpuClock(b *testing.B) func() {
	start, ok := cputime.Process()
	return func() {
		if end, _ := cputime.Process(); ok && b.N > 0 {
			b.ReportMetric(float64((end-start).Nanoseconds())/float64(b.N), "cpu-ns/op")
		}
	}
}

func benchTree() string {
	if dir := os.Getenv("ATTEST_BENCH_TREE"); dir != "" {
		return dir
	}
	return "../examples"
}
