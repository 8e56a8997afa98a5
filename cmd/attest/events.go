package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/detect"
	"github.com/attest-dev/attest/ingest/source"
	"github.com/attest-dev/attest/report/sarif"
	"github.com/spf13/cobra"
)

func init() { commands = append(commands, newEventsCmd) }

// eventsScanParams are the inputs of attest events scan.
type eventsScanParams struct {
	Files      []string
	Source     string
	Detections []string
	Format     string
	FailOn     string
	Now        func() time.Time
}

func newEventsCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "events",
		Short: "Work with security event files offline",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return &exitError{code: exitInput, err: fmt.Errorf("name a subcommand (see '%s --help')", cmd.CommandPath())}
		},
	}
	p := eventsScanParams{Now: time.Now}
	scan := &cobra.Command{
		Use:   "scan [flags] FILE...",
		Short: "Run the detections over event files and print the alerts",
		Long: `attest events scan reads event payloads from files, as the ingest endpoints of
attest serve read them (CloudTrail log files as delivered to S3, gzip included,
single records and EventBridge events; Kubernetes audit Event, EventList and the
JSON lines log of kube-apiserver; Falco JSON alerts, one a line or an array;
GitHub and Okta audit records), runs the built-in detections and those under
--detections over them in event-time order, and prints one alert per rule and
group (the correlation's group-by fields, else actor and target).

The source of each file is recognised from its first record unless --source
names it (cloudtrail, k8s-audit, falco, github, okta).

Exit codes: 0 no alert at or above --fail-on, 1 some alert is, 2 a file or a
rule could not be read (every problem is printed; the rest still runs).`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p.Files = args
			return runEventsScan(cmd.Context(), p, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	scan.Flags().StringVar(&p.Source, "source", "", "source of every file: "+strings.Join(source.Names, ", ")+" (default: recognised per file)")
	scan.Flags().StringSliceVar(&p.Detections, "detections", nil, "folder of Sigma rules to run besides the built-in ones (repeatable)")
	scan.Flags().StringVar(&p.Format, "format", "table", "output format: table, json or sarif")
	scan.Flags().StringVar(&p.FailOn, "fail-on", detect.LevelLow, "exit 1 when an alert is at or above this level: informational, low, medium, high, critical")
	cmd.AddCommand(scan)
	return cmd
}

var levelRank = map[string]int{detect.LevelInformational: 0, detect.LevelLow: 1, detect.LevelMedium: 2, detect.LevelHigh: 3, detect.LevelCritical: 4}

// loadRules loads the built-in rules and the rules under dirs. Rules that
// do not load are returned as errors beside the rules that did.
func loadRules(dirs []string) (*detect.RuleSet, []error) {
	set, err := detect.LoadBuiltin()
	if err != nil {
		return nil, []error{fmt.Errorf("built-in detections: %w", err)}
	}
	rules := set.Rules
	var errs []error
	for _, dir := range dirs {
		if _, err := os.Stat(dir); err != nil {
			errs = append(errs, err)
			continue
		}
		extra, es := detect.LoadFS(os.DirFS(dir), ".")
		for _, e := range es {
			var le *detect.LoadError
			if errors.As(e, &le) {
				le.File = filepath.Join(dir, le.File)
			}
			errs = append(errs, e)
		}
		rules = append(rules, extra.Rules...)
	}
	all, es := detect.NewRuleSet(rules)
	return all, append(errs, es...)
}

// scanEvent is an event with the file it came from.
type scanEvent struct {
	ev   *attest.Event
	file string
}

// alert is the matches of one rule and group.
type alert struct {
	Rule      string              `json:"rule"`
	Title     string              `json:"title"`
	Level     string              `json:"level"`
	Controls  map[string][]string `json:"controls,omitempty"`
	Response  string              `json:"response,omitempty"`
	Group     string              `json:"group"`
	Count     int                 `json:"count"`
	FirstSeen time.Time           `json:"first_seen"`
	LastSeen  time.Time           `json:"last_seen"`
	Events    []alertEvent        `json:"events"`

	rule *detect.Rule
}

type alertEvent struct {
	File       string    `json:"file"`
	Seq        int64     `json:"seq"`
	ExternalID string    `json:"external_id,omitempty"`
	Time       time.Time `json:"time"`
	Actor      string    `json:"actor,omitempty"`
	Action     string    `json:"action,omitempty"`
	Target     string    `json:"target,omitempty"`
}

func runEventsScan(ctx context.Context, p eventsScanParams, stdout, stderr io.Writer) error {
	if _, ok := levelRank[p.FailOn]; !ok {
		return &exitError{code: exitInput, err: fmt.Errorf("--fail-on %q: want informational, low, medium, high or critical", p.FailOn)}
	}
	switch p.Format {
	case "table", "json", "sarif":
	default:
		return &exitError{code: exitInput, err: fmt.Errorf("--format %q: want table, json or sarif", p.Format)}
	}
	set, problems := loadRules(p.Detections)
	if set == nil {
		return &exitError{code: exitInput, err: problems[0]}
	}
	var events []scanEvent
	for _, f := range p.Files {
		if err := ctx.Err(); err != nil {
			return err
		}
		body, err := os.ReadFile(f)
		if err != nil {
			problems = append(problems, err)
			continue
		}
		evs, err := source.Read(p.Source, body)
		if err != nil {
			problems = append(problems, fmt.Errorf("%s: %s", f, errorText(err)))
			continue
		}
		for _, ev := range evs {
			events = append(events, scanEvent{ev: ev, file: f})
		}
	}
	// Correlation windows run on event time; files need not be in order.
	sort.SliceStable(events, func(i, j int) bool { return events[i].ev.Time.Before(events[j].ev.Time) })
	eng := detect.NewEngine(set, detect.Options{Now: p.Now})
	byKey := map[string]*alert{}
	var alerts []*alert
	for i, se := range events {
		se.ev.Seq = int64(i)
		se.ev.Received = p.Now()
		for _, m := range eng.Evaluate(se.ev) {
			key := m.Rule.Key() + "\x00" + m.Group
			a := byKey[key]
			if a == nil {
				a = &alert{Rule: m.Rule.Key(), Title: m.Rule.Title, Level: m.Rule.Level, Controls: m.Rule.Controls, Response: strings.TrimSpace(m.Rule.Response), Group: m.Group, rule: m.Rule}
				byKey[key] = a
				alerts = append(alerts, a)
			}
			a.Count++
			for _, seq := range m.Seqs {
				if slices.ContainsFunc(a.Events, func(e alertEvent) bool { return e.Seq == seq }) {
					continue
				}
				ev := events[seq].ev
				a.Events = append(a.Events, alertEvent{File: events[seq].file, Seq: seq, ExternalID: ev.ExternalID, Time: ev.Time, Actor: ev.Actor, Action: ev.Action, Target: ev.Target})
				if a.FirstSeen.IsZero() || ev.Time.Before(a.FirstSeen) {
					a.FirstSeen = ev.Time
				}
				if ev.Time.After(a.LastSeen) {
					a.LastSeen = ev.Time
				}
			}
		}
	}
	sort.SliceStable(alerts, func(i, j int) bool { return levelRank[alerts[i].Level] > levelRank[alerts[j].Level] })
	for _, e := range problems {
		fmt.Fprintln(stderr, "attest:", errorText(e))
	}
	var err error
	switch p.Format {
	case "json":
		err = writeAlertsJSON(stdout, alerts, len(events))
	case "sarif":
		err = writeAlertsSARIF(stdout, alerts)
	default:
		err = writeAlertsTable(stdout, alerts, len(events))
	}
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return &exitError{code: exitInput}
	}
	for _, a := range alerts {
		if levelRank[a.Level] >= levelRank[p.FailOn] {
			return &exitError{code: exitFindings}
		}
	}
	return nil
}

