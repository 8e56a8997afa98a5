package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestScan_WorkspaceAndRoot(t *testing.T) {
	ws := "../../scan/testdata/workspace"
	for _, c := range []struct {
		name string
		env  string
		args []string
		want string
	}{
		{"unknown by default", "", nil, "unknown"},
		{"--workspace", "", []string{"--workspace", "prod"}, "pass"},
		{"TF_WORKSPACE", "dev", nil, "fail"},
		{"--workspace over TF_WORKSPACE", "dev", []string{"--workspace", "prod"}, "pass"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("TF_WORKSPACE", c.env)
			args := append([]string{"scan", "--rule", "aws-kms-key-rotation", "--fail-on", "none", "--format", "json"}, c.args...)
			_, stdout, stderr := runCLI(t, append(args, ws)...)
			if !strings.Contains(stdout, `"status": "`+c.want+`"`) {
				t.Errorf("want status %s\nstdout:\n%s\nstderr:\n%s", c.want, stdout, stderr)
			}
		})
	}

	base := t.TempDir()
	for name, src := range map[string]string{
		"modules/kms/main.tf": "resource \"aws_kms_key\" \"k\" {\n  enable_key_rotation = true\n}\n",
		"envs/prod/main.tf":   "module \"kms\" {\n  source = \"../../modules/kms\"\n}\n",
	} {
		p := filepath.Join(base, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	prod := filepath.Join(base, "envs", "prod")
	if code, stdout, _ := runCLI(t, "scan", "--rule", "aws-kms-key-rotation", prod); code != exitInput || !strings.Contains(stdout, "outside the scanned tree") {
		t.Errorf("without --root: exit %d, want %d and the module refused\n%s", code, exitInput, stdout)
	}
	if code, stdout, stderr := runCLI(t, "scan", "--rule", "aws-kms-key-rotation", "--root", base, prod); code != exitOK {
		t.Errorf("with --root: exit %d, want %d\n%s%s", code, exitOK, stdout, stderr)
	}
	if code, _, stderr := runCLI(t, "scan", "--root", filepath.Join(base, "none"), prod); code != exitInput || !strings.Contains(stderr, "--root") {
		t.Errorf("missing --root: exit %d\n%s", code, stderr)
	}
}
