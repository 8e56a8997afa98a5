// Package golden compares parsed occurrences with golden JSON files in
// testdata, and rewrites them when tests run with -update.
package golden

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
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

// CheckMinimizeLimit fails t unless the package's TestMain is FuzzMain:
// -test.fuzzminimizetime is MinimizeLimit, or what the command line gives.
func CheckMinimizeLimit(t *testing.T) {
	t.Helper()
	if slices.ContainsFunc(os.Args, func(a string) bool { return strings.Contains(a, "fuzzminimizetime") }) {
		return
	}
	if got := flag.Lookup("test.fuzzminimizetime").Value.String(); got != MinimizeLimit {
		t.Errorf("-test.fuzzminimizetime is %s, want %s", got, MinimizeLimit)
	}
}

// Parsers are the ways a report format's package reads a file: Parse, the
// reference, and the faster paths that must read exactly as it does.
type Parsers struct {
	Parse func(name string, r io.Reader) ([]attest.Occurrence, error)
	// Fast paths may give up (false) on what they do not handle.
	Fast map[string]func(dst []attest.Occurrence, name string, b []byte) ([]attest.Occurrence, bool)
	// Bytes parsers return what Parse returns, errors included; the one
	// named "ParseBytes" is also checked to append to dst.
	Bytes map[string]func(dst []attest.Occurrence, name string, b []byte) ([]attest.Occurrence, error)
}

// SameAsParse is the body of a differential fuzz test: whatever a fast path
// of p accepts in b it reads exactly as p.Parse does, and every bytes parser
// returns what p.Parse returns, errors included.
func SameAsParse(t *testing.T, b []byte, p Parsers) {
	t.Helper()
	want, wantErr := p.Parse("fuzz.json", bytes.NewReader(b))
	// cmp.Diff only once reflect.DeepEqual, many times faster, finds a
	// difference: the fuzzer runs this for every input it tries.
	for name, fast := range p.Fast {
		occs, ok := fast(nil, "fuzz.json", b)
		if !ok {
			continue
		}
		if wantErr != nil {
			t.Fatalf("%s read a report that Parse refuses: %v", name, wantErr)
		}
		if !reflect.DeepEqual(want, occs) {
			t.Fatalf("%s differs from Parse (-want +got):\n%s", name, cmp.Diff(want, occs))
		}
	}
	for name, parse := range p.Bytes {
		got, err := parse(nil, "fuzz.json", b)
		if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
			t.Fatalf("%s error %v, Parse error %v", name, err, wantErr)
		}
		if !reflect.DeepEqual(want, got) {
			t.Fatalf("%s differs from Parse (-want +got):\n%s", name, cmp.Diff(want, got))
		}
	}
	// ParseBytes appends to what it is given.
	if parse, ok := p.Bytes["ParseBytes"]; ok {
		kept := attest.Occurrence{VulnID: "kept"}
		got, err := parse([]attest.Occurrence{kept}, "fuzz.json", b)
		if err == nil && (len(got) != len(want)+1 || got[0].VulnID != "kept" || !cmp.Equal(want, got[1:], cmpopts.EquateEmpty())) {
			t.Fatalf("ParseBytes with a slice to append to returned %d occurrences, want %d after the one given", len(got), len(want))
		}
	}
}
