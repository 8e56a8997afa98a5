package cloudformation_test

import (
	"slices"
	"testing"

	"github.com/attest-dev/attest/iac/cloudformation"
)

// TestLoad_UsePreviousValue: a parameter the parameters file takes from the
// deployed stack (UsePreviousValue) is unknown, never the template default.
func TestLoad_UsePreviousValue(t *testing.T) {
	params, err := cloudformation.ParseParameters("prev.json", []byte(`[{"ParameterKey":"Encrypt","UsePreviousValue":true}]`))
	if err != nil {
		t.Fatal(err)
	}
	tmpl := []byte(`AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Encrypt:
    Type: String
    Default: "true"
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      StorageEncrypted: !Ref Encrypt
`)
	rs, diags := cloudformation.Load("t.yaml", tmpl, cloudformation.Options{Parameters: params})
	if diags.HasErrors() || len(rs) != 1 {
		t.Fatalf("resources %v, diagnostics %v", rs, diags)
	}
	if v, ok := rs[0].Attributes["StorageEncrypted"]; ok || !slices.Contains(rs[0].Unknown, "StorageEncrypted") {
		t.Errorf("StorageEncrypted = %v (unknown %v), want unknown", v, rs[0].Unknown)
	}
}
