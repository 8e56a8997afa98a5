package policy

import (
	"strings"
	"testing"
)

// settingNames is a table of CloudFormation property paths as the helpers of
// rules/lib write them, with a few shapes they do not (a type mapped to a
// list, a path mapped to a number) that the built-ins must read as the Rego
// definitions did.
const settingNames = `{
	"AWS::KMS::Key": {"enable_key_rotation": "EnableKeyRotation", "rotation_period_in_days": "RotationPeriodInDays"},
	"AWS::EKS::Cluster": {"vpc_config.0.endpoint_public_access": "ResourcesVpcConfig.EndpointPublicAccess", "n": 3},
	"AWS::Odd": ["Zero", "One"]
}`

// settingCase is one call of both definitions: a resource document, a
// table, an attribute path and a default, each as JSON.
type settingCase struct{ doc, names, attr, d string }

var settingCases = []settingCase{
	{`{"format": "terraform", "type": "aws_kms_key", "attributes": {"enable_key_rotation": true}}`, settingNames, `"enable_key_rotation"`, `false`},
	{`{"format": "terraform", "type": "aws_kms_key", "attributes": {"enable_key_rotation": "TRUE"}}`, settingNames, `"enable_key_rotation"`, `false`},
	{`{"format": "terraform", "type": "aws_kms_key", "attributes": {}}`, settingNames, `"enable_key_rotation"`, `"absent"`},
	{`{"format": "terraform", "type": "aws_kms_key", "attributes": {"rotation_period_in_days": "0365"}}`, settingNames, `"rotation_period_in_days"`, `365`},
	{`{"type": "aws_kms_key", "attributes": {"enable_key_rotation": "False"}}`, settingNames, `"enable_key_rotation"`, `true`},
	{`{"format": "cloudformation", "type": "AWS::KMS::Key", "attributes": {"EnableKeyRotation": "true"}}`, settingNames, `"enable_key_rotation"`, `false`},
	{`{"format": "cloudformation", "type": "AWS::KMS::Key", "attributes": {"RotationPeriodInDays": "400"}}`, settingNames, `"rotation_period_in_days"`, `365`},
	{`{"format": "cloudformation", "type": "AWS::KMS::Key", "attributes": {"RotationPeriodInDays": "4e2"}}`, settingNames, `"rotation_period_in_days"`, `365`},
	{`{"format": "cloudformation", "type": "AWS::KMS::Key", "attributes": {"RotationPeriodInDays": ""}}`, settingNames, `"rotation_period_in_days"`, `365`},
	{`{"format": "cloudformation", "type": "AWS::KMS::Key", "attributes": {"RotationPeriodInDays": "` + strings.Repeat("9", 400) + `"}}`, settingNames, `"rotation_period_in_days"`, `365`},
	{`{"format": "cloudformation", "type": "AWS::KMS::Key", "attributes": {}}`, settingNames, `"key_usage"`, `"ENCRYPT_DECRYPT"`},
	{`{"format": "cloudformation", "type": "AWS::S3::Bucket", "attributes": {}}`, settingNames, `"enable_key_rotation"`, `false`},
	{`{"format": "cloudformation", "attributes": {"EnableKeyRotation": true}}`, settingNames, `"enable_key_rotation"`, `false`},
	{`{"format": "cloudformation", "type": "AWS::EKS::Cluster", "attributes": {"ResourcesVpcConfig": {"EndpointPublicAccess": "FALSE"}}}`, settingNames, `"vpc_config.0.endpoint_public_access"`, `true`},
	{`{"format": "cloudformation", "type": "AWS::EKS::Cluster", "attributes": {}}`, settingNames, `"n"`, `null`},
	{`{"format": "cloudformation", "type": "AWS::Odd", "attributes": {"One": 1}}`, settingNames, `1`, `null`},
	{`{"format": "cloudformation", "type": "AWS::Odd", "attributes": {}}`, settingNames, `"x"`, `null`},
	{`{"format": "cloudformation", "type": "AWS::KMS::Key", "attributes": {"EnableKeyRotation": true}}`, `{}`, `"enable_key_rotation"`, `false`},
	{`{"format": "cloudformation", "type": "AWS::KMS::Key", "attributes": {"EnableKeyRotation": true}}`, `[]`, `"enable_key_rotation"`, `false`},
	{`{"format": "terraform", "attributes": {"a": [{"b": "7"}]}}`, `{}`, `"a.0.b"`, `0`},
	{`{"format": "terraform", "attributes": {"a": 1}}`, `{}`, `3`, `0`},
	{`{"format": "terraform", "attributes": "x"}`, `{}`, `"a"`, `0`},
	{`{"format": 7, "attributes": {"a": "yes"}}`, `{}`, `"a"`, `0`},
	{`[]`, `{}`, `"a"`, `0`},
}

