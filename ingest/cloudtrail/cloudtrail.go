// Package cloudtrail normalises AWS CloudTrail records. A body is one of:
//
//   - a CloudTrail log file as delivered to S3, {"Records":[...]}, plain or
//     gzip-compressed (the gzip magic bytes are recognised);
//   - one EventBridge event whose detail is a CloudTrail record (detail-type
//     "AWS API Call via CloudTrail", "AWS Console Sign In via CloudTrail" and
//     the other "... via CloudTrail" types), as an EventBridge API
//     destination posts it;
//   - a JSON array of such EventBridge events, or of bare records;
//   - one bare CloudTrail record.
//
// Raw is the record for a log file and a bare record, and the whole
// EventBridge event (envelope and detail) for EventBridge.
//
// Fields map as follows:
//
//   - Time: eventTime. ExternalID and DedupKey: eventID (the same for a
//     record whether it came from S3 or EventBridge).
//   - Actor: userIdentity.arn, else userIdentity.userName (a failed console
//     sign-in names the user without an ARN), principalId, invokedBy (an
//     AWS service acting on its own), or the identity's type.
//   - Action: "<service>:<eventName>", the service being eventSource without
//     ".amazonaws.com": "s3:PutBucketPolicy", "sts:AssumeRole",
//     "signin:ConsoleLogin". For most services this is the IAM action name.
//   - Target: the ARN of the first of resources; else from
//     requestParameters, the first set of roleArn, policyArn, bucketName
//     (with "/key" when key is set), userName, roleName, groupName,
//     functionName, instanceId, keyId, name.
//   - Outcome: failure when errorCode is set, or for ConsoleLogin when
//     responseElements.ConsoleLogin is "Failure"; success otherwise
//     (CloudTrail records requests that were answered).
//   - MFA: additionalEventData.MFAUsed ("Yes"/"No", console sign-in), else
//     userIdentity.sessionContext.attributes.mfaAuthenticated
//     ("true"/"false"); nil when neither says.
//   - SourceIP: sourceIPAddress when it is an IP address; AWS services
//     appear there by name ("cloudtrail.amazonaws.com", "AWS Internal"),
//     which is kept in Raw but not as an IP. UserAgent: userAgent.
//   - Severity: empty; CloudTrail has none.
//
// A record needs eventTime and eventID.
package cloudtrail

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/ingest"
)

// Source is the source name of CloudTrail events.
const Source = "cloudtrail"

// Normaliser normalises CloudTrail log files and EventBridge events.
type Normaliser struct{}

var _ ingest.Bounded = (*Normaliser)(nil)

// New returns a CloudTrail normaliser.
func New() *Normaliser { return &Normaliser{} }

// Source returns "cloudtrail".
func (*Normaliser) Source() string { return Source }

// Normalise returns one event per CloudTrail record of body, gunzipping it
// first when it is gzip. Offsets in errors count bytes of the decompressed
// body. See package ingest for the batch policy.
func (n *Normaliser) Normalise(body []byte) ([]*attest.Event, error) {
	return n.NormaliseWithin(body, ingest.Limits{})
}

// NormaliseWithin is Normalise within lim.
func (*Normaliser) NormaliseWithin(body []byte, lim ingest.Limits) ([]*attest.Event, error) {
	body, err := ingest.Decompress(body)
	if err != nil {
		return nil, err
	}
	v, err := ingest.Parse(body)
	if err != nil {
		return nil, err
	}
	var records []ingest.Value
	switch v.Kind() {
	case "array":
		records = v.ElementsN(lim.Records())
	case "object":
		if rs, ok := v.Member("Records"); ok {
			if rs.Kind() != "array" {
				return nil, ingest.Refuse(body, rs, "Records is %s, want an array", rs.Kind())
			}
			records = rs.ElementsN(lim.Records())
		} else {
			records = []ingest.Value{v}
		}
	default:
		return nil, ingest.Refuse(body, v, "body is %s, want a CloudTrail log file, an EventBridge event or an array of events", v.Kind())
	}
	return ingest.CollectWithin(body, records, lim, normalise)
}

// record is the part of a CloudTrail record that is normalised.
type record struct {
	UserIdentity struct {
		Type           string `json:"type"`
		PrincipalID    string `json:"principalId"`
		ARN            string `json:"arn"`
		UserName       string `json:"userName"`
		InvokedBy      string `json:"invokedBy"`
		SessionContext struct {
			Attributes struct {
				MFAAuthenticated string `json:"mfaAuthenticated"`
			} `json:"attributes"`
		} `json:"sessionContext"`
	} `json:"userIdentity"`
	EventTime           string `json:"eventTime"`
	EventSource         string `json:"eventSource"`
	EventName           string `json:"eventName"`
	SourceIPAddress     string `json:"sourceIPAddress"`
	UserAgent           string `json:"userAgent"`
	ErrorCode           string `json:"errorCode"`
	RequestParameters   params `json:"requestParameters"`
	ResponseElements    params `json:"responseElements"`
	AdditionalEventData params `json:"additionalEventData"`
	EventID             string `json:"eventID"`
	Resources           []struct {
		ARN string `json:"ARN"`
	} `json:"resources"`
}

