package main

import (
	"cmp"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"os/user"
	"strings"
	"text/tabwriter"
	"time"

	attesthttp "github.com/attest-dev/attest/http"
	"github.com/spf13/cobra"
)

// tokenCreateParams are the inputs of attest token create.
type tokenCreateParams struct {
	DB     string
	Name   string
	Scope  string
	Source string
	// Actor is who runs the command, for the audit event.
	Actor string
	Now   time.Time
	Rand  io.Reader
}

func newTokenCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "token",
		Short: "Manage the API tokens of attest serve",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return &exitError{code: exitInput, err: fmt.Errorf("name a subcommand (see '%s --help')", cmd.CommandPath())}
		},
	}
	var p tokenCreateParams
	create := &cobra.Command{
		Use:   "create",
		Short: "Create an API token and print its secret once",
		Long: `attest token create stores a new API token (only a SHA-256 hash of its secret)
and prints the secret on stdout, once: it cannot be shown again. The creation is
recorded in the audit log as an event of source "attest", in the same
transaction. The database must exist: attest serve creates it on first start.

Scopes: ingest (send events), read (query events, alerts, evidence, the audit
log, /metrics), respond (read alerts, acknowledge and resolve them), evidence
(upload scan and vulnerability reports, for CI), admission (call the admission
webhook: the token of kube-apiserver's webhook kubeconfig), admin
(everything, and creating tokens). --source binds an ingest token to one
source name.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !cmd.Flags().Changed("db") {
				v, err := envDB(os.Getenv)
				if err != nil {
					return &exitError{code: exitInput, err: err}
				}
				if v != "" {
					p.DB = v
				}
			}
			p.Actor, p.Now, p.Rand = cliActor(), time.Now(), rand.Reader
			return runTokenCreate(cmd.Context(), p, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	create.Flags().StringVar(&p.DB, "db", "attest.db", "SQLite file, or postgres:// URL (env ATTEST_DB, or ATTEST_DB_FILE naming a file that holds it)")
	create.Flags().StringVar(&p.Name, "name", "", "name of the token, such as falco-prod (required)")
	create.Flags().StringVar(&p.Scope, "scope", "", "ingest, read, respond, evidence, admission or admin (required)")
	create.Flags().StringVar(&p.Source, "source", "", "bind an ingest token to this source name")
	create.MarkFlagRequired("name")
	create.MarkFlagRequired("scope")

	var db string
	dbFlag := func(c *cobra.Command) {
		c.Flags().StringVar(&db, "db", "attest.db", "SQLite file, or postgres:// URL (env ATTEST_DB, or ATTEST_DB_FILE naming a file that holds it)")
	}
	resolveDB := func(c *cobra.Command) (string, error) {
		if !c.Flags().Changed("db") {
			v, err := envDB(os.Getenv)
			if err != nil {
				return "", &exitError{code: exitInput, err: err}
			}
			if v != "" {
				return v, nil
			}
		}
		return db, nil
	}
	list := &cobra.Command{
		Use:   "list",
		Short: "List the API tokens (never their secrets)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			dsn, err := resolveDB(cmd)
			if err != nil {
				return err
			}
			return runTokenList(cmd.Context(), dsn, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	dbFlag(list)
	revoke := &cobra.Command{
		Use:   "revoke ID",
		Short: "Revoke an API token at once",
		Long: `attest token revoke marks the token with the given id (tok_..., as 'attest token list'
shows it) revoked: from then on it authenticates nothing, on every replica. The
revocation is recorded in the audit log as an event of source "attest".`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dsn, err := resolveDB(cmd)
			if err != nil {
				return err
			}
			return runTokenRevoke(cmd.Context(), dsn, args[0], cliActor(), time.Now(), cmd.ErrOrStderr())
		},
	}
	dbFlag(revoke)
	cmd.AddCommand(create, list, revoke)
	return cmd
}

// checkDBExists refuses a SQLite path where no database is: only attest
// serve creates a database, so a mistyped --db is an input error naming the
// path, not a new empty database beside the real one.
func checkDBExists(dsn string) error {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return nil
	}
	st, err := os.Stat(dsn)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &exitError{code: exitInput, err: fmt.Errorf(
			"database %s does not exist: attest serve creates it on first start; check --db (or ATTEST_DB)", dsn)}
	case err != nil:
		return &exitError{code: exitInput, err: fmt.Errorf("database %s: %w", dsn, err)}
	case st.IsDir():
		return &exitError{code: exitInput, err: fmt.Errorf("database %s is a directory, not a database file", dsn)}
	}
	return nil
}

// openExistingStore opens the store of a database that attest serve
// created (see checkDBExists).
func openExistingStore(ctx context.Context, dsn string, logger *slog.Logger) (store, error) {
	if err := checkDBExists(dsn); err != nil {
		return nil, err
	}
	return openStore(ctx, dsn, logger)
}

// runTokenList prints the tokens as a table.
func runTokenList(ctx context.Context, dsn string, stdout, stderr io.Writer) error {
	st, err := openExistingStore(ctx, dsn, slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err != nil {
		return err
	}
	defer st.Close()
	tokens, err := st.Tokens(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tSCOPE\tSOURCE\tCREATED\tSTATUS")
	for _, t := range tokens {
		status := "active"
		if t.Revoked {
			status = "revoked"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", t.ID, t.Name, t.Scope, cmp.Or(t.Source, "-"), t.Created.UTC().Format(time.RFC3339), status)
	}
	return tw.Flush()
}

// runTokenRevoke revokes one token and records it in the audit log.
func runTokenRevoke(ctx context.Context, dsn, id, actor string, now time.Time, stderr io.Writer) error {
	st, err := openExistingStore(ctx, dsn, slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err != nil {
		return err
	}
	defer st.Close()
	if err := attesthttp.RevokeToken(ctx, st, id, actor, "cli", now); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "revoked token %s\n", id)
	return nil
}

// cliActor names who runs the command, for the audit event.
func cliActor() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return "cli:" + u.Username
	}
	return "cli"
}

// runTokenCreate creates the token and prints its secret on stdout.
func runTokenCreate(ctx context.Context, p tokenCreateParams, stdout, stderr io.Writer) error {
	nt := attesthttp.NewToken{Name: p.Name, Scope: p.Scope, Source: p.Source, Actor: p.Actor, Via: "cli"}
	if err := nt.Validate(); err != nil {
		return &exitError{code: exitInput, err: err}
	}
	st, err := openExistingStore(ctx, p.DB, slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err != nil {
		return err
	}
	defer st.Close()
	t, secret, err := attesthttp.CreateToken(ctx, st, nt, p.Now, p.Rand)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, secret)
	fmt.Fprintf(stderr, "created token %s (name %q, scope %s", t.ID, t.Name, t.Scope)
	if t.Source != "" {
		fmt.Fprintf(stderr, ", source %s", t.Source)
	}
	fmt.Fprintln(stderr, "); its secret is printed above and cannot be shown again")
	return nil
}
