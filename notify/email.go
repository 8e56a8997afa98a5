package notify

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"sort"
	"strings"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Email sends one message per notification (so one per alert group, not
// per event) through an SMTP server, after STARTTLS and, when a username is
// set, AUTH PLAIN. It never sends credentials or alerts in clear: a server
// that does not offer STARTTLS is an error.
type Email struct {
	// Addr is the submission server, host:port (usually port 587).
	Addr     string
	Username string
	Password Secret
	From     *mail.Address
	To       []*mail.Address
	// RootCAs verifies the server's certificate; nil uses the system's.
	RootCAs *x509.CertPool
	// Hostname is the name given in EHLO and the right side of Message-IDs.
	Hostname string
}

// Deliver sends the message.
func (e *Email) Deliver(ctx context.Context, m Message) error {
	msg, err := EmailMessage(m, e.From, e.To, e.Hostname)
	if err != nil {
		return &DeliveryError{Permanent: true, Err: err}
	}
	return e.send(ctx, msg)
}

func (e *Email) send(ctx context.Context, msg []byte) error {
	host, _, err := net.SplitHostPort(e.Addr)
	if err != nil {
		return &DeliveryError{Permanent: true, Err: fmt.Errorf("smtp address %q: %w", e.Addr, err)}
	}
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", e.Addr)
	if err != nil {
		return &DeliveryError{Err: fmt.Errorf("smtp: %w", err)}
	}
	// The whole conversation ends at the context's deadline, and at once
	// when the context is cancelled.
	if dl, ok := ctx.Deadline(); ok {
		conn.SetDeadline(dl)
	}
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Unix(1, 0)) })
	defer stop()
	c, err := smtp.NewClientStartTLS(conn, &tls.Config{ServerName: host, RootCAs: e.RootCAs, MinVersion: tls.VersionTLS12})
	if err != nil {
		conn.Close()
		return smtpFailure(ctx, "starttls", err)
	}
	defer c.Close()
	if e.Username != "" {
		if err := c.Auth(sasl.NewPlainClient("", e.Username, e.Password.Value())); err != nil {
			return smtpFailure(ctx, "auth", err)
		}
	}
	to := make([]string, len(e.To))
	for i, a := range e.To {
		to[i] = a.Address
	}
	if err := c.SendMail(e.From.Address, to, bytes.NewReader(msg)); err != nil {
		return smtpFailure(ctx, "send", err)
	}
	if err := c.Quit(); err != nil {
		// The message was accepted (250 after DATA); a failed QUIT does
		// not make it undelivered.
		return nil
	}
	return nil
}

// smtpFailure classifies an SMTP error: a 5xx reply is permanent, a 4xx
// reply or a broken connection may pass.
func smtpFailure(ctx context.Context, step string, err error) error {
	var se *smtp.SMTPError
	if errors.As(err, &se) {
		return &DeliveryError{Permanent: se.Code >= 500, Status: se.Code, Body: printable([]byte(se.Message)), Err: fmt.Errorf("smtp %s", step)}
	}
	if ctx.Err() != nil {
		return &DeliveryError{Err: fmt.Errorf("smtp %s: %w", step, ctx.Err())}
	}
	return &DeliveryError{Err: fmt.Errorf("smtp %s: %w", step, err)}
}

// EmailMessage returns the RFC 5322 message of m. Header values from an
// event (the title, actor, target) pass through headerText, which turns
// every control character, CR and LF included, into a space and
// RFC 2047-encodes what is not plain ASCII, so they cannot add a header or
// end the header block. The body is quoted-printable.
func EmailMessage(m Message, from *mail.Address, to []*mail.Address, hostname string) ([]byte, error) {
	if from == nil || len(to) == 0 {
		return nil, errors.New("email needs a sender and a recipient")
	}
	if hostname == "" {
		hostname = domainOf(from.Address)
	}
	a := m.Alert
	title := a.Title
	if title == "" {
		title = a.Rule
	}
	subject := fmt.Sprintf("[attest] [%s] %s", strings.ToUpper(a.Severity), title)
	if a.Actor != "" {
		subject += " by " + a.Actor
	}
	raisedID := fmt.Sprintf("<attest-alert-%d-raised@%s>", a.ID, hostname)
	msgID := raisedID
	if m.Notification.Kind == kindResolved {
		subject = "[attest] Resolved: " + title
		msgID = fmt.Sprintf("<attest-alert-%d-resolved@%s>", a.ID, hostname)
	}
	var b bytes.Buffer
	header := func(name, value string) { fmt.Fprintf(&b, "%s: %s\r\n", name, value) }
	header("From", from.String())
	tos := make([]string, len(to))
	for i, t := range to {
		tos[i] = t.String()
	}
	header("To", strings.Join(tos, ", "))
	header("Subject", headerText(clip(subject, 200)))
	header("Date", m.Time.Format(time.RFC1123Z))
	header("Message-ID", msgID)
	if m.Notification.Kind == kindResolved {
		header("In-Reply-To", raisedID)
		header("References", raisedID)
	}
	header("MIME-Version", "1.0")
	header("Content-Type", `text/plain; charset="utf-8"`)
	header("Content-Transfer-Encoding", "quoted-printable")
	header("Auto-Submitted", "auto-generated")
	b.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&b)
	qp.Write([]byte(emailBody(m)))
	qp.Close()
	return b.Bytes(), nil
}

// emailBody is the plain text of the message.
func emailBody(m Message) string {
	a := m.Alert
	var b strings.Builder
	if m.Notification.Kind == kindResolved {
		fmt.Fprintf(&b, "The alert %d is resolved", a.ID)
		if a.StatusBy != "" {
			fmt.Fprintf(&b, " by %s", a.StatusBy)
		}
		b.WriteString(".\r\n")
		if a.Note != "" {
			fmt.Fprintf(&b, "Note: %s\r\n", a.Note)
		}
		b.WriteString("\r\n")
	}
	line := func(name, value string) {
		if value != "" {
			fmt.Fprintf(&b, "%-10s %s\r\n", name+":", value)
		}
	}
	line("Alert", fmt.Sprint(a.ID))
	line("Rule", a.Rule)
	line("Title", a.Title)
	line("Severity", a.Severity)
	line("Source", a.Source)
	line("Actor", a.Actor)
	line("Target", a.Target)
	line("Count", fmt.Sprint(a.Count))
	if !a.FirstSeen.IsZero() {
		line("First", a.FirstSeen.UTC().Format(time.RFC3339))
		line("Last", a.LastSeen.UTC().Format(time.RFC3339))
	}
	if len(a.Controls) > 0 {
		var cs []string
		for fw, ids := range a.Controls {
			cs = append(cs, fw+" "+strings.Join(ids, ", "))
		}
		sort.Strings(cs)
		line("Controls", strings.Join(cs, "; "))
	}
	if a.Hint != "" {
		fmt.Fprintf(&b, "\r\nResponse: %s\r\n", a.Hint)
	}
	if m.AlertURL != "" {
		fmt.Fprintf(&b, "\r\n%s\r\n", m.AlertURL)
	}
	return b.String()
}

// headerText makes s safe as an unstructured header value: control
// characters become spaces and non-ASCII text is RFC 2047 encoded.
func headerText(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '\u2028' || r == '\u2029' || r == '\u0085' {
			return ' '
		}
		return r
	}, s)
	return mime.QEncoding.Encode("utf-8", s)
}

func domainOf(addr string) string {
	if i := strings.LastIndexByte(addr, '@'); i >= 0 && i < len(addr)-1 {
		return addr[i+1:]
	}
	return "attest.invalid"
}
