package source_test

import (
	"os"
	"strings"
	"testing"

	"github.com/attest-dev/attest/ingest/source"
)

func TestSniff(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"cloudtrail log file", `{"Records":[]}`, "cloudtrail"},
		{"cloudtrail record", `{"eventVersion":"1.09","eventSource":"s3.amazonaws.com"}`, "cloudtrail"},
		{"eventbridge", `{"detail-type":"AWS API Call via CloudTrail","detail":{}}`, "cloudtrail"},
		{"k8s event list", `{"kind":"EventList","apiVersion":"audit.k8s.io/v1","items":[]}`, "k8s-audit"},
		{"k8s json lines", "{\"auditID\":\"a\",\"stage\":\"ResponseComplete\"}\n{\"auditID\":\"b\",\"stage\":\"ResponseComplete\"}\n", "k8s-audit"},
		{"falco", `{"rule":"r","priority":"Warning","output":"o"}`, "falco"},
		{"okta", `[{"eventType":"user.session.start","published":"2026-01-01T00:00:00Z","actor":{}}]`, "okta"},
		{"okta hook", `{"eventType":"com.okta.event_hook","data":{"events":[]}}`, "okta"},
		{"github", `{"action":"repo.create","actor":"a","@timestamp":1}`, "github"},
		{"unknown", `{"hello":"world"}`, ""},
		{"not json", `hello`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := source.Sniff([]byte(tt.body)); got != tt.want {
				t.Errorf("Sniff = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestRead(t *testing.T) {
	body, err := os.ReadFile("../../cmd/attest/testdata/events/kube-apiserver-audit.log")
	if err != nil {
		t.Fatal(err)
	}
	evs, err := source.Read("", body)
	if err != nil || len(evs) != 3 || evs[2].Action != "pods/exec.create" {
		t.Fatalf("events %v, err %v", evs, err)
	}
	t.Run("bad line", func(t *testing.T) {
		bad := string(body) + `{"auditID":"x"}` + "\n"
		_, err := source.Read("k8s-audit", []byte(bad))
		if err == nil || !strings.HasPrefix(err.Error(), "line 4: ") {
			t.Errorf("err = %v, want it to name line 4", err)
		}
	})
	t.Run("unknown source", func(t *testing.T) {
		if _, err := source.Read("", []byte(`{"a":1}`)); err == nil || !strings.Contains(err.Error(), "--source") {
			t.Errorf("err = %v", err)
		}
	})
}
