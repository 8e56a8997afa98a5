//go:build unix

package terraform_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/attest-dev/attest/iac/terraform"
	"github.com/attest-dev/attest/internal/cputime"
)

// BenchmarkLoadModule_Toset loads one resource block whose for_each is
// toset() of n generated keys, the usual shape of a large for_each, at the
// sizes bench/terraform/toset.sh draws the curve for.
func BenchmarkLoadModule_Toset(b *testing.B) {
	for _, n := range []int{1000, 5000, 10000, 20000} {
		b.Run(fmt.Sprintf("keys=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			var src strings.Builder
			src.WriteString("locals {\n  names = [\n")
			for i := range n {
				fmt.Fprintf(&src, "    \"bucket-%05d\",\n", i)
			}
			src.WriteString(`  ]
}
resource "aws_s3_bucket" "b" {
  for_each = toset(local.names)
  bucket   = each.key
}
`)
			if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src.String()), 0o644); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			// CPU time as well as wall time: on a shared machine the
			// wall time says more about the neighbours than the code.
			cpu0 := cpuTime(b)
			for b.Loop() {
				res, err := terraform.LoadModule(context.Background(), dir, terraform.Options{MaxInstances: n})
				if err != nil {
					b.Fatal(err)
				}
				if len(res.Resources) != n || len(res.Diagnostics) != 0 {
					b.Fatalf("got %d resources, diagnostics:\n%s", len(res.Resources), res.Diagnostics.Error())
				}
			}
			b.ReportMetric(float64((cpuTime(b)-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
		})
	}
}

// cpuTime is the user and system CPU time of the process so far.
func cpuTime(b *testing.B) time.Duration {
	b.Helper()
	d, ok := cputime.Process()
	if !ok {
		b.Fatal("the process's CPU time cannot be read here")
	}
	return d
}
