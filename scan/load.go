package scan

import (
	"context"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/iac/terraform"
)

// Load finds the inputs under p.Paths and loads them into resources, as Run
// does before evaluating the rules, with the diagnostics of finding and
// loading them. The rule fixtures load through it, so that a rule is tested
// on resources of every format exactly as a scan reads them.
func Load(ctx context.Context, p Params) ([]attest.Resource, attest.Diagnostics, error) {
	p.tfFiles = terraform.NewParseCache()
	inputs, diags := findInputs(p.Paths, p.Root, p.tfFiles)
	inputs, err := onlyFormats(inputs, p.FormatOnly)
	if err != nil {
		return nil, nil, err
	}
	var more attest.Diagnostics
	p.cfnParams, more = cfnParameters(p)
	diags = append(diags, more...)
	resources, _, more := load(ctx, inputs, p)
	return resources, append(diags, more...), nil
}
