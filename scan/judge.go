package scan

import (
	"context"
	"fmt"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/policy"
)

// Judge evaluates resources that did not come from files (the objects an
// admission webhook is sent) with a compiled engine, and applies the
// exceptions register and the waivers the resources carry themselves (the
// attest.dev/ignore annotation of Kubernetes objects), exactly as Run does
// for a scan. There are no inline comment waivers: there is no file. An
// expired exception stops waiving and is returned; malformed annotation
// waivers are warnings.
func Judge(ctx context.Context, engine *policy.Engine, resources []attest.Resource, register []attest.Exception, now time.Time) ([]attest.Finding, []attest.Exception, attest.Diagnostics, error) {
	findings, err := engine.Evaluate(ctx, resources)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("evaluate: %w", err)
	}
	scope := waiverScope{rules: map[string]bool{}, resources: resources}
	for _, r := range engine.Rules() {
		scope.rules[r.ID] = true
	}
	expired, _, diags := waive(findings, register, nil, scope, now)
	return findings, expired, diags, nil
}
