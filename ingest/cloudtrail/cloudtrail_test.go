package cloudtrail_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/ingest"
	"github.com/attest-dev/attest/ingest/cloudtrail"
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

const (
	safari = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Safari/605.1.15"
	acct   = "111122223333"
)

var (
	loginMFA = &attest.Event{
		Time: ts("2024-03-12T08:01:12Z"), Source: "cloudtrail", ExternalID: "2f6e9a1c-4b7d-4e3a-9c8f-0d1e2f3a4b5c",
		Actor: "arn:aws:iam::" + acct + ":user/alice", Action: "signin:ConsoleLogin",
		Outcome: "success", MFA: ptr(true), SourceIP: "203.0.113.10", UserAgent: safari,
	}
	putPolicy = &attest.Event{
		Time: ts("2024-03-12T08:15:31Z"), Source: "cloudtrail", ExternalID: "0b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d3e",
		Actor: "arn:aws:sts::" + acct + ":assumed-role/TerraformDeployer/terraform", Action: "s3:PutBucketPolicy",
		Target: "arn:aws:s3:::acme-audit-logs", Outcome: "success", MFA: ptr(false), SourceIP: "192.0.2.200",
		UserAgent: "[APN/1.0 HashiCorp/1.0 Terraform/1.7.4 (+https://www.terraform.io) terraform-provider-aws/5.40.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.25.2 os/linux lang/go#1.21.8 md/GOOS#linux md/GOARCH#amd64 api/s3#1.51.1]",
	}
	logFile = []*attest.Event{
		loginMFA,
		{
			Time: ts("2024-03-12T08:04:51Z"), Source: "cloudtrail", ExternalID: "c9d8e7f6-a5b4-4c3d-8e2f-1a0b9c8d7e6f",
			Actor: "carol", Action: "signin:ConsoleLogin",
			Outcome: "failure", MFA: ptr(false), SourceIP: "198.51.100.23", UserAgent: safari,
		},
		{
			Time: ts("2024-03-12T08:05:40Z"), Source: "cloudtrail", ExternalID: "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
			Actor: "arn:aws:iam::" + acct + ":user/carol", Action: "signin:ConsoleLogin",
			Outcome: "success", MFA: ptr(false), SourceIP: "198.51.100.23", UserAgent: safari,
		},
		{
			Time: ts("2024-03-12T08:10:22Z"), Source: "cloudtrail", ExternalID: "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b",
			Actor:  "arn:aws:sts::" + acct + ":assumed-role/AWSReservedSSO_PowerUser_0a1b2c3d4e5f6a7b/alice@example.com",
			Action: "sts:AssumeRole", Target: "arn:aws:iam::" + acct + ":role/BreakGlassAdmin",
			Outcome: "success", MFA: ptr(true), SourceIP: "203.0.113.10",
			UserAgent: "aws-cli/2.15.21 Python/3.11.6 Darwin/23.3.0 exe/x86_64 prompt/off command/sts.assume-role",
		},
		putPolicy,
		{
			Time: ts("2024-03-12T08:21:47Z"), Source: "cloudtrail", ExternalID: "f0e1d2c3-b4a5-4968-8776-5a4b3c2d1e0f",
			Actor: "arn:aws:sts::" + acct + ":assumed-role/ReadOnly/bob", Action: "iam:CreateUser",
			Outcome: "failure", MFA: ptr(false), SourceIP: "203.0.113.99",
			UserAgent: "aws-cli/2.15.21 Python/3.11.6 Linux/6.5.0 exe/x86_64.ubuntu.22 prompt/off command/iam.create-user",
		},
		{
			Time: ts("2024-03-12T08:25:00Z"), Source: "cloudtrail", ExternalID: "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f",
			Actor: "cloudtrail.amazonaws.com", Action: "kms:GenerateDataKey",
			Target:  "arn:aws:kms:us-east-1:" + acct + ":key/9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a",
			Outcome: "success", UserAgent: "cloudtrail.amazonaws.com",
		},
	}
)

