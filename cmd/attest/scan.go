package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/report"
	"github.com/attest-dev/attest/scan"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

func init() { commands = append(commands, newScanCmd) }

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// scanParams are the flags of `attest scan`.
type scanParams struct {
	paths        []string
	formats      []string
	failOn       string
	frameworks   []string
	ruleDirs     []string
	ruleNetwork  bool
	only         []string
	exclude      []string
	vars         []string
	varFiles     []string
	configPath   string
	maxInstances int
	verbose      bool
	strict       bool
	baseline     string
	root         string
	workspace    string
	formatOnly   []string
	cfnParams    []string
	cfnParamFile []string
	buildArgs    []string
	helmValues   []string
	helmSet      []string
	upload       uploadParams
}

func newScanCmd() *cobra.Command {
	var p scanParams
	cmd := &cobra.Command{
		Use:   "scan [flags] PATH...",
		Short: "Check infrastructure code against SOC 2 and PCI DSS rules",
		Long: `Scan Terraform configurations (HCL with variables, modules, count and for_each),
Terraform plan JSON ('terraform show -json') and state files against attest's rule library
and your own rules. Every rule maps to SOC 2 criteria and PCI DSS v4.0 requirements; passes
are kept as evidence alongside failures.

Terraform variables come, weakest first, from defaults, TF_VAR_name environment variables,
terraform.tfvars, *.auto.tfvars, --var-file (and var_files in .attest.yaml), variables in
.attest.yaml, and --var. A root module that does not declare one of them ignores it (one
warning names it). terraform.workspace is --workspace or $TF_WORKSPACE, unknown otherwise.

The code scanned is untrusted: file(), templatefile() and the other file functions, and
local module sources, read only inside the git repository of each PATH (or PATH itself
outside a repository); --root DIR widens that. Anything else is an input error.

A directory is searched for Terraform root modules (each directory of .tf files that no
other directory calls as a module), tfplan.json / plan.json / *.tfplan.json and *.tfstate,
and for files of the other formats, recognised by content: CloudFormation and SAM templates
(YAML or JSON declaring AWSTemplateFormatVersion, or Resources of AWS:: types).
--format-only restricts the scan to some formats.

CloudFormation parameters come, weakest first, from their defaults, --cfn-params files
and --cfn-param; pseudo parameters (AWS::Region, AWS::AccountId, ...) are unknown unless
given with --cfn-param. A resource whose Condition is false is not scanned; one whose
Condition cannot be decided is scanned, with a warning.

Dockerfiles read their build arguments as docker build does: --build-arg NAME=VALUE
overrides the default of the ARG of that name; a value that depends on an ARG with neither
a default nor a --build-arg is unknown, and so are the rules' verdicts that depend on it.

--upload URL also sends the JSON report to the evidence store of attest serve (a token with
evidence scope: --token or $ATTEST_TOKEN), with the repository, commit, branch and pipeline of
the flags or, when not given, of the CI run (GitHub Actions, GitLab CI). A failed upload exits 2.

Exit codes: 0 nothing at or above --fail-on fails; 1 something does; 2 usage or input error
(a file that did not parse, a path that cannot be read, a folder with nothing to scan, bad
flags or config) or a rule whose evaluation failed on a resource (an error finding; the rest
is still scanned). Coverage gaps (a count or for_each known only at apply time, a registry
module that terraform init has not downloaded, a capped expansion) and unknown findings at or
above --fail-on (a check whose value is known only at apply time: it could be a failure) are
listed and make the result INCOMPLETE rather than PASS, but keep the exit code about findings
unless --strict (or strict: true in .attest.yaml) makes them exit 2. With --baseline, failures that an
earlier JSON report already had are shown as known and do not exit 1.

Rules are compiled without the built-ins that reach the network or the host (http.send,
net.lookup_ip_addr, opa.runtime, json.match_schema, json.verify_schema): a rule that calls
one does not compile. --allow-rule-network lets the rules of --rules folders call them; the
rule folders of .attest.yaml, which the scanned repository controls, never may.

Project settings and the exceptions register live in .attest.yaml at the scanned root
(see README). Inline waivers: '# attest:ignore RULE-ID reason="..." expires=YYYY-MM-DD'
on, above or inside a resource block; they name one rule (a wildcard belongs in the register,
with an owner), and those in downloaded modules (.terraform/modules) are ignored.

Memory: a scan runs Go's garbage collector at GOGC=400 (a heap up to five times the live
data, for about a tenth less CPU time) under a soft memory limit of half the memory the
process may still use (MemAvailable, or what its cgroup leaves if less). GOGC in the
environment replaces this policy; GOMEMLIMIT replaces the limit. On Linux, where transparent
huge pages are set to madvise, the scan also marks an eighth of that memory (at most 2 GiB)
of its heap for 2 MiB pages, without touching it: far fewer page faults and TLB misses as
the heap grows, for about a quarter less CPU time on large scans. ATTEST_HUGEPAGES=0 (or
GODEBUG=disablethp=1) turns that off.`,
		Example: `  attest scan examples/aws-web
  attest scan --framework soc2 --fail-on critical infra/
  attest scan --format sarif=attest.sarif --format table .
  terraform show -json plan.out > plan.json && attest scan plan.json
  attest scan --cfn-param Env=prod --cfn-param AWS::Region=eu-west-1 examples/aws-cfn
  attest scan --format-only cloudformation infra/
  attest scan --build-arg BASE_IMAGE=python:3.12-slim examples/docker
  ATTEST_TOKEN=att_... attest scan --upload https://attest.example.com --framework soc2 infra/`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p.paths = args
			return runScan(cmd.Context(), p, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.StringArrayVarP(&p.formats, "format", "f", nil, "output `FORMAT[=PATH]`: "+strings.Join(report.Formats(), ", ")+" (repeatable; default table on stdout)")
	f.StringVar(&p.failOn, "fail-on", "", "lowest `SEVERITY` whose failures exit 1: critical, high, medium, low, info, or none (default high)")
	f.StringArrayVar(&p.frameworks, "framework", nil, "select rules of and summarise by `FRAMEWORK`: soc2, pci-dss-4.0 (repeatable)")
	f.StringArrayVar(&p.ruleDirs, "rules", nil, "also load Rego rules from `DIR` (repeatable)")
	f.BoolVar(&p.ruleNetwork, "allow-rule-network", false, "let the rules of --rules folders (never those of .attest.yaml) call http.send and other built-ins that reach the network or the host")
	f.StringArrayVar(&p.only, "rule", nil, "run only the rule with this `ID` (repeatable)")
	f.StringArrayVar(&p.exclude, "skip-rule", nil, "do not run the rule with this `ID` (repeatable)")
	f.StringArrayVar(&p.vars, "var", nil, "set a Terraform variable, `NAME=VALUE` (repeatable)")
	f.StringArrayVar(&p.varFiles, "var-file", nil, "read Terraform variables from `FILE` (repeatable)")
	f.StringVar(&p.configPath, "config", "", "project configuration `FILE` (default .attest.yaml in the first PATH)")
	f.IntVar(&p.maxInstances, "max-instances", 1000, "cap on count/for_each instances evaluated per resource block; more are reported")
	f.BoolVarP(&p.verbose, "verbose", "v", false, "print each input as it is loaded to stderr")
	f.BoolVar(&p.strict, "strict", false, "exit 2 when coverage gaps or unknown findings at or above --fail-on leave part of the input undecided")
	f.StringVar(&p.baseline, "baseline", "", "JSON report `FILE` of an earlier scan: only failures it does not have fail the scan")
	f.StringVar(&p.root, "root", "", "let file() and local module sources read anywhere under `DIR` (default: the git repository of each PATH, or PATH itself outside one)")
	f.StringVar(&p.workspace, "workspace", "", "value of terraform.workspace, `NAME` (default $TF_WORKSPACE; unknown when neither is set)")
	f.StringSliceVar(&p.formatOnly, "format-only", nil, "scan only inputs of these input `FORMATS`, comma-separated: terraform, terraform-plan, terraform-state, cloudformation, ... (default all)")
	f.StringArrayVar(&p.cfnParams, "cfn-param", nil, "set a CloudFormation parameter or pseudo parameter (AWS::Region), `NAME=VALUE` (repeatable)")
	f.StringArrayVar(&p.cfnParamFile, "cfn-params", nil, "read CloudFormation parameters from `FILE`: [{\"ParameterKey\": ..., \"ParameterValue\": ...}] or {\"Parameters\": {...}} (repeatable)")
	f.StringArrayVar(&p.buildArgs, "build-arg", nil, "set a Dockerfile build argument for every Dockerfile, `NAME=VALUE`, as docker build --build-arg (repeatable)")
	f.StringArrayVar(&p.helmValues, "helm-values", nil, "render every Helm chart with this values `FILE` too, as helm -f (repeatable)")
	f.StringArrayVar(&p.helmSet, "helm-set", nil, "set Helm chart values, `KEY=VALUE[,KEY=VALUE]`, as helm --set (repeatable)")
	p.upload.register(f, false)
	return cmd
}

// output is one requested rendering: a format and where it goes ("" for stdout).
type output struct {
	format string
	path   string
	render report.Renderer
}

func parseOutputs(formats []string) ([]output, error) {
	if len(formats) == 0 {
		formats = []string{"table"}
	}
	var outs []output
	stdout := 0
	for _, f := range formats {
		name, path, _ := strings.Cut(f, "=")
		r, ok := report.Lookup(name)
		if !ok {
			return nil, fmt.Errorf("unknown format %q (known: %s)", name, strings.Join(report.Formats(), ", "))
		}
		if path == "" || path == "-" {
			path = ""
			stdout++
		}
		outs = append(outs, output{format: name, path: path, render: r})
	}
	if stdout > 1 {
		return nil, fmt.Errorf("only one --format may write to stdout; give the others a path (FORMAT=PATH)")
	}
	return outs, nil
}

func runScan(ctx context.Context, p scanParams, stdout, stderr io.Writer) error {
	usage := func(err error) error { return &exitError{code: exitInput, err: err} }
	outs, err := parseOutputs(p.formats)
	if err != nil {
		return usage(err)
	}
	environ := os.Environ()
	defer scanGC(environ, os.DirFS("/"))()
	hugeHeap(environ, os.DirFS("/"))
	up := p.upload.withDefaults(func(k string) string { return envValue(environ, k) })
	if err := up.check(); err != nil {
		return usage(err)
	}

	cfgPath, optional := p.configPath, false
	if cfgPath == "" {
		optional = true
		cfgPath = scan.ConfigFile
		if info, err := os.Stat(p.paths[0]); err == nil && info.IsDir() {
			cfgPath = filepath.Join(p.paths[0], scan.ConfigFile)
		}
	}
	cfg, err := scan.LoadConfig(cfgPath, optional)
	if err != nil {
		return usage(err)
	}
	// Flags override the file.
	if p.failOn != "" {
		if p.failOn != report.FailOnNone && attest.SeverityRank(p.failOn) == 0 {
			return usage(fmt.Errorf("--fail-on %q: want one of %s, or none", p.failOn, strings.Join(attest.Severities, ", ")))
		}
		cfg.FailOn = p.failOn
	}
	if len(p.frameworks) > 0 {
		for _, fw := range p.frameworks {
			if fw != attest.FrameworkSOC2 && fw != attest.FrameworkPCIDSS {
				return usage(fmt.Errorf("--framework %q: want %s or %s", fw, attest.FrameworkSOC2, attest.FrameworkPCIDSS))
			}
		}
		cfg.Frameworks = p.frameworks
	}
	if p.ruleNetwork && len(p.ruleDirs) == 0 {
		return usage(fmt.Errorf("--allow-rule-network applies to the rules of --rules folders; give one"))
	}
	if len(p.only) > 0 {
		cfg.Rules.Only = p.only
	}
	cfg.Rules.Exclude = append(cfg.Rules.Exclude, p.exclude...)
	cfg.VarFiles = append(cfg.VarFiles, p.varFiles...)
	for _, v := range p.vars {
		name, value, ok := strings.Cut(v, "=")
		if !ok || name == "" {
			return usage(fmt.Errorf("--var %q: want NAME=VALUE", v))
		}
		if cfg.Variables == nil {
			cfg.Variables = map[string]string{}
		}
		cfg.Variables[name] = value
	}

	if p.strict {
		cfg.Strict = true
	}

	params := scan.Params{
		Paths: p.paths, Config: cfg, RuleDirs: p.ruleDirs, AllowRuleNetwork: p.ruleNetwork,
		MaxInstances: p.maxInstances, Version: version,
		EnvVars: terraformEnv(environ), Root: p.root, Workspace: p.workspace,
		HelmValues: p.helmValues, HelmSet: p.helmSet,
	}
	params.FormatOnly, params.CFNParamFiles = p.formatOnly, p.cfnParamFile
	for _, v := range p.cfnParams {
		name, value, ok := strings.Cut(v, "=")
		if !ok || name == "" {
			return usage(fmt.Errorf("--cfn-param %q: want NAME=VALUE", v))
		}
		if params.CFNParams == nil {
			params.CFNParams = map[string]string{}
		}
		params.CFNParams[name] = value
	}
	for _, v := range p.buildArgs {
		name, value, ok := strings.Cut(v, "=")
		if !ok || name == "" {
			return usage(fmt.Errorf("--build-arg %q: want NAME=VALUE", v))
		}
		if params.BuildArgs == nil {
			params.BuildArgs = map[string]string{}
		}
		params.BuildArgs[name] = value
	}
	if params.Workspace == "" {
		params.Workspace = envValue(environ, "TF_WORKSPACE")
	}
	if p.root != "" {
		if info, err := os.Stat(p.root); err != nil || !info.IsDir() {
			return usage(fmt.Errorf("--root %s: not a directory", p.root))
		}
	}
	if p.baseline != "" {
		b, err := scan.LoadBaseline(p.baseline)
		if err != nil {
			return usage(err)
		}
		params.Baseline = b
	}
	if p.verbose {
		params.Progress = stderr
	}
	var prog *progress
	if !p.verbose && isTerminal(stderr) {
		prog = startProgress(stderr, time.Second)
		params.OnLoad = prog.loaded
	}
	rep, err := scan.Run(ctx, params)
	if prog != nil {
		prog.stop()
	}
	if err != nil {
		return usage(err)
	}

	for _, o := range outs {
		if err := writeOutput(o, rep, stdout); err != nil {
			return usage(err)
		}
	}
	if up.url != "" {
		var buf bytes.Buffer
		if err := report.JSON(&buf, rep); err != nil {
			return usage(err)
		}
		e, err := upload(ctx, up, attest.EvidenceScan, buf.Bytes())
		if err != nil {
			return usage(err)
		}
		reportUpload(stderr, e)
	}
	// Input errors, coverage gaps and stale exceptions go to stderr too
	// when stdout carries no table.
	if !slices.ContainsFunc(outs, func(o output) bool { return o.path == "" && o.format == "table" }) {
		for _, d := range rep.Diagnostics {
			if d.Severity == attest.DiagError || d.Severity == attest.DiagGap {
				fmt.Fprintln(stderr, report.DiagnosticLine(d))
			}
		}
		for _, s := range rep.StaleExceptions {
			fmt.Fprintf(stderr, "%s: warning: stale exception for %s on %s: %s\n", s.Exception.Source, s.Exception.RuleID, s.Exception.Resource, s.Reason)
		}
	}
	return scanExit(rep)
}

// scanExit turns the report into the exit status: 2 for input errors (and
// for coverage gaps and unknowns at the threshold when strict), else 1 when a failure that the baseline
// does not know is at or above the threshold, else 0.
func scanExit(rep *report.Report) error {
	switch {
	case rep.Summary.Errors > 0:
		return &exitError{code: exitInput, err: fmt.Errorf("%d input error(s); the rest was scanned", rep.Summary.Errors)}
	case rep.Summary.RuleErrors > 0:
		return &exitError{code: exitInput, err: fmt.Errorf("%d rule evaluation error(s); the rest was scanned", rep.Summary.RuleErrors)}
	case rep.Strict && rep.Summary.Gaps > 0:
		return &exitError{code: exitInput, err: fmt.Errorf("%d coverage gap(s) and the scan is strict", rep.Summary.Gaps)}
	case rep.Strict && rep.UndecidedAtThreshold() > 0:
		return &exitError{code: exitInput, err: fmt.Errorf("%d unknown finding(s) at or above --fail-on and the scan is strict", rep.UndecidedAtThreshold())}
	case rep.FailsThreshold():
		return &exitError{code: exitFindings}
	}
	return nil
}

// isTerminal reports whether w is a terminal, where a progress line helps
// rather than litters a CI log.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// progress shows, on one rewritten line of a terminal, how far a scan has
// got, once it has run longer than a delay: a quick scan prints nothing.
type progress struct {
	w           io.Writer
	timer       *time.Timer
	mu          sync.Mutex
	done, total int
	shown       bool
	stopped     bool
}

// startProgress starts the clock: the line appears after delay.
func startProgress(w io.Writer, delay time.Duration) *progress {
	p := &progress{w: w}
	p.timer = time.AfterFunc(delay, p.show)
	return p
}

// show makes the line appear; the timer calls it.
func (p *progress) show() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopped {
		return
	}
	p.shown = true
	p.print()
}

// loaded is scan.Params.OnLoad.
func (p *progress) loaded(done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done, p.total = done, total
	if p.shown && !p.stopped {
		p.print()
	}
}

func (p *progress) print() {
	msg := "attest: scanning"
	switch {
	case p.total > 0 && p.done == p.total:
		msg = fmt.Sprintf("attest: loaded %d of %d inputs, evaluating rules", p.done, p.total)
	case p.total > 0:
		msg = fmt.Sprintf("attest: loaded %d of %d inputs", p.done, p.total)
	}
	fmt.Fprintf(p.w, "\r\x1b[K%s", msg)
}

// stop erases the line, if it was shown, before the results are written.
func (p *progress) stop() {
	p.timer.Stop()
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stopped = true
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}

// terraformEnv returns the Terraform variables set in the environment as
// TF_VAR_name=value, by name, the way Terraform itself reads them.
func terraformEnv(environ []string) map[string]string {
	vars := map[string]string{}
	for _, kv := range environ {
		k, v, ok := strings.Cut(kv, "=")
		if name, found := strings.CutPrefix(k, "TF_VAR_"); ok && found && name != "" {
			vars[name] = v
		}
	}
	return vars
}

// envValue returns the value of the variable name in environ, "" when unset.
func envValue(environ []string, name string) string {
	for _, kv := range environ {
		if k, v, ok := strings.Cut(kv, "="); ok && k == name {
			return v
		}
	}
	return ""
}

func writeOutput(o output, rep *report.Report, stdout io.Writer) error {
	if o.path == "" {
		return o.render(stdout, rep)
	}
	f, err := os.Create(o.path)
	if err != nil {
		return fmt.Errorf("write %s output: %w", o.format, err)
	}
	if err := o.render(f, rep); err != nil {
		f.Close()
		return fmt.Errorf("write %s output to %s: %w", o.format, o.path, err)
	}
	return f.Close()
}
