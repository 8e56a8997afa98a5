package notify_test

import (
	"bytes"
	"context"
	"crypto/x509"
	"errors"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/notify"
	"github.com/attest-dev/attest/notify/notifytest"
	"github.com/emersion/go-smtp"
)

func testEmail(s *notifytest.SMTPServer) *notify.Email {
	return &notify.Email{
		Addr: s.Addr, Username: notifytest.SMTPUser, Password: notify.Literal(notifytest.SMTPPassword),
		From:    &mail.Address{Name: "attest", Address: "alerts@example.com"},
		To:      []*mail.Address{{Address: "secops@example.com"}, {Name: "On call", Address: "oncall@example.com"}},
		RootCAs: s.Roots, Hostname: "attest.example.com",
	}
}

func TestEmail_Deliver(t *testing.T) {
	srv := notifytest.NewSMTPServer(t)
	e := testEmail(srv)
	a := testAlert()
	if err := e.Deliver(context.Background(), testMessage(attest.NotifyRaised, a)); err != nil {
		t.Fatalf("Deliver: %v", err)
	}
	mails := srv.Mails()
	if len(mails) != 1 {
		t.Fatalf("%d messages, want 1", len(mails))
	}
	got := mails[0]
	if !got.TLS || got.User != "alerts@example.com" || got.From != "alerts@example.com" ||
		strings.Join(got.To, ",") != "secops@example.com,oncall@example.com" {
		t.Fatalf("envelope = tls %v user %q from %q to %v", got.TLS, got.User, got.From, got.To)
	}
	msg, err := mail.ReadMessage(bytes.NewReader(got.Data))
	if err != nil {
		t.Fatalf("read message: %v\n%s", err, got.Data)
	}
	want := map[string]string{
		"From":                      `"attest" <alerts@example.com>`,
		"To":                        `<secops@example.com>, "On call" <oncall@example.com>`,
		"Subject":                   "[attest] [HIGH] CloudTrail logging stopped by arn:aws:iam::123456789012:user/mallory",
		"Date":                      "Tue, 01 Dec 2026 18:04:05 +0000",
		"Message-Id":                "<attest-alert-42-raised@attest.example.com>",
		"Content-Type":              `text/plain; charset="utf-8"`,
		"Content-Transfer-Encoding": "quoted-printable",
	}
	for k, v := range want {
		if g := msg.Header.Get(k); g != v {
			t.Errorf("%s = %q, want %q", k, g, v)
		}
	}
	body, _ := io.ReadAll(quotedprintable.NewReader(msg.Body))
	wantBody := "Alert:     42\r\nRule:      aws-cloudtrail-stop-logging\r\nTitle:     CloudTrail logging stopped\r\n" +
		"Severity:  high\r\nSource:    cloudtrail\r\nActor:     arn:aws:iam::123456789012:user/mallory\r\n" +
		"Target:    arn:aws:cloudtrail:eu-west-1:123456789012:trail/main\r\nCount:     3\r\n" +
		"First:     2026-12-01T18:03:05Z\r\nLast:      2026-12-01T18:03:05Z\r\nControls:  soc2 CC7.2\r\n" +
		"\r\nResponse: Turn logging back on and find out who stopped it.\r\n\r\nhttps://attest.example/api/v1/alerts/42\r\n"
	if string(body) != wantBody {
		t.Errorf("body =\n%q\nwant\n%q", body, wantBody)
	}

	// The resolve message threads under the first.
	if err := e.Deliver(context.Background(), testMessage(attest.NotifyResolved, a)); err != nil {
		t.Fatalf("Deliver(resolved): %v", err)
	}
	mails = srv.Mails()
	msg, err = mail.ReadMessage(bytes.NewReader(mails[1].Data))
	if err != nil {
		t.Fatal(err)
	}
	if msg.Header.Get("In-Reply-To") != "<attest-alert-42-raised@attest.example.com>" ||
		msg.Header.Get("Message-Id") != "<attest-alert-42-resolved@attest.example.com>" ||
		msg.Header.Get("Subject") != "[attest] Resolved: CloudTrail logging stopped" {
		t.Errorf("resolve headers = %v", msg.Header)
	}
}

