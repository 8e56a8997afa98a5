package notify_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"math/big"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/notify"
	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// smtpServer is a real SMTP server on loopback (emersion/go-smtp) that
// offers STARTTLS with a self-signed certificate, accepts AUTH PLAIN only
// over TLS and only for its one user, and keeps the messages it gets.
type smtpServer struct {
	Addr  string
	Roots *x509.CertPool
	mu    sync.Mutex
	mails []receivedMail
	// reject, when set, is the error the server answers DATA with.
	reject error
}

type receivedMail struct {
	from string
	to   []string
	data []byte
	tls  bool
	user string
}

func newSMTPServer(t *testing.T) *smtpServer {
	t.Helper()
	cert, roots := selfSigned(t, "127.0.0.1")
	s := &smtpServer{Roots: roots}
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		return &smtpSession{srv: s, conn: c}, nil
	}))
	srv.Domain = "mx.test"
	srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}}
	srv.AllowInsecureAuth = false
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	srv.ErrorLog = testLogger{t}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.Addr = ln.Addr().String()
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return s
}

type testLogger struct{ t *testing.T }

func (l testLogger) Printf(format string, v ...any) {}
func (l testLogger) Println(v ...any)               {}

func (s *smtpServer) got() []receivedMail {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]receivedMail(nil), s.mails...)
}

type smtpSession struct {
	srv  *smtpServer
	conn *smtp.Conn
	user string
	mail receivedMail
}

func (s *smtpSession) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *smtpSession) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(identity, username, password string) error {
		if username != "alerts@example.com" || password != "smtp-pa55" {
			return errors.New("bad credentials")
		}
		s.user = username
		return nil
	}), nil
}

func (s *smtpSession) Mail(from string, _ *smtp.MailOptions) error {
	if s.user == "" {
		return smtp.ErrAuthRequired
	}
	s.mail = receivedMail{from: from, user: s.user}
	return nil
}

func (s *smtpSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.mail.to = append(s.mail.to, to)
	return nil
}

func (s *smtpSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	_, s.mail.tls = s.conn.TLSConnectionState()
	s.mail.data = b
	s.srv.mu.Lock()
	defer s.srv.mu.Unlock()
	if s.srv.reject != nil {
		return s.srv.reject
	}
	s.srv.mails = append(s.srv.mails, s.mail)
	return nil
}

func (s *smtpSession) Reset()        {}
func (s *smtpSession) Logout() error { return nil }

// selfSigned returns a certificate for host and a pool that trusts it.
func selfSigned(t *testing.T, host string) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: host},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IsCA:         true, BasicConstraintsValid: true,
		IPAddresses: []net.IP{net.ParseIP(host)},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool
}

func testEmail(s *smtpServer) *notify.Email {
	return &notify.Email{
		Addr: s.Addr, Username: "alerts@example.com", Password: notify.Literal("smtp-pa55"),
		From:    &mail.Address{Name: "attest", Address: "alerts@example.com"},
		To:      []*mail.Address{{Address: "secops@example.com"}, {Name: "On call", Address: "oncall@example.com"}},
		RootCAs: s.Roots, Hostname: "attest.example.com",
	}
}

func TestEmail_Deliver(t *testing.T) {
	srv := newSMTPServer(t)
	e := testEmail(srv)
	a := testAlert()
	if err := e.Deliver(context.Background(), testMessage(attest.NotifyRaised, a)); err != nil {
		t.Fatalf("Deliver: %v", err)
	}
	mails := srv.got()
	if len(mails) != 1 {
		t.Fatalf("%d messages, want 1", len(mails))
	}
	got := mails[0]
	if !got.tls || got.user != "alerts@example.com" || got.from != "alerts@example.com" ||
		strings.Join(got.to, ",") != "secops@example.com,oncall@example.com" {
		t.Fatalf("envelope = tls %v user %q from %q to %v", got.tls, got.user, got.from, got.to)
	}
	msg, err := mail.ReadMessage(bytes.NewReader(got.data))
	if err != nil {
		t.Fatalf("read message: %v\n%s", err, got.data)
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
	mails = srv.got()
	msg, err = mail.ReadMessage(bytes.NewReader(mails[1].data))
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
	srv := newSMTPServer(t)
	a := testAlert()
	a.Actor, a.Target = hostileActor, hostileTarget
	a.Title = "Stopped\r\n\r\nforged body\nX-Injected: title ünïcode"
	if err := testEmail(srv).Deliver(context.Background(), testMessage(attest.NotifyRaised, a)); err != nil {
		t.Fatalf("Deliver: %v", err)
	}
	mails := srv.got()
	if len(mails) != 1 || len(mails[0].to) != 2 {
		t.Fatalf("messages = %+v, want one to the two configured recipients", mails)
	}
	msg, err := mail.ReadMessage(bytes.NewReader(mails[0].data))
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
		srv := newSMTPServer(t)
		srv.reject = &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "mailbox unavailable"}
		var de *notify.DeliveryError
		err := testEmail(srv).Deliver(ctx, testMessage(attest.NotifyRaised, testAlert()))
		if !errors.As(err, &de) || !de.Permanent || de.Status != 550 || !strings.Contains(de.Body, "mailbox unavailable") {
			t.Fatalf("Deliver = %#v, want a permanent 550", err)
		}
	})
	t.Run("4xx is retried", func(t *testing.T) {
		srv := newSMTPServer(t)
		srv.reject = &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
		var de *notify.DeliveryError
		if err := testEmail(srv).Deliver(ctx, testMessage(attest.NotifyRaised, testAlert())); !errors.As(err, &de) || de.Permanent || de.Status != 451 {
			t.Fatalf("Deliver = %#v, want a temporary 451", err)
		}
	})
	t.Run("wrong password", func(t *testing.T) {
		srv := newSMTPServer(t)
		e := testEmail(srv)
		e.Password = notify.Literal("wrong")
		err := e.Deliver(ctx, testMessage(attest.NotifyRaised, testAlert()))
		if err == nil || len(srv.got()) != 0 {
			t.Fatalf("Deliver with a wrong password = %v, %d messages", err, len(srv.got()))
		}
		if strings.Contains(err.Error(), "wrong") {
			t.Errorf("error %q shows the password", err)
		}
	})
	t.Run("untrusted certificate", func(t *testing.T) {
		srv := newSMTPServer(t)
		e := testEmail(srv)
		e.RootCAs = x509.NewCertPool()
		if err := e.Deliver(ctx, testMessage(attest.NotifyRaised, testAlert())); err == nil || len(srv.got()) != 0 {
			t.Fatalf("Deliver to an untrusted server = %v, %d messages; want a refusal before any credential", err, len(srv.got()))
		}
	})
	t.Run("no server", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close()
		e := testEmail(&smtpServer{Addr: addr})
		var de *notify.DeliveryError
		if err := e.Deliver(ctx, testMessage(attest.NotifyRaised, testAlert())); !errors.As(err, &de) || de.Permanent {
			t.Fatalf("Deliver = %v, want a temporary failure", err)
		}
	})
}