// params holds an object's members undecoded, so that only the few that are
// read are decoded.
type params map[string]json.RawMessage

// str returns the member's value when it is a string, else "".
func (p params) str(name string) string {
	var s string
	if json.Unmarshal(p[name], &s) != nil {
		return ""
	}
	return s
}

// eventBridge is the envelope of an EventBridge event.
type eventBridge struct {
	DetailType string `json:"detail-type"`
}

// normalise turns one record, bare or in an EventBridge envelope, into an
// event.
func normalise(v ingest.Value) (*attest.Event, error) {
	if err := v.Object(); err != nil {
		return nil, err
	}
	rec := v
	if detail, ok := v.Member("detail"); ok {
		var env eventBridge
		if err := v.Decode(&env); err != nil {
			return nil, err
		}
		if !strings.HasSuffix(env.DetailType, "via CloudTrail") {
			return nil, fmt.Errorf("EventBridge detail-type %q is not a CloudTrail event", env.DetailType)
		}
		if detail.Kind() != "object" {
			return nil, fmt.Errorf("detail is %s, want an object", detail.Kind())
		}
		rec = detail
	}
	var r record
	if err := rec.Decode(&r); err != nil {
		if rec.Offset != v.Offset {
			return nil, fmt.Errorf("detail: %w", err)
		}
		return nil, err
	}
	if r.EventTime == "" {
		return nil, errors.New("eventTime is missing")
	}
	t, err := time.Parse(time.RFC3339Nano, r.EventTime)
	if err != nil {
		return nil, fmt.Errorf("eventTime %q is not an RFC 3339 time", r.EventTime)
	}
	if r.EventID == "" {
		return nil, errors.New("eventID is missing")
	}
	ev := &attest.Event{
		Time:       t.UTC(),
		Source:     Source,
		ExternalID: r.EventID,
		DedupKey:   r.EventID,
		Actor:      actor(r),
		Action:     action(r),
		Target:     target(r),
		Outcome:    outcome(r),
		MFA:        mfa(r),
		UserAgent:  r.UserAgent,
	}
	if _, err := netip.ParseAddr(r.SourceIPAddress); err == nil {
		ev.SourceIP = r.SourceIPAddress
	}
	return ev, nil
}

// actor names who made the request.
func actor(r record) string {
	id := r.UserIdentity
	for _, s := range []string{id.ARN, id.UserName, id.PrincipalID, id.InvokedBy, id.Type} {
		if s != "" {
			return s
		}
	}
	return ""
}

// action returns "<service>:<eventName>".
func action(r record) string {
	svc := strings.TrimSuffix(r.EventSource, ".amazonaws.com")
	switch {
	case svc == "":
		return r.EventName
	case r.EventName == "":
		return svc
	}
	return svc + ":" + r.EventName
}

// targetParams are the requestParameters that name a request's target, in
// order of preference.
var targetParams = []string{"roleArn", "policyArn", "bucketName", "userName", "roleName", "groupName", "functionName", "instanceId", "keyId", "name"}

// target names what the request acted on.
func target(r record) string {
	for _, res := range r.Resources {
		if res.ARN != "" {
			return res.ARN
		}
	}
	for _, p := range targetParams {
		s := r.RequestParameters.str(p)
		if s == "" {
			continue
		}
		if key := r.RequestParameters.str("key"); p == "bucketName" && key != "" {
			return s + "/" + key
		}
		return s
	}
	return ""
}

// outcome says whether the request succeeded.
func outcome(r record) string {
	if r.ErrorCode != "" {
		return attest.OutcomeFailure
	}
	if r.EventName == "ConsoleLogin" {
		switch r.ResponseElements.str("ConsoleLogin") {
		case "Failure":
			return attest.OutcomeFailure
		case "Success":
			return attest.OutcomeSuccess
		}
		return attest.OutcomeUnknown
	}
	return attest.OutcomeSuccess
}

// mfa says whether multi-factor authentication was used, when the record
// says.
func mfa(r record) *bool {
	yes, no := true, false
	switch r.AdditionalEventData.str("MFAUsed") {
	case "Yes":
		return &yes
	case "No":
		return &no
	}
	switch r.UserIdentity.SessionContext.Attributes.MFAAuthenticated {
	case "true":
		return &yes
	case "false":
		return &no
	}
	return nil
}
