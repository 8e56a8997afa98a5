package policy_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/internal/cputime"
	"github.com/attest-dev/attest/policy"
)

// BenchmarkCompile measures compiling the built-in rule library, which every
// CLI scan pays once.
func BenchmarkCompile(b *testing.B) {
	for b.Loop() {
		if _, err := policy.Compile(context.Background(), policy.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// benchResources makes n resources in one root: buckets with their policies
// and versioning, security groups and KMS keys, a third of them failing.
func benchResources(n int) []attest.Resource {
	out := make([]attest.Resource, 0, n)
	for i := 0; len(out) < n; i++ {
		name := fmt.Sprintf("bucket-%d", i)
		addr := fmt.Sprintf("aws_s3_bucket.b[%d]", i)
		rng := attest.Range{File: "main.tf", StartLine: i + 1, EndLine: i + 3}
		out = append(out,
			attest.Resource{Type: "aws_s3_bucket", Address: addr, Root: "bench", Range: rng,
				Attributes: map[string]any{"bucket": name}},
			attest.Resource{Type: "aws_s3_bucket_versioning", Address: fmt.Sprintf("aws_s3_bucket_versioning.v[%d]", i), Root: "bench", Range: rng,
				Attributes: map[string]any{"bucket": name, "versioning_configuration": []any{map[string]any{"status": "Enabled"}}},
				Refs:       map[string][]string{"bucket": {addr}}},
			attest.Resource{Type: "aws_security_group", Address: fmt.Sprintf("aws_security_group.sg[%d]", i), Root: "bench", Range: rng,
				Attributes: map[string]any{"ingress": []any{map[string]any{
					"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": []any{fmt.Sprintf("10.%d.0.0/16", i%3*100)},
				}}}},
			attest.Resource{Type: "aws_kms_key", Address: fmt.Sprintf("aws_kms_key.k[%d]", i), Root: "bench", Range: rng,
				Attributes: map[string]any{"enable_key_rotation": i%3 != 0}},
		)
	}
	return out[:n]
}

// BenchmarkEvaluate measures evaluating the built-in rules over 10,000
// resources, joins between buckets and their settings included.
func BenchmarkEvaluate(b *testing.B) {
	e, err := policy.Compile(context.Background(), policy.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{1000, 10000} {
		resources := benchResources(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if _, err := e.Evaluate(context.Background(), resources); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkEvaluate_RuleOverhead measures what the engine pays per resource
// and rule whatever the rule does: 2,000 resources of one type read by 1 and
// by 41 rules whose one expression fails at once. The difference between
// the two, per resource and added rule, is the cost of entering a rule's
// verdict sets and reading them (cpu-ns/pair counts the CPU time of the
// whole process, collector included, which varies less than wall time on a
// shared machine).
func BenchmarkEvaluate_RuleOverhead(b *testing.B) {
	const resources = 2000
	res := make([]attest.Resource, resources)
	for i := range res {
		res[i] = attest.Resource{Type: "bench_thing", Address: fmt.Sprintf("bench_thing.t%d", i), Root: "bench",
			Range: attest.Range{File: "main.tf", StartLine: i + 1, EndLine: i + 1}, Attributes: map[string]any{"flag": -1}}
	}
	for _, n := range []int{1, 41} {
		b.Run(fmt.Sprintf("rules=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			for i := range n {
				src := fmt.Sprintf(`# METADATA
# title: bench rule %[1]d
# custom:
#   id: bench-%[1]d
#   severity: low
#   resource_types: [bench_thing]
#   controls:
#     soc2: [CC6.1]
package bench.r%[1]d

deny contains "flag %[1]d is set" if input.resource.attributes.flag == %[1]d
`, i)
				if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("r%d.rego", i)), []byte(src), 0o600); err != nil {
					b.Fatal(err)
				}
			}
			e, err := policy.Compile(context.Background(), policy.Options{NoBuiltin: true, Dirs: []string{dir}})
			if err != nil {
				b.Fatal(err)
			}
			start, ok := cputime.Process()
			for b.Loop() {
				if _, err := e.Evaluate(context.Background(), res); err != nil {
					b.Fatal(err)
				}
			}
			if end, _ := cputime.Process(); ok {
				b.ReportMetric(float64((end-start).Nanoseconds())/float64(b.N*resources*n), "cpu-ns/pair")
			}
		})
	}
}
