package falco_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/ingest"
	"github.com/attest-dev/attest/ingest/falco"
	"github.com/attest-dev/attest/ingest/internal/eventtest"
)

func ts(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

var (
	shell = &attest.Event{
		Time: ts("2024-03-12T09:31:07.480592105Z"), Source: "falco",
		Actor: "root", Action: "Terminal shell in container", Target: "shop/web-0",
		Outcome: "unknown", Severity: "notice",
	}
	shadow = &attest.Event{
		Time: ts("2024-03-12T09:40:12.003871224Z"), Source: "falco", ExternalID: "8a4f3c2e-1b6d-4e9f-a7c0-5d2e1f3b4a69",
		Actor: "deploy", Action: "Read sensitive file untrusted", Target: "/etc/shadow",
		Outcome: "unknown", Severity: "warning",
	}
	secret = &attest.Event{
		Time: ts("2024-03-12T09:52:30.118402Z"), Source: "falco",
		Actor: "bob@example.com", Action: "K8s Secret Get Successfully", Target: "kube-system/db-password",
		Outcome: "unknown", SourceIP: "10.20.3.7", UserAgent: "kubectl/v1.29.2 (darwin/arm64) kubernetes/4b8e819",
		Severity: "warning",
	}
)

func TestNormaliser_Normalise(t *testing.T) {
	tests := []struct {
		name string
		body []byte
		want []*attest.Event
	}{
		{"falco", eventtest.Fixture(t, "falco-alert.json"), []*attest.Event{shell}},
		{"falcosidekick", eventtest.Fixture(t, "falcosidekick-alert.json"), []*attest.Event{shadow}},
		{"k8s audit plugin", eventtest.Fixture(t, "falco-k8saudit-alert.json"), []*attest.Event{secret}},
		{"array", []byte("[" + string(eventtest.Fixture(t, "falco-alert.json")) + ",\n" +
			string(eventtest.Fixture(t, "falcosidekick-alert.json")) + "]"), []*attest.Event{shell, shadow}},
		{"no output_fields, short priority, hostname target", []byte(
			`{"output":"x","priority":"Info","rule":"Custom","time":"2024-03-12T10:00:00+02:00","hostname":"node-3"}`),
			[]*attest.Event{{Time: ts("2024-03-12T08:00:00Z"), Source: "falco", Action: "Custom", Target: "node-3", Outcome: "unknown", Severity: "informational"}}},
		{"container outside kubernetes", []byte(
			`{"priority":"Critical","rule":"R","time":"2024-03-12T10:00:00Z","output_fields":{"container.name":"db","k8s.pod.name":null,"user.name":7}}`),
			[]*attest.Event{{Time: ts("2024-03-12T10:00:00Z"), Source: "falco", Action: "R", Target: "db", Outcome: "unknown", Severity: "critical"}}},
		{"empty array", []byte(`[]`), []*attest.Event{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := falco.New().Normalise(tt.body)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.IgnoreFields(attest.Event{}, "Raw", "DedupKey")); diff != "" {
				t.Errorf("events (-want +got):\n%s", diff)
			}
			eventtest.CheckRaw(t, tt.body, got)
		})
	}
}

func TestNormaliser_Normalise_raw(t *testing.T) {
	// The fixture ends with a newline; Raw is the alert without it.
	body := eventtest.Fixture(t, "falco-alert.json")
	got, err := falco.New().Normalise(body)
	if err != nil {
		t.Fatal(err)
	}
	if string(got[0].Raw)+"\n" != string(body) {
		t.Errorf("Raw is not the alert's bytes")
	}
}

func TestNormaliser_Normalise_errors(t *testing.T) {
	tests := []struct {
		name, body string
		body1      bool // a *BodyError, else a *BatchError
		reasons    []string
	}{
		{"truncated", `{"rule":"R","priority":"Notice"`, true, []string{"unexpected end of JSON input: the body is truncated"}},
		{"string body", `"alert"`, true, []string{"body is string, want a Falco alert object or an array of them"}},
		{"missing rule", `{"priority":"Notice","time":"2024-03-12T10:00:00Z"}`, false, []string{"rule is missing"}},
		{"missing priority", `{"rule":"R","time":"2024-03-12T10:00:00Z"}`, false, []string{"priority is missing"}},
		{"unknown priority", `{"rule":"R","priority":"Loud","time":"2024-03-12T10:00:00Z"}`, false, []string{`priority "Loud" is not a Falco priority`}},
		{"missing time", `{"rule":"R","priority":"Notice"}`, false, []string{"time is missing"}},
		{"bad time", `{"rule":"R","priority":"Notice","time":"12:00"}`, false, []string{`time "12:00" is not an RFC 3339 time`}},
		{"output_fields wrong type", `{"rule":"R","priority":"Notice","time":"2024-03-12T10:00:00Z","output_fields":[]}`, false, []string{"field output_fields: got array, want object"}},
		{"array with bad items", `[1,{"rule":"R","priority":"Notice","time":"2024-03-12T10:00:00Z"},null]`, false,
			[]string{"record is a number, want an object", "record is null, want an object"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := falco.New().Normalise([]byte(tt.body))
			if got != nil {
				t.Errorf("events returned with an error")
			}
			var reasons []string
			var be *ingest.BodyError
			var bat *ingest.BatchError
			switch {
			case tt.body1 && errors.As(err, &be):
				reasons = []string{be.Reason}
			case !tt.body1 && errors.As(err, &bat):
				for _, re := range bat.Errors {
					reasons = append(reasons, re.Reason)
				}
			default:
				t.Fatalf("error %v (%T)", err, err)
			}
			if diff := cmp.Diff(tt.reasons, reasons); diff != "" {
				t.Errorf("reasons (-want +got):\n%s", diff)
			}
		})
	}
}

func FuzzNormalise(f *testing.F) {
	for _, name := range []string{"falco-alert.json", "falcosidekick-alert.json", "falco-k8saudit-alert.json"} {
		f.Add(eventtest.Fixture(f, name))
	}
	f.Add([]byte(`[{"rule":"R","priority":"info","time":"2024-03-12T10:00:00Z","output_fields":{"ka.sourceips":"10.0.0.1"}},{}]`))
	f.Fuzz(func(t *testing.T, body []byte) {
		eventtest.CheckContract(t, falco.New(), body, falco.Source)
	})
}

// TestNormaliser_DedupKey checks that an alert delivered twice has one key
// whatever uuid a forwarder gave it, and that other alerts have others.
func TestNormaliser_DedupKey(t *testing.T) {
	const alert = `{"uuid":%q,"output":%q,"priority":"Warning","rule":"Shell in container","time":"2024-03-12T08:00:00.123456789Z","hostname":"node-1"}`
	key := func(uuid, output string) string {
		t.Helper()
		got, err := falco.New().Normalise(fmt.Appendf(nil, alert, uuid, output))
		if err != nil {
			t.Fatal(err)
		}
		return got[0].DedupKey
	}
	a := key("11111111-aaaa", "shell spawned (user=root)")
	if a == "" || a != key("22222222-bbbb", "shell spawned (user=root)") {
		t.Errorf("one alert with two uuids: keys %q and %q", a, key("22222222-bbbb", "shell spawned (user=root)"))
	}
	if a == key("11111111-aaaa", "shell spawned (user=bob)") {
		t.Error("two alerts with one key")
	}
}
