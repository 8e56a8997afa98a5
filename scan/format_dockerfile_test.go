package scan_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/scan"
	"github.com/google/go-cmp/cmp"
)

// dockerFinding is what the Dockerfile tests compare of a finding.
type dockerFinding struct {
	Rule, Root, Resource, Status string
	Lines                        attest.Range
}

func dockerScan(t *testing.T, p scan.Params) ([]dockerFinding, attest.Diagnostics) {
	t.Helper()
	p.Now = func() time.Time { return testNow }
	rep, err := scan.Run(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	var out []dockerFinding
	for _, f := range rep.Findings {
		if f.Status == attest.StatusPass {
			continue
		}
		out = append(out, dockerFinding{f.RuleID, filepath.ToSlash(f.Root), f.Resource, f.Status, attest.Range{StartLine: f.Range.StartLine, EndLine: f.Range.EndLine}})
	}
	return out, rep.Diagnostics
}

// TestRun_Dockerfiles scans a tree holding Dockerfiles found by name and
// by content among files that are not: findings point at the instruction,
// and an inline waiver above an instruction waives that finding only.
func TestRun_Dockerfiles(t *testing.T) {
	cfg := scan.DefaultConfig()
	cfg.Rules.Only = []string{"docker-secret-env-name", "docker-sudo", "docker-base-image-tag", "docker-user-root"}
	got, diags := dockerScan(t, scan.Params{Paths: []string{"testdata/docker/tree"}, Config: cfg})
	const (
		top   = "testdata/docker/tree/Dockerfile"
		api   = "testdata/docker/tree/services/api/api.Dockerfile"
		build = "testdata/docker/tree/docs/builder"
	)
	want := []dockerFinding{
		{"docker-user-root", top, "Dockerfile", "fail", attest.Range{StartLine: 1, EndLine: 1}},
		{"docker-secret-env-name", top, "Dockerfile", "waived", attest.Range{StartLine: 3, EndLine: 3}},
		{"docker-secret-env-name", top, "Dockerfile", "fail", attest.Range{StartLine: 4, EndLine: 4}},
		{"docker-sudo", top, "Dockerfile", "fail", attest.Range{StartLine: 6, EndLine: 6}},
		// Found by content: no Dockerfile name.
		{"docker-user-root", build, "builder", "fail", attest.Range{StartLine: 2, EndLine: 2}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings other than pass (-want +got):\n%s", diff)
	}
	// The waiver without expiry is reported where it is, and not applied.
	if !slices.ContainsFunc(diags, func(d attest.Diagnostic) bool {
		return d.Severity == attest.DiagWarning && d.Pos.File == top && d.Pos.Line == 5 && strings.Contains(d.Summary, "expires=")
	}) {
		t.Errorf("diagnostics %v: want a warning at %s:5 about the waiver with no expiry", diags, top)
	}
	if diags.HasErrors() {
		t.Errorf("errors: %v", diags)
	}
}

// TestRun_DockerfileParseError checks that a Dockerfile BuildKit refuses
// is an input error at its file and line.
func TestRun_DockerfileParseError(t *testing.T) {
	cfg := scan.DefaultConfig()
	cfg.Rules.Only = []string{"docker-user-root"}
	got, diags := dockerScan(t, scan.Params{Paths: []string{"testdata/docker/bad"}, Config: cfg})
	if len(got) != 0 || !diags.HasErrors() || !strings.Contains(diags.Error(), "testdata/docker/bad/Dockerfile:2: error: Dockerfile does not parse: unterminated heredoc") {
		t.Errorf("findings %v, diagnostics %v", got, diags)
	}
}

// TestRun_DockerAllowedRegistries configures the allowed registries
// through a rules folder that defines data.attest.config.docker.
func TestRun_DockerAllowedRegistries(t *testing.T) {
	cfg := scan.DefaultConfig()
	cfg.Rules.Only = []string{"docker-base-image-registry"}
	cfg.Rules.Dirs = []string{"testdata/docker/registries/rules"}
	got, diags := dockerScan(t, scan.Params{Paths: []string{"testdata/docker/registries/tree"}, Config: cfg})
	const df = "testdata/docker/registries/tree/Dockerfile"
	want := []dockerFinding{
		{"docker-base-image-registry", df, "Dockerfile", "fail", attest.Range{StartLine: 3, EndLine: 3}},
		{"docker-base-image-registry", df, "Dockerfile", "fail", attest.Range{StartLine: 4, EndLine: 4}},
	}
	if diff := cmp.Diff(want, got); diff != "" || diags.HasErrors() {
		t.Errorf("findings (-want +got):\n%s\ndiagnostics %v", diff, diags)
	}
}

// TestRun_DockerBuildArgs scans one Dockerfile with the build arguments
// given three ways: none (the verdicts that depend on them are unknown, not
// passes), values that fail, and values that pass.
func TestRun_DockerBuildArgs(t *testing.T) {
	cfg := scan.DefaultConfig()
	cfg.Rules.Only = []string{"docker-base-image-tag", "docker-user-root", "docker-secret-value"}
	verdicts := func(args map[string]string) map[string]string {
		t.Helper()
		rep, err := scan.Run(context.Background(), scan.Params{Paths: []string{"testdata/docker/build-args"}, Config: cfg, BuildArgs: args, Now: func() time.Time { return testNow }})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Diagnostics.HasErrors() {
			t.Fatal(rep.Diagnostics)
		}
		out := map[string]string{}
		for _, f := range rep.Findings {
			out[f.RuleID] = f.Status
		}
		return out
	}
	for _, tc := range []struct {
		name string
		args map[string]string
		want string
	}{
		{"none", nil, attest.StatusUnknown},
		{"failing values", map[string]string{"BASE": "python:latest", "APP_USER": "root", "SERVICE_URL": "https://deploy:s3cr3t@api.example.com/"}, attest.StatusFail},
		{"passing values", map[string]string{"BASE": "python:3.12-slim", "SERVICE_URL": "https://api.example.com/"}, attest.StatusPass},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := verdicts(tc.args)
			want := map[string]string{}
			for _, r := range cfg.Rules.Only {
				want[r] = tc.want
			}
			if tc.args == nil {
				// APP_USER has a default, app: known without --build-arg.
				want["docker-user-root"] = attest.StatusPass
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("verdicts (-want +got):\n%s", diff)
			}
		})
	}
}
