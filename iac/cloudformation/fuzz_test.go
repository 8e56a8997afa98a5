package cloudformation_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/iac/cloudformation"
)

// FuzzLoad feeds templates to the loader: it must never panic, every
// diagnostic names the file, and every resource is complete with JSON-like
// attributes. The seed corpus is the testdata templates plus
// testdata/fuzz/FuzzLoad.
func FuzzLoad(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.*"))
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		res, diags := cloudformation.Load("fuzz.yaml", src, cloudformation.Options{MaxSteps: 50_000})
		for _, d := range diags {
			if d.Pos.File != "fuzz.yaml" || d.Summary == "" {
				t.Errorf("diagnostic without file or summary: %v", d)
			}
		}
		for _, r := range res {
			if r.Address == "" || r.Type == "" || r.Format != attest.FormatCloudFormation || r.Attributes == nil || r.Range.StartLine == 0 {
				t.Errorf("incomplete resource %+v", r)
			}
			checkJSONLike(t, r.Attributes)
			for _, u := range r.Unknown {
				if u == "" || strings.HasPrefix(u, ".") {
					t.Errorf("bad unknown path %q", u)
				}
			}
		}
	})
}

// FuzzParseParameters checks that parameters files never panic the parser
// and that its errors name the file.
func FuzzParseParameters(f *testing.F) {
	f.Add([]byte(`[{"ParameterKey": "Env", "ParameterValue": "prod"}]`))
	f.Add([]byte(`{"Parameters": {"Env": "prod", "L": ["a", 1]}}`))
	f.Add([]byte(`{"Parameters": [}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		if _, err := cloudformation.ParseParameters("p.json", src); err != nil && !strings.Contains(err.Error(), "p.json") {
			t.Errorf("error %v does not name the file", err)
		}
	})
}

// checkJSONLike fails when v holds a value the policy engine cannot take.
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
		t.Errorf("value %#v of type %T is not JSON-like", v, v)
	}
}
