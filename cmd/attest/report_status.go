package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/attest-dev/attest/evidence"
	"github.com/attest-dev/attest/report"
	"github.com/attest-dev/attest/report/status"
	"github.com/attest-dev/attest/scan"
	"github.com/spf13/cobra"
)

// reportStatusParams are the flags of `attest report status`.
type reportStatusParams struct {
	paths          []string
	format, output string
	scanReport     string
	title          string
	// now decides which exceptions have expired; zero means the current time.
	now time.Time
}

func newReportStatusCmd() *cobra.Command {
	var p reportStatusParams
	cmd := &cobra.Command{
		Use:   "status [flags] (PATH... | --scan-report FILE)",
		Short: "Write a compliance status page: compliant settings, known exceptions, extra steps",
		Long: `attest report status scans PATH (as attest scan does, with the .attest.yaml of the first
PATH) or reads an attest scan JSON report, and writes a status page in the layout of Opta's
compliance page, with a section per cloud provider, Kubernetes and container images:

  Compliant with these settings  the rules that passed on everything they checked, and the
                                 controls they support
  Known exceptions               the accepted risks of the register that waived something,
                                 with their justification, owner and expiry
  Extra steps                    the rules that fail, or could not be decided from the code
                                 and need a person to check the running system

Formats: markdown (default) or html.`,
		Example: `  attest report status examples/opta > examples/opta/STATUS.md
  attest scan --format json=scan.json infra/ && attest report status --scan-report scan.json --format html -o status.html`,
		RunE: func(cmd *cobra.Command, args []string) error {
			p.paths = args
			return runReportStatus(cmd.Context(), p, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.StringVarP(&p.format, "format", "f", "markdown", "markdown or html")
	f.StringVarP(&p.output, "output", "o", "", "write to `FILE` instead of stdout")
	f.StringVar(&p.scanReport, "scan-report", "", "read this attest scan JSON report instead of scanning")
	f.StringVar(&p.title, "title", "", "the page's title (default: \"Compliance status of\" and the paths)")
	return cmd
}

func runReportStatus(ctx context.Context, p reportStatusParams, stdout, stderr io.Writer) error {
	if (len(p.paths) == 0) == (p.scanReport == "") {
		return inputErr("report status: give PATHs to scan or --scan-report FILE, not both")
	}
	render, ok := map[string]func(io.Writer, *status.Page) error{"markdown": status.Markdown, "html": status.HTML}[p.format]
	if !ok {
		return inputErr("report status: --format %q: want markdown or html", p.format)
	}
	var rep *report.Report
	title := p.title
	if p.scanReport != "" {
		data, err := os.ReadFile(p.scanReport)
		if err != nil {
			return inputErr("report status: %w", err)
		}
		if rep, err = evidence.ParseScan(p.scanReport, data); err != nil {
			return &exitError{code: exitInput, err: err}
		}
		if title == "" {
			title = "Compliance status of " + strings.Join(rep.Roots, ", ")
		}
	} else {
		cfgPath := scan.ConfigFile
		if info, err := os.Stat(p.paths[0]); err == nil && info.IsDir() {
			cfgPath = filepath.Join(p.paths[0], scan.ConfigFile)
		}
		cfg, err := scan.LoadConfig(cfgPath, true)
		if err != nil {
			return &exitError{code: exitInput, err: err}
		}
		params := scan.Params{Paths: p.paths, Config: cfg, MaxInstances: 1000, Version: version,
			EnvVars: terraformEnv(os.Environ())}
		if !p.now.IsZero() {
			params.Now = func() time.Time { return p.now }
		}
		if rep, err = scan.Run(ctx, params); err != nil {
			return &exitError{code: exitInput, err: err}
		}
		for _, s := range rep.StaleExceptions {
			fmt.Fprintf(stderr, "%s: warning: stale exception for %s on %s: %s\n", s.Exception.Source, s.Exception.RuleID, s.Exception.Resource, s.Reason)
		}
		if title == "" {
			title = "Compliance status of " + strings.Join(p.paths, ", ")
		}
	}
	if rep.Summary.Errors > 0 {
		fmt.Fprintf(stderr, "attest: warning: %d input error(s): what was not read is not on the page\n", rep.Summary.Errors)
	}
	var buf bytes.Buffer
	if err := render(&buf, status.Build(title, rep)); err != nil {
		return err
	}
	if p.output == "" {
		_, err := stdout.Write(buf.Bytes())
		return err
	}
	if err := os.WriteFile(p.output, buf.Bytes(), 0o644); err != nil {
		return inputErr("report status: %w", err)
	}
	return nil
}
