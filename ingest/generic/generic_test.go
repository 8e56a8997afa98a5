package generic_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/ingest"
	"github.com/attest-dev/attest/ingest/generic"
	"github.com/attest-dev/attest/ingest/internal/eventtest"
)

func ts(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

func ptr(b bool) *bool { return &b }

var ignoreRaw = cmpopts.IgnoreFields(attest.Event{}, "Raw", "DedupKey")

const chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36"

var githubEvents = []*attest.Event{
	{Time: ts("2024-03-12T09:20:00.123Z"), Source: "github", ExternalID: "Fz1qT4xM8bVn2Rk0LwYcPg", Actor: "octo-alice", Action: "repo.create",
		Target: "acme-corp/payments-api", Outcome: "unknown", SourceIP: "203.0.113.10", UserAgent: chrome},
	{Time: ts("2024-03-12T09:22:01.456Z"), Source: "github", ExternalID: "a9Lm3Qz7XcVb1Nn5RtYuIw", Actor: "octo-alice", Action: "org.add_member",
		Target: "acme-corp", Outcome: "unknown", SourceIP: "203.0.113.10", UserAgent: chrome},
	{Time: ts("2024-03-12T09:25:02.789Z"), Source: "github", ExternalID: "Qw8Er4Ty6Ui2Op0AsDfGhJ", Actor: "deploy-bot", Action: "git.clone",
		Target: "acme-corp/payments-api", Outcome: "unknown", SourceIP: "192.0.2.61", UserAgent: "git/2.43.0"},
	{Time: ts("2024-03-12T09:29:15Z"), Source: "github", ExternalID: "Zx2Cv4Bn6Mm8Ll0Kk1Jj3H", Actor: "octo-bob", Action: "protected_branch.destroy",
		Target: "acme-corp/payments-api", Outcome: "unknown", SourceIP: "198.51.100.23", UserAgent: "GitHub CLI 2.45.0"},
}

const oktaUA = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36"

var oktaEvents = []*attest.Event{
	{Time: ts("2024-03-12T09:00:01.512Z"), Source: "okta", ExternalID: "2b8e4f6a-e0c1-11ee-9a1b-4d5e6f7a8b9c", Actor: "alice@example.com",
		Action: "user.session.start", Outcome: "failure", SourceIP: "203.0.113.10", UserAgent: oktaUA, Severity: "warn"},
	{Time: ts("2024-03-12T09:00:14.027Z"), Source: "okta", ExternalID: "3c9f5a7b-e0c1-11ee-9a1b-4d5e6f7a8b9c", Actor: "alice@example.com",
		Action: "user.session.start", Outcome: "success", SourceIP: "203.0.113.10", UserAgent: oktaUA, Severity: "info"},
	{Time: ts("2024-03-12T09:00:19.884Z"), Source: "okta", ExternalID: "4d0a6b8c-e0c1-11ee-9a1b-4d5e6f7a8b9c", Actor: "alice@example.com",
		Action: "user.authentication.auth_via_mfa", Target: "Okta Verify", Outcome: "success", MFA: ptr(true),
		SourceIP: "203.0.113.10", UserAgent: oktaUA, Severity: "info"},
	{Time: ts("2024-03-12T09:01:02.31Z"), Source: "okta", ExternalID: "5e1b7c9d-e0c1-11ee-9a1b-4d5e6f7a8b9c", Actor: "alice@example.com",
		Action: "user.authentication.sso", Target: "AWS IAM Identity Center", Outcome: "success", SourceIP: "203.0.113.10", UserAgent: oktaUA, Severity: "info"},
	{Time: ts("2024-03-12T09:05:44.601Z"), Source: "okta", ExternalID: "6f2c8d0e-e0c1-11ee-9a1b-4d5e6f7a8b9c", Actor: "bob@example.com",
		Action: "group.user_membership.add", Target: "mallory@example.com", Outcome: "success", SourceIP: "198.51.100.23", UserAgent: oktaUA, Severity: "info"},
}

func TestNormaliser_Normalise(t *testing.T) {
	ghLines := eventtest.Fixture(t, "github-audit.json")
	tests := []struct {
		name, source, profile string
		body                  []byte
		want                  []*attest.Event
	}{
		{"github ndjson", "github", generic.ProfileGitHub, ghLines, githubEvents},
		{"github array", "github", generic.ProfileGitHub,
			[]byte("[" + strings.Join(strings.Split(strings.TrimSpace(string(ghLines)), "\n"), ",\n") + "]"), githubEvents},
		{"okta system log", "okta", generic.ProfileOkta, eventtest.Fixture(t, "okta-systemlog.json"), oktaEvents},
		{"okta event hook", "okta-hook", generic.ProfileOkta, eventtest.Fixture(t, "okta-eventhook.json"), []*attest.Event{
			withSource(oktaEvents[0], "okta-hook"), withSource(oktaEvents[1], "okta-hook")}},
		{"okta record is one event", "okta", generic.ProfileOkta,
			[]byte(`{"published":"2024-03-12T09:00:00Z","eventType":"user.lifecycle.create","outcome":{"result":"SKIPPED"},"target":[{"alternateId":"unknown","displayName":"Eve"}]}`),
			[]*attest.Event{{Time: ts("2024-03-12T09:00:00Z"), Source: "okta", Action: "user.lifecycle.create", Target: "Eve", Outcome: "unknown"}}},
		{"common ndjson", "build-system", generic.ProfileCommon, []byte(
			`{"timestamp":"2024-03-12T10:00:00.5+01:00","user":"ci","action":"deploy","target":"prod","id":17,"ip":"10.1.2.3","result":"Succeeded","level":"INFO"}` + "\n" +
				`{"time":1710237600,"actor":{"name":"not a string"},"event":"login","outcome":"denied","source_ip":"not an ip","userAgent":"cli/1"}` + "\n" +
				`{"@timestamp":1710237600250,"message":"no known fields"}` + "\n" +
				`{"eventTime":"2024-03-12 10:00:00","uuid":"u-1"}` + "\n" +
				`{"published":1710237600250000}` + "\n" +
				`{"time":null,"timestamp":"1710237600.5"}` + "\n" +
				`{"note":"no time at all"}` + "\n" +
				`[{"time":"2024-03-12T10:00:00Z"},{"time":1710237600000000001}]` + "\n"),
			[]*attest.Event{
				{Time: ts("2024-03-12T09:00:00.5Z"), Source: "build-system", ExternalID: "17", Actor: "ci", Action: "deploy", Target: "prod",
					Outcome: "success", SourceIP: "10.1.2.3", Severity: "info"},
				{Time: ts("2024-03-12T10:00:00Z"), Source: "build-system", Action: "login", Outcome: "failure", UserAgent: "cli/1"},
				{Time: ts("2024-03-12T10:00:00.25Z"), Source: "build-system", Outcome: "unknown"},
				{Time: ts("2024-03-12T10:00:00Z"), Source: "build-system", ExternalID: "u-1", Outcome: "unknown"},
				{Time: ts("2024-03-12T10:00:00.25Z"), Source: "build-system", Outcome: "unknown"},
				{Time: ts("2024-03-12T10:00:00.5Z"), Source: "build-system", Outcome: "unknown"},
				{Source: "build-system", Outcome: "unknown"},
				{Time: ts("2024-03-12T10:00:00Z"), Source: "build-system", Outcome: "unknown"},
				{Time: ts("2024-03-12T10:00:00.000000001Z"), Source: "build-system", Outcome: "unknown"},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := generic.New(tt.source)
			if n.Profile != tt.profile {
				t.Errorf("New(%q).Profile = %q, want %q", tt.source, n.Profile, tt.profile)
			}
			if n.Source() != tt.source {
				t.Errorf("Source() = %q", n.Source())
			}
			got, err := n.Normalise(tt.body)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, ignoreRaw); diff != "" {
				t.Errorf("events (-want +got):\n%s", diff)
			}
			eventtest.CheckRaw(t, tt.body, got)
		})
	}
}

