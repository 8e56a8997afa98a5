// Package golden compares parsed occurrences with golden JSON files in
// testdata, and rewrites them when tests run with -update.
package golden

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files")

// Compare checks got against the occurrences in the golden file at path,
// writing the file instead when the test runs with -update.
func Compare(t *testing.T, path string, got []attest.Occurrence) {
	t.Helper()
	if *update {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(got); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run with -update to create it): %v", err)
	}
	var want []attest.Occurrence
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatalf("golden file %s: %v", path, err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("occurrences differ from %s (-want +got):\n%s", path, diff)
	}
}

// MinimizeLimit is the default of -test.fuzzminimizetime that FuzzMain
// sets: how many runs the fuzzer spends minimizing each input that widens
// coverage.
const MinimizeLimit = "1000x"

// FuzzMain is the TestMain of a package of report parsers: it runs the
// tests with the fuzzer's minimization of each input that widens coverage
// capped at MinimizeLimit runs, unless -test.fuzzminimizetime is given.
//
// Go's default is 60 seconds per input, and the minimizer tries removing
// every range of bytes, so its runs grow with the square of the input: an
// input of a kilobyte or more (the reports these parsers read) uses all 60
// seconds. Those runs are not counted in the progress lines, so a 30-second
// run of FuzzParseBytes showed some 30 executions and then 0 per second, its
// workers busy minimizing the first inputs they found.
func FuzzMain(m *testing.M) {
	flag.Parse()
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == "test.fuzzminimizetime" })
	if !given {
		if err := flag.Set("test.fuzzminimizetime", MinimizeLimit); err != nil {
			panic(err)
		}
	}
	os.Exit(m.Run())
}
