package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/evidence"
	attesthttp "github.com/attest-dev/attest/http"
	"github.com/attest-dev/attest/report/auditor"
	"github.com/spf13/cobra"
)

func init() { commands = append(commands, newReportCmd) }

// reportParams are the flags of `attest report`.
type reportParams struct {
	framework, from, to, format, output string
	db, server, token                   string
	chromium                            string
	// now is the clock; zero means the current time.
	now time.Time
}

// reportFormats are the formats of `attest report`, in the order listed.
var reportFormats = []string{"markdown", "html", "csv", "oscal", "pdf"}

func newReportCmd() *cobra.Command {
	var p reportParams
	cmd := &cobra.Command{
		Use:   "report --framework FRAMEWORK --from DATE [--to DATE] (--db PATH | --server URL --token T)",
		Short: "Write the auditor's report of a SOC 2 or PCI DSS period from the evidence store",
		Long: `attest report writes what an auditor of a Type 2 period asks for, from the evidence that
attest serve keeps (uploaded scans, alerts) and its daily control-status snapshots.

Per control: what it is (our words), the rules and detections that support it, the share of
days in the period with passing evidence, the periods it failed or could not be decided and
what ended them, the exceptions in force (owner, expiry), and the alerts raised with the time
taken to acknowledge or resolve them. The report names the signed audit-log checkpoint it was
made from: check the log against it with 'attest audit verify --checkpoint'.

Formats (--format): markdown (default), html, csv (a zip of one CSV file per population:
controls, daily statuses, periods, scans, alerts, exceptions, with the checkpoint), oscal
(NIST OSCAL 1.1.3 assessment results, JSON) and pdf (the HTML printed by headless Chromium,
with a cover and page numbers; needs chromium installed, or --chromium PATH).

--from and --to are days (YYYY-MM-DD, UTC), both included; --to defaults to today and may not
be later. With --db the report reads the database (a SQLite file or a postgres:// URL) and
uses the stored daily snapshots where there are some; with --server it asks a running server
(token with read scope, --token or $ATTEST_TOKEN), which derives and keeps them.`,
		Example: `  attest report --framework soc2 --from 2026-01-01 --to 2026-06-30 --db attest.db > soc2.md
  attest report --framework pci-dss-4.0 --from 2026-01-01 --format pdf --output pci.pdf --server https://attest.example.com
  attest report --framework soc2 --from 2026-01-01 --format csv --output populations.zip --db attest.db`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if p.token == "" {
				p.token = os.Getenv("ATTEST_TOKEN")
			}
			return runReport(cmd.Context(), p, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.StringVar(&p.framework, "framework", "", "soc2 or pci-dss-4.0 (required)")
	f.StringVar(&p.from, "from", "", "first `DAY` of the period, YYYY-MM-DD (required)")
	f.StringVar(&p.to, "to", "", "last `DAY` of the period, YYYY-MM-DD (default today)")
	f.StringVarP(&p.format, "format", "f", "markdown", "output format: "+strings.Join(reportFormats, ", "))
	f.StringVarP(&p.output, "output", "o", "", "write to `FILE` instead of stdout")
	f.StringVar(&p.db, "db", "", "SQLite database file or PostgreSQL URL of attest serve")
	f.StringVar(&p.server, "server", "", "base `URL` of a running attest serve")
	f.StringVar(&p.token, "token", "", "API token with read scope, for --server (default $ATTEST_TOKEN)")
	f.StringVar(&p.chromium, "chromium", "", "Chromium or Chrome executable for --format pdf (default: found on PATH)")
	cmd.MarkFlagRequired("framework")
	cmd.MarkFlagRequired("from")
	cmd.AddCommand(newReportStatusCmd())
	return cmd
}

func runReport(ctx context.Context, p reportParams, stdout, stderr io.Writer) error {
	if (p.db == "") == (p.server == "") {
		return inputErr("report: give exactly one of --db and --server")
	}
	render, ok := map[string]func(io.Writer, *auditor.Report) error{
		"markdown": auditor.Markdown, "html": auditor.HTML, "csv": auditor.CSV, "oscal": auditor.OSCAL,
		"pdf": func(w io.Writer, r *auditor.Report) error { return auditor.PDF(ctx, w, r, p.chromium) },
	}[p.format]
	if !ok {
		return inputErr("report: --format %q: want one of %s", p.format, strings.Join(reportFormats, ", "))
	}
	now := p.now
	if now.IsZero() {
		now = time.Now()
	}
	from, err := time.Parse(time.DateOnly, p.from)
	if err != nil {
		return inputErr("report: --from %q: want a day such as 2026-01-01", p.from)
	}
	last := evidence.StartOfDay(now)
	if p.to != "" {
		if last, err = time.Parse(time.DateOnly, p.to); err != nil {
			return inputErr("report: --to %q: want a day such as 2026-06-30", p.to)
		}
	}
	src := auditor.Source{Now: now}
	if p.db != "" {
		st, err := openAuditStore(ctx, p.db)
		if err != nil {
			return &exitError{code: exitInput, err: err}
		}
		defer st.Close()
		src.Evidence = st
		if cs, ok := st.(attest.ControlStatusStore); ok {
			src.Stored = cs
		}
		if alerts, ok := st.(evidence.AlertFinder); ok {
			src.Alerts = alerts
		}
		switch cp, err := st.LatestCheckpoint(ctx); attest.ErrorCode(err) {
		case "":
			src.Checkpoint = cp.Note
		case attest.ENOTFOUND:
		default:
			return &exitError{code: exitInput, err: err}
		}
	} else {
		c, err := attesthttp.NewClient(p.server, p.token)
		if err != nil {
			return &exitError{code: exitInput, err: err}
		}
		src.Evidence, src.Remote = c, c.ControlStatuses
		// A server keeps alerts unless it says it keeps none.
		switch _, err := c.FindAlerts(ctx, attest.AlertFilter{Limit: 1}); attest.ErrorCode(err) {
		case "":
			src.Alerts = c
		case attest.ENOTFOUND:
		default:
			return &exitError{code: exitInput, err: err}
		}
		if src.Checkpoint, err = c.Checkpoint(ctx); err != nil {
			return &exitError{code: exitInput, err: err}
		}
	}
	rep, err := auditor.Build(ctx, src, p.framework, from, last.AddDate(0, 0, 1))
	if err != nil {
		return &exitError{code: exitInput, err: err}
	}
	if !rep.AlertsKnown {
		fmt.Fprintln(stderr, "attest: warning: this source keeps no alerts; the statuses rest on the evidence alone")
	}
	// Render whole before writing, so that a failure leaves no partial file.
	var buf bytes.Buffer
	if err := render(&buf, rep); err != nil {
		return &exitError{code: exitInput, err: err}
	}
	if p.output == "" {
		_, err := stdout.Write(buf.Bytes())
		return err
	}
	if err := os.WriteFile(p.output, buf.Bytes(), 0o644); err != nil {
		return inputErr("report: %w", err)
	}
	return nil
}