func withSource(ev *attest.Event, source string) *attest.Event {
	c := *ev
	c.Source = source
	return &c
}

func TestNormaliser_Normalise_raw(t *testing.T) {
	body := eventtest.Fixture(t, "github-audit.json")
	got, err := generic.New("github").Normalise(body)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(body), "\n"), "\n")
	if len(lines) != len(got) {
		t.Fatalf("%d lines, %d events", len(lines), len(got))
	}
	for i, l := range lines {
		if string(got[i].Raw) != l {
			t.Errorf("event %d: Raw is not line %d", i, i+1)
		}
	}
}

func TestNormaliser_Normalise_errors(t *testing.T) {
	tests := []struct {
		name, source, body string
		whole              bool
		reasons            []string
	}{
		{"empty", "x", "\n", true, []string{"body is empty, want JSON"}},
		{"bad second line", "x", "{\"a\":1}\n{\"a\":}\n", true, []string{"invalid character '}' looking for beginning of value"}},
		{"scalar records", "x", "1\n\"s\"\n{}\n", false, []string{"record is a number, want an object", "record is a string, want an object"}},
		{"bad common time", "x", `[{"time":"soon"},{"timestamp":true},{"time":-5}]`, false, []string{
			`time: "soon" is not a time`, "timestamp: true is not a time: want a string or a number since the epoch",
			"time: -5 is not a time: want a string or a number since the epoch"}},
		{"github without time", "github", `{"action":"repo.create"}`, false, []string{"@timestamp and created_at are missing"}},
		{"github bad time", "github", `{"@timestamp":"yesterday"}`, false, []string{`@timestamp: "yesterday" is not a time`}},
		{"github wrong type", "github", `{"@timestamp":1710235200123,"actor":{"login":"x"}}`, false, []string{"field actor: got object, want string"}},
		{"okta without published", "okta", `{"eventType":"x"}`, false, []string{"published is missing"}},
		{"okta bad published", "okta", `{"published":"12/03/2024"}`, false, []string{`published "12/03/2024" is not an RFC 3339 time`}},
		{"okta wrong type", "okta", `{"published":"2024-03-12T09:00:00Z","target":{}}`, false, []string{"field target: got object, want array"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := generic.New(tt.source).Normalise([]byte(tt.body))
			if got != nil {
				t.Errorf("events returned with an error")
			}
			var reasons []string
			var be *ingest.BodyError
			var bat *ingest.BatchError
			switch {
			case tt.whole && errors.As(err, &be):
				reasons = []string{be.Reason}
			case !tt.whole && errors.As(err, &bat):
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

func TestNormaliser_Normalise_profile(t *testing.T) {
	n := generic.New("okta")
	n.Profile = generic.ProfileCommon
	got, err := n.Normalise([]byte(`{"published":"2024-03-12T09:00:00Z","eventType":"user.session.start","uuid":"u"}`))
	if err != nil || len(got) != 1 || got[0].Action != "user.session.start" || got[0].ExternalID != "u" {
		t.Errorf("common profile on Okta record: %v, %v", got, err)
	}
	n.Profile = "splunk"
	if _, err := n.Normalise([]byte(`{}`)); attest.ErrorCode(err) != attest.EINTERNAL {
		t.Errorf("unknown profile: %v, want an internal error", err)
	}
}

func FuzzNormalise(f *testing.F) {
	for _, name := range []string{"github-audit.json", "okta-systemlog.json", "okta-eventhook.json"} {
		f.Add(eventtest.Fixture(f, name))
	}
	f.Add([]byte("{\"time\":1710237600.5,\"user\":\"u\",\"id\":-1}\n[{\"timestamp\":\"2024-03-12 10:00:00\"}]\n"))
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, source := range []string{"github", "okta", "custom"} {
			eventtest.CheckContract(t, generic.New(source), body, source)
		}
	})
}

// TestNormaliser_DedupKey checks each profile's source id.
func TestNormaliser_DedupKey(t *testing.T) {
	tests := []struct{ source, body, want string }{
		{"github", `{"@timestamp":1710230400000,"_document_id":"doc-1","action":"repo.create"}`, "doc-1"},
		{"okta", `{"published":"2024-03-12T09:00:00Z","eventType":"user.session.start","uuid":"u-1"}`, "u-1"},
		{"myapp", `{"id":42,"action":"a"}`, "42"},
		{"myapp", `{"event_id":"e-1","action":"a"}`, "e-1"},
		{"myapp", `{"action":"a"}`, ""},
	}
	for _, tt := range tests {
		got, err := generic.New(tt.source).Normalise([]byte(tt.body))
		if err != nil {
			t.Fatal(err)
		}
		if got[0].DedupKey != tt.want {
			t.Errorf("%s %s: DedupKey %q, want %q", tt.source, tt.body, got[0].DedupKey, tt.want)
		}
	}
}
