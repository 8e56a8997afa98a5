package tfplan_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/iac/tfplan"
)

func FuzzLoad(f *testing.F) {
	plan, err := os.ReadFile(filepath.Join("testdata", "plan.json"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(plan)
	f.Add([]byte(`{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"a_b.c","type":"a_b","name":"c","values":{"n":1,"f":1.5,"l":[true,null]}}]}},"resource_changes":[{"address":"a_b.c","change":{"actions":["create"],"after_unknown":{"x":[{"y":true}]}}}],"configuration":{"root_module":{"resources":[{"address":"a_b.c","expressions":{"k":{"references":["d_e.f[\"k\"].id","var.v"]}}}]}}}`))
	f.Add([]byte(`{"format_version":"1.2","planned_values":{"root_module":{"child_modules":[{"address":"module.m[0]","resources":[{"address":"module.m[0].x_y.z","type":"x_y","name":"z","mode":"data"}]}]}}}`))
	f.Add([]byte(`{"format_version":"0.1"}`))
	f.Add([]byte(`{"format_version":"1.2","planned_values":{,}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, diags, err := tfplan.Load("fuzz.json", bytes.NewReader(data))
		if err != nil {
			t.Fatalf("Load returned a read error on in-memory input: %v", err)
		}
		for _, d := range diags {
			if d.Pos.File != "fuzz.json" || d.Summary == "" {
				t.Errorf("diagnostic without file or summary: %v", d)
			}
		}
		for _, r := range res {
			if r.Address == "" || r.Type == "" || r.Format != attest.FormatTerraformPlan || r.Attributes == nil {
				t.Errorf("incomplete resource %+v", r)
			}
			checkJSONLike(t, r.Attributes)
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
