package notify_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/notify"
	"github.com/google/go-cmp/cmp"
)

var sent = time.Date(2026, 12, 1, 18, 4, 5, 0, time.UTC)

// hostile is what an attacker controls in an alert: the actor and target
// come from the events.
const (
	hostileActor  = "mallory <!channel> & <https://evil.example|click>\r\nBcc: victim@example.com"
	hostileTarget = "trail/main\nX-Injected: yes"
)

func testAlert() *attest.Alert {
	return &attest.Alert{
		ID: 42, Rule: "aws-cloudtrail-stop-logging", Title: "CloudTrail logging stopped", Severity: "high",
		Controls: map[string][]string{"soc2": {"CC7.2"}}, Group: "arn:aws:iam::1:user/mallory|trail/main",
		Source: "cloudtrail", Actor: "arn:aws:iam::123456789012:user/mallory", Target: "arn:aws:cloudtrail:eu-west-1:123456789012:trail/main",
		FirstSeen: sent.Add(-time.Minute), LastSeen: sent.Add(-time.Minute), Count: 3, Status: attest.AlertOpen,
		Hint: "Turn logging back on and find out who stopped it.",
	}
}

func testMessage(kind string, a *attest.Alert) notify.Message {
	return notify.Message{
		Notification: &attest.Notification{ID: 7, AlertID: a.ID, Channel: "x", Kind: kind},
		Alert:        a, AlertURL: "https://attest.example/api/v1/alerts/42", Time: sent,
	}
}

// recorder is a loopback HTTP server that records requests and answers
// with the status and headers the test sets.
type recorder struct {
	*httptest.Server
	mu       sync.Mutex
	requests []recorded
	status   int
	header   http.Header
	body     string
	delay    time.Duration
}

type recorded struct {
	path   string
	header http.Header
	body   []byte
}

func newRecorder(t *testing.T) *recorder {
	r := &recorder{status: http.StatusOK}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		r.requests = append(r.requests, recorded{path: req.URL.Path, header: req.Header.Clone(), body: body})
		status, header, answer, delay := r.status, r.header, r.body, r.delay
		r.mu.Unlock()
		if delay > 0 {
			select {
			case <-time.After(delay):
			case <-req.Context().Done():
			}
		}
		for k, v := range header {
			w.Header()[k] = v
		}
		w.WriteHeader(status)
		io.WriteString(w, answer)
	}))
	t.Cleanup(r.Close)
	return r
}

func (r *recorder) set(status int, body string, header http.Header) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.status, r.body, r.header = status, body, header
}

func (r *recorder) got() []recorded {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]recorded(nil), r.requests...)
}

// sameJSON fails unless got is the JSON document want.
func sameJSON(t *testing.T, got []byte, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("body is not JSON: %v\n%s", err, got)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("want is not JSON: %v", err)
	}
	if d := cmp.Diff(w, g); d != "" {
		t.Errorf("payload (-want +got):\n%s\ngot: %s", d, got)
	}
}

func TestWebhook_Deliver(t *testing.T) {
	srv := newRecorder(t)
	key := "s3cr3t-hmac-key"
	w := notify.NewWebhook(srv.URL+"/hook", notify.Literal(key), nil, nil)
	if err := w.Deliver(context.Background(), testMessage(attest.NotifyRaised, testAlert())); err != nil {
		t.Fatalf("Deliver: %v", err)
	}
	reqs := srv.got()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	r := reqs[0]
	mac := hmac.New(sha256.New, []byte(key))
	mac.Write(r.body)
	if want := "sha256=" + hex.EncodeToString(mac.Sum(nil)); r.header.Get("X-Attest-Signature") != want {
		t.Errorf("signature = %q, want %q", r.header.Get("X-Attest-Signature"), want)
	}
	if got := r.header.Get("X-Attest-Timestamp"); got != "1796148245" {
		t.Errorf("timestamp header = %q, want 1796148245", got)
	}
	if r.header.Get("Content-Type") != "application/json" || r.header.Get("X-Attest-Event") != "alert.raised" || r.header.Get("X-Attest-Delivery") != "7" {
		t.Errorf("headers = %v", r.header)
	}
	sameJSON(t, r.body, `{
		"version": 1, "kind": "alert.raised", "delivery": 7, "sent_at": "2026-12-01T18:04:05Z",
		"url": "https://attest.example/api/v1/alerts/42",
		"alert": {
			"id": 42, "rule": "aws-cloudtrail-stop-logging", "title": "CloudTrail logging stopped", "severity": "high",
			"controls": {"soc2": ["CC7.2"]}, "group": "arn:aws:iam::1:user/mallory|trail/main", "source": "cloudtrail",
			"actor": "arn:aws:iam::123456789012:user/mallory", "target": "arn:aws:cloudtrail:eu-west-1:123456789012:trail/main",
			"first_seen": "2026-12-01T18:03:05Z", "last_seen": "2026-12-01T18:03:05Z", "count": 3, "status": "open",
			"hint": "Turn logging back on and find out who stopped it."
		}
	}`)
	// A tampered body no longer matches the signature.
	if notify.Sign([]byte(key), append(r.body, ' ')) == r.header.Get("X-Attest-Signature") {
		t.Error("the signature does not depend on the body")
	}
}

