package policy

import (
	"strconv"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

// iamDocumentCases are policy documents as the loaders give them (an object
// from CloudFormation, a JSON string from Terraform's jsonencode or a
// rendered aws_iam_policy_document) and shapes they should not give, which
// the built-in must still read as the Rego did.
var iamDocumentCases = []string{
	`{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`,
	`{"Statement": {"Sid": "One", "Effect": "Allow", "Action": ["IAM:PassRole", "s3:Get*"], "Resource": ["arn:aws:s3:::b", "*"]}}`,
	`{"Statement": [{"Effect": "Deny", "NotAction": "iam:*MFA*", "Resource": "*", "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}]}`,
	`{"Statement": [{"Effect": "Allow", "Action": ["(known after apply)", 7, null, {"a": 1}], "Resource": null}, "(known after apply)"]}`,
	`{"Statement": [{"Effect": "allow", "Action": "*"}, {"Effect": ["Allow"], "Action": "*"}, {"Sid": 3, "Effect": "Allow"}]}`,
	`{"Statement": null}`,
	`{"Statement": "x"}`,
	`{"Statement": []}`,
	`{"Version": "2012-10-17"}`,
	`{}`,
	`"{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"KMS:*\", \"Resource\": \"*\"}]}"`,
	`"{\"Statement\": {\"Effect\": \"Allow\", \"Action\": [\"iam:passrole\"], \"Resource\": [\"*\"]}}"`,
	`"{\"Statement\": [\"(known after apply)\"]}"`,
	`"{\"Statement\": [1, 2]"`,
	`"[1, 2]"`,
	`"5"`,
	`"not json"`,
	`""`,
	`"{\"Statement\": [{\"Effect\": \"Allow\"}]} trailing"`,
	`null`,
	`7`,
	`["x"]`,
	`true`,
}

// callIAMDocument evaluates the built-in and the reference Rego definition
// on one document and returns their results as JSON ("" for undefined,
// "error" for an error).
func callIAMDocument(t testing.TB, doc string) (builtin, reference string, ok bool) {
	t.Helper()
	v, err := jsonTerm(doc)
	if err != nil {
		return "", "", false
	}
	input := ast.NewObject(ast.Item(ast.StringTerm("doc"), v))
	q := func(expr string) string { return resultX(t, input, expr) }
	return q(`x := attest.iam_document(input.doc)`), q(`x := data.reference.iam_document(input.doc)`), true
}

func TestIAMDocument_matchRego(t *testing.T) {
	for _, doc := range iamDocumentCases {
		got, want, ok := callIAMDocument(t, doc)
		if !ok {
			t.Fatalf("case %s does not parse", doc)
		}
		if got != want {
			t.Errorf("doc %s: the built-in gives %s, the Rego definition %s", doc, got, want)
		}
	}
}

// TestIAMDocument_values pins a few answers, so that the built-in and the
// reference cannot agree on something wrong.
func TestIAMDocument_values(t *testing.T) {
	for i, want := range map[int]string{
		1: `{"allows": [{"action_values": ["IAM:PassRole", "s3:Get*"], "actions": ["iam:passrole", "s3:get*"], "resources": ["arn:aws:s3:::b", "*"], "sid": "One", ` +
			`"statement": {"Action": ["IAM:PassRole", "s3:Get*"], "Effect": "Allow", "Resource": ["arn:aws:s3:::b", "*"], "Sid": "One"}}], "opaque": false, ` +
			`"statements": [{"Action": ["IAM:PassRole", "s3:Get*"], "Effect": "Allow", "Resource": ["arn:aws:s3:::b", "*"], "Sid": "One"}], "unreadable": false}`,
		2: `{"allows": [], "opaque": false, "statements": [{"Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}, "Effect": "Deny", "NotAction": "iam:*MFA*", "Resource": "*"}], "unreadable": false}`,
		3: `{"allows": [{"action_values": ["(known after apply)", 7, null, {"a": 1}], "actions": ["(known after apply)"], "resources": [], "sid": "without Sid", ` +
			`"statement": {"Action": ["(known after apply)", 7, null, {"a": 1}], "Effect": "Allow", "Resource": null}}], "opaque": true, ` +
			`"statements": [{"Action": ["(known after apply)", 7, null, {"a": 1}], "Effect": "Allow", "Resource": null}, "(known after apply)"], "unreadable": false}`,
		5:  `{"allows": [], "opaque": true, "statements": [null], "unreadable": false}`,
		13: `{"allows": [], "opaque": false, "statements": [], "unreadable": true}`,
		16: `{"allows": [], "opaque": false, "statements": [], "unreadable": true}`,
	} {
		got, _, _ := callIAMDocument(t, iamDocumentCases[i])
		if got != want {
			t.Errorf("case %d %s:\n got %s\nwant %s", i, iamDocumentCases[i], got, want)
		}
	}
}

func FuzzIAMDocument(f *testing.F) {
	for _, doc := range iamDocumentCases {
		f.Add(doc)
		// The same document as a JSON string, as Terraform gives it.
		f.Add(strconv.Quote(doc))
	}
	f.Fuzz(func(t *testing.T, doc string) {
		got, want, ok := callIAMDocument(t, doc)
		if ok && got != want {
			t.Errorf("doc %s: the built-in gives %s, the Rego definition %s", doc, got, want)
		}
	})
}
