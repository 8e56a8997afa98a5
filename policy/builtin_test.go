package policy_test

import (
	"context"
	"testing"

	"github.com/attest-dev/attest/policy"
)

func TestCompile_Builtin(t *testing.T) {
	e, err := policy.Compile(context.Background(), policy.Options{})
	if err != nil {
		t.Fatalf("compile built-in rules: %v", err)
	}
	if n := len(e.Rules()); n == 0 {
		t.Fatal("no built-in rules")
	}
}
