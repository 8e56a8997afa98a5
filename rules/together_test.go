package rules_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/scan"
	"github.com/google/go-cmp/cmp"
)

// Every Dockerfile fixture case scanned together, in one evaluation, gets
// exactly the findings it gets alone: a Dockerfile rule reads only its own
// Dockerfile, so what one evaluation shares between resources (the values
// of constant rules, which each worker keeps from one resource to the next)
// must not carry anything from one Dockerfile into another's verdicts.
func TestRules_DockerCasesTogether(t *testing.T) {
	ctx := context.Background()
	eng := compileAll(t)
	dirs, err := filepath.Glob(filepath.Join("docker", "testdata", "*", "*"))
	if err != nil || len(dirs) < 30 {
		t.Fatalf("found %d Dockerfile cases (%v), want at least 30", len(dirs), err)
	}
	type verdict struct{ Rule, File, Resource, Status, Message string }
	key := func(f attest.Finding) verdict {
		return verdict{f.RuleID, f.Range.File, f.Resource, f.Status, f.Message}
	}
	var alone []verdict
	for _, dir := range dirs {
		for _, f := range evaluateCase(ctx, t, eng, dir) {
			alone = append(alone, key(f))
		}
	}
	rep, err := scan.Run(ctx, scan.Params{Paths: dirs, Config: scan.DefaultConfig(), Engine: eng})
	if err != nil {
		t.Fatal(err)
	}
	var together []verdict
	for _, f := range rep.Findings {
		together = append(together, key(f))
	}
	cmpVerdict := func(a, b verdict) int {
		for _, c := range [][2]string{{a.File, b.File}, {a.Resource, b.Resource}, {a.Rule, b.Rule}, {a.Status, b.Status}, {a.Message, b.Message}} {
			if c[0] != c[1] {
				if c[0] < c[1] {
					return -1
				}
				return 1
			}
		}
		return 0
	}
	slices.SortFunc(alone, cmpVerdict)
	slices.SortFunc(together, cmpVerdict)
	if len(alone) < 100 {
		t.Fatalf("only %d findings from the cases alone", len(alone))
	}
	if diff := cmp.Diff(alone, together); diff != "" {
		t.Errorf("findings together differ from the findings of each case alone (-alone +together):\n%s", diff)
	}
}
