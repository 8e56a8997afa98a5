package corpus

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/attest-dev/attest/policy"
	"github.com/attest-dev/attest/scan"
)

// BenchmarkScan_Mixed scans the tree of issue 12's speed target, 2,000
// CloudFormation templates and 2,000 Dockerfiles, in process with every
// built-in rule: walk, detect, load, evaluate and waive, as attest scan
// does after compiling the rules. Profile it with
//
//	go test ./bench/corpus -run '^$' -bench Mixed -cpu 2 -cpuprofile cpu.out
func BenchmarkScan_Mixed(b *testing.B) {
	dir := b.TempDir()
	if err := CloudFormation(filepath.Join(dir, "infra"), 2000, 1); err != nil {
		b.Fatal(err)
	}
	if err := Dockerfiles(filepath.Join(dir, "services"), 2000, 1); err != nil {
		b.Fatal(err)
	}
	eng, err := policy.Compile(context.Background(), policy.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		rep, err := scan.Run(context.Background(), scan.Params{Paths: []string{dir}, Config: scan.DefaultConfig(), Engine: eng})
		if err != nil {
			b.Fatal(err)
		}
		if rep.Diagnostics.HasErrors() || rep.Summary.Resources < 15000 {
			b.Fatalf("%d resources, diagnostics %v", rep.Summary.Resources, rep.Diagnostics)
		}
	}
}
