package report_test

import (
	"bytes"
	"testing"

	"github.com/attest-dev/attest/internal/sarifschema"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestSARIF_officialSchema validates the SARIF output as written against the
// official OASIS 2.1.0 schema.
func TestSARIF_officialSchema(t *testing.T) {
	for name, r := range reports() {
		t.Run(name, func(t *testing.T) {
			sarifschema.Validate(t, render(t, "sarif", r))
		})
	}
	t.Run("the schema rejects a bad log", func(t *testing.T) {
		bad := bytes.Replace(render(t, "sarif", sample()), []byte(`"level": "error"`), []byte(`"level": "fatal"`), 1)
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(bad))
		if err != nil {
			t.Fatal(err)
		}
		if sarifschema.Official(t).Validate(inst) == nil {
			t.Error("a result with level fatal passed the official schema")
		}
	})
}
