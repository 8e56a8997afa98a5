package notify

import (
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"os"
	"path"
	"strings"
	"time"
)

// Config is the notify section of attest serve's configuration file.
//
//	notify:
//	  alert_url: https://attest.example.com/api/v1/alerts/{id}
//	  max_attempts: 8
//	  backoff: 30s
//	  max_backoff: 1h
//	  channels:
//	    - name: secops-slack
//	      slack: {url: {env: ATTEST_SLACK_WEBHOOK_URL}}
//	  routes:
//	    - channels: [secops-slack]
//	      min_severity: high
type Config struct {
	// AlertURL is the link to an alert in messages; {id} is replaced by
	// the alert's id.
	AlertURL string `yaml:"alert_url"`
	// MaxAttempts is how many deliveries are tried before a notification
	// is dead (default 8).
	MaxAttempts int `yaml:"max_attempts"`
	// Backoff is the wait after the first failure, doubled after each
	// further one up to MaxBackoff (defaults 30s and 1h).
	Backoff    string          `yaml:"backoff"`
	MaxBackoff string          `yaml:"max_backoff"`
	Channels   []ChannelConfig `yaml:"channels"`
	Routes     []RouteConfig   `yaml:"routes"`
}

// ChannelConfig names one channel and configures exactly one of its kinds.
type ChannelConfig struct {
	Name string `yaml:"name"`
	// Timeout bounds one delivery (default 10s, 30s for email).
	Timeout   string           `yaml:"timeout"`
	Webhook   *WebhookConfig   `yaml:"webhook"`
	Slack     *SlackConfig     `yaml:"slack"`
	PagerDuty *PagerDutyConfig `yaml:"pagerduty"`
	Email     *EmailConfig     `yaml:"email"`
}

// WebhookConfig is a generic signed webhook.
type WebhookConfig struct {
	URL string `yaml:"url"`
	// Secret is the HMAC-SHA256 key of X-Attest-Signature.
	Secret Secret `yaml:"secret"`
}

// SlackConfig is a Slack incoming webhook; its URL is a secret.
type SlackConfig struct {
	URL Secret `yaml:"url"`
}

// PagerDutyConfig is a PagerDuty Events API v2 integration.
type PagerDutyConfig struct {
	RoutingKey Secret `yaml:"routing_key"`
	// URL is the events endpoint (default DefaultPagerDutyURL).
	URL string `yaml:"url"`
}

// EmailConfig is an SMTP submission server (STARTTLS required).
type EmailConfig struct {
	// Addr is host:port, such as smtp.example.com:587.
	Addr     string   `yaml:"addr"`
	Username string   `yaml:"username"`
	Password Secret   `yaml:"password"`
	From     string   `yaml:"from"`
	To       []string `yaml:"to"`
	// CAFile is a PEM bundle that verifies the server's certificate
	// instead of the system's roots.
	CAFile string `yaml:"ca_file"`
}

// RouteConfig sends the alerts that pass every filter it sets to its
// channels. An alert goes to the union of the channels of the routes it
// matches, once each.
type RouteConfig struct {
	Channels []string `yaml:"channels"`
	// MinSeverity: informational, low, medium, high or critical.
	MinSeverity string `yaml:"min_severity"`
	// Rules are globs over rule ids (* and ?), such as aws-*.
	Rules []string `yaml:"rules"`
	// Sources are event sources (cloudtrail, k8s-audit, falco, ...).
	Sources []string `yaml:"sources"`
	// Controls are framework:control globs such as soc2:CC6.* ; a pattern
	// without a framework matches the control id in any framework.
	Controls []string `yaml:"controls"`
}

// Defaults of a configuration.
const (
	DefaultMaxAttempts  = 8
	DefaultBackoff      = 30 * time.Second
	DefaultMaxBackoff   = time.Hour
	DefaultTimeout      = 10 * time.Second
	DefaultEmailTimeout = 30 * time.Second
)

// Setup is a built configuration: channels with their secrets read, the
// router, and the retry policy.
type Setup struct {
	Endpoints   map[string]Endpoint
	Router      *Router
	AlertURL    string
	MaxAttempts int
	Backoff     Backoff
}

// Endpoint is a configured channel and its delivery timeout.
type Endpoint struct {
	Channel Channel
	Timeout time.Duration
}

