package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/attest-dev/attest/detect"
	"github.com/attest-dev/attest/ingest/source"
	"github.com/spf13/cobra"
)

func init() { commands = append(commands, newDetectionsCmd) }

// detectionsTestParams are the inputs of attest detections test.
type detectionsTestParams struct {
	// Dir is the rule folder; empty means the built-in rules.
	Dir     string
	Verbose bool
}

func newDetectionsCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "detections",
		Short: "Work with Sigma detection rules",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return &exitError{code: exitInput, err: fmt.Errorf("name a subcommand (see '%s --help')", cmd.CommandPath())}
		},
	}
	var p detectionsTestParams
	test := &cobra.Command{
		Use:   "test [DIR]",
		Short: "Run the test events that ship beside each rule",
		Long: `attest detections test loads the Sigma rules under DIR (the built-in rules when
DIR is left out) and runs each rule file's test events, <rule>.tests.yml beside
<rule>.yml: every case lists records as their source sends them and says whether
a rule of the file must match. Every rule file needs a test file with a case
that matches and one that does not.

Exit codes: 0 every case passed, 1 some failed, 2 a rule did not load.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				p.Dir = args[0]
			}
			return runDetectionsTest(cmd.Context(), p, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	test.Flags().BoolVarP(&p.Verbose, "verbose", "v", false, "print passing cases too")
	cmd.AddCommand(test)
	return cmd
}

func runDetectionsTest(_ context.Context, p detectionsTestParams, stdout, stderr io.Writer) error {
	var fsys fs.FS = detect.Builtin()
	if p.Dir != "" {
		if st, err := os.Stat(p.Dir); err != nil {
			return &exitError{code: exitInput, err: err}
		} else if !st.IsDir() {
			return &exitError{code: exitInput, err: fmt.Errorf("%s is not a folder", p.Dir)}
		}
		fsys = os.DirFS(p.Dir)
	}
	results, loadErrs := detect.RunTests(fsys, ".", source.Read)
	failed := 0
	for _, r := range results {
		switch {
		case !r.Passed():
			failed++
			switch {
			case r.Err != nil && r.Case == "":
				fmt.Fprintf(stdout, "FAIL  %s: %v\n", r.File, r.Err)
			case r.Err != nil:
				fmt.Fprintf(stdout, "FAIL  %s: %s: %v\n", r.File, r.Case, r.Err)
			case r.Want:
				fmt.Fprintf(stdout, "FAIL  %s: %s: no rule of the file matched\n", r.File, r.Case)
			default:
				fmt.Fprintf(stdout, "FAIL  %s: %s: matched %v, want no match\n", r.File, r.Case, r.Got)
			}
		case p.Verbose:
			fmt.Fprintf(stdout, "ok    %s: %s\n", r.File, r.Case)
		}
	}
	for _, e := range loadErrs {
		fmt.Fprintln(stderr, "attest:", e)
	}
	fmt.Fprintf(stdout, "%d cases, %d failed\n", len(results), failed)
	switch {
	case len(loadErrs) > 0:
		return &exitError{code: exitInput}
	case failed > 0:
		return &exitError{code: exitFindings}
	}
	return nil
}
