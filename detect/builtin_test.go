package detect_test

import (
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/catalog"
	"github.com/attest-dev/attest/detect"
	"github.com/attest-dev/attest/ingest/source"
)

// TestBuiltin_Tests runs every built-in rule's true and false example
// events, as `attest detections test` does.
func TestBuiltin_Tests(t *testing.T) {
	results, errs := detect.RunTests(detect.Builtin(), ".", source.Read)
	for _, err := range errs {
		t.Errorf("load: %v", err)
	}
	files := map[string]bool{}
	for _, r := range results {
		files[r.File] = true
		if !r.Passed() {
			t.Errorf("%s: %s: want match %v, got %v, err %v", r.File, r.Case, r.Want, r.Got, r.Err)
		}
	}
	if len(files) < 30 {
		t.Errorf("%d rule files tested, want at least 30", len(files))
	}
}

// TestBuiltin_Metadata checks what every built-in rule must carry: a name,
// a level, a response hint, and SOC 2 and PCI DSS controls that exist in
// the catalogs.
func TestBuiltin_Metadata(t *testing.T) {
	set, err := detect.LoadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	cats, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range set.Rules {
		if r.Level == detect.LevelInformational {
			continue // a correlation's single-event rule
		}
		if r.Name == "" || r.ID == "" || r.Response == "" || r.Description == "" {
			t.Errorf("%s:%d: %s lacks a name, id, description or response", r.File, r.Line, r.Key())
		}
		for _, fw := range []string{attest.FrameworkSOC2, attest.FrameworkPCIDSS} {
			ids := r.Controls[fw]
			if len(ids) == 0 {
				t.Errorf("%s: no %s controls", r.Key(), fw)
			}
			for _, id := range ids {
				if _, ok := cats[fw].Lookup(id); !ok {
					t.Errorf("%s: %s control %s is not in the catalog", r.Key(), fw, id)
				}
			}
		}
	}
}
