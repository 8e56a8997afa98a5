package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/catalog"
	"github.com/attest-dev/attest/detect"
	"github.com/attest-dev/attest/policy"
)

func init() { commands = append(commands, newRulesCmd, newControlsCmd) }

// coverageParams are the inputs of attest rules list and attest controls.
type coverageParams struct {
	Provider   string
	Frameworks []string
	Format     string
	RuleDirs   []string
	Detections []string
}

// coverageFormats are the output formats of both commands.
var coverageFormats = []string{"table", "json", "markdown"}

func (p *coverageParams) flags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&p.Provider, "provider", "", "only checks of `PROVIDER`: aws, gcp, azure, kubernetes, docker (rules), github, okta, falco (detections)")
	f.StringVar(&p.Format, "format", "table", "output `FORMAT`: table, json or markdown")
	f.StringArrayVar(&p.RuleDirs, "rules", nil, "also load Rego rules from `DIR` (repeatable)")
	f.StringArrayVar(&p.Detections, "detections", nil, "also load Sigma detections from `DIR` (repeatable)")
}

func (p *coverageParams) validate() error {
	if !slices.Contains(coverageFormats, p.Format) {
		return fmt.Errorf("unknown format %q (known: %s)", p.Format, strings.Join(coverageFormats, ", "))
	}
	for _, fw := range p.Frameworks {
		if fw != attest.FrameworkSOC2 && fw != attest.FrameworkPCIDSS {
			return fmt.Errorf("unknown framework %q (known: %s, %s)", fw, attest.FrameworkSOC2, attest.FrameworkPCIDSS)
		}
	}
	return nil
}

func newRulesCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "Work with the scan rules",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return &exitError{code: exitInput, err: fmt.Errorf("name a subcommand (see '%s --help')", cmd.CommandPath())}
		},
	}
	var p coverageParams
	list := &cobra.Command{
		Use:   "list [flags]",
		Short: "List the scan rules with their controls and formats",
		Long: `attest rules list prints every scan rule (the built-in library and those under
--rules) with its severity, provider, the input formats it reads and the SOC 2 and
PCI DSS v4.0 controls it supports. --provider and --framework narrow the list; a
rule is kept by --framework when it maps to at least one control of it.

Exit codes: 0 listed, 2 bad flags or a rule folder that does not compile.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := p.validate(); err != nil {
				return &exitError{code: exitInput, err: err}
			}
			return runRulesList(cmd.Context(), p, cmd.OutOrStdout())
		},
	}
	p.flags(list)
	list.Flags().StringSliceVar(&p.Frameworks, "framework", nil, "only rules mapped to `FRAMEWORK`: soc2 or pci-dss-4.0")
	cmd.AddCommand(list)
	return cmd
}

func newControlsCmd() *cobra.Command {
	var p coverageParams
	cmd := &cobra.Command{
		Use:   "controls [flags]",
		Short: "Show which controls the rules and detections support, and which need other evidence",
		Long: `attest controls prints each SOC 2 criterion or PCI DSS v4.0 requirement with the
scan rules and detections that support it, and a status:

  checked          at least one rule or detection maps to it
  checked-in-part  none maps to it, but some of its sub-requirements are checked
  other-evidence   no automated check can decide it: documents, tickets or sign-offs,
                   or a control normally inherited from the cloud provider (the why
                   column says which)
  not-checked      configuration or events could support it, but no check maps to it yet

--provider keeps only the checks of one provider, so the statuses say what a
team on that cloud gets. The table shows counts; markdown and json list the checks.

Exit codes: 0 printed, 2 bad flags or a rule folder that does not load.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := p.validate(); err != nil {
				return &exitError{code: exitInput, err: err}
			}
			return runControls(cmd.Context(), p, cmd.OutOrStdout())
		},
	}
	p.flags(cmd)
	cmd.Flags().StringSliceVar(&p.Frameworks, "framework", nil, "`FRAMEWORK` to show: soc2 or pci-dss-4.0 (default both)")
	return cmd
}

// loadChecks returns the scan rules and detections as catalog checks, the
// rules also as attest.Rule, narrowed to p.Provider.
func loadChecks(ctx context.Context, p coverageParams) ([]attest.Rule, []catalog.Check, error) {
	// Only the metadata is needed: without user rule folders nothing is compiled.
	eng, err := policy.Compile(ctx, policy.Options{Dirs: p.RuleDirs, Deferred: true})
	if err != nil {
		return nil, nil, err
	}
	var rules []attest.Rule
	var checks []catalog.Check
	for _, r := range eng.Rules() {
		if p.Provider != "" && r.Provider() != p.Provider {
			continue
		}
		rules = append(rules, r)
		checks = append(checks, catalog.Check{Kind: catalog.CheckRule, ID: r.ID, Title: r.Title,
			Severity: r.Severity, Provider: r.Provider(), Controls: r.Controls})
	}
	set, errs := loadRules(p.Detections)
	if len(errs) > 0 {
		return nil, nil, errorList(errs)
	}
	for _, d := range set.Rules {
		provider := d.Logsource.Product
		if provider == "" {
			provider = d.Logsource.Service
		}
		if p.Provider != "" && provider != p.Provider {
			continue
		}
		checks = append(checks, catalog.Check{Kind: catalog.CheckDetection, ID: d.Key(), Title: d.Title,
			Severity: detectionSeverity(d.Level), Provider: provider, Controls: d.Controls})
	}
	return rules, checks, nil
}

// detectionSeverity turns a Sigma level into an attest severity.
func detectionSeverity(level string) string {
	if level == detect.LevelInformational {
		return attest.SeverityInfo
	}
	return level
}