func TestNormaliser_Normalise(t *testing.T) {
	tests := []struct {
		file string
		want []*attest.Event
	}{
		{"cloudtrail-log.json", logFile},
		{"cloudtrail-log.json.gz", logFile},
		{"eventbridge-cloudtrail.json", []*attest.Event{putPolicy}},
		{"eventbridge-cloudtrail-batch.json", []*attest.Event{loginMFA, putPolicy}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			body := eventtest.Fixture(t, tt.file)
			got, err := cloudtrail.New().Normalise(body)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.IgnoreFields(attest.Event{}, "Raw", "DedupKey")); diff != "" {
				t.Errorf("events (-want +got):\n%s", diff)
			}
			if !ingest.IsGzip(body) {
				eventtest.CheckRaw(t, body, got)
			}
		})
	}
}

func TestNormaliser_Normalise_raw(t *testing.T) {
	plain := eventtest.Fixture(t, "cloudtrail-log.json")
	fromGzip, err := cloudtrail.New().Normalise(eventtest.Fixture(t, "cloudtrail-log.json.gz"))
	if err != nil {
		t.Fatal(err)
	}
	// Records joined by commas give back the log file, byte for byte.
	var parts [][]byte
	for _, ev := range fromGzip {
		parts = append(parts, ev.Raw)
	}
	rebuilt := `{"Records":[` + string(bytes.Join(parts, []byte(","))) + `]}`
	if rebuilt != string(plain) {
		t.Errorf("records from the gzip file do not rebuild the plain file")
	}
	// EventBridge: Raw is the whole event, envelope included.
	eb := eventtest.Fixture(t, "eventbridge-cloudtrail.json")
	got, err := cloudtrail.New().Normalise(eb)
	if err != nil {
		t.Fatal(err)
	}
	if string(got[0].Raw) != string(eb) {
		t.Errorf("EventBridge Raw is not the event")
	}
}

