package admission_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/sqlite"
)

// memEvidence is an in-memory evidence store, newest last.
type memEvidence struct {
	mu    sync.Mutex
	items []*attest.Evidence
}

func (m *memEvidence) FindEvidence(_ context.Context, f attest.EvidenceFilter) ([]*attest.Evidence, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []*attest.Evidence
	for i := len(m.items) - 1; i >= 0; i-- {
		e := m.items[i]
		if f.Kind != "" && e.Kind != f.Kind {
			continue
		}
		if f.Digest != "" && !contains(e.Digests, f.Digest) {
			continue
		}
		c := *e
		c.Body = nil
		out = append(out, &c)
		if f.Limit > 0 && len(out) == f.Limit {
			break
		}
	}
	return out, nil
}

func (m *memEvidence) EvidenceByID(_ context.Context, id int64) (*attest.Evidence, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, e := range m.items {
		if e.ID == id {
			return e, nil
		}
	}
	return nil, attest.Errorf(attest.ENOTFOUND, "no evidence %d", id)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// uploadReports stores the fixtures' vulnerability reports, each for the
// digest of its image.
func uploadReports(t testing.TB, _ *sqlite.DB) *memEvidence {
	t.Helper()
	m := &memEvidence{}
	for i, r := range []struct{ file, digest string }{
		{"payments-api-1.4.2.json", digestClean},
		{"legacy-api-0.9.0.json", digestVuln},
	} {
		body, err := os.ReadFile(filepath.Join("testdata", "reports", r.file))
		if err != nil {
			t.Fatal(err)
		}
		m.items = append(m.items, &attest.Evidence{ID: int64(i + 1), Kind: attest.EvidenceVulns, Digests: []string{r.digest}, Body: body})
	}
	return m
}
