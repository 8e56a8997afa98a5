package detect_test

import (
	"os"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/detect"
)

// TestLoadFS_sigmaShapes loads rules written in the shapes of SigmaHQ's
// cloud and application rules (our own rules, in testdata) and checks that
// they match what they describe.
func TestLoadFS_sigmaShapes(t *testing.T) {
	set, errs := detect.LoadFS(os.DirFS("testdata/sigma-shapes"), ".")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(set.Rules) != 6 {
		t.Fatalf("%d rules loaded, want 6", len(set.Rules))
	}
	e := detect.NewEngine(set, detect.Options{})
	tests := []struct {
		source, raw string
		want        int
	}{
		{"cloudtrail", `{"eventSource":"cloudtrail.amazonaws.com","eventName":"StopLogging","userIdentity":{"arn":"arn:aws:iam::1:user/x"}}`, 1},
		{"cloudtrail", `{"eventSource":"cloudtrail.amazonaws.com","eventName":"StopLogging","userIdentity":{"arn":"arn:aws:sts::1:assumed-role/pipeline/x"}}`, 0},
		{"cloudtrail", `{"eventName":"PutBucketPolicy","requestParameters":{"bucketPolicy":"{\"Effect\":\"Allow\",\"Principal\":\"*\"}"}}`, 1},
		{"cloudtrail", `{"eventName":"CreateAccessKey","userIdentity":{"userName":"a"},"requestParameters":{"userName":"b"}}`, 1},
		{"cloudtrail", `{"eventName":"CreateAccessKey","userIdentity":{"userName":"a"},"requestParameters":{"userName":"A"}}`, 0},
		{"k8s-audit", `{"objectRef":{"resource":"secrets"},"verb":"list","user":{"username":"mallory"}}`, 1},
		{"github-enterprise", `{"action":"org.remove_member"}`, 1},
		{"okta", `{"eventType":"user.session.start","outcome":{"reason":"VERIFICATION_ERROR"},"client":{"userAgent":{"rawUserAgent":"Okta FastPass"}}}`, 1},
		{"okta", `{"eventType":"user.session.start","outcome":{"reason":"VERIFICATION_ERROR"}}`, 0},
	}
	for _, tt := range tests {
		if got := len(e.Evaluate(&attest.Event{Source: tt.source, Raw: []byte(tt.raw)})); got != tt.want {
			t.Errorf("%s %s: %d matches, want %d", tt.source, tt.raw, got, tt.want)
		}
	}
}
