package auditor

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/attest-dev/attest"
	"github.com/google/uuid"
)

// OSCALVersion is the OSCAL version of the assessment results OSCAL writes.
const OSCALVersion = "1.1.3"

// oscalNamespace is the namespace of the report's deterministic UUIDs
// (version 5): the same report gives the same UUIDs.
var oscalNamespace = uuid.MustParse("6f1c4a52-8b7e-4d0a-9c55-2f0e6b1d3a77")

// propNS is the namespace of attest's own OSCAL properties.
const propNS = "https://attest.dev/ns/oscal"

// OSCALControlID is the OSCAL control id (a token, which cannot start with
// a digit) of a control: SOC 2 ids in lower case (cc6.1), PCI DSS
// requirements prefixed with "req-" (req-3.5.1).
func OSCALControlID(framework, id string) string {
	if framework == attest.FrameworkPCIDSS {
		return "req-" + id
	}
	return strings.ToLower(id)
}

type oscalDoc struct {
	AR oscalAR `json:"assessment-results"`
}

type oscalAR struct {
	UUID     string        `json:"uuid"`
	Metadata oscalMetadata `json:"metadata"`
	ImportAP oscalImportAP `json:"import-ap"`
	Results  []oscalResult `json:"results"`
}

type oscalMetadata struct {
	Title        string      `json:"title"`
	LastModified string      `json:"last-modified"`
	Version      string      `json:"version"`
	OSCALVersion string      `json:"oscal-version"`
	Props        []oscalProp `json:"props,omitempty"`
	Remarks      string      `json:"remarks,omitempty"`
}

type oscalImportAP struct {
	Href    string `json:"href"`
	Remarks string `json:"remarks,omitempty"`
}

type oscalProp struct {
	Name  string `json:"name"`
	NS    string `json:"ns,omitempty"`
	Value string `json:"value"`
}

type oscalResult struct {
	UUID             string             `json:"uuid"`
	Title            string             `json:"title"`
	Description      string             `json:"description"`
	Start            string             `json:"start"`
	End              string             `json:"end"`
	Props            []oscalProp        `json:"props,omitempty"`
	ReviewedControls oscalReviewed      `json:"reviewed-controls"`
	Observations     []oscalObservation `json:"observations,omitempty"`
	Findings         []oscalFinding     `json:"findings,omitempty"`
}

type oscalReviewed struct {
	ControlSelections []oscalSelection `json:"control-selections"`
}

type oscalSelection struct {
	IncludeControls []oscalControlRef `json:"include-controls"`
}

type oscalControlRef struct {
	ControlID string `json:"control-id"`
}

type oscalObservation struct {
	UUID             string          `json:"uuid"`
	Title            string          `json:"title"`
	Description      string          `json:"description"`
	Props            []oscalProp     `json:"props,omitempty"`
	Methods          []string        `json:"methods"`
	Types            []string        `json:"types,omitempty"`
	RelevantEvidence []oscalEvidence `json:"relevant-evidence,omitempty"`
	Collected        string          `json:"collected"`
}

type oscalEvidence struct {
	Href        string `json:"href,omitempty"`
	Description string `json:"description"`
}

type oscalFinding struct {
	UUID                string             `json:"uuid"`
	Title               string             `json:"title"`
	Description         string             `json:"description"`
	Target              oscalTarget        `json:"target"`
	RelatedObservations []oscalRelatedObsv `json:"related-observations,omitempty"`
}

type oscalTarget struct {
	Type     string      `json:"type"`
	TargetID string      `json:"target-id"`
	Status   oscalStatus `json:"status"`
}

type oscalStatus struct {
	State  string `json:"state"`
	Reason string `json:"reason,omitempty"`
}

type oscalRelatedObsv struct {
	ObservationUUID string `json:"observation-uuid"`
}

func oscalTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// OSCAL writes the report as NIST OSCAL 1.1.3 assessment results (JSON):
// one result for the period, reviewing every control of the framework;
// per control, an observation of its days (counts, failing periods, the
// scans relied on, as relevant evidence) and a finding whose target is
// satisfied only when every day of the period passed. A control that
// failed, could not be decided or had no evidence on some day is
// not-satisfied, with that as the reason: nothing undecided is reported
// as satisfied. There is no assessment plan: import-ap names the
// framework's catalog instead.
func OSCAL(w io.Writer, r *Report) error {
	id := func(parts ...string) string {
		return uuid.NewSHA1(oscalNamespace, []byte(strings.Join(append([]string{r.Framework, day(r.From), day(r.To)}, parts...), "\x00"))).String()
	}
	res := oscalResult{
		UUID:        id("result"),
		Title:       r.Title(),
		Description: fmt.Sprintf("Daily control statuses of %s from %s to %s, derived by attest from uploaded scans%s.", r.Framework, day(r.From), day(r.LastDay()), map[bool]string{true: " and alerts", false: ""}[r.AlertsKnown]),
		Start:       oscalTime(r.From),
		End:         oscalTime(r.To),
	}
	if r.Checkpoint.Note != "" {
		res.Props = []oscalProp{
			{Name: "audit-log-origin", NS: propNS, Value: r.Checkpoint.Origin},
			{Name: "audit-log-size", NS: propNS, Value: strconv.FormatUint(r.Checkpoint.Size, 10)},
			{Name: "audit-log-root", NS: propNS, Value: r.Checkpoint.Root},
		}
	}
	sel := oscalSelection{}
	for _, c := range r.Controls {
		cid := OSCALControlID(r.Framework, c.ID)
		sel.IncludeControls = append(sel.IncludeControls, oscalControlRef{ControlID: cid})
		obs := oscalObservation{
			UUID:  id("observation", c.ID),
			Title: c.ID + ": " + c.Title,
			Description: fmt.Sprintf("Passing evidence on %d of %d days (%s); failing %d, incomplete %d, no evidence %d. Last day: %s.",
				c.DaysPass, r.Days, percent(c.PassShare), c.DaysFail, c.DaysIncomplete, c.DaysNoEvidence, c.Status),
			Methods:   []string{"TEST"},
			Types:     []string{"control-objective"},
			Collected: oscalTime(r.Generated),
			Props: []oscalProp{
				{Name: "days-pass", NS: propNS, Value: strconv.Itoa(c.DaysPass)},
				{Name: "days-fail", NS: propNS, Value: strconv.Itoa(c.DaysFail)},
				{Name: "days-incomplete", NS: propNS, Value: strconv.Itoa(c.DaysIncomplete)},
				{Name: "days-no-evidence", NS: propNS, Value: strconv.Itoa(c.DaysNoEvidence)},
			},
		}
		for _, rl := range c.Rules {
			obs.Props = append(obs.Props, oscalProp{Name: "rule", NS: propNS, Value: rl.ID})
		}
		for _, d := range c.Detections {
			obs.Props = append(obs.Props, oscalProp{Name: "detection", NS: propNS, Value: d.ID})
		}
		var lines []string
		for _, p := range c.Periods {
			lines = append(lines, fmt.Sprintf("%s from %s to %s (%d days): %s", p.Status, day(p.From), day(p.Last), p.Days, p.Outcome(r)))
		}
		if len(lines) > 0 {
			obs.Description += " Periods: " + strings.Join(lines, "; ") + "."
		}
		seen := map[int64]bool{}
		for _, p := range c.Periods {
			for _, e := range append(append([]int64{}, p.Evidence...), p.ResolvedBy...) {
				if !seen[e] {
					seen[e] = true
					obs.RelevantEvidence = append(obs.RelevantEvidence, oscalEvidence{
						Href: "evidence/" + strconv.FormatInt(e, 10), Description: r.scanName(e)})
				}
			}
		}
		state, reason := "satisfied", ""
		switch {
		case c.DaysFail > 0:
			state, reason = "not-satisfied", "failed"
		case c.DaysIncomplete > 0:
			state, reason = "not-satisfied", "incomplete"
		case c.DaysNoEvidence > 0:
			state, reason = "not-satisfied", "no-evidence"
		}
		res.Observations = append(res.Observations, obs)
		res.Findings = append(res.Findings, oscalFinding{
			UUID:        id("finding", c.ID),
			Title:       c.ID + ": " + c.Title,
			Description: obs.Description,
			Target: oscalTarget{Type: "objective-id", TargetID: cid,
				Status: oscalStatus{State: state, Reason: reason}},
			RelatedObservations: []oscalRelatedObsv{{ObservationUUID: obs.UUID}},
		})
	}
	res.ReviewedControls = oscalReviewed{ControlSelections: []oscalSelection{sel}}
	doc := oscalDoc{AR: oscalAR{
		UUID: id("assessment-results"),
		Metadata: oscalMetadata{
			Title:        r.Title(),
			LastModified: oscalTime(r.Generated),
			Version:      r.Generated.UTC().Format("2006-01-02T15:04:05Z"),
			OSCALVersion: OSCALVersion,
			Props:        []oscalProp{{Name: "framework", NS: propNS, Value: r.Framework}},
		},
		ImportAP: oscalImportAP{Href: "urn:attest:catalog:" + r.Framework,
			Remarks: "No assessment plan: the controls assessed are every control of the framework's catalog."},
		Results: []oscalResult{res},
	}}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("oscal report: %w", err)
	}
	return nil
}
