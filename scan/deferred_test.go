package scan_test

import (
	"context"
	"testing"
	"time"

	"github.com/attest-dev/attest/policy"
	"github.com/attest-dev/attest/scan"
	"github.com/google/go-cmp/cmp"
)

// A scan compiles only the rules that read the types it loaded
// (policy.Options.Deferred); its report, rules section and every finding
// included, is the one of an engine that compiled every rule, on the
// examples and on every rule fixture of every format.
func TestRun_DeferredCompile(t *testing.T) {
	ctx := context.Background()
	eager, err := policy.Compile(ctx, policy.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"../examples", "../rules"} {
		t.Run(path, func(t *testing.T) {
			p := scan.Params{Paths: []string{path}, Now: func() time.Time { return testNow }}
			got, err := scan.Run(ctx, p)
			if err != nil {
				t.Fatal(err)
			}
			p.Engine = eager
			want, err := scan.Run(ctx, p)
			if err != nil {
				t.Fatal(err)
			}
			if len(want.Findings) < 100 || len(want.Rules) != len(eager.Rules()) {
				t.Fatalf("%d findings, %d rules: the comparison proves little", len(want.Findings), len(want.Rules))
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("report (-all rules compiled +deferred):\n%s", diff)
			}
		})
	}
}
