package main

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/user"
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
recorded in the audit log as an event of source "attest".

Scopes: ingest (send events), read (query events, the audit log, /metrics),
admin (everything, and creating tokens). --source binds an ingest token to one
source name.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !cmd.Flags().Changed("db") {
				if v := os.Getenv("ATTEST_DB"); v != "" {
					p.DB = v
				}
			}
			p.Actor, p.Now, p.Rand = cliActor(), time.Now(), rand.Reader
			return runTokenCreate(cmd.Context(), p, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	create.Flags().StringVar(&p.DB, "db", "attest.db", "SQLite file, or postgres:// URL (env ATTEST_DB)")
	create.Flags().StringVar(&p.Name, "name", "", "name of the token, such as falco-prod (required)")
	create.Flags().StringVar(&p.Scope, "scope", "", "ingest, read or admin (required)")
	create.Flags().StringVar(&p.Source, "source", "", "bind an ingest token to this source name")
	create.MarkFlagRequired("name")
	create.MarkFlagRequired("scope")
	cmd.AddCommand(create)
	return cmd
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
	st, err := openStore(ctx, p.DB, slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err != nil {
		return err
	}
	defer st.Close()
	t, secret, err := attesthttp.CreateToken(ctx, st, st, nt, p.Now, p.Rand)
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
