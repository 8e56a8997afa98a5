package report

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/attest-dev/attest"
)

// checkFinding compares appendFinding with encoding/json's indented form.
func checkFinding(t *testing.T, f attest.Finding) {
	t.Helper()
	want, err := json.MarshalIndent(&f, "    ", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got, err := appendFinding([]byte("x"), &f)
	if err != nil || string(got[1:]) != string(want) || got[0] != 'x' {
		t.Errorf("appendFinding(%+v) =\n%s\nwant\n%s (error %v)", f, got, want, err)
	}
}

func TestAppendFinding(t *testing.T) {
	full := attest.Finding{RuleID: "k8s-pod-privileged", Severity: "high", Status: "fail", Message: `privileged: "true" <b> & é` + "\t\u2028\xff",
		Resource: "Deployment/payments/api", ResourceType: "Deployment", Format: "kubernetes", Root: "m.yaml",
		Range:       attest.Range{File: "m.yaml", StartLine: 3, EndLine: 40},
		ModuleCalls: []attest.Range{{File: "main.tf", StartLine: 1, EndLine: 4}, {File: "mod/x.tf"}},
		Known:       true}
	checkFinding(t, full)
	checkFinding(t, attest.Finding{})
	checkFinding(t, attest.Finding{RuleID: "r", Range: attest.Range{File: "f", EndLine: 2}})
	waived := full
	waived.Exception = &attest.Exception{RuleID: "r", Resource: "*", Justification: "j", Expires: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC),
		Source: attest.Pos{File: ".attest.yaml", Line: 3}}
	checkFinding(t, waived)
}

// FuzzAppendFinding compares appendFinding with encoding/json on arbitrary
// strings and numbers.
func FuzzAppendFinding(f *testing.F) {
	f.Add("aws-s3-versioning", "fail", "checked <x> & \"y\"", "aws_s3_bucket.b", "main.tf", 1, 9, 2, false)
	f.Add("", "", "", "", "", 0, 0, 0, true)
	f.Add("\x00\x7f\u2029", "\xc3", "\\", "é", "\n", -1, 1<<40, 1, true)
	f.Fuzz(func(t *testing.T, rule, status, msg, res, file string, start, end, calls int, known bool) {
		fd := attest.Finding{RuleID: rule, Severity: status + "s", Status: status, Message: msg, Resource: res, ResourceType: rule + res,
			Format: file, Root: msg + file, Range: attest.Range{File: file, StartLine: start, EndLine: end}, Known: known}
		for i := range calls % 4 {
			fd.ModuleCalls = append(fd.ModuleCalls, attest.Range{File: file + msg, StartLine: start * i, EndLine: end})
		}
		checkFinding(t, fd)
	})
}