// errorList joins errors into one, one per line.
type errorList []error

func (es errorList) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

func runRulesList(ctx context.Context, p coverageParams, w io.Writer) error {
	rules, _, err := loadChecks(ctx, p)
	if err != nil {
		return &exitError{code: exitInput, err: err}
	}
	if len(p.Frameworks) > 0 {
		rules = slices.DeleteFunc(rules, func(r attest.Rule) bool {
			return !slices.ContainsFunc(p.Frameworks, func(fw string) bool { return len(r.Controls[fw]) > 0 })
		})
	}
	slices.SortFunc(rules, func(a, b attest.Rule) int { return strings.Compare(a.ID, b.ID) })
	switch p.Format {
	case "json":
		type row struct {
			attest.Rule
			Provider string   `json:"provider"`
			Formats  []string `json:"formats"`
		}
		rows := make([]row, len(rules))
		for i, r := range rules {
			rows[i] = row{Rule: r, Provider: r.Provider(), Formats: r.Formats()}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(rows)
	case "markdown":
		fmt.Fprintln(w, "| Rule | Severity | Provider | Formats | SOC 2 | PCI DSS 4.0 | Title |")
		fmt.Fprintln(w, "|---|---|---|---|---|---|---|")
		for _, r := range rules {
			fmt.Fprintf(w, "| `%s` | %s | %s | %s | %s | %s | %s |\n", r.ID, r.Severity, r.Provider(),
				strings.Join(r.Formats(), ", "), strings.Join(r.Controls[attest.FrameworkSOC2], ", "),
				strings.Join(r.Controls[attest.FrameworkPCIDSS], ", "), markdownCell(r.Title))
		}
		fmt.Fprintf(w, "\n%d rules\n", len(rules))
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tSEVERITY\tPROVIDER\tFORMATS\tSOC 2\tPCI DSS 4.0\tTITLE")
	for _, r := range rules {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.Severity, r.Provider(),
			strings.Join(r.Formats(), ","), strings.Join(r.Controls[attest.FrameworkSOC2], ","),
			strings.Join(r.Controls[attest.FrameworkPCIDSS], ","), r.Title)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%d rules\n", len(rules))
	return err
}

// markdownCell escapes the characters that would end a Markdown table cell.
func markdownCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}

func runControls(ctx context.Context, p coverageParams, w io.Writer) error {
	cats, err := catalog.Load()
	if err != nil {
		return err
	}
	_, checks, err := loadChecks(ctx, p)
	if err != nil {
		return &exitError{code: exitInput, err: err}
	}
	frameworks := p.Frameworks
	if len(frameworks) == 0 {
		frameworks = []string{attest.FrameworkSOC2, attest.FrameworkPCIDSS}
	}
	type frameworkCoverage struct {
		Framework string                    `json:"framework"`
		Version   string                    `json:"version"`
		Provider  string                    `json:"provider,omitempty"`
		Summary   map[string]int            `json:"summary"`
		Controls  []catalog.ControlCoverage `json:"controls"`
	}
	var all []frameworkCoverage
	for _, fw := range frameworks {
		cat := cats[fw]
		cov := cat.Coverage(checks)
		all = append(all, frameworkCoverage{Framework: fw, Version: cat.Version, Provider: p.Provider,
			Summary: catalog.CoverageSummary(cov), Controls: cov})
	}
	switch p.Format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(all)
	case "markdown":
		for _, fc := range all {
			fmt.Fprintf(w, "## %s %s\n\n%s\n\n", fc.Framework, fc.Version, coverageLine(fc.Summary, len(fc.Controls)))
			fmt.Fprintln(w, "| Control | Status | Rules | Detections | Title |")
			fmt.Fprintln(w, "|---|---|---|---|---|")
			for _, cc := range fc.Controls {
				rules, dets := checkIDs(cc.Checks)
				status := cc.Status
				if cc.Why != "" {
					status += ": " + cc.Why
				}
				fmt.Fprintf(w, "| %s | %s | %s | %s | %s |\n", cc.Control.ID, status, codeList(rules), codeList(dets), markdownCell(cc.Control.Title))
			}
			fmt.Fprintln(w)
		}
		return nil
	}
	for i, fc := range all {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%s %s: %s\n", fc.Framework, fc.Version, coverageLine(fc.Summary, len(fc.Controls)))
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "CONTROL\tSTATUS\tRULES\tDETECTIONS\tTITLE\tWHY")
		for _, cc := range fc.Controls {
			rules, dets := checkIDs(cc.Checks)
			fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\t%s\n", cc.Control.ID, cc.Status, len(rules), len(dets), cc.Control.Title, cc.Why)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}

// coverageLine sums up a framework's coverage in one sentence.
func coverageLine(n map[string]int, total int) string {
	return fmt.Sprintf("%d of %d controls checked, %d checked in part, %d need other evidence, %d not checked yet",
		n[catalog.CoverageChecked], total, n[catalog.CoverageViaParts], n[catalog.CoverageOtherEvidence], n[catalog.CoverageNotYet])
}

// checkIDs splits checks into rule ids and detection ids.
func checkIDs(checks []catalog.Check) (rules, detections []string) {
	for _, c := range checks {
		if c.Kind == catalog.CheckRule {
			rules = append(rules, c.ID)
		} else {
			detections = append(detections, c.ID)
		}
	}
	return rules, detections
}

func codeList(ids []string) string {
	if len(ids) == 0 {
		return ""
	}
	return "`" + strings.Join(ids, "`, `") + "`"
}
