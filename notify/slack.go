package notify

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"
)

// Slack posts Block Kit messages to a Slack incoming webhook. The webhook
// URL is the credential, so it is a Secret.
type Slack struct {
	URL  Secret
	http httpSender
}

// NewSlack returns a Slack channel; client and now may be nil.
func NewSlack(webhookURL Secret, client *http.Client, now func() time.Time) *Slack {
	return &Slack{URL: webhookURL, http: newHTTPSender(client, now)}
}

// Block Kit documents, the parts this channel sends.
type slackMessage struct {
	Text   string       `json:"text"`
	Blocks []slackBlock `json:"blocks"`
}

type slackBlock struct {
	Type   string      `json:"type"`
	Text   *slackText  `json:"text,omitempty"`
	Fields []slackText `json:"fields,omitempty"`
}

type slackText struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

// Deliver posts the message.
func (s *Slack) Deliver(ctx context.Context, m Message) error {
	body, err := json.Marshal(SlackMessage(m))
	if err != nil {
		return &DeliveryError{Permanent: true, Err: err}
	}
	return s.http.post(ctx, s.URL.Value(), body, nil)
}

// SlackMessage returns the Block Kit message of m: a header with the
// severity and the rule's title, the rule, actor, target, count and source
// as fields, and a link to the alert. Fields an event's sender controls are
// escaped for mrkdwn, so they cannot mention @channel or hide a link.
func SlackMessage(m Message) any {
	a := m.Alert
	verb := "Alert"
	if m.Notification.Kind == kindResolved {
		verb = "Resolved"
	}
	title := a.Title
	if title == "" {
		title = a.Rule
	}
	header := fmt.Sprintf("%s [%s] %s", verb, strings.ToUpper(a.Severity), title)
	field := func(name, value string) slackText {
		if value == "" {
			value = "-"
		}
		return slackText{Type: "mrkdwn", Text: "*" + name + "*\n" + clip(slackEscape(value), 1900)}
	}
	blocks := []slackBlock{
		// Header text is plain_text: Slack renders no markup in it.
		{Type: "header", Text: &slackText{Type: "plain_text", Text: clip(header, 150)}},
		{Type: "section", Fields: []slackText{
			field("Severity", a.Severity),
			field("Rule", a.Rule),
			field("Actor", a.Actor),
			field("Target", a.Target),
			field("Count", fmt.Sprint(a.Count)),
			field("Source", a.Source),
		}},
	}
	if m.AlertURL != "" {
		blocks = append(blocks, slackBlock{Type: "section", Text: &slackText{
			Type: "mrkdwn", Text: fmt.Sprintf("<%s|Open alert %d in attest>", slackEscape(m.AlertURL), a.ID),
		}})
	}
	return slackMessage{Text: clip(header, 300), Blocks: blocks}
}

// slackEscape escapes the three characters that Slack's mrkdwn gives
// meaning to: & < > (a <...> is a link or a mention).
func slackEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// clip cuts s to at most n bytes on a rune boundary, marking the cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n-len("…")]
	for len(s) > 0 && !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s + "…"
}