func writeAlertsTable(w io.Writer, alerts []*alert, events int) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "LEVEL\tRULE\tCOUNT\tEVENTS\tFIRST SEEN\tACTOR\tTARGET")
	for _, a := range alerts {
		first := a.Events[0]
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\t%s\t%s\n", a.Level, a.Rule, a.Count, len(a.Events), a.FirstSeen.UTC().Format(time.RFC3339), first.Actor, first.Target)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\n%d alerts from %d events\n", len(alerts), events)
	return err
}

func writeAlertsJSON(w io.Writer, alerts []*alert, events int) error {
	if alerts == nil {
		alerts = []*alert{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		Events int      `json:"events"`
		Alerts []*alert `json:"alerts"`
	}{events, alerts})
}

// sarifLevel maps a Sigma level to a SARIF level and a security-severity.
func sarifLevel(level string) (string, string) {
	switch level {
	case detect.LevelCritical:
		return "error", "9.5"
	case detect.LevelHigh:
		return "error", "8.0"
	case detect.LevelMedium:
		return "warning", "5.5"
	case detect.LevelLow:
		return "note", "3.0"
	}
	return "note", "1.0"
}

func writeAlertsSARIF(w io.Writer, alerts []*alert) error {
	run := sarif.Run{Tool: sarif.Tool{Driver: sarif.Driver{Name: "attest", InformationURI: "https://github.com/attest-dev/attest", Rules: []sarif.Rule{}}}, Results: []sarif.Result{}}
	index := map[string]int{}
	for _, a := range alerts {
		i, ok := index[a.Rule]
		if !ok {
			lvl, score := sarifLevel(a.Level)
			var tags []string
			for fw, ids := range a.Controls {
				for _, id := range ids {
					tags = append(tags, fw+":"+id)
				}
			}
			sort.Strings(tags)
			i = len(run.Tool.Driver.Rules)
			index[a.Rule] = i
			run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarif.Rule{
				ID: a.Rule, Name: a.Rule,
				ShortDescription:     sarif.Message{Text: a.Title},
				FullDescription:      sarif.Message{Text: strings.TrimSpace(a.rule.Description)},
				Help:                 sarif.Message{Text: a.Response},
				DefaultConfiguration: &sarif.Configuration{Level: lvl},
				Properties:           sarif.RuleProperties{SecuritySeverity: score, Severity: a.Level, Tags: append(tags, "security")},
			})
		}
		lvl, _ := sarifLevel(a.Level)
		var locs []sarif.Location
		seen := map[string]bool{}
		for _, e := range a.Events {
			if !seen[e.File] {
				seen[e.File] = true
				locs = append(locs, sarif.Location{PhysicalLocation: sarif.PhysicalLocation{ArtifactLocation: sarif.ArtifactLocation{URI: e.File}}})
			}
		}
		run.Results = append(run.Results, sarif.Result{
			RuleID: a.Rule, RuleIndex: i, Level: lvl,
			Message:             sarif.Message{Text: fmt.Sprintf("%s: %d match(es), %s", a.Title, a.Count, a.Group)},
			Locations:           locs,
			PartialFingerprints: map[string]string{"attestAlert/v1": a.Rule + "/" + a.Group},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarif.Log{Schema: sarif.SchemaURI, Version: sarif.Version, Runs: []sarif.Run{run}})
}
