// Package k8saudit normalises the Kubernetes API server's audit events
// (audit.k8s.io/v1) as its webhook backend sends them: an EventList, or a
// single Event.
//
// Fields map as follows:
//
//   - Time: stageTimestamp, or requestReceivedTimestamp when absent.
//   - ExternalID and DedupKey: auditID + "/" + stage, since one request is reported once
//     per stage (RequestReceived, ResponseStarted, ResponseComplete, Panic)
//     under the same auditID.
//   - Actor: user.username, the authenticated user. When the request was
//     made with impersonation, the impersonated user is not the actor; it is
//     kept in Raw (impersonatedUser).
//   - Action: "<resource>.<verb>", with the subresource after a slash:
//     "pods.list", "pods/exec.create", "deployments.update". A request for a
//     non-resource URL has the URL's path instead: "/healthz.get".
//   - Target: "<namespace>/<name>"; a request on a collection in a namespace
//     (list, create without a name) gives "<namespace>/"; a cluster-scoped
//     object gives its name alone.
//   - Outcome: from responseStatus.code, success below 400 and failure from
//     400; unknown when the stage has no response yet.
//   - SourceIP: the first of sourceIPs. UserAgent: userAgent. MFA: nil,
//     since the audit event does not say. Severity: empty (the audit level
//     says how much was logged, not how severe the event is).
//
// A record needs auditID, stage and a timestamp; the rest may be absent.
package k8saudit

import (
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/ingest"
)

// Source is the source name of Kubernetes audit events.
const Source = "k8s-audit"

// API versions of the audit types that this package reads. v1beta1 has the
// same fields as v1 for everything normalised here.
const (
	apiV1      = "audit.k8s.io/v1"
	apiV1beta1 = "audit.k8s.io/v1beta1"
)

// Normaliser normalises Kubernetes audit webhook bodies.
type Normaliser struct{}

var _ ingest.Bounded = (*Normaliser)(nil)

// New returns a Kubernetes audit normaliser.
func New() *Normaliser { return &Normaliser{} }

// Source returns "k8s-audit".
func (*Normaliser) Source() string { return Source }

// envelope is the part of a body that says what it holds.
type envelope struct {
	Kind       string `json:"kind"`
	APIVersion string `json:"apiVersion"`
}

// Normalise returns one event per audit event of an EventList body, or the
// one event of an Event body. See package ingest for the batch policy.
func (n *Normaliser) Normalise(body []byte) ([]*attest.Event, error) {
	return n.NormaliseWithin(body, ingest.Limits{})
}

// NormaliseWithin is Normalise within lim.
func (*Normaliser) NormaliseWithin(body []byte, lim ingest.Limits) ([]*attest.Event, error) {
	v, err := ingest.Parse(body)
	if err != nil {
		return nil, err
	}
	records, err := split(body, v, lim.Records())
	if err != nil {
		return nil, err
	}
	return ingest.CollectWithin(body, records, lim, normalise)
}

// split returns the audit events of a parsed body.
func split(body []byte, v ingest.Value, max int) ([]ingest.Value, error) {
	refuse := func(at ingest.Value, format string, args ...any) error {
		return ingest.Refuse(body, at, format, args...)
	}
	if v.Kind() != "object" {
		return nil, refuse(v, "body is %s, want an audit.k8s.io/v1 EventList or Event object", v.Kind())
	}
	var env envelope
	if err := v.Decode(&env); err != nil {
		return nil, refuse(v, "%v", err)
	}
	if env.APIVersion != "" && env.APIVersion != apiV1 && env.APIVersion != apiV1beta1 {
		return nil, refuse(v, "apiVersion is %q, want %s", env.APIVersion, apiV1)
	}
	switch env.Kind {
	case "EventList":
		items, ok := v.Member("items")
		if !ok || items.Kind() == "null" {
			return nil, nil
		}
		if items.Kind() != "array" {
			return nil, refuse(items, "items is %s, want an array", items.Kind())
		}
		return items.ElementsN(max), nil
	case "Event":
		return []ingest.Value{v}, nil
	case "":
		if _, ok := v.Member("items"); ok {
			return nil, refuse(v, "kind is missing; a body with items must be kind EventList")
		}
		return []ingest.Value{v}, nil
	}
	return nil, refuse(v, "kind is %q, want EventList or Event", env.Kind)
}

