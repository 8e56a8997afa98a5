package main

import (
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

func init() { commands = append(commands, newVersionCmd) }

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version and commit attest was built from",
		Long: `Print the module version and the commit attest was built from, as the Go toolchain
recorded them in the binary (runtime/debug.ReadBuildInfo): a release installed with
'go install github.com/attest-dev/attest/cmd/attest@v1.2.3' names its version, a build
from a checkout names the commit (vcs.revision) and whether the tree had local changes.
'attest --version' prints the same line.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runVersion(cmd.OutOrStdout())
		},
	}
}

func runVersion(stdout io.Writer) error {
	_, err := fmt.Fprintln(stdout, versionLine())
	return err
}

// versionLine describes the running binary.
func versionLine() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "attest (no build information)"
	}
	return describeBuild(info)
}

// describeBuild formats build information as
// "attest VERSION (commit REVISION[, modified], built TIME, GOVERSION)".
// A version the toolchain could not know ("(devel)", a build from a
// checkout) reads "devel"; a revision it did not record (a build with
// -buildvcs=false, or outside a repository) reads "unknown".
func describeBuild(info *debug.BuildInfo) string {
	version := info.Main.Version
	if version == "" || version == "(devel)" {
		version = "devel"
	}
	var rev, when string
	modified := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	parts := []string{"commit unknown"}
	if rev != "" {
		parts[0] = "commit " + rev
	}
	if modified {
		parts = append(parts, "modified")
	}
	if when != "" {
		parts = append(parts, "committed "+when)
	}
	if info.GoVersion != "" {
		parts = append(parts, info.GoVersion)
	}
	return "attest " + version + " (" + strings.Join(parts, ", ") + ")"
}