func TestEmail_HeaderInjection(t *testing.T) {
	srv := notifytest.NewSMTPServer(t)
	a := testAlert()
	a.Actor, a.Target = hostileActor, hostileTarget
	a.Title = "Stopped\r\n\r\nforged body\nX-Injected: title ünïcode"
	if err := testEmail(srv).Deliver(context.Background(), testMessage(attest.NotifyRaised, a)); err != nil {
		t.Fatalf("Deliver: %v", err)
	}
	mails := srv.Mails()
	if len(mails) != 1 || len(mails[0].To) != 2 {
		t.Fatalf("messages = %+v, want one to the two configured recipients", mails)
	}
	msg, err := mail.ReadMessage(bytes.NewReader(mails[0].Data))
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range []string{"Bcc", "X-Injected"} {
		if v, ok := msg.Header[h]; ok {
			t.Errorf("injected header %s: %v", h, v)
		}
	}
	if len(msg.Header) != 9 {
		t.Errorf("%d headers, want the 9 the channel writes: %v", len(msg.Header), msg.Header)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(subject, "Stopped    forged body X-Injected: title ünïcode by mallory") || strings.ContainsAny(subject, "\r\n") {
		t.Errorf("Subject = %q, want the title and actor on one line", subject)
	}
	// In the body the hostile text is text: quoted-printable keeps it
	// inside the body whatever it holds.
	body, _ := io.ReadAll(quotedprintable.NewReader(msg.Body))
	if !strings.Contains(string(body), "X-Injected: yes") {
		t.Errorf("body lost the target: %q", body)
	}
}

func TestEmail_Failures(t *testing.T) {
	ctx := context.Background()
	t.Run("5xx is permanent", func(t *testing.T) {
		srv := notifytest.NewSMTPServer(t)
		srv.Reject(&smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "mailbox unavailable"})
		var de *notify.DeliveryError
		err := testEmail(srv).Deliver(ctx, testMessage(attest.NotifyRaised, testAlert()))
		if !errors.As(err, &de) || !de.Permanent || de.Status != 550 || !strings.Contains(de.Body, "mailbox unavailable") {
			t.Fatalf("Deliver = %#v, want a permanent 550", err)
		}
	})
	t.Run("4xx is retried", func(t *testing.T) {
		srv := notifytest.NewSMTPServer(t)
		srv.Reject(&smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"})
		var de *notify.DeliveryError
		if err := testEmail(srv).Deliver(ctx, testMessage(attest.NotifyRaised, testAlert())); !errors.As(err, &de) || de.Permanent || de.Status != 451 {
			t.Fatalf("Deliver = %#v, want a temporary 451", err)
		}
	})
	t.Run("wrong password", func(t *testing.T) {
		srv := notifytest.NewSMTPServer(t)
		e := testEmail(srv)
		e.Password = notify.Literal("wrong")
		err := e.Deliver(ctx, testMessage(attest.NotifyRaised, testAlert()))
		if err == nil || len(srv.Mails()) != 0 {
			t.Fatalf("Deliver with a wrong password = %v, %d messages", err, len(srv.Mails()))
		}
		if strings.Contains(err.Error(), "wrong") {
			t.Errorf("error %q shows the password", err)
		}
	})
	t.Run("untrusted certificate", func(t *testing.T) {
		srv := notifytest.NewSMTPServer(t)
		e := testEmail(srv)
		e.RootCAs = x509.NewCertPool()
		if err := e.Deliver(ctx, testMessage(attest.NotifyRaised, testAlert())); err == nil || len(srv.Mails()) != 0 {
			t.Fatalf("Deliver to an untrusted server = %v, %d messages; want a refusal before any credential", err, len(srv.Mails()))
		}
	})
	t.Run("no server", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close()
		e := testEmail(&notifytest.SMTPServer{Addr: addr})
		var de *notify.DeliveryError
		if err := e.Deliver(ctx, testMessage(attest.NotifyRaised, testAlert())); !errors.As(err, &de) || de.Permanent {
			t.Fatalf("Deliver = %v, want a temporary failure", err)
		}
	})
}