// event is the part of an audit.k8s.io/v1 Event that is normalised.
type event struct {
	AuditID    string `json:"auditID"`
	Stage      string `json:"stage"`
	RequestURI string `json:"requestURI"`
	Verb       string `json:"verb"`
	User       struct {
		Username string `json:"username"`
	} `json:"user"`
	SourceIPs []string `json:"sourceIPs"`
	UserAgent string   `json:"userAgent"`
	ObjectRef *struct {
		Resource    string `json:"resource"`
		Namespace   string `json:"namespace"`
		Name        string `json:"name"`
		Subresource string `json:"subresource"`
	} `json:"objectRef"`
	ResponseStatus *struct {
		Code *int `json:"code"`
	} `json:"responseStatus"`
	RequestReceivedTimestamp string `json:"requestReceivedTimestamp"`
	StageTimestamp           string `json:"stageTimestamp"`
}

// stages are the audit stages the API server reports.
var stages = map[string]bool{
	"RequestReceived":  true,
	"ResponseStarted":  true,
	"ResponseComplete": true,
	"Panic":            true,
}

// normalise turns one audit event into an attest.Event.
func normalise(v ingest.Value) (*attest.Event, error) {
	if err := v.Object(); err != nil {
		return nil, err
	}
	var e event
	if err := v.Decode(&e); err != nil {
		return nil, err
	}
	if e.AuditID == "" {
		return nil, errors.New("auditID is missing")
	}
	if e.Stage == "" {
		return nil, errors.New("stage is missing")
	}
	if !stages[e.Stage] {
		return nil, fmt.Errorf("stage is %q, want RequestReceived, ResponseStarted, ResponseComplete or Panic", e.Stage)
	}
	t, err := eventTime(e)
	if err != nil {
		return nil, err
	}
	ev := &attest.Event{
		Time:       t,
		Source:     Source,
		ExternalID: e.AuditID + "/" + e.Stage,
		DedupKey:   e.AuditID + "/" + e.Stage,
		Actor:      e.User.Username,
		Action:     action(e),
		Target:     target(e),
		Outcome:    attest.OutcomeUnknown,
		UserAgent:  e.UserAgent,
	}
	if len(e.SourceIPs) > 0 {
		ev.SourceIP = e.SourceIPs[0]
	}
	if e.ResponseStatus != nil && e.ResponseStatus.Code != nil {
		if *e.ResponseStatus.Code < 400 {
			ev.Outcome = attest.OutcomeSuccess
		} else {
			ev.Outcome = attest.OutcomeFailure
		}
	}
	return ev, nil
}

// eventTime returns the stage's time, or the time the request was received.
func eventTime(e event) (time.Time, error) {
	field, s := "stageTimestamp", e.StageTimestamp
	if s == "" {
		field, s = "requestReceivedTimestamp", e.RequestReceivedTimestamp
	}
	if s == "" {
		return time.Time{}, errors.New("stageTimestamp and requestReceivedTimestamp are missing")
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s %q is not an RFC 3339 time", field, s)
	}
	return t.UTC(), nil
}

// action returns "<resource>[/<subresource>].<verb>", or "<path>.<verb>" for
// a non-resource request.
func action(e event) string {
	what := ""
	if r := e.ObjectRef; r != nil && r.Resource != "" {
		what = r.Resource
		if r.Subresource != "" {
			what += "/" + r.Subresource
		}
	} else if e.RequestURI != "" {
		what = e.RequestURI
		if u, err := url.ParseRequestURI(e.RequestURI); err == nil {
			what = u.Path
		}
	}
	switch {
	case what == "":
		return e.Verb
	case e.Verb == "":
		return what
	}
	return what + "." + e.Verb
}

// target returns "<namespace>/<name>", "<namespace>/" or "<name>".
func target(e event) string {
	r := e.ObjectRef
	switch {
	case r == nil:
		return ""
	case r.Namespace != "":
		return r.Namespace + "/" + r.Name
	}
	return r.Name
}
