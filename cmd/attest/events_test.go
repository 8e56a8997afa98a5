package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attest-dev/attest/internal/sarifschema"
)

const eventsDir = "testdata/events/"

var eventFiles = []string{
	eventsDir + "111122223333_CloudTrail_eu-west-1_20260301T1005Z_abc.json.gz",
	eventsDir + "kube-apiserver-audit.log",
	eventsDir + "falco.jsonl",
}

func TestEventsScan_table(t *testing.T) {
	code, out, errOut := runAudit(t, append([]string{"events", "scan"}, eventFiles...)...)
	if code != exitFindings {
		t.Fatalf("exit %d, want %d; stderr %s", code, exitFindings, errOut)
	}
	for _, want := range []string{"aws-cloudtrail-tampering", "aws-session-token-without-mfa", "k8s-privileged-pod", "k8s-exec-into-pod", "falco-alert-critical", "5 alerts from 8 events"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "falco-alert-medium") || strings.Contains(out, "Notice") {
		t.Errorf("a Notice alert was raised:\n%s", out)
	}
}

func TestEventsScan_json(t *testing.T) {
	code, out, errOut := runAudit(t, "events", "scan", "--format", "json", "--fail-on", "critical", eventFiles[0])
	if code != exitFindings {
		t.Fatalf("exit %d; stderr %s", code, errOut)
	}
	var got struct {
		Events int
		Alerts []alert
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Events != 3 || len(got.Alerts) != 2 {
		t.Fatalf("events %d, alerts %+v", got.Events, got.Alerts)
	}
	a := got.Alerts[0]
	if a.Rule != "aws-cloudtrail-tampering" || a.Level != "critical" || len(a.Events) != 1 || a.Events[0].ExternalID != "11111111-0000-0000-0000-000000000002" ||
		a.Controls["soc2"] == nil || a.Controls["pci-dss-4.0"] == nil || a.Response == "" {
		t.Errorf("alert %+v", a)
	}
}

func TestEventsScan_sarif(t *testing.T) {
	code, out, errOut := runAudit(t, append([]string{"events", "scan", "--format", "sarif"}, eventFiles...)...)
	if code != exitFindings {
		t.Fatalf("exit %d; stderr %s", code, errOut)
	}
	sarifschema.Validate(t, []byte(out))
	if !strings.Contains(out, `"ruleId": "k8s-privileged-pod"`) {
		t.Errorf("SARIF lacks the Kubernetes alert:\n%s", out)
	}
}

// TestEventsScan_badInput: a file that does not parse and a rule that does
// not load are both named with their line, the rest still runs, and the
// exit code says the scan is incomplete.
func TestEventsScan_badInput(t *testing.T) {
	code, out, errOut := runAudit(t, "events", "scan", "--detections", eventsDir+"rules", eventsDir+"broken.json", eventFiles[0])
	if code != exitInput {
		t.Fatalf("exit %d, want %d", code, exitInput)
	}
	for _, want := range []string{"testdata/events/rules/broken.yml:7:23: field eventName: unknown modifier \"nearly\"", "testdata/events/broken.json: body: line 4"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if !strings.Contains(out, "custom-list-buckets") || !strings.Contains(out, "aws-cloudtrail-tampering") {
		t.Errorf("the good rule or file did not run:\n%s", out)
	}
}

// TestEventsScan_correlation: five failed sign-ins for one user, split over
// two files and out of order, raise one alert with all five events.
func TestEventsScan_correlation(t *testing.T) {
	dir := t.TempDir()
	login := func(i int) string {
		return fmt.Sprintf(`{"eventVersion":"1.09","userIdentity":{"type":"IAMUser","principalId":"AIDA","accountId":"1","userName":"erin"},"eventTime":"2026-03-01T10:0%d:00Z","eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","sourceIPAddress":"198.51.100.1","responseElements":{"ConsoleLogin":"Failure"},"additionalEventData":{"MFAUsed":"No"},"eventID":"e%d","eventType":"AwsConsoleSignIn"}`, i, i)
	}
	write := func(name string, is ...int) string {
		var recs []string
		for _, i := range is {
			recs = append(recs, login(i))
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(`{"Records":[`+strings.Join(recs, ",")+`]}`), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a, b := write("a.json", 4, 0, 2), write("b.json", 1, 3)
	code, out, errOut := runAudit(t, "events", "scan", "--format", "json", a, b)
	if code != exitFindings {
		t.Fatalf("exit %d; stderr %s", code, errOut)
	}
	var got struct{ Alerts []alert }
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Alerts) != 1 || got.Alerts[0].Rule != "aws-console-login-failures" || len(got.Alerts[0].Events) != 5 || got.Alerts[0].Group != "userIdentity.userName=erin" {
		t.Errorf("alerts %+v", got.Alerts)
	}
}

func TestDetectionsTest(t *testing.T) {
	t.Run("built-in", func(t *testing.T) {
		code, out, errOut := runAudit(t, "detections", "test")
		if code != exitOK || !strings.Contains(out, ", 0 failed") {
			t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
		}
	})
	t.Run("failing case and missing tests", func(t *testing.T) {
		dir := t.TempDir()
		rule, err := os.ReadFile(eventsDir + "rules/custom-list-buckets.yml")
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "r.yml"), rule, 0o600)
		os.WriteFile(filepath.Join(dir, "untested.yml"), []byte(strings.Replace(string(rule), "custom-list-buckets", "untested", 1)), 0o600)
		os.WriteFile(filepath.Join(dir, "r.tests.yml"), []byte(`source: cloudtrail
cases:
  - name: dave lists
    match: true
    events:
      - {eventVersion: "1.09", eventTime: "2026-03-01T10:00:00Z", eventID: e1, eventSource: s3.amazonaws.com, eventName: ListBuckets, userIdentity: {type: IAMUser, userName: dave}}
  - name: wrongly expected silent
    match: false
    events:
      - {eventVersion: "1.09", eventTime: "2026-03-01T10:00:00Z", eventID: e2, eventSource: s3.amazonaws.com, eventName: ListBuckets, userIdentity: {type: IAMUser, userName: dave}}
`), 0o600)
		code, out, _ := runAudit(t, "detections", "test", dir)
		if code != exitFindings {
			t.Fatalf("exit %d, want %d\n%s", code, exitFindings, out)
		}
		for _, want := range []string{"FAIL  r.yml: wrongly expected silent: matched [custom-list-buckets], want no match", "FAIL  untested.yml: no test events (untested.tests.yml)", "3 cases, 2 failed"} {
			if !strings.Contains(out, want) {
				t.Errorf("output lacks %q:\n%s", want, out)
			}
		}
	})
}
