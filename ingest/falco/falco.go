// Package falco normalises Falco alerts as Falco's http_output posts them
// (json_output enabled: one alert per request) and as falcosidekick's
// webhook output forwards them (the same fields, with a uuid). A body may also
// be a JSON array of alerts, for forwarders that batch.
//
// Fields map as follows:
//
//   - Time: time (RFC 3339 with nanoseconds). ExternalID: uuid, when the
//     sender set one (falcosidekick does; Falco itself may not). DedupKey:
//     a SHA-256 of time, hostname, rule and output, so that an alert
//     delivered twice is stored once whatever uuid it came with.
//   - Action: the rule's name. Severity: the priority in lower case
//     ("emergency", "alert", "critical", "error", "warning", "notice",
//     "informational", "debug"; Falco's short form "info" is read as
//     "informational").
//   - Actor: output_fields user.name (syscall source), ka.user.name
//     (Kubernetes audit plugin) or ct.user (CloudTrail plugin), the first
//     that is set.
//   - Target: the first of: "<k8s.ns.name>/<k8s.pod.name>"; container.name,
//     unless it is "host"; fd.name; "<ka.target.namespace>/<ka.target.name>";
//     the alert's hostname.
//   - SourceIP: the first of ka.sourceips; UserAgent: ka.useragent (both
//     from the Kubernetes audit plugin only).
//   - Outcome: unknown, since an alert is a detection, not the result of a
//     request. MFA: nil.
//
// An alert needs rule, priority and time; output_fields may be absent.
package falco

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/ingest"
)

// Source is the source name of Falco alerts.
const Source = "falco"

// Normaliser normalises Falco and falcosidekick alert bodies.
type Normaliser struct{}

var _ ingest.Bounded = (*Normaliser)(nil)

// New returns a Falco normaliser.
func New() *Normaliser { return &Normaliser{} }

// Source returns "falco".
func (*Normaliser) Source() string { return Source }

// Normalise returns the event of a one-alert body, or one event per alert of
// an array body. See package ingest for the batch policy.
func (n *Normaliser) Normalise(body []byte) ([]*attest.Event, error) {
	return n.NormaliseWithin(body, ingest.Limits{})
}

// NormaliseWithin is Normalise within lim.
func (*Normaliser) NormaliseWithin(body []byte, lim ingest.Limits) ([]*attest.Event, error) {
	v, err := ingest.Parse(body)
	if err != nil {
		return nil, err
	}
	var records []ingest.Value
	switch v.Kind() {
	case "object":
		records = []ingest.Value{v}
	case "array":
		records = v.ElementsN(lim.Records())
	default:
		return nil, ingest.Refuse(body, v, "body is %s, want a Falco alert object or an array of them", v.Kind())
	}
	return ingest.CollectWithin(body, records, lim, normalise)
}

// alert is the part of a Falco alert that is normalised.
type alert struct {
	UUID         string                     `json:"uuid"`
	Priority     string                     `json:"priority"`
	Rule         string                     `json:"rule"`
	Time         string                     `json:"time"`
	OutputFields map[string]json.RawMessage `json:"output_fields"`
	Hostname     string                     `json:"hostname"`
	Output       string                     `json:"output"`
}

// dedupKey identifies an alert by a hash of what Falco wrote: its time (to
// the nanosecond), host, rule and output. A uuid cannot serve, since
// falcosidekick draws a new one each time it receives the same alert.
func (a *alert) dedupKey() string {
	h := sha256.New()
	for _, s := range []string{a.Time, a.Hostname, a.Rule, a.Output} {
		fmt.Fprintf(h, "%d:%s", len(s), s)
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// severities maps Falco priorities, in lower case, to the severity kept.
var severities = map[string]string{
	"emergency":     "emergency",
	"alert":         "alert",
	"critical":      "critical",
	"error":         "error",
	"warning":       "warning",
	"notice":        "notice",
	"informational": "informational",
	"info":          "informational",
	"debug":         "debug",
}

// normalise turns one alert into an event.
func normalise(v ingest.Value) (*attest.Event, error) {
	if err := v.Object(); err != nil {
		return nil, err
	}
	var a alert
	if err := v.Decode(&a); err != nil {
		return nil, err
	}
	if a.Rule == "" {
		return nil, errors.New("rule is missing")
	}
	if a.Priority == "" {
		return nil, errors.New("priority is missing")
	}
	sev, ok := severities[strings.ToLower(a.Priority)]
	if !ok {
		return nil, fmt.Errorf("priority %q is not a Falco priority", a.Priority)
	}
	if a.Time == "" {
		return nil, errors.New("time is missing")
	}
	t, err := time.Parse(time.RFC3339Nano, a.Time)
	if err != nil {
		return nil, fmt.Errorf("time %q is not an RFC 3339 time", a.Time)
	}
	f := fields(a.OutputFields)
	ev := &attest.Event{
		Time:       t.UTC(),
		Source:     Source,
		ExternalID: a.UUID,
		DedupKey:   a.dedupKey(),
		Actor:      first(f.str("user.name"), f.str("ka.user.name"), f.str("ct.user")),
		Action:     a.Rule,
		Target: first(
			join(f.str("k8s.ns.name"), f.str("k8s.pod.name")),
			notHost(f.str("container.name")),
			f.str("fd.name"),
			join(f.str("ka.target.namespace"), f.str("ka.target.name")),
			a.Hostname,
		),
		Outcome:   attest.OutcomeUnknown,
		SourceIP:  f.firstOfList("ka.sourceips"),
		UserAgent: f.str("ka.useragent"),
		Severity:  sev,
	}
	return ev, nil
}

// fields are an alert's output_fields, kept raw: values are strings,
// numbers, lists or null depending on the field.
type fields map[string]json.RawMessage

// str returns the field's value when it is a string, else "".
func (f fields) str(name string) string {
	var s string
	if json.Unmarshal(f[name], &s) != nil {
		return ""
	}
	return s
}

// firstOfList returns the first string of a list field, or the field itself
// when it is a single string.
func (f fields) firstOfList(name string) string {
	var l []string
	if json.Unmarshal(f[name], &l) == nil && len(l) > 0 {
		return l[0]
	}
	return f.str(name)
}

// first returns the first non-empty string.
func first(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// join returns "<ns>/<name>" when name is set, else "".
func join(ns, name string) string {
	switch {
	case name == "":
		return ""
	case ns == "":
		return name
	}
	return ns + "/" + name
}

// notHost drops Falco's container name for events outside any container.
func notHost(name string) string {
	if name == "host" {
		return ""
	}
	return name
}