func TestNormaliser_Normalise_fields(t *testing.T) {
	tests := []struct {
		name, record string
		want         *attest.Event
	}{
		{"bare record, bucket and key, IPv6",
			`{"eventTime":"2024-03-12T08:00:00Z","eventID":"1","eventSource":"s3.amazonaws.com","eventName":"GetObject","userIdentity":{"type":"IAMUser","principalId":"AIDA1"},"sourceIPAddress":"2001:db8::1","requestParameters":{"bucketName":"b","key":"k/o.txt"}}`,
			&attest.Event{Time: ts("2024-03-12T08:00:00Z"), Source: "cloudtrail", ExternalID: "1", DedupKey: "1", Actor: "AIDA1", Action: "s3:GetObject", Target: "b/k/o.txt", Outcome: "success", SourceIP: "2001:db8::1"}},
		{"no identity, console login without result, AWS Internal",
			`{"eventTime":"2024-03-12T08:00:00.5+01:00","eventID":"2","eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","sourceIPAddress":"AWS Internal","responseElements":null}`,
			&attest.Event{Time: ts("2024-03-12T07:00:00.5Z"), Source: "cloudtrail", ExternalID: "2", DedupKey: "2", Action: "signin:ConsoleLogin", Outcome: "unknown"}},
		{"service type only, role name target",
			`{"eventTime":"2024-03-12T08:00:00Z","eventID":"3","eventSource":"iam.amazonaws.com","eventName":"DeleteRole","userIdentity":{"type":"AWSAccount"},"requestParameters":{"roleName":"old"},"errorCode":"NoSuchEntityException"}`,
			&attest.Event{Time: ts("2024-03-12T08:00:00Z"), Source: "cloudtrail", ExternalID: "3", DedupKey: "3", Actor: "AWSAccount", Action: "iam:DeleteRole", Target: "old", Outcome: "failure"}},
		{"other event source, odd MFA value",
			`{"eventTime":"2024-03-12T08:00:00Z","eventID":"4","eventSource":"custom.example","eventName":"Do","userIdentity":{"sessionContext":{"attributes":{"mfaAuthenticated":"maybe"}}}}`,
			&attest.Event{Time: ts("2024-03-12T08:00:00Z"), Source: "cloudtrail", ExternalID: "4", DedupKey: "4", Action: "custom.example:Do", Outcome: "success"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := []byte(tt.record)
			got, err := cloudtrail.New().Normalise(body)
			if err != nil {
				t.Fatal(err)
			}
			tt.want.Raw = body
			if diff := cmp.Diff([]*attest.Event{tt.want}, got); diff != "" {
				t.Errorf("events (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNormaliser_Normalise_errors(t *testing.T) {
	const ok = `{"eventTime":"2024-03-12T08:00:00Z","eventID":"1"}`
	tests := []struct {
		name, body string
		whole      bool // a *BodyError, else a *BatchError
		reasons    []string
	}{
		{"truncated", `{"Records":[` + ok, true, []string{"unexpected end of JSON input: the body is truncated"}},
		{"Records not array", `{"Records":{}}`, true, []string{"Records is object, want an array"}},
		{"number", `42`, true, []string{"body is number, want a CloudTrail log file, an EventBridge event or an array of events"}},
		{"gzip truncated", string(gzipped(t, `{"Records":[]}`)[:15]), true, []string{"gunzip: gzip stream is truncated"}},
		{"missing eventTime", `{"Records":[` + ok + `,{"eventID":"2"}]}`, false, []string{"eventTime is missing"}},
		{"bad eventTime", `{"Records":[{"eventTime":"2024-03-12 08:00","eventID":"2"}]}`, false, []string{`eventTime "2024-03-12 08:00" is not an RFC 3339 time`}},
		{"missing eventID", `{"Records":[{"eventTime":"2024-03-12T08:00:00Z"}]}`, false, []string{"eventID is missing"}},
		{"wrong type", `{"Records":[{"eventTime":"2024-03-12T08:00:00Z","eventID":"2","resources":{}}]}`, false, []string{"field resources: got object, want array"}},
		{"not CloudTrail", `[{"version":"0","detail-type":"EC2 Instance State-change Notification","detail":{"state":"running"}}]`, false,
			[]string{`EventBridge detail-type "EC2 Instance State-change Notification" is not a CloudTrail event`}},
		{"detail wrong type", `[{"detail-type":"AWS API Call via CloudTrail","detail":{"eventTime":1}}]`, false,
			[]string{"detail: field eventTime: got number, want string"}},
		{"detail not object", `[{"detail-type":"AWS API Call via CloudTrail","detail":[]}]`, false, []string{"detail is array, want an object"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cloudtrail.New().Normalise([]byte(tt.body))
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

func gzipped(t testing.TB, s string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// logOf builds a log file of n records cycling through the fixture's.
func logOf(tb testing.TB, n int) []byte {
	tb.Helper()
	fixture := eventtest.Fixture(tb, "cloudtrail-log.json")
	events, err := cloudtrail.New().Normalise(fixture)
	if err != nil {
		tb.Fatal(err)
	}
	var b bytes.Buffer
	b.WriteString(`{"Records":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		raw := string(events[i%len(events)].Raw)
		// A distinct eventID per record, as in a real file.
		raw = strings.Replace(raw, `"eventID":"`, fmt.Sprintf(`"eventID":"%06d-`, i), 1)
		b.WriteString(raw)
	}
	b.WriteString(`]}`)
	return b.Bytes()
}

func BenchmarkCloudTrailNormalise(b *testing.B) {
	const n = 1000
	body := logOf(b, n)
	zbody := gzipped(b, string(body))
	for _, bc := range []struct {
		name string
		body []byte
	}{{"json", body}, {"gzip", zbody}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				events, err := cloudtrail.New().Normalise(bc.body)
				if err != nil || len(events) != n {
					b.Fatalf("%d events, %v", len(events), err)
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "records/s")
		})
	}
}

func FuzzNormalise(f *testing.F) {
	for _, name := range []string{"cloudtrail-log.json", "eventbridge-cloudtrail.json", "eventbridge-cloudtrail-batch.json"} {
		f.Add(eventtest.Fixture(f, name))
	}
	f.Add(gzipped(f, `{"Records":[{"eventTime":"2024-03-12T08:00:00Z","eventID":"1"}]}`))
	f.Add([]byte(`[{"detail-type":"AWS API Call via CloudTrail","detail":{"eventTime":"2024-03-12T08:00:00Z","eventID":"1"}},{"eventID":"2"}]`))
	f.Fuzz(func(t *testing.T, body []byte) {
		eventtest.CheckContract(t, cloudtrail.New(), body, cloudtrail.Source)
	})
}
