package opta_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/iac/opta"
)

// FuzzLoad checks that no input makes Load panic, and that what it returns
// is well formed: diagnostics name the file, resources are Opta resources
// with JSON-like attributes. The seed corpus is the test project plus the
// committed cases under testdata/fuzz/FuzzLoad.
func FuzzLoad(f *testing.F) {
	for _, p := range []string{"api/opta.yaml", "envs/staging.yaml", "envs/prod.yaml"} {
		b, err := os.ReadFile(filepath.Join("testdata", "project", p))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tree := filepath.Join("testdata", "project")
		res, diags := opta.Load(filepath.Join(tree, "api", "fuzz.yaml"), data, opta.Options{Tree: tree})
		for _, d := range diags {
			if d.Pos.File == "" || d.Summary == "" {
				t.Errorf("diagnostic without file or summary: %v", d)
			}
		}
		for _, r := range res {
			if r.Address == "" || r.Type == "" || r.Format != attest.FormatOpta || r.Attributes == nil || r.Range.StartLine == 0 {
				t.Errorf("incomplete resource %+v", r)
			}
			checkJSONLike(t, r.Attributes)
		}
	})
}

func checkJSONLike(t *testing.T, v any) {
	t.Helper()
	switch v := v.(type) {
	case nil, bool, float64, int64, string:
	case map[string]any:
		for _, e := range v {
			checkJSONLike(t, e)
		}
	case []any:
		for _, e := range v {
			checkJSONLike(t, e)
		}
	default:
		t.Errorf("value of type %T in attributes", v)
	}
}
