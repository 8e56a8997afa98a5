package auditor_test

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/attest-dev/attest/report/auditor"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

func oscalSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	const file = "testdata/oscal_complete_schema-1.1.3.json"
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(file, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(file)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestOSCAL_schema(t *testing.T) {
	schema := oscalSchema(t)
	src, _ := fixture(t)
	for _, fw := range []string{"soc2", "pci-dss-4.0"} {
		r, err := auditor.Build(t.Context(), src, fw, at(0, 0), at(10, 0))
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if err := auditor.OSCAL(&out, r); err != nil {
			t.Fatal(err)
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		if err := schema.Validate(inst); err != nil {
			t.Fatalf("%s: the OSCAL output does not follow the official schema: %v", fw, err)
		}
		var doc struct {
			AR struct {
				Results []struct {
					Findings []struct {
						Target struct {
							TargetID string `json:"target-id"`
							Status   struct{ State, Reason string }
						}
					}
				}
			} `json:"assessment-results"`
		}
		if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		states := map[string]string{}
		for _, f := range doc.AR.Results[0].Findings {
			states[f.Target.TargetID] = f.Target.Status.State + "/" + f.Target.Status.Reason
		}
		want := map[string]string{"soc2": "cc6.1", "pci-dss-4.0": "req-3.5.1"}[fw]
		if states[want] != "not-satisfied/failed" {
			t.Errorf("%s: %s = %q, want not-satisfied/failed", fw, want, states[want])
		}
		// Satisfied exactly when every day passed.
		for _, c := range r.Controls {
			st := states[auditor.OSCALControlID(fw, c.ID)]
			if strings.HasPrefix(st, "satisfied") != (c.DaysPass == r.Days) {
				t.Errorf("%s: %s is %s with %d of %d days passing", fw, c.ID, st, c.DaysPass, r.Days)
			}
		}
	}
	// The schema is not a rubber stamp: a control id that is not a token
	// is refused.
	bad := `{"assessment-results":{"uuid":"6f1c4a52-8b7e-4d0a-9c55-2f0e6b1d3a77","metadata":{"title":"t","last-modified":"2026-01-01T00:00:00Z","version":"1","oscal-version":"1.1.3"},"import-ap":{"href":"x"},"results":[{"uuid":"6f1c4a52-8b7e-4d0a-9c55-2f0e6b1d3a77","title":"t","description":"d","start":"2026-01-01T00:00:00Z","reviewed-controls":{"control-selections":[{"include-controls":[{"control-id":"3.5.1"}]}]}}]}}`
	inst, _ := jsonschema.UnmarshalJSON(strings.NewReader(bad))
	if schema.Validate(inst) == nil {
		t.Error("the schema accepts a control id starting with a digit")
	}
}
