package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/vuln"
	"github.com/attest-dev/attest/vuln/formats"
	vulnreport "github.com/attest-dev/attest/vuln/report"
	"github.com/spf13/cobra"
)

func init() { commands = append(commands, newVulnsCmd) }

func newVulnsCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "vulns",
		Short: "Merge and prioritise vulnerability reports from several scanners",
		Long: `Merge the reports that Grype, Trivy, Amazon Inspector, Security Hub, CycloneDX and SARIF
producers wrote about one release into one deduplicated list: one finding per artifact,
package and vulnerability, whichever scanner found it and whatever id it used (GHSA, ALAS,
DSA ... fold into the CVE). Rank it by what matters (CISA KEV, then EPSS, then severity,
then whether a fix exists), apply VEX statements and ignore rules, and compare releases.`,
	}
	cmd.AddCommand(newVulnsMergeCmd(), newVulnsDiffCmd())
	return cmd
}

// vulnsMergeParams are the flags of `attest vulns merge`.
type vulnsMergeParams struct {
	files       []string
	kev         string
	epss        string
	vex         []string
	configPath  string
	formats     []string
	minSeverity string
	onlyFixable bool
	previous    []string
	failOn      string
	upload      uploadParams
	// now decides which ignore rules have expired and stamps the report;
	// zero means the current time.
	now time.Time
}

