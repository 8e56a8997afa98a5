package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/report"
	"github.com/attest-dev/attest/scan"
	"github.com/spf13/cobra"
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
	only         []string
	exclude      []string
	vars         []string
	varFiles     []string
	configPath   string
	maxInstances int
	verbose      bool
	root         string
	workspace    string
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
other directory calls as a module), tfplan.json / plan.json / *.tfplan.json and *.tfstate.

Exit codes: 0 nothing at or above --fail-on fails; 1 something does; 2 usage or input error
(a file that did not parse, a path that cannot be read, a module that is missing).

Project settings and the exceptions register live in .attest.yaml at the scanned root
(see README). Inline waivers: '# attest:ignore RULE-ID reason="..." expires=YYYY-MM-DD'
on or above a resource.`,
		Example: `  attest scan examples/aws-web
  attest scan --framework soc2 --fail-on critical infra/
  attest scan --format sarif=attest.sarif --format table .
  terraform show -json plan.out > plan.json && attest scan plan.json`,
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
	f.StringArrayVar(&p.only, "rule", nil, "run only the rule with this `ID` (repeatable)")
	f.StringArrayVar(&p.exclude, "skip-rule", nil, "do not run the rule with this `ID` (repeatable)")
	f.StringArrayVar(&p.vars, "var", nil, "set a Terraform variable, `NAME=VALUE` (repeatable)")
	f.StringArrayVar(&p.varFiles, "var-file", nil, "read Terraform variables from `FILE` (repeatable)")
	f.StringVar(&p.configPath, "config", "", "project configuration `FILE` (default .attest.yaml in the first PATH)")
	f.IntVar(&p.maxInstances, "max-instances", 1000, "cap on count/for_each instances evaluated per resource block; more are reported")
	f.BoolVarP(&p.verbose, "verbose", "v", false, "print each input as it is loaded to stderr")
	f.StringVar(&p.root, "root", "", "let file() and local module sources read anywhere under `DIR` (default: the git repository of each PATH, or PATH itself outside one)")
	f.StringVar(&p.workspace, "workspace", "", "value of terraform.workspace, `NAME` (default $TF_WORKSPACE; unknown when neither is set)")
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
	cfg.Rules.Dirs = append(cfg.Rules.Dirs, p.ruleDirs...)
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

	environ := os.Environ()
	params := scan.Params{
		Paths: p.paths, Config: cfg, MaxInstances: p.maxInstances, Version: version,
		EnvVars: terraformEnv(environ), Root: p.root, Workspace: p.workspace,
	}
	if params.Workspace == "" {
		params.Workspace = envValue(environ, "TF_WORKSPACE")
	}
	if p.root != "" {
		if info, err := os.Stat(p.root); err != nil || !info.IsDir() {
			return usage(fmt.Errorf("--root %s: not a directory", p.root))
		}
	}
	if p.verbose {
		params.Progress = stderr
	}
	rep, err := scan.Run(ctx, params)
	if err != nil {
		return usage(err)
	}

	for _, o := range outs {
		if err := writeOutput(o, rep, stdout); err != nil {
			return usage(err)
		}
	}
	// Input problems go to stderr too when stdout carries a machine format.
	if rep.Summary.Errors > 0 && !slices.ContainsFunc(outs, func(o output) bool { return o.path == "" && o.format == "table" }) {
		for _, d := range rep.Diagnostics {
			fmt.Fprintln(stderr, d)
		}
	}
	switch {
	case rep.Summary.Errors > 0:
		return &exitError{code: exitInput, err: fmt.Errorf("%d input error(s); the rest was scanned", rep.Summary.Errors)}
	case rep.FailsThreshold():
		return &exitError{code: exitFindings}
	}
	return nil
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
