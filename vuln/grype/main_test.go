package grype_test

import (
	"testing"

	"github.com/attest-dev/attest/vuln/formats/golden"
)

func TestMain(m *testing.M) { golden.FuzzMain(m) }

// TestMain_fuzzMinimizeLimit checks that the fuzzer's minimization is capped
// (golden.FuzzMain), so that a fuzzing run is not spent minimizing.
func TestMain_fuzzMinimizeLimit(t *testing.T) { golden.CheckMinimizeLimit(t) }
