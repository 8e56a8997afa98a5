// Command attest is the attest compliance engine: posture as code (scan),
// vulnerability consolidation (vulns), and the security event feed (serve).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/attest-dev/attest"
	"github.com/spf13/cobra"
)

// Exit codes shared by every subcommand.
const (
	exitOK       = 0
	exitFindings = 1 // something at or above the threshold failed
	exitInput    = 2 // usage or input error
)

// exitError ends the program with a code after its message (if any) has been
// printed. Subcommands return it for expected outcomes such as findings over
// the threshold.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// commands holds the constructors of the subcommands; each subcommand's file
// adds its own in an init function.
var commands []func() *cobra.Command

func main() {
	ctx, stop := signalContext()
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// signalContext returns a context cancelled by SIGINT or SIGTERM: long-running
// commands such as serve shut down gracefully when it is done. Once the
// first signal has arrived the handler is removed, so a second one ends the
// process at once, whatever it is blocked on.
func signalContext() (context.Context, context.CancelFunc) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop()
	}()
	return ctx, stop
}

// run executes the command line and returns the exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRootCmd()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintln(stderr, "attest:", errorText(ee.err))
		}
		return ee.code
	}
	fmt.Fprintln(stderr, "attest:", errorText(err))
	return exitInput
}

// errorText is what the CLI shows for an error: the message of an application
// error, or the wrapped error text otherwise.
func errorText(err error) string {
	var e *attest.Error
	if errors.As(err, &e) {
		return e.Message
	}
	return err.Error()
}

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "attest",
		Short: "Compliance engine for SOC 2 and PCI DSS on cloud and Kubernetes infrastructure",
		Long: `attest carries compliance from the commit to runtime:

  attest scan     check Terraform and other infrastructure code against SOC 2 and PCI DSS rules
  attest vulns    merge and prioritise vulnerability reports from several scanners
  attest serve    run the security event feed and tamper-evident audit log`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       versionLine(),
	}
	root.SetVersionTemplate("{{.Version}}\n")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &exitError{code: exitInput, err: fmt.Errorf("%w (see '%s --help')", err, c.CommandPath())}
	})
	for _, newCmd := range commands {
		root.AddCommand(newCmd())
	}
	return root
}