func TestWebhook_Failures(t *testing.T) {
	ctx := context.Background()
	msg := testMessage(attest.NotifyRaised, testAlert())
	t.Run("4xx is permanent, with the answer", func(t *testing.T) {
		srv := newRecorder(t)
		srv.set(http.StatusNotFound, "no such hook\n"+strings.Repeat("x", 2000), nil)
		err := notify.NewWebhook(srv.URL, notify.Secret{}, nil, nil).Deliver(ctx, msg)
		var de *notify.DeliveryError
		if !errors.As(err, &de) || !de.Permanent || de.Status != 404 || !strings.HasPrefix(de.Body, "no such hook") || len(de.Body) > 512 {
			t.Fatalf("Deliver = %#v, want a permanent 404 with the first bytes of the answer", err)
		}
		if !strings.Contains(err.Error(), "status 404: no such hook") {
			t.Errorf("error text %q does not show the answer", err)
		}
	})
	t.Run("5xx is retried", func(t *testing.T) {
		srv := newRecorder(t)
		srv.set(http.StatusBadGateway, "upstream down", nil)
		var de *notify.DeliveryError
		if err := notify.NewWebhook(srv.URL, notify.Secret{}, nil, nil).Deliver(ctx, msg); !errors.As(err, &de) || de.Permanent || de.Status != 502 {
			t.Fatalf("Deliver = %v, want a temporary 502", err)
		}
	})
	t.Run("429 honours Retry-After", func(t *testing.T) {
		srv := newRecorder(t)
		srv.set(http.StatusTooManyRequests, "slow down", http.Header{"Retry-After": {"7"}})
		var de *notify.DeliveryError
		if err := notify.NewWebhook(srv.URL, notify.Secret{}, nil, nil).Deliver(ctx, msg); !errors.As(err, &de) || de.Permanent || de.RetryAfter != 7*time.Second {
			t.Fatalf("Deliver = %#v, want a temporary failure asking for 7s", err)
		}
		now := sent
		srv.set(http.StatusServiceUnavailable, "", http.Header{"Retry-After": {now.Add(90 * time.Second).Format(http.TimeFormat)}})
		if err := notify.NewWebhook(srv.URL, notify.Secret{}, nil, func() time.Time { return now }).Deliver(ctx, msg); !errors.As(err, &de) || de.RetryAfter != 90*time.Second {
			t.Fatalf("Deliver = %#v, want a wait of 90s from an HTTP date", err)
		}
	})
	t.Run("redirect is refused", func(t *testing.T) {
		srv := newRecorder(t)
		srv.set(http.StatusFound, "", http.Header{"Location": {"http://127.0.0.1:1/elsewhere"}})
		var de *notify.DeliveryError
		if err := notify.NewWebhook(srv.URL, notify.Secret{}, nil, nil).Deliver(ctx, msg); !errors.As(err, &de) || !de.Permanent || de.Status != 302 {
			t.Fatalf("Deliver = %v, want a permanent 302", err)
		}
		if n := len(srv.got()); n != 1 {
			t.Errorf("%d requests, want 1 (the redirect not followed)", n)
		}
	})
	t.Run("timeout is retried", func(t *testing.T) {
		srv := newRecorder(t)
		srv.delay = 5 * time.Second
		ctx, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
		defer cancel()
		err := notify.NewWebhook(srv.URL+"/T000/B000/secretpath", notify.Secret{}, nil, nil).Deliver(ctx, msg)
		var de *notify.DeliveryError
		if !errors.As(err, &de) || de.Permanent || !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("Deliver = %#v, want a temporary timeout", err)
		}
		if strings.Contains(err.Error(), "secretpath") {
			t.Errorf("error %q shows the URL", err)
		}
	})
	t.Run("refused connection hides the URL", func(t *testing.T) {
		srv := newRecorder(t)
		target := srv.URL + "/services/T000/B000/XXXXSECRET"
		srv.Close()
		err := notify.NewSlack(notify.Literal(target), nil, nil).Deliver(ctx, msg)
		var de *notify.DeliveryError
		if !errors.As(err, &de) || de.Permanent {
			t.Fatalf("Deliver = %v, want a temporary failure", err)
		}
		if strings.Contains(err.Error(), "XXXXSECRET") {
			t.Errorf("error %q shows the Slack URL", err)
		}
	})
}

