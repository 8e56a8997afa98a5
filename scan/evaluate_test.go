package scan

import (
	"context"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/policy"
	"github.com/google/go-cmp/cmp"
)

// A scan's evaluation drops the attributes (and refs) of the resources once
// they are converted, all but those of Kubernetes objects, whose annotation
// waivers are read afterwards; the findings are those of evaluating the
// resources with everything kept. The examples hold every format.
func TestEvaluate_dropsAttributes(t *testing.T) {
	ctx := context.Background()
	inputs, diags := findInputs([]string{"../examples"}, "", nil)
	if len(inputs) == 0 {
		t.Fatalf("nothing to scan: %v", diags)
	}
	resources, _, _ := load(ctx, inputs, Params{})
	engine, err := policy.Compile(ctx, policy.Options{Deferred: true})
	if err != nil {
		t.Fatal(err)
	}
	want, err := engine.Evaluate(ctx, resources)
	if err != nil {
		t.Fatal(err)
	}
	formats := map[string]bool{}
	for _, r := range resources {
		formats[r.Format] = true
	}
	for _, f := range []string{attest.FormatTerraform, attest.FormatCloudFormation, attest.FormatKubernetes, attest.FormatDockerfile} {
		if !formats[f] {
			t.Errorf("the examples hold no %s resource", f)
		}
	}
	got, err := evaluate(ctx, engine, resources)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-with attributes +dropped):\n%s", diff)
	}
	for _, r := range resources {
		if kept := r.Attributes != nil; kept != (r.Format == attest.FormatKubernetes) {
			t.Errorf("%s %s (%s): attributes kept %v", r.Root, r.Address, r.Format, kept)
		}
		if r.Format != attest.FormatKubernetes && r.Refs != nil {
			t.Errorf("%s %s: refs kept", r.Root, r.Address)
		}
	}
}
