package k8saudit_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/ingest"
	"github.com/attest-dev/attest/ingest/internal/eventtest"
	"github.com/attest-dev/attest/ingest/k8saudit"
)

// ignoreRaw leaves Raw to eventtest.CheckRaw.
var ignoreRaw = cmpopts.IgnoreFields(attest.Event{}, "Raw", "DedupKey")

func ts(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestNormaliser_Normalise(t *testing.T) {
	const exec = "3f2b9a4e-6c1d-4b8e-9a0f-1d2c3b4a5e6f"
	alice := func(stage, at, outcome string) *attest.Event {
		return &attest.Event{
			Time: ts(at), Source: "k8s-audit", ExternalID: exec + "/" + stage,
			Actor: "alice@example.com", Action: "pods/exec.create", Target: "shop/web-0",
			Outcome: outcome, SourceIP: "10.20.0.15", UserAgent: "kubectl/v1.29.2 (linux/amd64) kubernetes/4b8e819",
		}
	}
	forbiddenSecret := &attest.Event{
		Time: ts("2024-03-12T09:22:47.016904Z"), Source: "k8s-audit",
		ExternalID: "5b7e1f90-3c2a-4d8b-b6e4-0a9f8e7d6c5b/ResponseComplete",
		Actor:      "system:serviceaccount:shop:default", Action: "secrets.get", Target: "kube-system/db-password",
		Outcome: "failure", SourceIP: "10.244.1.23", UserAgent: "curl/8.5.0",
	}
	tests := []struct {
		file string
		want []*attest.Event
	}{
		{"k8s-audit-eventlist.json", []*attest.Event{
			alice("RequestReceived", "2024-03-12T09:14:05.118702Z", "unknown"),
			alice("ResponseStarted", "2024-03-12T09:14:05.16359Z", "success"),
			alice("ResponseComplete", "2024-03-12T09:16:41.902215Z", "success"),
			{
				Time: ts("2024-03-12T09:13:58.409871Z"), Source: "k8s-audit",
				ExternalID: "9d41c7b2-0e5f-4a36-8b7c-2e4f6a8b0c1d/ResponseComplete",
				Actor:      "alice@example.com", Action: "pods.list", Target: "shop/",
				Outcome: "success", SourceIP: "10.20.0.15", UserAgent: "kubectl/v1.29.2 (linux/amd64) kubernetes/4b8e819",
			},
			{
				Time: ts("2024-03-12T09:20:11.752448Z"), Source: "k8s-audit",
				ExternalID: "c0a8e3f1-7b2d-49e6-a5c4-8f1e2d3c4b5a/ResponseComplete",
				Actor:      "bob@example.com", Action: "deployments.patch", Target: "shop/web",
				Outcome: "success", SourceIP: "10.20.3.7", UserAgent: "kubectl/v1.29.2 (darwin/arm64) kubernetes/4b8e819",
			},
			forbiddenSecret,
			{
				Time: ts("2024-03-12T09:25:02.671094Z"), Source: "k8s-audit",
				ExternalID: "e4d3c2b1-a098-4f7e-8d6c-5b4a39281706/ResponseComplete",
				Actor:      "bob@example.com", Action: "clusterrolebindings.create", Target: "alice-admin",
				Outcome: "success", SourceIP: "10.20.3.7", UserAgent: "kubectl/v1.29.2 (darwin/arm64) kubernetes/4b8e819",
			},
			{
				Time: ts("2024-03-12T09:26:30.200391Z"), Source: "k8s-audit",
				ExternalID: "71f0e9d8-c7b6-4a5f-9e3d-2c1b0a9f8e7d/ResponseComplete",
				Actor:      "system:anonymous", Action: "/version.get",
				Outcome: "failure", SourceIP: "198.51.100.77", UserAgent: "python-requests/2.31.0",
			},
		}},
		{"k8s-audit-event.json", []*attest.Event{forbiddenSecret}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			body := eventtest.Fixture(t, tt.file)
			got, err := k8saudit.New().Normalise(body)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, ignoreRaw); diff != "" {
				t.Errorf("events (-want +got):\n%s", diff)
			}
			eventtest.CheckRaw(t, body, got)
		})
	}
}

