package notify

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/attest-dev/attest"
)

// Webhook headers: the signature is HMAC-SHA256 of the exact body with the
// shared key, hex encoded after "sha256=" (as GitHub and falcosidekick
// sign); the body's sent_at carries the same time as the timestamp header,
// so the signed bytes date the delivery.
const (
	HeaderSignature = "X-Attest-Signature"
	HeaderTimestamp = "X-Attest-Timestamp"
	HeaderEvent     = "X-Attest-Event"
	HeaderDelivery  = "X-Attest-Delivery"
)

// Webhook posts each message as JSON to a URL, signed with a shared key.
type Webhook struct {
	URL string
	// Key is the HMAC-SHA256 key; without it nothing is signed.
	Key  Secret
	http httpSender
}

// NewWebhook returns a webhook channel; client and now may be nil (a
// client that does not follow redirects, the system clock).
func NewWebhook(target string, key Secret, client *http.Client, now func() time.Time) *Webhook {
	return &Webhook{URL: target, Key: key, http: newHTTPSender(client, now)}
}

// WebhookPayload is the JSON body of a webhook delivery.
type WebhookPayload struct {
	// Version of this document's shape.
	Version int `json:"version"`
	// Kind is alert.raised or alert.resolved.
	Kind string `json:"kind"`
	// Delivery is the notification's id: the same on every retry, so a
	// receiver can drop a delivery it has seen.
	Delivery int64         `json:"delivery"`
	SentAt   time.Time     `json:"sent_at"`
	URL      string        `json:"url,omitempty"`
	Alert    *attest.Alert `json:"alert"`
}

// Sign returns the X-Attest-Signature value of body under key.
func Sign(key, body []byte) string {
	mac := hmac.New(sha256.New, key)
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// Deliver posts the message.
func (w *Webhook) Deliver(ctx context.Context, m Message) error {
	sent := m.Time.UTC().Truncate(time.Second)
	body, err := json.Marshal(WebhookPayload{
		Version: 1, Kind: m.Notification.Kind, Delivery: m.Notification.ID, SentAt: sent, URL: m.AlertURL, Alert: m.Alert,
	})
	if err != nil {
		return &DeliveryError{Permanent: true, Err: err}
	}
	h := http.Header{}
	h.Set(HeaderEvent, m.Notification.Kind)
	h.Set(HeaderDelivery, strconv.FormatInt(m.Notification.ID, 10))
	h.Set(HeaderTimestamp, strconv.FormatInt(sent.Unix(), 10))
	if key := w.Key.Value(); key != "" {
		h.Set(HeaderSignature, Sign([]byte(key), body))
	}
	return w.http.post(ctx, w.URL, body, h)
}
