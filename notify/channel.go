package notify

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/attest-dev/attest"
)

// Message is what a channel delivers: one notification and the alert it is
// about, as it was when the notification was made.
type Message struct {
	Notification *attest.Notification
	Alert        *attest.Alert
	// AlertURL links to the alert (empty when no base URL is configured).
	AlertURL string
	// Time is when the message is sent, by the dispatcher's clock.
	Time time.Time
}

// Channel delivers messages to one destination. Deliver returns nil when the
// destination accepted the message, a *DeliveryError that says whether a
// retry may help, or another error (a retry may help).
type Channel interface {
	Deliver(ctx context.Context, m Message) error
}

// DeliveryError is a failed delivery with what the destination answered.
type DeliveryError struct {
	// Permanent means retrying the same message cannot succeed (an HTTP
	// 4xx, an SMTP 5xx): the job goes to the dead letters at once.
	Permanent bool
	// Status is the HTTP status or SMTP reply code, 0 when none came.
	Status int
	// Body is the first bytes of the answer.
	Body string
	// RetryAfter is the wait the destination asked for (Retry-After).
	RetryAfter time.Duration
	// Err is the failure without an answer (a timeout, a refused
	// connection); it never holds the request's URL.
	Err error
}

func (e *DeliveryError) Error() string {
	var b strings.Builder
	if e.Status != 0 {
		fmt.Fprintf(&b, "status %d", e.Status)
		if e.Body != "" {
			fmt.Fprintf(&b, ": %s", e.Body)
		}
	}
	if e.Err != nil {
		if b.Len() > 0 {
			b.WriteString(": ")
		}
		b.WriteString(e.Err.Error())
	}
	if b.Len() == 0 {
		return "delivery failed"
	}
	return b.String()
}

func (e *DeliveryError) Unwrap() error { return e.Err }

// maxBodyBytes is how much of an answer is kept with a failure.
const maxBodyBytes = 512

// httpSender posts JSON documents; the webhook, Slack and PagerDuty
// channels share it.
type httpSender struct {
	client *http.Client
	now    func() time.Time
}

func newHTTPSender(client *http.Client, now func() time.Time) httpSender {
	if client == nil {
		// Redirects are not followed: an alert goes where it was
		// configured to go, and a 3xx is answered as a refusal.
		client = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	}
	if now == nil {
		now = time.Now
	}
	return httpSender{client: client, now: now}
}

// post sends body to target with the headers and classifies the answer.
func (h httpSender) post(ctx context.Context, target string, body []byte, header http.Header) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return &DeliveryError{Permanent: true, Err: errors.New("bad request URL")}
	}
	for k, v := range header {
		req.Header[k] = v
	}
	if req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("User-Agent", "attest-notify")
	resp, err := h.client.Do(req)
	if err != nil {
		return &DeliveryError{Err: withoutURL(err)}
	}
	defer resp.Body.Close()
	head, _ := io.ReadAll(io.LimitReader(resp.Body, maxBodyBytes))
	// Read a little more so the connection can be reused, not the rest of
	// a huge answer.
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	return classify(resp.StatusCode, resp.Header, head, h.now())
}

// classify turns an HTTP answer into nil (2xx) or a DeliveryError: 4xx but
// 408 and 429 are permanent, the rest may be retried.
func classify(status int, header http.Header, body []byte, now time.Time) error {
	if status >= 200 && status < 300 {
		return nil
	}
	e := &DeliveryError{Status: status, Body: printable(body)}
	switch {
	case status == http.StatusTooManyRequests || status == http.StatusRequestTimeout || status >= 500:
		e.RetryAfter = retryAfter(header.Get("Retry-After"), now)
	default:
		// 4xx: the destination refuses this message (bad key, unknown
		// hook, invalid payload); so would a redirect we did not follow.
		e.Permanent = true
	}
	return e
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0
		}
		return min(time.Duration(secs)*time.Second, maxRetryAfter)
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return min(t.Sub(now), maxRetryAfter)
	}
	return 0
}

// maxRetryAfter caps the wait a destination can ask for.
const maxRetryAfter = 24 * time.Hour

// printable keeps the answer readable in a log and a JSON listing: valid
// UTF-8 with control characters as spaces, cut at maxBodyBytes.
func printable(b []byte) string {
	if len(b) > maxBodyBytes {
		b = b[:maxBodyBytes]
	}
	s := strings.ToValidUTF8(string(b), "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
	for len(s) > 0 && !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return strings.TrimSpace(s)
}

// withoutURL drops the request URL from a client error: a Slack webhook URL
// is itself the secret, and a webhook URL may carry a token.
func withoutURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		if ue.Timeout() {
			return fmt.Errorf("%s: timeout: %w", strings.ToLower(ue.Op), context.DeadlineExceeded)
		}
		return fmt.Errorf("%s: %s", strings.ToLower(ue.Op), redactURL(ue.Err.Error(), ue.URL))
	}
	return err
}

// redactURL removes any copy of u from msg.
func redactURL(msg, u string) string {
	if u == "" {
		return msg
	}
	return strings.ReplaceAll(msg, u, "[url]")
}