func TestNormaliser_Normalise_raw(t *testing.T) {
	// Each Raw is one item exactly: the items joined by commas rebuild the
	// array, escapes such as \u0026 included.
	body := eventtest.Fixture(t, "k8s-audit-eventlist.json")
	got, err := k8saudit.New().Normalise(body)
	if err != nil {
		t.Fatal(err)
	}
	var parts []string
	for _, ev := range got {
		parts = append(parts, string(ev.Raw))
	}
	want := `"items":[` + strings.Join(parts, ",") + "]}\n"
	if !strings.HasSuffix(string(body), want) {
		t.Errorf("items rebuilt from Raw are not the body's items")
	}
	if !strings.Contains(string(got[0].Raw), `command=sh\u0026container=web`) {
		t.Errorf("Raw lost the source's escaping: %s", got[0].Raw)
	}
}

func TestNormaliser_Normalise_bodyErrors(t *testing.T) {
	tests := []struct {
		name, body string
		line, col  int
		reason     string
	}{
		{"empty", "", 1, 1, "body is empty"},
		{"truncated", `{"kind":"EventList","apiVersion":"audit.k8s.io/v1","items":[{"auditID":"a"`, 1, 75, "truncated"},
		{"not json", "kind: EventList\n", 1, 1, "invalid character 'k'"},
		{"bad token on line 2", "{\"kind\":\"EventList\",\n\"items\":[}]}", 2, 10, "invalid character '}'"},
		{"two values", `{"kind":"Event"} {"kind":"Event"}`, 1, 18, "unexpected data after the JSON value"},
		{"array", `[{"auditID":"a"}]`, 1, 1, "body is array"},
		{"other kind", `{"kind":"Pod","apiVersion":"v1"}`, 1, 1, `apiVersion is "v1"`},
		{"other kind same api", `{"kind":"Policy","apiVersion":"audit.k8s.io/v1"}`, 1, 1, `kind is "Policy"`},
		{"items not array", `{"kind":"EventList","apiVersion":"audit.k8s.io/v1","items":{}}`, 1, 60, "items is object"},
		{"kind wrong type", `{"kind":1}`, 1, 1, "field kind: got number, want string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := k8saudit.New().Normalise([]byte(tt.body))
			if got != nil {
				t.Errorf("events returned with an error")
			}
			var be *ingest.BodyError
			if !errors.As(err, &be) {
				t.Fatalf("error %v (%T), want *ingest.BodyError", err, err)
			}
			if be.Line != tt.line || be.Column != tt.col || !strings.Contains(be.Reason, tt.reason) {
				t.Errorf("got %d:%d %q, want %d:%d containing %q", be.Line, be.Column, be.Reason, tt.line, tt.col, tt.reason)
			}
			if attest.ErrorCode(err) != attest.EINVALID {
				t.Errorf("code %q, want invalid", attest.ErrorCode(err))
			}
		})
	}
}