func TestSlack_Deliver(t *testing.T) {
	srv := newRecorder(t)
	a := testAlert()
	a.Actor, a.Target = hostileActor, "bucket & <b>"
	s := notify.NewSlack(notify.Literal(srv.URL+"/services/T/B/X"), nil, nil)
	if err := s.Deliver(context.Background(), testMessage(attest.NotifyRaised, a)); err != nil {
		t.Fatalf("Deliver: %v", err)
	}
	reqs := srv.got()
	if len(reqs) != 1 || reqs[0].path != "/services/T/B/X" {
		t.Fatalf("requests = %+v", reqs)
	}
	sameJSON(t, reqs[0].body, `{
		"text": "Alert [HIGH] CloudTrail logging stopped",
		"blocks": [
			{"type": "header", "text": {"type": "plain_text", "text": "Alert [HIGH] CloudTrail logging stopped"}},
			{"type": "section", "fields": [
				{"type": "mrkdwn", "text": "*Severity*\nhigh"},
				{"type": "mrkdwn", "text": "*Rule*\naws-cloudtrail-stop-logging"},
				{"type": "mrkdwn", "text": "*Actor*\nmallory &lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;\r\nBcc: victim@example.com"},
				{"type": "mrkdwn", "text": "*Target*\nbucket &amp; &lt;b&gt;"},
				{"type": "mrkdwn", "text": "*Count*\n3"},
				{"type": "mrkdwn", "text": "*Source*\ncloudtrail"}
			]},
			{"type": "section", "text": {"type": "mrkdwn", "text": "<https://attest.example/api/v1/alerts/42|Open alert 42 in attest>"}}
		]
	}`)
}

func TestPagerDuty_Deliver(t *testing.T) {
	srv := newRecorder(t)
	srv.set(http.StatusAccepted, `{"status":"success","dedup_key":"attest-alert-42"}`, nil)
	pd := notify.NewPagerDuty(srv.URL+"/v2/enqueue", notify.Literal("R0UTINGKEY"), nil, nil)
	ctx := context.Background()
	if err := pd.Deliver(ctx, testMessage(attest.NotifyRaised, testAlert())); err != nil {
		t.Fatalf("trigger: %v", err)
	}
	resolved := testAlert()
	resolved.Status = attest.AlertResolved
	if err := pd.Deliver(ctx, testMessage(attest.NotifyResolved, resolved)); err != nil {
		t.Fatalf("resolve: %v", err)
	}
	reqs := srv.got()
	if len(reqs) != 2 || reqs[0].path != "/v2/enqueue" {
		t.Fatalf("requests = %+v", reqs)
	}
	sameJSON(t, reqs[0].body, `{
		"routing_key": "R0UTINGKEY", "event_action": "trigger", "dedup_key": "attest-alert-42",
		"client": "attest", "client_url": "https://attest.example/api/v1/alerts/42",
		"links": [{"href": "https://attest.example/api/v1/alerts/42", "text": "Alert 42 in attest"}],
		"payload": {
			"summary": "CloudTrail logging stopped: arn:aws:iam::123456789012:user/mallory on arn:aws:cloudtrail:eu-west-1:123456789012:trail/main",
			"source": "attest/cloudtrail", "severity": "error", "timestamp": "2026-12-01T18:03:05Z",
			"component": "arn:aws:cloudtrail:eu-west-1:123456789012:trail/main", "group": "cloudtrail",
			"class": "aws-cloudtrail-stop-logging",
			"custom_details": {"rule": "aws-cloudtrail-stop-logging", "count": 3, "group": "arn:aws:iam::1:user/mallory|trail/main",
				"actor": "arn:aws:iam::123456789012:user/mallory", "target": "arn:aws:cloudtrail:eu-west-1:123456789012:trail/main",
				"controls": {"soc2": ["CC7.2"]}, "response": "Turn logging back on and find out who stopped it."}
		}
	}`)
	sameJSON(t, reqs[1].body, `{"routing_key": "R0UTINGKEY", "event_action": "resolve", "dedup_key": "attest-alert-42"}`)

	for sev, want := range map[string]string{"critical": "critical", "high": "error", "medium": "warning", "low": "info", "informational": "info", "": "info"} {
		if got := notify.PagerDutySeverity(sev); got != want {
			t.Errorf("PagerDutySeverity(%q) = %q, want %q", sev, got, want)
		}
	}

	srv.set(http.StatusBadRequest, `{"status":"invalid event","message":"Event object is invalid","errors":["'routing_key' is invalid"]}`, nil)
	var de *notify.DeliveryError
	if err := pd.Deliver(ctx, testMessage(attest.NotifyRaised, testAlert())); !errors.As(err, &de) || !de.Permanent || !strings.Contains(de.Body, "routing_key") {
		t.Errorf("Deliver on 400 = %v, want a permanent failure with PagerDuty's answer", err)
	}
}

func TestSecret_NeverPrinted(t *testing.T) {
	s := notify.Literal("hunter2")
	for _, got := range []string{s.String(), s.GoString(), s.LogValue().String()} {
		if strings.Contains(got, "hunter2") {
			t.Errorf("secret printed as %q", got)
		}
	}
	b, _ := json.Marshal(struct{ Key notify.Secret }{s})
	if strings.Contains(string(b), "hunter2") {
		t.Errorf("secret marshalled as %s", b)
	}
}
