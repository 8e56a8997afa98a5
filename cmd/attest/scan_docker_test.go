package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/attest-dev/attest/report"
)

// TestScan_DockerExample scans the shipped Dockerfile example: every
// Dockerfile rule but the waived one fails, each at its instruction.
func TestScan_DockerExample(t *testing.T) {
	js := filepath.Join(t.TempDir(), "report.json")
	code, _, stderr := runCLI(t, "scan", "--fail-on", "high", "--format", "json="+js, "../../examples/docker")
	if code != exitFindings {
		t.Fatalf("exit %d, want %d; stderr %s", code, exitFindings, stderr)
	}
	b, err := os.ReadFile(js)
	if err != nil {
		t.Fatal(err)
	}
	var rep report.Report
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	failedAt := map[string][]int{}
	waived := map[string]bool{}
	for _, f := range rep.Findings {
		switch f.Status {
		case "fail":
			failedAt[f.RuleID] = append(failedAt[f.RuleID], f.Range.StartLine)
		case "waived":
			waived[f.RuleID] = true
		}
	}
	for rule, line := range map[string]int{
		"docker-secret-env-name": 6, "docker-base-image-digest": 10, "docker-secret-file": 14,
		"docker-package-cleanup": 16, "docker-curl-pipe-shell": 18, "docker-base-image-tag": 24,
		"docker-user-root": 24, "docker-healthcheck": 24, "docker-secret-value": 26, "docker-add-url": 28,
		"docker-chmod-world-writable": 30, "docker-expose-ssh": 33,
	} {
		if !slices.Contains(failedAt[rule], line) {
			t.Errorf("%s: failures at lines %v, want one at %d", rule, failedAt[rule], line)
		}
	}
	if !waived["docker-sudo"] || len(failedAt["docker-sudo"]) > 0 {
		t.Errorf("docker-sudo: want waived inline, got failures at %v", failedAt["docker-sudo"])
	}
}

// TestScan_DockerBuildArg passes a build argument to the Dockerfiles: the
// npm token given for NPM_TOKEN is judged as the ARG's value.
func TestScan_DockerBuildArg(t *testing.T) {
	token := "npm_" + strings.Repeat("a1B2", 9)
	code, stdout, stderr := runCLI(t, "scan", "--rule", "docker-secret-value", "--build-arg", "NPM_TOKEN="+token, "../../examples/docker")
	if code != exitFindings || !strings.Contains(stdout, "ARG NPM_TOKEN holds an npm token") || !strings.Contains(stdout, "examples/docker/Dockerfile:6") {
		t.Errorf("exit %d, stdout:\n%s\nstderr: %s", code, stdout, stderr)
	}
	if code, _, stderr := runCLI(t, "scan", "--build-arg", "NPM_TOKEN", "../../examples/docker"); code != exitInput || !strings.Contains(stderr, "--build-arg") {
		t.Errorf("--build-arg without a value: exit %d, stderr %s", code, stderr)
	}
}
