package scan_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/scan"
	"github.com/google/go-cmp/cmp"
)

func TestRun_VariablesForSeveralRoots(t *testing.T) {
	// rotate is declared by root a only, nope by neither: each root ignores
	// what it does not declare and the scan warns once per name.
	cfg := scan.DefaultConfig()
	cfg.Variables = map[string]string{"rotate": "true", "nope": "x"}
	cfg.VarFiles = []string{"testdata/vars/shared.tfvars"}
	rep := runScan(t, cfg, "testdata/vars")
	if rep.Summary.Errors != 0 {
		t.Fatalf("errors: %v", rep.Diagnostics)
	}
	want := map[string]string{"aws_kms_key.a": attest.StatusPass, "aws_kms_key.b": attest.StatusPass}
	if diff := cmp.Diff(want, statuses(rep)); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
	var got []string
	for _, d := range rep.Diagnostics {
		got = append(got, d.String())
	}
	wantDiags := []string{
		`--var: warning: value for undeclared variable: no root module declares variable "from_file"; its value was ignored`,
		`--var: warning: value for undeclared variable: no root module declares variable "nope"; its value was ignored`,
		`--var: warning: value for undeclared variable: 1 of 2 root modules do not declare variable "rotate" and ignored its value: testdata/vars/b`,
	}
	if diff := cmp.Diff(wantDiags, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

func TestRun_Workspace(t *testing.T) {
	for _, c := range []struct{ workspace, want string }{
		{"", attest.StatusUnknown},
		{"prod", attest.StatusPass},
		{"dev", attest.StatusFail},
	} {
		cfg := scan.DefaultConfig()
		cfg.Rules.Only = []string{"aws-kms-key-rotation"}
		rep, err := scan.Run(context.Background(), scan.Params{Paths: []string{"testdata/workspace"}, Config: cfg, Workspace: c.workspace})
		if err != nil {
			t.Fatal(err)
		}
		if got := statuses(rep)["aws_kms_key.k"]; got != c.want {
			t.Errorf("workspace %q: status %q, want %q", c.workspace, got, c.want)
		}
	}
}

func TestRun_Root(t *testing.T) {
	// Outside a git repository a scanned path is its own tree: a module
	// source above it is refused unless --root names a wider one.
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
	cfg := scan.DefaultConfig()
	cfg.Rules.Only = []string{"aws-kms-key-rotation"}
	run := func(root string) ([]string, map[string]string) {
		t.Helper()
		rep, err := scan.Run(context.Background(), scan.Params{Paths: []string{prod}, Config: cfg, Root: root})
		if err != nil {
			t.Fatal(err)
		}
		var errs []string
		for _, d := range rep.Diagnostics {
			if d.Severity == attest.DiagError {
				errs = append(errs, d.String())
			}
		}
		return errs, statuses(rep)
	}

	errs, got := run("")
	if len(errs) != 1 || !strings.HasPrefix(errs[0], filepath.Join(prod, "main.tf")+":1:1: error: module source outside the scanned tree") {
		t.Errorf("errors = %q, want the module source refused at main.tf:1", errs)
	}
	if len(got) != 0 {
		t.Errorf("findings %v, want none", got)
	}

	errs, got = run(base)
	if len(errs) != 0 {
		t.Errorf("with --root: errors %q", errs)
	}
	if got[`module.kms.aws_kms_key.k`] != attest.StatusPass {
		t.Errorf("with --root: findings %v", got)
	}

	errs, _ = run(filepath.Join(base, "modules"))
	if len(errs) != 1 || !strings.Contains(errs[0], "not inside --root") {
		t.Errorf("path outside --root: errors %q", errs)
	}
}

func TestRun_Limits(t *testing.T) {
	cfg, err := scan.LoadConfig("testdata/limits/.attest.yaml", false)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Limits.MaxStringLength != 1024 {
		t.Fatalf("limits = %+v", cfg.Limits)
	}
	rep := runScan(t, cfg, "testdata/limits")
	var errs []string
	for _, d := range rep.Diagnostics {
		if d.Severity == attest.DiagError {
			errs = append(errs, d.String())
		}
	}
	want := []string{"testdata/limits/main.tf:6:25: error: value too large: it would build a string of 1088 bytes, over the limit of 1024 (max_string_length)"}
	if diff := cmp.Diff(want, errs); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	// The rest is scanned.
	if diff := cmp.Diff(map[string]string{"aws_kms_key.big": attest.StatusPass, "aws_kms_key.fine": attest.StatusFail}, statuses(rep)); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}

	_, err = scan.LoadConfig("testdata/config/bad-limit.yaml", false)
	if msg := attest.ErrorMessage(err); !strings.Contains(msg, "bad-limit.yaml: limits.max_iterations is -1") {
		t.Errorf("error %q, want the negative limit named", msg)
	}
}