func TestNormaliser_Normalise_recordErrors(t *testing.T) {
	const good = `{"auditID":"ok","stage":"ResponseComplete","verb":"get","user":{"username":"u"},"stageTimestamp":"2024-03-12T09:00:00Z"}`
	body := `{"kind":"EventList","apiVersion":"audit.k8s.io/v1","metadata":{},"items":[` + "\n" +
		good + ",\n" +
		`{"stage":"ResponseComplete","stageTimestamp":"2024-03-12T09:00:00Z"}` + ",\n" +
		`{"auditID":"x","stage":"Done","stageTimestamp":"2024-03-12T09:00:00Z"}` + ",\n" +
		`{"auditID":"x","stage":"Panic","stageTimestamp":"yesterday"}` + ",\n" +
		`{"auditID":"x","stage":"Panic"}` + ",\n" +
		`{"auditID":"x","stage":"Panic","stageTimestamp":"2024-03-12T09:00:00Z","user":{"username":7}}` + ",\n" +
		`"not an event"` + ",\n" +
		good + "]}"
	raw := []byte(body)
	_, err := k8saudit.New().Normalise(raw)
	var be *ingest.BatchError
	if !errors.As(err, &be) {
		t.Fatalf("error %v, want *ingest.BatchError", err)
	}
	want := []ingest.RecordError{
		{Index: 1, Line: 3, Column: 1, Reason: "auditID is missing"},
		{Index: 2, Line: 4, Column: 1, Reason: `stage is "Done", want RequestReceived, ResponseStarted, ResponseComplete or Panic`},
		{Index: 3, Line: 5, Column: 1, Reason: `stageTimestamp "yesterday" is not an RFC 3339 time`},
		{Index: 4, Line: 6, Column: 1, Reason: "stageTimestamp and requestReceivedTimestamp are missing"},
		{Index: 5, Line: 7, Column: 1, Reason: "field user.username: got number, want string"},
		{Index: 6, Line: 8, Column: 1, Reason: "record is a string, want an object"},
	}
	if diff := cmp.Diff(want, be.Errors, cmpopts.IgnoreFields(ingest.RecordError{}, "Offset")); diff != "" {
		t.Errorf("record errors (-want +got):\n%s", diff)
	}
	for _, re := range be.Errors {
		if body[re.Offset] != '{' && body[re.Offset] != '"' {
			t.Errorf("record %d: offset %d does not start a record", re.Index, re.Offset)
		}
	}
	if len(be.Good) != 2 || be.Good[0].ExternalID != "ok/ResponseComplete" || string(be.Good[1].Raw) != good {
		t.Errorf("Good = %v, want the two good records", be.Good)
	}
	eventtest.CheckRaw(t, raw, be.Good)
	if !strings.HasPrefix(err.Error(), "6 of 8 records refused; record 1 (line 3, column 1): auditID is missing") {
		t.Errorf("message %q", err.Error())
	}
}

func TestNormaliser_Normalise_empty(t *testing.T) {
	for _, body := range []string{
		`{"kind":"EventList","apiVersion":"audit.k8s.io/v1","metadata":{},"items":[]}`,
		`{"kind":"EventList","apiVersion":"audit.k8s.io/v1","metadata":{},"items":null}`,
		`{"kind":"EventList","apiVersion":"audit.k8s.io/v1","metadata":{}}`,
	} {
		got, err := k8saudit.New().Normalise([]byte(body))
		if err != nil || len(got) != 0 {
			t.Errorf("%s: got %d events, %v; want none", body, len(got), err)
		}
	}
}

func FuzzNormalise(f *testing.F) {
	f.Add(eventtest.Fixture(f, "k8s-audit-eventlist.json"))
	f.Add(eventtest.Fixture(f, "k8s-audit-event.json"))
	f.Add([]byte(`{"kind":"EventList","items":[{"auditID":"a","stage":"Panic","stageTimestamp":"2024-03-12T09:00:00Z"},1,{}]}`))
	f.Add([]byte(`{"auditID":"a","stage":"RequestReceived","requestReceivedTimestamp":"2024-03-12T09:00:00Z","objectRef":null}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		eventtest.CheckContract(t, k8saudit.New(), body, k8saudit.Source)
	})
}

// TestNormaliser_DedupKey checks that the stages of one request are told
// apart: auditID is the same for each.
func TestNormaliser_DedupKey(t *testing.T) {
	const ev = `{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"a-1","stage":%q,"verb":"get","requestURI":"/api","stageTimestamp":"2024-03-12T08:00:00Z","user":{"username":"alice"}}`
	var keys []string
	for _, stage := range []string{"RequestReceived", "ResponseComplete"} {
		got, err := k8saudit.New().Normalise(fmt.Appendf(nil, ev, stage))
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, got[0].DedupKey)
	}
	if keys[0] != "a-1/RequestReceived" || keys[1] != "a-1/ResponseComplete" {
		t.Errorf("keys %q", keys)
	}
}