// callSettings evaluates the built-ins and the reference Rego definitions on
// one case and returns their results as JSON ("" for undefined, "error" for
// an error).
func callSettings(t testing.TB, c settingCase) (builtin, reference [2]string, ok bool) {
	t.Helper()
	input, ok := jsonInput(map[string]string{"doc": c.doc, "names": c.names, "attr": c.attr, "d": c.d})
	if !ok {
		return builtin, reference, false
	}
	q := func(expr string) string { return resultX(t, input, expr) }
	builtin[0] = q(`x := attest.setting_path(input.doc, input.names, input.attr)`)
	reference[0] = q(`x := data.reference.setting_path(input.doc, input.names, input.attr)`)
	builtin[1] = q(`x := attest.setting(input.doc, input.names, input.attr, input.d)`)
	reference[1] = q(`x := data.reference.setting(input.doc, input.names, input.attr, input.d)`)
	return builtin, reference, true
}

func TestSettings_matchRego(t *testing.T) {
	for _, c := range settingCases {
		got, want, ok := callSettings(t, c)
		if !ok {
			t.Fatalf("case %v does not parse", c)
		}
		if got != want {
			t.Errorf("doc %s names %s attr %s d %s: built-ins give setting_path=%s setting=%s, the Rego definitions %s and %s",
				c.doc, c.names, c.attr, c.d, got[0], got[1], want[0], want[1])
		}
	}
}

// TestSettings_values pins a few answers, so that the built-ins and the
// reference cannot agree on something wrong.
func TestSettings_values(t *testing.T) {
	for _, c := range []struct {
		c    settingCase
		want [2]string
	}{
		{settingCases[1], [2]string{`"enable_key_rotation"`, `true`}},
		{settingCases[3], [2]string{`"rotation_period_in_days"`, `0365`}},
		{settingCases[6], [2]string{`"RotationPeriodInDays"`, `400`}},
		{settingCases[9], [2]string{`"RotationPeriodInDays"`, `"` + strings.Repeat("9", 400) + `"`}},
		{settingCases[10], [2]string{``, ``}},
		{settingCases[13], [2]string{`"ResourcesVpcConfig.EndpointPublicAccess"`, `false`}},
	} {
		got, _, _ := callSettings(t, c.c)
		if got != c.want {
			t.Errorf("doc %s attr %s: got %v, want %v", c.c.doc, c.c.attr, got, c.want)
		}
	}
}

func FuzzSettings(f *testing.F) {
	for _, c := range settingCases {
		f.Add(c.doc, c.names, c.attr, c.d)
	}
	f.Fuzz(func(t *testing.T, doc, names, attr, d string) {
		c := settingCase{doc, names, attr, d}
		got, want, ok := callSettings(t, c)
		if ok && got != want {
			t.Errorf("doc %s names %s attr %s d %s: built-ins give setting_path=%s setting=%s, the Rego definitions %s and %s",
				doc, names, attr, d, got[0], got[1], want[0], want[1])
		}
	})
}
