// Package source picks the normaliser of an event source by name, or by
// looking at a payload, for the commands that read payloads from files
// (attest events scan, attest detections test) rather than from an ingest
// endpoint that names its source.
package source

import (
	"fmt"
	"strings"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/ingest"
	"github.com/attest-dev/attest/ingest/cloudtrail"
	"github.com/attest-dev/attest/ingest/falco"
	"github.com/attest-dev/attest/ingest/generic"
	"github.com/attest-dev/attest/ingest/k8saudit"
)

// Names lists the sources that Normaliser knows by name; any other name is
// a generic source (names starting with github or okta read those records).
var Names = []string{cloudtrail.Source, k8saudit.Source, falco.Source, "github", "okta"}

// Normaliser returns the normaliser of the named source.
func Normaliser(name string) ingest.Normaliser {
	switch name {
	case cloudtrail.Source:
		return cloudtrail.New()
	case k8saudit.Source:
		return k8saudit.New()
	case falco.Source:
		return falco.New()
	}
	return generic.New(name)
}

// Sniff names the source of a payload from its first record: a CloudTrail
// log file or record or an EventBridge event around one, a Kubernetes audit
// Event or EventList, a Falco alert, an Okta System Log event or event hook,
// a GitHub audit log event. It returns "" when it cannot tell.
func Sniff(body []byte) string {
	body, err := ingest.Decompress(body)
	if err != nil {
		return ""
	}
	values, err := ingest.Split(body)
	if err != nil || len(values) == 0 {
		return ""
	}
	v := values[0]
	if v.Kind() == "array" {
		els := v.Elements()
		if len(els) == 0 {
			return ""
		}
		v = els[0]
	}
	has := func(keys ...string) bool {
		for _, k := range keys {
			if _, ok := v.Member(k); !ok {
				return false
			}
		}
		return true
	}
	var probe struct {
		Kind       string `json:"kind"`
		APIVersion string `json:"apiVersion"`
		DetailType string `json:"detail-type"`
		EventType  string `json:"eventType"`
	}
	_ = v.Decode(&probe)
	switch {
	case has("Records"), has("eventVersion", "eventSource"), strings.HasSuffix(probe.DetailType, "via CloudTrail"):
		return cloudtrail.Source
	case strings.HasPrefix(probe.APIVersion, "audit.k8s.io/"), has("auditID", "stage"):
		return k8saudit.Source
	case has("rule", "priority", "output"):
		return falco.Source
	case probe.EventType == "com.okta.event_hook", has("eventType", "published", "actor"):
		return "okta"
	case has("action", "actor") && (has("@timestamp") || has("created_at")):
		return "github"
	}
	return ""
}

// Read normalises one payload of the named source (sniffed when name is
// empty). A file of JSON lines is read a line at a time when its source
// takes one record a body (Kubernetes audit log files, Falco's JSON
// output): each line is a body of its own. Errors name the record's line.
func Read(name string, body []byte) ([]*attest.Event, error) {
	if name == "" {
		if name = Sniff(body); name == "" {
			if plain, err := ingest.Decompress(body); err != nil {
				return nil, err
			} else if _, err := ingest.Split(plain); err != nil {
				return nil, err
			}
			return nil, attest.Errorf(attest.EINVALID, "cannot tell the source of the payload; name it with --source (%s)", strings.Join(Names, ", "))
		}
	}
	n := Normaliser(name)
	if name != k8saudit.Source && name != falco.Source {
		return n.Normalise(body)
	}
	body, err := ingest.Decompress(body)
	if err != nil {
		return nil, err
	}
	values, err := ingest.Split(body)
	if err != nil {
		return nil, err
	}
	if len(values) <= 1 {
		return n.Normalise(body)
	}
	var out []*attest.Event
	for _, v := range values {
		evs, err := n.Normalise(v.Raw)
		if err != nil {
			line, _ := ingest.Position(body, v.Offset)
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		out = append(out, evs...)
	}
	return out, nil
}
