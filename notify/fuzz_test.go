package notify_test

import (
	"bytes"
	"encoding/json"
	"mime"
	"net/mail"
	"strings"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/notify"
)

// FuzzEmailMessage: whatever an event puts in an alert's title, actor or
// target, the message has exactly the headers the channel writes, one
// Subject line, and the recipients it was given.
func FuzzEmailMessage(f *testing.F) {
	f.Add("CloudTrail logging stopped", hostileActor, hostileTarget)
	f.Add("a\r\nBcc: x@example.com", "b\nTo: y@example.com", "c\r\n\r\nbody")
	f.Add("=?utf-8?q?=0D=0ABcc:_x@example.com?=", "ünï\u2028cödé", strings.Repeat("é", 300))
	f.Add("", "", "")
	from := &mail.Address{Name: "attest", Address: "alerts@example.com"}
	to := []*mail.Address{{Address: "secops@example.com"}}
	f.Fuzz(func(t *testing.T, title, actor, target string) {
		a := testAlert()
		a.Title, a.Actor, a.Target = title, actor, target
		for _, kind := range []string{attest.NotifyRaised, attest.NotifyResolved} {
			raw, err := notify.EmailMessage(testMessage(kind, a), from, to, "attest.example.com")
			if err != nil {
				t.Fatal(err)
			}
			head, _, ok := bytes.Cut(raw, []byte("\r\n\r\n"))
			if !ok {
				t.Fatalf("no end of headers:\n%q", raw)
			}
			for _, line := range bytes.Split(head, []byte("\r\n")) {
				if len(line) > 998 {
					t.Fatalf("header line of %d bytes", len(line))
				}
				if bytes.ContainsAny(line, "\r\n") {
					t.Fatalf("bare CR or LF in a header line: %q", line)
				}
			}
			msg, err := mail.ReadMessage(bytes.NewReader(raw))
			if err != nil {
				t.Fatalf("message does not parse: %v\n%q", err, raw)
			}
			want := 9
			if kind == attest.NotifyResolved {
				want = 11
			}
			if len(msg.Header) != want || len(msg.Header["Subject"]) != 1 || msg.Header.Get("To") != "<secops@example.com>" {
				t.Fatalf("headers = %v", msg.Header)
			}
			if _, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject")); err != nil {
				t.Fatalf("subject %q does not decode: %v", msg.Header.Get("Subject"), err)
			}
		}
	})
}

// FuzzSlackMessage: an alert's fields never open a link or a mention in
// the mrkdwn that Slack renders.
func FuzzSlackMessage(f *testing.F) {
	f.Add("<!channel>", "<https://evil.example|click>", "&lt;")
	f.Add("", "", "")
	f.Fuzz(func(t *testing.T, rule, actor, target string) {
		a := testAlert()
		a.Rule, a.Actor, a.Target, a.Source = rule, actor, target, target
		b, err := json.Marshal(notify.SlackMessage(testMessage(attest.NotifyRaised, a)))
		if err != nil {
			t.Fatal(err)
		}
		var m struct {
			Blocks []struct {
				Type   string `json:"type"`
				Fields []struct {
					Text string `json:"text"`
				} `json:"fields"`
			} `json:"blocks"`
		}
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		for _, blk := range m.Blocks {
			for _, fld := range blk.Fields {
				if strings.ContainsAny(fld.Text, "<>") {
					t.Fatalf("field %q holds < or >", fld.Text)
				}
			}
		}
	})
}