// Enabled reports whether any channel is configured.
func (c Config) Enabled() bool { return len(c.Channels) > 0 }

// Build checks the configuration and reads its secrets (getenv is os.Getenv
// outside tests). Errors name the setting, never a secret's value.
func (c Config) Build(getenv func(string) string, now func() time.Time) (*Setup, error) {
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	s := &Setup{Endpoints: map[string]Endpoint{}, AlertURL: c.AlertURL, MaxAttempts: c.MaxAttempts,
		Backoff: Backoff{Initial: DefaultBackoff, Max: DefaultMaxBackoff}}
	if s.MaxAttempts == 0 {
		s.MaxAttempts = DefaultMaxAttempts
	} else if s.MaxAttempts < 1 || s.MaxAttempts > 100 {
		fail("notify.max_attempts %d: want 1 to 100", c.MaxAttempts)
	}
	if c.AlertURL != "" {
		if u, err := url.Parse(strings.ReplaceAll(c.AlertURL, "{id}", "1")); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			fail("notify.alert_url %q: want an http(s) URL with {id}", c.AlertURL)
		}
	}
	for name, d := range map[string]struct {
		v   string
		dst *time.Duration
	}{"backoff": {c.Backoff, &s.Backoff.Initial}, "max_backoff": {c.MaxBackoff, &s.Backoff.Max}} {
		if d.v == "" {
			continue
		}
		v, err := time.ParseDuration(d.v)
		if err != nil || v <= 0 {
			fail("notify.%s %q: want a positive duration such as 30s", name, d.v)
			continue
		}
		*d.dst = v
	}
	if s.Backoff.Max < s.Backoff.Initial {
		fail("notify.max_backoff %v is shorter than backoff %v", s.Backoff.Max, s.Backoff.Initial)
	}
	for i, ch := range c.Channels {
		where := fmt.Sprintf("notify.channels[%d]", i)
		if ch.Name != "" {
			where += " (" + ch.Name + ")"
		}
		e, err := ch.build(getenv, now)
		if err != nil {
			fail("%s: %w", where, err)
			continue
		}
		if _, dup := s.Endpoints[ch.Name]; dup {
			fail("%s: a channel named %q is already configured", where, ch.Name)
			continue
		}
		s.Endpoints[ch.Name] = e
	}
	routes := make([]Route, 0, len(c.Routes))
	for i, rc := range c.Routes {
		r, err := rc.build()
		if err != nil {
			fail("notify.routes[%d]: %w", i, err)
			continue
		}
		for _, name := range r.Channels {
			if _, ok := s.Endpoints[name]; !ok && !hasChannel(c.Channels, name) {
				fail("notify.routes[%d]: no channel named %q", i, name)
			}
		}
		routes = append(routes, r)
	}
	if len(c.Channels) > 0 && len(c.Routes) == 0 {
		fail("notify: channels are configured but no route sends anything to them")
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	s.Router = &Router{Routes: routes}
	return s, nil
}

func hasChannel(cs []ChannelConfig, name string) bool {
	for _, c := range cs {
		if c.Name == name {
			return true
		}
	}
	return false
}

