package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/attest-dev/attest/alerting"
	"github.com/attest-dev/attest/detect"
	"github.com/spf13/cobra"
)

func init() { commands = append(commands, newDetectCmd) }

// detectReplayParams are the inputs of attest detect replay.
type detectReplayParams struct {
	// Config is attest serve's configuration file: its db and detections
	// settings apply unless flags say otherwise.
	Config string
	DB     string
	// Detections are rule folders besides the built-in rules.
	Detections []string
	Since      time.Duration
	Now        func() time.Time
	// setDB and setDetections say whether the flags were given.
	setDB, setDetections bool
}

func newDetectCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "detect",
		Short: "Run the detections over the events attest serve stored",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return &exitError{code: exitInput, err: fmt.Errorf("name a subcommand (see '%s --help')", cmd.CommandPath())}
		},
	}
	p := detectReplayParams{Now: time.Now}
	replay := &cobra.Command{
		Use:   "replay",
		Short: "Evaluate stored history again, for new or changed rules",
		Long: `attest detect replay reads the events stored in the database of attest serve
that happened within --since, in the order they were stored, runs the built-in
detections and those under --detections over them, and raises what they find as
alerts, grouped as the server groups them. A match the database holds already
(raised live, or by an earlier replay) is not raised again: replaying twice
raises nothing new. Correlation windows start empty at the first event replayed.

It can run while attest serve runs on the same database. --config reads the
db and detections settings of attest serve's configuration file.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			p.setDB, p.setDetections = cmd.Flags().Changed("db"), cmd.Flags().Changed("detections")
			if !p.setDB {
				v, err := envDB(os.Getenv)
				if err != nil {
					return &exitError{code: exitInput, err: err}
				}
				if v != "" {
					p.DB, p.setDB = v, true
				}
			}
			return runDetectReplay(cmd.Context(), p, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	replay.Flags().StringVar(&p.Config, "config", "", "attest serve's YAML configuration file (its db and detections settings)")
	replay.Flags().StringVar(&p.DB, "db", "attest.db", "SQLite file, or postgres:// URL (env ATTEST_DB, or ATTEST_DB_FILE naming a file that holds it)")
	replay.Flags().StringSliceVar(&p.Detections, "detections", nil, "folder of Sigma rules to run besides the built-in ones (repeatable)")
	replay.Flags().DurationVar(&p.Since, "since", 720*time.Hour, "replay the events of this long ago until now (0: every stored event)")
	cmd.AddCommand(replay)
	return cmd
}

func runDetectReplay(ctx context.Context, p detectReplayParams, stdout, stderr io.Writer) error {
	if p.Since < 0 {
		return &exitError{code: exitInput, err: fmt.Errorf("--since %v: want a duration from 0", p.Since)}
	}
	c := DefaultServeConfig()
	if p.Config != "" {
		data, err := os.ReadFile(p.Config)
		if err != nil {
			return &exitError{code: exitInput, err: fmt.Errorf("read config: %w", err)}
		}
		if err := parseServeConfig(data, &c); err != nil {
			return &exitError{code: exitInput, err: fmt.Errorf("config %s: %w", p.Config, err)}
		}
	}
	switch {
	case p.setDB || p.Config == "":
		c.DB = p.DB
	case c.DBFile != "":
		dsn, err := readDBFile(c.DBFile)
		if err != nil {
			return &exitError{code: exitInput, err: fmt.Errorf("config %s: %w", p.Config, err)}
		}
		c.DB = dsn
	}
	if p.setDetections {
		c.Detections.Dirs = p.Detections
	}
	windows, err := c.Detections.windows()
	if err != nil {
		return &exitError{code: exitInput, err: err}
	}
	for _, dir := range c.Detections.Dirs {
		if _, err := os.Stat(dir); err != nil {
			return &exitError{code: exitInput, err: fmt.Errorf("detections: %w", err)}
		}
	}
	set, problems := loadRules(c.Detections.Dirs)
	if set == nil {
		return &exitError{code: exitInput, err: problems[0]}
	}
	for _, e := range problems {
		fmt.Fprintln(stderr, "attest:", errorText(e))
	}
	if err := checkRuleWindows(set, windows); err != nil {
		return &exitError{code: exitInput, err: err}
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	if _, err := os.Stat(c.DB); err != nil && !isPostgresDSN(c.DB) {
		return &exitError{code: exitInput, err: fmt.Errorf("database %s: %w (attest serve creates it)", c.DB, err)}
	}
	st, err := openStore(ctx, c.DB, logger)
	if err != nil {
		return err
	}
	defer st.Close()
	r := &alerting.Replay{
		Engine:  detect.NewEngine(set, detect.Options{Now: p.Now, Logger: logger}),
		Events:  st,
		Alerts:  st,
		Windows: windows,
		Logger:  logger,
	}
	if p.Since > 0 {
		r.Since = p.Now().Add(-p.Since)
	}
	res, err := r.Run(ctx)
	fmt.Fprintf(stdout, "%d events replayed (%d without their record), %d matches: %d new, %d alerts opened, %d refused\n",
		res.Events, res.Skipped, res.Matches, res.New, res.Opened, res.Refused)
	if err != nil {
		return err
	}
	if len(problems) > 0 || res.Refused > 0 {
		return &exitError{code: exitInput}
	}
	return nil
}
