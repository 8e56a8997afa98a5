package notify_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/notify"
	"go.yaml.in/yaml/v3"
)

func parseConfig(t *testing.T, src string) notify.Config {
	t.Helper()
	var c notify.Config
	dec := yaml.NewDecoder(strings.NewReader(src))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil {
		t.Fatalf("decode: %v", err)
	}
	return c
}

func TestConfig_Build(t *testing.T) {
	dir := t.TempDir()
	pdKey := filepath.Join(dir, "pd.key")
	if err := os.WriteFile(pdKey, []byte("PDKEYFROMFILE\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	hook := newRecorder(t)
	env := map[string]string{"HOOK_KEY": "hmac-from-env", "SLACK_URL": hook.URL + "/slack/T/B/SECRET", "SMTP_PASSWORD": "pw"}
	c := parseConfig(t, fmt.Sprintf(`
alert_url: https://attest.example.com/alerts/{id}
max_attempts: 5
backoff: 10s
max_backoff: 5m
channels:
  - name: hook
    timeout: 3s
    webhook: {url: %s/hook, secret: {env: HOOK_KEY}}
  - name: slack
    slack: {url: {env: SLACK_URL}}
  - name: pd
    pagerduty: {routing_key: {file: %s}, url: %s/pd}
  - name: mail
    email:
      addr: 127.0.0.1:2525
      username: alerts@example.com
      password: {env: SMTP_PASSWORD}
      from: attest <alerts@example.com>
      to: [secops@example.com]
routes:
  - channels: [hook]
  - channels: [slack, pd]
    min_severity: high
    sources: [cloudtrail]
  - channels: [mail, slack]
    rules: ["aws-cloudtrail-*"]
    controls: ["soc2:CC7.*"]
`, hook.URL, pdKey, hook.URL))
	s, err := c.Build(func(k string) string { return env[k] }, nil)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	if s.MaxAttempts != 5 || s.Backoff != (notify.Backoff{Initial: 10e9, Max: 300e9}) || s.Endpoints["hook"].Timeout != 3e9 ||
		s.Endpoints["slack"].Timeout != notify.DefaultTimeout || s.Endpoints["mail"].Timeout != notify.DefaultEmailTimeout {
		t.Errorf("setup = %+v", s)
	}
	// The secrets were read: the channels deliver with them.
	m := testMessage(attest.NotifyRaised, testAlert())
	for _, name := range []string{"hook", "slack", "pd"} {
		if err := s.Endpoints[name].Channel.Deliver(context.Background(), m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	reqs := hook.got()
	if reqs[0].header.Get("X-Attest-Signature") != notify.Sign([]byte("hmac-from-env"), reqs[0].body) {
		t.Error("webhook not signed with the key from the environment")
	}
	if reqs[1].path != "/slack/T/B/SECRET" {
		t.Errorf("slack posted to %s", reqs[1].path)
	}
	if !bytes.Contains(reqs[2].body, []byte(`"routing_key":"PDKEYFROMFILE"`)) {
		t.Errorf("pagerduty body %s lacks the key from the file", reqs[2].body)
	}
	// Nothing of the setup prints a secret.
	dump := fmt.Sprintf("%+v %#v %v", s, s.Endpoints["slack"].Channel, s.Endpoints["mail"].Channel)
	for _, secret := range []string{"hmac-from-env", "SECRET", "PDKEYFROMFILE", "pw\""} {
		if strings.Contains(dump, secret) {
			t.Errorf("printing the setup shows %q", secret)
		}
	}

	for _, tc := range []struct {
		name  string
		alert attest.Alert
		want  []string
	}{
		{"low k8s", attest.Alert{Severity: "low", Source: "k8s-audit", Rule: "k8s-exec"}, []string{"hook"}},
		{"high cloudtrail", attest.Alert{Severity: "high", Source: "cloudtrail", Rule: "aws-root-login"}, []string{"hook", "slack", "pd"}},
		{"critical falco", attest.Alert{Severity: "critical", Source: "falco", Rule: "falco-x"}, []string{"hook"}},
		{"trail rule with CC7.2", attest.Alert{Severity: "medium", Source: "cloudtrail", Rule: "aws-cloudtrail-stop-logging",
			Controls: map[string][]string{"soc2": {"CC7.2"}}}, []string{"hook", "mail", "slack"}},
		{"trail rule without the control", attest.Alert{Severity: "medium", Source: "cloudtrail", Rule: "aws-cloudtrail-stop-logging",
			Controls: map[string][]string{"pci-dss-4.0": {"10.2.1"}}}, []string{"hook"}},
	} {
		if got := s.Router.Channels(&tc.alert); !slices.Equal(got, tc.want) {
			t.Errorf("%s: channels %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestConfig_BuildErrors(t *testing.T) {
	env := map[string]string{"KEY": "topsecretvalue"}
	getenv := func(k string) string { return env[k] }
	for _, tc := range []struct {
		name, yaml, want string
	}{
		{"missing env", `{channels: [{name: s, slack: {url: {env: NOPE}}}], routes: [{channels: [s]}]}`,
			"notify.channels[0] (s): slack.url: environment variable NOPE is empty or not set"},
		{"env and file", `{channels: [{name: p, pagerduty: {routing_key: {env: KEY, file: /x}}}], routes: [{channels: [p]}]}`,
			"not both"},
		{"no secret", `{channels: [{name: w, webhook: {url: "https://h.example/x"}}], routes: [{channels: [w]}]}`,
			"webhook.secret: the HMAC key is required"},
		{"two kinds", `{channels: [{name: w, webhook: {url: "https://h.example/x", secret: {env: KEY}}, slack: {url: {env: KEY}}}], routes: [{channels: [w]}]}`,
			"exactly one of"},
		{"slack url not a url", `{channels: [{name: s, slack: {url: {env: KEY}}}], routes: [{channels: [s]}]}`,
			"slack.url: the value read is not an http(s) URL"},
		{"unknown channel", `{channels: [{name: p, pagerduty: {routing_key: {env: KEY}}}], routes: [{channels: [q]}]}`,
			`notify.routes[0]: no channel named "q"`},
		{"bad severity", `{channels: [{name: p, pagerduty: {routing_key: {env: KEY}}}], routes: [{channels: [p], min_severity: severe}]}`,
			`min_severity "severe"`},
		{"bad glob", `{channels: [{name: p, pagerduty: {routing_key: {env: KEY}}}], routes: [{channels: [p], rules: ["aws-[" ]}]}`,
			`bad pattern "aws-["`},
		{"duplicate", `{channels: [{name: p, pagerduty: {routing_key: {env: KEY}}}, {name: p, pagerduty: {routing_key: {env: KEY}}}], routes: [{channels: [p]}]}`,
			"already configured"},
		{"no route", `{channels: [{name: p, pagerduty: {routing_key: {env: KEY}}}]}`, "no route"},
		{"bad from", `{channels: [{name: m, email: {addr: "h:587", from: "not an address", to: [a@b.example]}}], routes: [{channels: [m]}]}`,
			"email.from"},
		{"bad backoff", `{backoff: soon}`, `notify.backoff "soon"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseConfig(t, tc.yaml).Build(getenv, nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Build = %v, want an error containing %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "topsecretvalue") {
				t.Errorf("error shows the secret: %v", err)
			}
		})
	}
}
