package notify

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/attest-dev/attest"
)

// DefaultPagerDutyURL is the Events API v2 endpoint.
const DefaultPagerDutyURL = "https://events.pagerduty.com/v2/enqueue"

// kindResolved is attest.NotifyResolved, short.
const kindResolved = attest.NotifyResolved

// PagerDuty sends Events API v2 events: a trigger when an alert is raised
// and a resolve when it is resolved, both with the alert's dedup key, so
// PagerDuty keeps one incident per alert.
type PagerDuty struct {
	URL        string
	RoutingKey Secret
	http       httpSender
}

// NewPagerDuty returns a PagerDuty channel posting to eventsURL
// (DefaultPagerDutyURL when empty); client and now may be nil.
func NewPagerDuty(eventsURL string, routingKey Secret, client *http.Client, now func() time.Time) *PagerDuty {
	if eventsURL == "" {
		eventsURL = DefaultPagerDutyURL
	}
	return &PagerDuty{URL: eventsURL, RoutingKey: routingKey, http: newHTTPSender(client, now)}
}

// PagerDutyEvent is an Events API v2 event.
type PagerDutyEvent struct {
	RoutingKey  string            `json:"routing_key"`
	EventAction string            `json:"event_action"`
	DedupKey    string            `json:"dedup_key"`
	Payload     *PagerDutyPayload `json:"payload,omitempty"`
	Client      string            `json:"client,omitempty"`
	ClientURL   string            `json:"client_url,omitempty"`
	Links       []PagerDutyLink   `json:"links,omitempty"`
}

// PagerDutyPayload is the payload of a trigger event.
type PagerDutyPayload struct {
	Summary       string         `json:"summary"`
	Source        string         `json:"source"`
	Severity      string         `json:"severity"`
	Timestamp     string         `json:"timestamp,omitempty"`
	Component     string         `json:"component,omitempty"`
	Group         string         `json:"group,omitempty"`
	Class         string         `json:"class,omitempty"`
	CustomDetails map[string]any `json:"custom_details,omitempty"`
}

// PagerDutyLink is a link shown with the incident.
type PagerDutyLink struct {
	Href string `json:"href"`
	Text string `json:"text"`
}

// DedupKey is the PagerDuty dedup key of an alert.
func DedupKey(alertID int64) string { return fmt.Sprintf("attest-alert-%d", alertID) }

// PagerDutySeverity maps an alert severity to PagerDuty's four.
func PagerDutySeverity(s string) string {
	switch strings.ToLower(s) {
	case "critical":
		return "critical"
	case "high":
		return "error"
	case "medium":
		return "warning"
	}
	return "info"
}

// PagerDutyEventOf returns the event of m (routing key left empty).
func PagerDutyEventOf(m Message) PagerDutyEvent {
	a := m.Alert
	ev := PagerDutyEvent{EventAction: "trigger", DedupKey: DedupKey(a.ID)}
	if m.Notification.Kind == kindResolved {
		ev.EventAction = "resolve"
		return ev
	}
	title := a.Title
	if title == "" {
		title = a.Rule
	}
	summary := title
	if a.Actor != "" || a.Target != "" {
		summary = fmt.Sprintf("%s: %s on %s", title, orDash(a.Actor), orDash(a.Target))
	}
	ev.Client, ev.ClientURL = "attest", m.AlertURL
	if m.AlertURL != "" {
		ev.Links = []PagerDutyLink{{Href: m.AlertURL, Text: fmt.Sprintf("Alert %d in attest", a.ID)}}
	}
	details := map[string]any{"rule": a.Rule, "count": a.Count, "group": a.Group, "actor": a.Actor, "target": a.Target}
	if len(a.Controls) > 0 {
		details["controls"] = a.Controls
	}
	if a.Hint != "" {
		details["response"] = a.Hint
	}
	ev.Payload = &PagerDutyPayload{
		Summary:       clip(summary, 1024),
		Source:        "attest/" + orDash(a.Source),
		Severity:      PagerDutySeverity(a.Severity),
		Component:     clip(a.Target, 255),
		Group:         a.Source,
		Class:         a.Rule,
		CustomDetails: details,
	}
	if !a.FirstSeen.IsZero() {
		ev.Payload.Timestamp = a.FirstSeen.UTC().Format(time.RFC3339Nano)
	}
	return ev
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// Deliver sends the trigger or resolve event.
func (p *PagerDuty) Deliver(ctx context.Context, m Message) error {
	ev := PagerDutyEventOf(m)
	ev.RoutingKey = p.RoutingKey.Value()
	body, err := json.Marshal(ev)
	if err != nil {
		return &DeliveryError{Permanent: true, Err: err}
	}
	return p.http.post(ctx, p.URL, body, nil)
}
