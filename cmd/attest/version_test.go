package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

func TestDescribeBuild(t *testing.T) {
	for _, tc := range []struct {
		name string
		info debug.BuildInfo
		want string
	}{
		{"release", debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.3"}},
			"attest v1.2.3 (commit unknown, go1.26.8)"},
		{"checkout", debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs", Value: "git"},
			{Key: "vcs.revision", Value: "e890c82f00"},
			{Key: "vcs.time", Value: "2026-11-30T10:00:00Z"},
			{Key: "vcs.modified", Value: "true"},
		}}, "attest devel (commit e890c82f00, modified, committed 2026-11-30T10:00:00Z, go1.26.8)"},
		{"pseudo-version", debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261130100000-e890c82f0000"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "e890c82f00"}, {Key: "vcs.modified", Value: "false"},
		}}, "attest v0.0.0-20261130100000-e890c82f0000 (commit e890c82f00)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := describeBuild(&tc.info); got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestRun_Version(t *testing.T) {
	var a, b, stderr bytes.Buffer
	if code := run(context.Background(), []string{"version"}, nil, &a, &stderr); code != 0 {
		t.Fatalf("version: exit %d: %s", code, &stderr)
	}
	if code := run(context.Background(), []string{"--version"}, nil, &b, &stderr); code != 0 {
		t.Fatalf("--version: exit %d: %s", code, &stderr)
	}
	if !strings.HasPrefix(a.String(), "attest ") || a.String() != b.String() {
		t.Errorf("version printed %q, --version %q", &a, &b)
	}
}

// TestVersion_Binary builds attest from a clone of this repository with VCS
// stamping on and checks that the binary names the commit it was built
// from. (A clone, because the toolchain does not stamp from a linked git
// worktree, whose .git is a file.)
func TestVersion_Binary(t *testing.T) {
	top, err := exec.Command("git", "rev-parse", "--show-toplevel").Output()
	if err != nil {
		t.Fatalf("git rev-parse: %v", err)
	}
	dir := t.TempDir()
	clone := filepath.Join(dir, "src")
	if out, err := exec.Command("git", "clone", "--quiet", strings.TrimSpace(string(top)), clone).CombinedOutput(); err != nil {
		t.Fatalf("git clone: %v\n%s", err, out)
	}
	head, err := exec.Command("git", "-C", clone, "rev-parse", "HEAD").Output()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "attest")
	build := exec.Command("go", "build", "-o", bin, "./cmd/attest")
	build.Dir = clone
	build.Env = append(os.Environ(), "GOFLAGS=-buildvcs=true")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "--version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if want := "(commit " + strings.TrimSpace(string(head)) + ","; !strings.Contains(string(out), want) {
		t.Errorf("attest --version = %q, want it to contain %q", out, want)
	}
}
