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
