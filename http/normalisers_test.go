package http_test

import (
	"errors"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/ingest"
)

// lineNormaliser reads newline-delimited JSON objects with time, actor,
// action and outcome members; a record without an action is wrong.
type lineNormaliser struct{ source string }

func (n lineNormaliser) Source() string { return n.source }

func (n lineNormaliser) Normalise(body []byte) ([]*attest.Event, error) {
	records, err := ingest.Split(body)
	if err != nil {
		return nil, err
	}
	return ingest.Collect(body, records, func(v ingest.Value) (*attest.Event, error) {
		var r struct {
			Time    time.Time `json:"time"`
			Actor   string    `json:"actor"`
			Action  string    `json:"action"`
			Outcome string    `json:"outcome"`
		}
		if err := v.Decode(&r); err != nil {
			return nil, err
		}
		if r.Action == "" {
			return nil, errors.New("action is missing")
		}
		if r.Outcome == "" {
			r.Outcome = attest.OutcomeUnknown
		}
		return &attest.Event{Time: r.Time, Source: n.source, Actor: r.Actor, Action: r.Action, Outcome: r.Outcome}, nil
	})
}

func testNormalisers() ([]ingest.Normaliser, func(string) ingest.Normaliser) {
	return []ingest.Normaliser{lineNormaliser{"k8s-audit"}, lineNormaliser{"falco"}, lineNormaliser{"cloudtrail"}},
		func(s string) ingest.Normaliser { return lineNormaliser{s} }
}
