package admission_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/evidence"
	"github.com/attest-dev/attest/sqlite"
)

// uploadReports stores the fixtures' vulnerability reports in the store as
// an upload does (evidence.New, then AddEvidence with its audit record):
// the digests come from the reports themselves.
func uploadReports(t testing.TB, db *sqlite.DB) *sqlite.DB {
	t.Helper()
	for _, file := range []string{"payments-api-1.4.2.json", "legacy-api-0.9.0.json"} {
		body, err := os.ReadFile(filepath.Join("testdata", "reports", file))
		if err != nil {
			t.Fatal(err)
		}
		e, record, err := evidence.New(attest.EvidenceVulns, body, evidence.Meta{Repository: "example/payments", Release: file}, "ci", fixedNow)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if err := db.AddEvidence(context.Background(), e, record); err != nil {
			t.Fatal(err)
		}
	}
	return db
}