func newVulnsMergeCmd() *cobra.Command {
	var p vulnsMergeParams
	cmd := &cobra.Command{
		Use:   "merge [flags] REPORT...",
		Short: "Merge scanner reports into one ranked vulnerability report",
		Long: `Merge vulnerability reports of one release into one ranked report.

Each REPORT is a scanner's output file (format detected: grype -o json, trivy -f json,
Inspector2 findings, Security Hub ASFF, CycloneDX with vulnerabilities, SARIF; gzip
accepted) or a directory, whose files are all read.

Findings are ranked: listed in CISA KEV (--kev), then EPSS score (--epss), then severity,
then whether a fix is available. VEX documents (--vex; OpenVEX or CycloneDX VEX) with
status not_affected, fixed, resolved or false_positive suppress a finding and say why;
so do the ignore rules in .attest.yaml:

  vulns:
    ignore:
      - id: CVE-2024-0727
        package: openssl*          # package name or purl glob (optional)
        artifact: "*/shop/api*"    # artifact glob (optional)
        reason: PKCS12 is never parsed
        expires: 2026-12-31        # required; an expired rule stops ignoring and is reported

With --previous (the previous release's merged JSON report, or its scanner reports) the
report also says what is new, fixed, still open and changed.

Output formats (--format, repeatable, FORMAT or FORMAT=PATH): ` + strings.Join(vulnreport.Formats(), ", ") + `.
Nothing is written unless every input reads and every output renders.

--fail-on LEVEL makes the merge a gate: exit 1 when an open vulnerability (not suppressed
by VEX or an ignore rule) is at or above the severity, or for kev, is listed in CISA KEV
(give --kev). Vulnerabilities that --min-severity or --only-fixable hide still count: the
filters shorten the report, they do not make a release pass. The report is written first.

--upload URL also sends the JSON report to the evidence store of attest serve (token with
evidence scope: --token or $ATTEST_TOKEN), with the repository, commit, branch, pipeline and
release of the flags or, when not given, of the CI run (GitHub Actions, GitLab CI). The server
finds the image digests in the report; --digest adds others (an image with no vulnerability).

Memory: on Linux, where transparent huge pages are set to madvise, the merge marks part of
its heap for 2 MiB pages, as attest scan does (see its help); ATTEST_HUGEPAGES=0 turns that off.

Exit codes: 0 merged (nothing at or above --fail-on); 1 an open vulnerability at or above
--fail-on; 2 usage or input error (unknown format, malformed or truncated file, failed upload).`,
		Example: `  attest vulns merge grype.json trivy.json inspector.json
  attest vulns merge --kev known_exploited_vulnerabilities.json --epss epss_scores-current.csv.gz \
      --vex vex/ --format markdown=release.md --format json=vulns.json --format table reports/
  attest vulns merge --previous vulns-1.4.0.json --min-severity high --only-fixable reports/
  attest vulns merge --kev known_exploited_vulnerabilities.json --fail-on kev reports/`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p.files = args
			return runVulnsMerge(cmd.Context(), p, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.StringVar(&p.kev, "kev", "", "CISA KEV catalog `FILE` (known_exploited_vulnerabilities.json)")
	f.StringVar(&p.epss, "epss", "", "FIRST EPSS scores `FILE` (CSV, gzip accepted)")
	f.StringArrayVar(&p.vex, "vex", nil, "OpenVEX or CycloneDX VEX `FILE` or directory (repeatable)")
	f.StringVar(&p.configPath, "config", "", "project configuration `FILE` with vulns.ignore rules (default .attest.yaml if present)")
	f.StringArrayVarP(&p.formats, "format", "f", nil, "output `FORMAT[=PATH]`: "+strings.Join(vulnreport.Formats(), ", ")+" (repeatable; default table on stdout)")
	f.StringVar(&p.minSeverity, "min-severity", "", "hide vulnerabilities below `SEVERITY`: critical, high, medium, low, info")
	f.BoolVar(&p.onlyFixable, "only-fixable", false, "hide vulnerabilities that have no fixed version")
	f.StringArrayVar(&p.previous, "previous", nil, "previous release: merged JSON report or scanner reports, `FILE` or directory (repeatable)")
	f.StringVar(&p.failOn, "fail-on", "", "exit 1 when an open vulnerability is at or above `LEVEL`: kev, critical, high, medium, low, info")
	p.upload.register(f, true)
	return cmd
}

// vulnsOutput is one requested output: a format and a path, "" for stdout.
type vulnsOutput struct{ format, path string }

// parseVulnsOutputs reads --format values, allowing one on stdout.
func parseVulnsOutputs(values []string, known []string) ([]vulnsOutput, error) {
	if len(values) == 0 {
		values = []string{vulnreport.FormatTable}
	}
	var outs []vulnsOutput
	stdout := 0
	for _, v := range values {
		name, path, _ := strings.Cut(v, "=")
		if !slices.Contains(known, name) {
			return nil, fmt.Errorf("unknown output format %q (want one of %s)", name, strings.Join(known, ", "))
		}
		if path == "" {
			stdout++
		}
		outs = append(outs, vulnsOutput{name, path})
	}
	if stdout > 1 {
		return nil, fmt.Errorf("%d formats write to stdout; give all but one a path (--format FORMAT=PATH)", stdout)
	}
	return outs, nil
}

func inputError(err error) error { return &exitError{code: exitInput, err: err} }

func runVulnsMerge(ctx context.Context, p vulnsMergeParams, stdout, stderr io.Writer) error {
	outs, err := parseVulnsOutputs(p.formats, vulnreport.Formats())
	if err != nil {
		return inputError(err)
	}
	if p.minSeverity != "" && attest.SeverityRank(p.minSeverity) == 0 {
		return inputError(fmt.Errorf("--min-severity %q is not one of %s", p.minSeverity, strings.Join(attest.Severities, ", ")))
	}
	if p.failOn != "" && !vuln.ValidThreshold(p.failOn) {
		return inputError(fmt.Errorf("--fail-on %q is not one of kev, %s", p.failOn, strings.Join(attest.Severities, ", ")))
	}
	if p.failOn == "kev" && p.kev == "" {
		return inputError(errors.New("--fail-on kev needs the CISA KEV catalog: give --kev FILE"))
	}
	up := p.upload.withDefaults(os.Getenv)
	if err := up.check(); err != nil {
		return inputError(err)
	}
	hugeHeap(os.Environ(), os.DirFS("/"))
	now := p.now
	if now.IsZero() {
		now = time.Now()
	}
	enr, err := loadEnrichment(p.kev, p.epss, p.vex, p.configPath, now)
	if err != nil {
		return inputError(err)
	}
	warn := func(msg string) { fmt.Fprintf(stderr, "attest: warning: %s\n", msg) }
	col := vuln.NewCollector()
	mg := col.NewMerging()
	parts, inputs, merged, err := readReports(ctx, col, mg, p.files, warn)
	if err != nil {
		return inputError(err)
	}
	if len(merged) > 0 {
		return inputError(fmt.Errorf("%s is a merged attest report; pass it with --previous or to 'attest vulns diff'", merged[0]))
	}
	opts := vuln.Options{
		Enrichment: enr,
		Filter:     vuln.Filter{MinSeverity: p.minSeverity, OnlyFixable: p.onlyFixable},
		Inputs:     inputs,
		FailOn:     p.failOn,
	}
	if len(p.previous) > 0 {
		prev, err := loadSide(ctx, p.previous, enr, warn)
		if err != nil {
			return inputError(err)
		}
		opts.Previous = prev
	}
	nOccs := 0
	for _, p := range parts {
		nOccs += p.Len()
	}
	// What is live once the reports are parsed is nearly all pointer-free
	// (the Collector's rows and text), so a collection now costs little and
	// frees the parsers' garbage for the findings to reuse. The findings
	// (some 300 MB of pointers for a million occurrences) are then built and
	// written under the scan's GC target, so that the collector does not
	// mark them while they are made: that cycle took seconds of CPU.
	runtime.GC()
	defer scanGC(os.Environ(), os.DirFS("/"))()
	vs := mg.Finish()
	parts, col, mg = nil, nil, nil // the findings keep what they need; let the rest be collected
	rep := vuln.NewReport(vs, opts)

	if err := writeVulnsOutputs(outs, rep, stdout); err != nil {
		return err
	}
	if up.url != "" {
		var buf bytes.Buffer
		if err := vulnreport.Render(&buf, vulnreport.FormatJSON, rep); err != nil {
			return fmt.Errorf("render json for --upload: %w", err)
		}
		e, err := upload(ctx, up, attest.EvidenceVulns, buf.Bytes())
		if err != nil {
			return inputError(err)
		}
		reportUpload(stderr, e)
	}
	fmt.Fprintf(stderr, "attest: merged %d occurrences from %d reports into %d vulnerabilities (%d open, %d suppressed, %d hidden by filters)\n",
		nOccs, len(inputs), rep.Summary.Total+rep.Hidden, rep.Summary.Active, rep.Summary.Suppressed, rep.Hidden)
	for _, e := range rep.ExpiredIgnores {
		fmt.Fprintf(stderr, "attest: warning: %s: ignore rule for %s expired %s and no longer ignores anything\n", e.Rule.Source, e.Rule.ID, e.Rule.Expires)
	}
	if rep.Failing > 0 {
		what := "at or above " + p.failOn
		if p.failOn == "kev" {
			what = "listed in CISA KEV"
		}
		return &exitError{code: exitFindings, err: fmt.Errorf("%d open vulnerabilities %s", rep.Failing, what)}
	}
	return nil
}

// writeVulnsOutputs renders the report in every requested format. Files
// are rendered into temporary files beside their destination and the
// stdout output into memory; only when every one has rendered are the files
// renamed into place and stdout written, so that a failure leaves no
// partial report behind.
func writeVulnsOutputs(outs []vulnsOutput, rep *vuln.Report, stdout io.Writer) (err error) {
	var temps []string
	defer func() {
		if err != nil {
			for _, t := range temps {
				os.Remove(t)
			}
		}
	}()
	var toStdout []byte
	for _, o := range outs {
		if o.path == "" {
			var buf bytes.Buffer
			if err := vulnreport.Render(&buf, o.format, rep); err != nil {
				return fmt.Errorf("render %s: %w", o.format, err)
			}
			toStdout = buf.Bytes()
			continue
		}
		f, err := os.CreateTemp(filepath.Dir(o.path), "."+filepath.Base(o.path)+".*.tmp")
		if err != nil {
			return inputError(fmt.Errorf("write %s: %w", o.path, err))
		}
		temps = append(temps, f.Name())
		err = f.Chmod(0o644) // CreateTemp makes the file private
		if err == nil {
			err = vulnreport.Render(f, o.format, rep)
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("render %s to %s: %w", o.format, o.path, err)
		}
	}
	i := 0
	for _, o := range outs {
		if o.path == "" {
			continue
		}
		if err := os.Rename(temps[i], o.path); err != nil {
			return inputError(fmt.Errorf("write %s: %w", o.path, err))
		}
		i++
	}
	temps = nil
	if toStdout != nil {
		if _, err := stdout.Write(toStdout); err != nil {
			return fmt.Errorf("write stdout: %w", err)
		}
	}
	return nil
}

// loadEnrichment reads the KEV catalog, EPSS scores, VEX documents and
// ignore rules that were asked for.
func loadEnrichment(kevPath, epssPath string, vexPaths []string, configPath string, now time.Time) (vuln.Enrichment, error) {
	e := vuln.Enrichment{Now: now}
	var err error
	if kevPath != "" {
		if e.KEV, err = vuln.LoadKEV(kevPath); err != nil {
			return e, fmt.Errorf("kev: %w", err)
		}
	}
	if epssPath != "" {
		if e.EPSS, err = vuln.LoadEPSS(epssPath); err != nil {
			return e, fmt.Errorf("epss: %w", err)
		}
	}
	vexFiles, err := expandPaths(vexPaths)
	if err != nil {
		return e, fmt.Errorf("vex: %w", err)
	}
	for _, f := range vexFiles {
		s, err := vuln.LoadVEX(f)
		if err != nil {
			return e, fmt.Errorf("vex: %w", err)
		}
		e.VEX = append(e.VEX, s...)
	}
	if configPath == "" {
		if _, err := os.Stat(".attest.yaml"); err == nil {
			configPath = ".attest.yaml"
		}
	}
	if configPath != "" {
		if e.Ignores, err = vuln.LoadIgnoreRules(configPath); err != nil {
			return e, fmt.Errorf("config: %w", err)
		}
	}
	return e, nil
}

// expandPaths replaces each directory by the regular files beneath it
// (hidden ones skipped), in lexical order.
func expandPaths(paths []string) ([]string, error) {
	var files []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			files = append(files, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if path != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}

// readReports parses every scanner report among paths (directories
// expanded), on as many goroutines as there are CPUs, each adding its
// file's occurrences to col; the calling goroutine gives each file's part
// to mg in file order as it comes, so that indexing overlaps parsing.
// Merged attest reports are not parsed but returned by path in merged.
// Every file that fails is reported, not only the first; what a parser
// skipped goes to warn, in file order.
func readReports(ctx context.Context, col *vuln.Collector, mg *vuln.Merging, paths []string, warn func(string)) (parts []vuln.Part, inputs []vuln.Input, merged []string, err error) {
	files, err := expandPaths(paths)
	if err != nil {
		return nil, nil, nil, err
	}
	if len(files) == 0 {
		return nil, nil, nil, fmt.Errorf("no report files in %s", strings.Join(paths, ", "))
	}
	type parsed struct {
		part     vuln.Part
		format   string
		warnings []string
		merged   bool
		err      error
	}
	results := make([]chan parsed, len(files))
	for i := range results {
		results[i] = make(chan parsed, 1)
	}
	// One goroutine per CPU parses files: what a file holds in memory
	// before it is added to col is bounded by the files in flight, each
	// finished file keeps only its compact occurrences, and each goroutine
	// reuses its formats.Reader's buffers from one file to the next.
	next := make(chan int)
	go func() {
		defer close(next)
		for i := range files {
			select {
			case next <- i:
			case <-ctx.Done():
				for ; i < len(files); i++ {
					results[i] <- parsed{err: ctx.Err()}
				}
				return
			}
		}
	}()
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		go func() {
			// The Reader sets merged reports aside as it opens them. Its
			// occurrences share its buffer: col.Add copies what it keeps
			// before the next file is read.
			rd := formats.Reader{Skip: vuln.IsReport, Shared: true}
			for i := range next {
				f := files[i]
				var warnings []string
				o, format, err := rd.ParseFile(f, func(w error) { warnings = append(warnings, errorText(w)) })
				if errors.Is(err, formats.ErrSkipped) {
					results[i] <- parsed{merged: true}
					continue
				}
				var part vuln.Part
				if err == nil {
					part = col.Add(o)
				}
				results[i] <- parsed{part: part, format: format, warnings: warnings, err: err}
			}
		}()
	}

	var errs []string
	for i, f := range files {
		r := <-results[i]
		switch {
		case r.err != nil:
			// Each parser error is an application error with its own
			// message; keep every one, not only the first.
			errs = append(errs, errorText(r.err))
		case r.merged:
			merged = append(merged, f)
		default:
			for _, w := range r.warnings {
				warn(w)
			}
			parts = append(parts, r.part)
			mg.Add(r.part)
			inputs = append(inputs, vuln.Input{Path: f, Format: r.format, Occurrences: r.part.Len()})
		}
	}
	if len(errs) > 0 {
		return nil, nil, nil, errors.New(strings.Join(errs, "\n"))
	}
	return parts, inputs, merged, nil
}

// loadSide reads one side of a comparison: merged JSON reports (taken as
// they are) and scanner reports (merged and enriched with e).
func loadSide(ctx context.Context, paths []string, e vuln.Enrichment, warn func(string)) ([]attest.Vulnerability, error) {
	col := vuln.NewCollector()
	mg := col.NewMerging()
	parts, _, merged, err := readReports(ctx, col, mg, paths, warn)
	if err != nil {
		return nil, err
	}
	var vs []attest.Vulnerability
	for _, m := range merged {
		data, err := os.ReadFile(m)
		if err != nil {
			return nil, err
		}
		r, err := vuln.ReadReport(m, data)
		if err != nil {
			return nil, err
		}
		vs = append(vs, r.Vulnerabilities...)
	}
	if len(parts) > 0 {
		fresh := mg.Finish()
		vuln.Enrich(fresh, e)
		vs = append(vs, fresh...)
	}
	vuln.Rank(vs)
	return vs, nil
}

// vulnsDiffParams are the flags of `attest vulns diff`.
type vulnsDiffParams struct {
	old, new   []string
	failOn     string
	format     string
	kev        string
	epss       string
	vex        []string
	configPath string
	now        time.Time
}

func newVulnsDiffCmd() *cobra.Command {
	var p vulnsDiffParams
	cmd := &cobra.Command{
		Use:   "diff [flags] OLD NEW",
		Short: "Compare the vulnerabilities of two releases",
		Long: `Compare two releases: what is new, what was fixed, what is still open, and what changed
(severity changed, a fix became available, newly listed in CISA KEV).

OLD and NEW are each a merged JSON report ('attest vulns merge --format json'), a scanner
report, or a directory of report files. Scanner reports are merged first and enriched with
--kev, --epss, --vex and the ignore rules of --config; merged reports are taken as they are.

A vulnerability is the same across releases when its image repository (not digest), package
(not version: an upgrade that did not fix it leaves it open) and id or an alias match.

Exit codes: 0 no regression at or above --fail-on; 1 there is one (a new vulnerability at or
above the severity, an open one that rose to it; for kev, a new or newly listed KEV entry);
2 usage or input error.`,
		Example: `  attest vulns diff vulns-1.4.0.json vulns-1.5.0.json
  attest vulns diff --fail-on high --kev known_exploited_vulnerabilities.json reports/1.4.0 reports/1.5.0
  attest vulns diff --fail-on kev --format markdown old.json new/`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			p.old, p.new = []string{args[0]}, []string{args[1]}
			return runVulnsDiff(cmd.Context(), p, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.StringVar(&p.failOn, "fail-on", "", "exit 1 on a regression at or above `LEVEL`: kev, critical, high, medium, low, info")
	f.StringVarP(&p.format, "format", "f", vulnreport.FormatTable, "output `FORMAT`: "+strings.Join(vulnreport.DiffFormats, ", "))
	f.StringVar(&p.kev, "kev", "", "CISA KEV catalog `FILE` for scanner reports")
	f.StringVar(&p.epss, "epss", "", "FIRST EPSS scores `FILE` for scanner reports")
	f.StringArrayVar(&p.vex, "vex", nil, "VEX `FILE` or directory for scanner reports (repeatable)")
	f.StringVar(&p.configPath, "config", "", "project configuration `FILE` with vulns.ignore rules (default .attest.yaml if present)")
	return cmd
}

func runVulnsDiff(ctx context.Context, p vulnsDiffParams, stdout, stderr io.Writer) error {
	if !slices.Contains(vulnreport.DiffFormats, p.format) {
		return inputError(fmt.Errorf("unknown diff format %q (want one of %s)", p.format, strings.Join(vulnreport.DiffFormats, ", ")))
	}
	if p.failOn != "" && p.failOn != "kev" && attest.SeverityRank(p.failOn) == 0 {
		return inputError(fmt.Errorf("--fail-on %q is not one of kev, %s", p.failOn, strings.Join(attest.Severities, ", ")))
	}
	now := p.now
	if now.IsZero() {
		now = time.Now()
	}
	enr, err := loadEnrichment(p.kev, p.epss, p.vex, p.configPath, now)
	if err != nil {
		return inputError(err)
	}
	warn := func(msg string) { fmt.Fprintf(stderr, "attest: warning: %s\n", msg) }
	oldVs, err := loadSide(ctx, p.old, enr, warn)
	if err != nil {
		return inputError(err)
	}
	newVs, err := loadSide(ctx, p.new, enr, warn)
	if err != nil {
		return inputError(err)
	}
	d := vuln.Diff(oldVs, newVs)
	var buf bytes.Buffer
	if err := vulnreport.RenderDiff(&buf, p.format, d); err != nil {
		return err
	}
	if _, err := stdout.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write stdout: %w", err)
	}
	if p.failOn == "" {
		return nil
	}
	hit, err := d.Exceeds(p.failOn)
	if err != nil {
		return inputError(err)
	}
	if hit {
		return &exitError{code: exitFindings, err: fmt.Errorf("the new release has regressions at or above %s", p.failOn)}
	}
	return nil
}