func (ch ChannelConfig) build(getenv func(string) string, now func() time.Time) (Endpoint, error) {
	if ch.Name == "" {
		return Endpoint{}, errors.New("name is required")
	}
	kinds := 0
	for _, set := range []bool{ch.Webhook != nil, ch.Slack != nil, ch.PagerDuty != nil, ch.Email != nil} {
		if set {
			kinds++
		}
	}
	if kinds != 1 {
		return Endpoint{}, errors.New("configure exactly one of webhook, slack, pagerduty, email")
	}
	e := Endpoint{Timeout: DefaultTimeout}
	if ch.Email != nil {
		e.Timeout = DefaultEmailTimeout
	}
	if ch.Timeout != "" {
		d, err := time.ParseDuration(ch.Timeout)
		if err != nil || d <= 0 || d > 5*time.Minute {
			return Endpoint{}, fmt.Errorf("timeout %q: want a duration up to 5m such as 10s", ch.Timeout)
		}
		e.Timeout = d
	}
	switch {
	case ch.Webhook != nil:
		w := ch.Webhook
		if err := checkHTTPURL(w.URL); err != nil {
			return Endpoint{}, fmt.Errorf("webhook.url: %w", err)
		}
		if !w.Secret.IsSet() {
			return Endpoint{}, errors.New("webhook.secret: the HMAC key is required (env: or file:)")
		}
		if err := w.Secret.resolve(getenv); err != nil {
			return Endpoint{}, fmt.Errorf("webhook.secret: %w", err)
		}
		e.Channel = NewWebhook(w.URL, w.Secret, nil, now)
	case ch.Slack != nil:
		sl := ch.Slack
		if err := sl.URL.resolve(getenv); err != nil {
			return Endpoint{}, fmt.Errorf("slack.url: %w", err)
		}
		if err := checkHTTPURL(sl.URL.Value()); err != nil {
			// Say what is wrong without echoing the URL.
			return Endpoint{}, errors.New("slack.url: the value read is not an http(s) URL")
		}
		e.Channel = NewSlack(sl.URL, nil, now)
	case ch.PagerDuty != nil:
		p := ch.PagerDuty
		if p.URL != "" {
			if err := checkHTTPURL(p.URL); err != nil {
				return Endpoint{}, fmt.Errorf("pagerduty.url: %w", err)
			}
		}
		if err := p.RoutingKey.resolve(getenv); err != nil {
			return Endpoint{}, fmt.Errorf("pagerduty.routing_key: %w", err)
		}
		e.Channel = NewPagerDuty(p.URL, p.RoutingKey, nil, now)
	case ch.Email != nil:
		em, err := ch.Email.build(getenv)
		if err != nil {
			return Endpoint{}, err
		}
		e.Channel = em
	}
	return e, nil
}

func (c *EmailConfig) build(getenv func(string) string) (*Email, error) {
	if _, port, err := net.SplitHostPort(c.Addr); err != nil || port == "" {
		return nil, fmt.Errorf("email.addr %q: want host:port such as smtp.example.com:587", c.Addr)
	}
	from, err := mail.ParseAddress(c.From)
	if err != nil {
		return nil, fmt.Errorf("email.from %q: %w", c.From, err)
	}
	if len(c.To) == 0 {
		return nil, errors.New("email.to: at least one recipient is required")
	}
	e := &Email{Addr: c.Addr, Username: c.Username, From: from}
	for _, t := range c.To {
		a, err := mail.ParseAddress(t)
		if err != nil {
			return nil, fmt.Errorf("email.to %q: %w", t, err)
		}
		e.To = append(e.To, a)
	}
	if c.Username != "" {
		if err := c.Password.resolve(getenv); err != nil {
			return nil, fmt.Errorf("email.password: %w", err)
		}
		e.Password = c.Password
	} else if c.Password.IsSet() {
		return nil, errors.New("email.password is set without email.username")
	}
	if c.CAFile != "" {
		pem, err := os.ReadFile(c.CAFile)
		if err != nil {
			return nil, fmt.Errorf("email.ca_file: %w", err)
		}
		e.RootCAs = x509.NewCertPool()
		if !e.RootCAs.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("email.ca_file %s: no PEM certificate in it", c.CAFile)
		}
	}
	return e, nil
}

func checkHTTPURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%q is not an http(s) URL", s)
	}
	return nil
}

func (rc RouteConfig) build() (Route, error) {
	r := Route{Channels: rc.Channels, Rules: rc.Rules, Sources: rc.Sources}
	if len(rc.Channels) == 0 {
		return r, errors.New("channels: name at least one")
	}
	if rc.MinSeverity != "" {
		rank, ok := severityRank[strings.ToLower(rc.MinSeverity)]
		if !ok {
			return r, fmt.Errorf("min_severity %q: want informational, low, medium, high or critical", rc.MinSeverity)
		}
		r.MinSeverity = rank
	}
	for _, p := range rc.Rules {
		if _, err := path.Match(p, ""); err != nil {
			return r, fmt.Errorf("rules: bad pattern %q", p)
		}
	}
	for _, p := range rc.Controls {
		fw, id, ok := strings.Cut(p, ":")
		if !ok {
			fw, id = "*", p
		}
		if _, err := path.Match(id, ""); err != nil || id == "" || fw == "" {
			return r, fmt.Errorf("controls: bad pattern %q (want framework:control, such as soc2:CC6.*)", p)
		}
		r.Controls = append(r.Controls, controlPattern{framework: fw, control: id})
	}
	return r, nil
}
