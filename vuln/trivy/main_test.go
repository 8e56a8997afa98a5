package trivy_test

import (
	"flag"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/attest-dev/attest/vuln/formats/golden"
)

func TestMain(m *testing.M) { golden.FuzzMain(m) }

// TestMain_fuzzMinimizeLimit checks that the fuzzer's minimization is capped
// (golden.FuzzMain), so that a fuzzing run is not spent minimizing, unless
// the command line sets it.
func TestMain_fuzzMinimizeLimit(t *testing.T) {
	if slices.ContainsFunc(os.Args, func(a string) bool { return strings.Contains(a, "fuzzminimizetime") }) {
		return
	}
	if got := flag.Lookup("test.fuzzminimizetime").Value.String(); got != golden.MinimizeLimit {
		t.Errorf("-test.fuzzminimizetime is %s, want %s", got, golden.MinimizeLimit)
	}
}
