package scan

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/attest-dev/attest"
)

// TestRun_KubernetesFoldersHideNothing: a Helm chart or a kustomization
// claims only what it builds; a Dockerfile or a CloudFormation template
// beside it is still scanned as its own format.
func TestRun_KubernetesFoldersHideNothing(t *testing.T) {
	dir := t.TempDir()
	write := func(p, body string) {
		t.Helper()
		p = filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pod := "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n"
	docker := "FROM ubuntu:latest\nUSER root\n"
	write("kust/kustomization.yaml", "resources:\n- pod.yaml\n")
	write("kust/pod.yaml", pod)
	write("kust/Dockerfile", docker)
	write("chart/Chart.yaml", "apiVersion: v2\nname: c\nversion: 0.1.0\n")
	write("chart/templates/pod.yaml", pod)
	write("chart/Dockerfile", docker)
	rep, err := Run(context.Background(), Params{Paths: []string{dir}, Config: DefaultConfig()})
	if err != nil {
		t.Fatal(err)
	}
	dockerfiles, pods := map[string]bool{}, map[string]bool{}
	for _, f := range rep.Findings {
		switch f.ResourceType {
		case "dockerfile":
			dockerfiles[f.Root] = true
		case "Pod":
			pods[f.Root] = true
		}
	}
	if len(dockerfiles) != 2 || len(pods) != 2 {
		t.Errorf("want both Dockerfiles, and the pods of the chart and of the kustomization; got Dockerfiles %v, pods %v", dockerfiles, pods)
	}
}

// TestLoadConfig_FIFO: a FIFO named .attest.yaml is refused at once rather
// than blocking the scan on open.
func TestLoadConfig_FIFO(t *testing.T) {
	p := filepath.Join(t.TempDir(), ".attest.yaml")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadConfig(p, true); attest.ErrorCode(err) != attest.EINVALID {
		t.Errorf("LoadConfig on a FIFO: %v, want an invalid-input error", err)
	}
}
