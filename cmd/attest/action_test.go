package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// action is the part of action.yml the tests read.
type action struct {
	Inputs map[string]struct {
		Default string `yaml:"default"`
	} `yaml:"inputs"`
	Runs struct {
		Using string `yaml:"using"`
		Steps []struct {
			Name string            `yaml:"name"`
			ID   string            `yaml:"id"`
			If   string            `yaml:"if"`
			Uses string            `yaml:"uses"`
			Run  string            `yaml:"run"`
			Env  map[string]string `yaml:"env"`
			With map[string]string `yaml:"with"`
		} `yaml:"steps"`
	} `yaml:"runs"`
}

func readAction(t *testing.T) action {
	t.Helper()
	data, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var a action
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return a
}

var inputRef = regexp.MustCompile(`\$\{\{\s*inputs\.([a-z-]+)\s*\}\}`)

func TestAction_shape(t *testing.T) {
	a := readAction(t)
	if a.Runs.Using != "composite" {
		t.Errorf("runs.using = %q, want composite", a.Runs.Using)
	}
	var upload, scan bool
	for _, s := range a.Runs.Steps {
		if strings.HasPrefix(s.Uses, "github/codeql-action/upload-sarif@") {
			upload = s.With["sarif_file"] == "${{ inputs.sarif-file }}" && strings.Contains(s.If, "always()")
		}
		if strings.Contains(s.Run, "attest\" scan") && strings.Contains(s.Run, "sarif=$SARIF_FILE") {
			scan = true
		}
		// Inputs reach scripts through the environment only: an
		// expression in a script would let an input inject commands.
		if strings.Contains(s.Run, "${{") {
			t.Errorf("step %q splices an expression into its script", s.Name)
		}
		for _, text := range append([]string{s.If, s.Run}, mapValues(s.Env, s.With)...) {
			for _, m := range inputRef.FindAllStringSubmatch(text, -1) {
				if _, ok := a.Inputs[m[1]]; !ok {
					t.Errorf("step %q uses undeclared input %q", s.Name, m[1])
				}
			}
		}
	}
	if !scan || !upload {
		t.Errorf("scan step %v, upload-sarif step (always, with the SARIF file) %v: want both", scan, upload)
	}
}

func mapValues(ms ...map[string]string) []string {
	var out []string
	for _, m := range ms {
		for _, v := range m {
			out = append(out, v)
		}
	}
	return out
}

// TestAction_scanStep runs the action's scan script with bash, the way the
// runner would, against the example stack: it records attest's exit code
// and writes a SARIF log for the upload step.
func TestAction_scanStep(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Fatalf("bash: %v", err)
	}
	a := readAction(t)
	tmp := t.TempDir()
	// The runner's attest is this test binary under the name attest.
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(self, filepath.Join(tmp, "attest")); err != nil {
		t.Fatal(err)
	}
	outputs := filepath.Join(tmp, "github_output")
	sarif := filepath.Join(tmp, "attest.sarif")
	inputs := map[string]string{"path": "../../examples/aws-web", "sarif-file": sarif}
	for name, in := range a.Inputs {
		if _, ok := inputs[name]; !ok {
			inputs[name] = in.Default
		}
	}
	for _, s := range a.Runs.Steps {
		if s.ID != "scan" {
			continue
		}
		cmd := exec.Command(bash, "-e", "-c", s.Run)
		cmd.Env = append(os.Environ(), "RUNNER_TEMP="+tmp, "GITHUB_OUTPUT="+outputs)
		for k, v := range s.Env {
			cmd.Env = append(cmd.Env, k+"="+inputRef.ReplaceAllStringFunc(v, func(ref string) string {
				return inputs[inputRef.FindStringSubmatch(ref)[1]]
			}))
		}
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("scan step: %v\n%s", err, out)
		}
		if !strings.Contains(string(out), "Result: FAIL") {
			t.Errorf("scan step output lacks the table:\n%s", out)
		}
	}
	got, err := os.ReadFile(outputs)
	if err != nil {
		t.Fatalf("no step outputs: %v", err)
	}
	if !strings.Contains(string(got), "exit-code=1\n") || !strings.Contains(string(got), "sarif=true\n") {
		t.Errorf("step outputs %q, want exit-code=1 and sarif=true", got)
	}
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Results []json.RawMessage `json:"results"`
		} `json:"runs"`
	}
	data, err := os.ReadFile(sarif)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &log); err != nil || log.Version != "2.1.0" || len(log.Runs) != 1 || len(log.Runs[0].Results) == 0 {
		t.Errorf("SARIF log: version %q, runs %d, err %v", log.Version, len(log.Runs), err)
	}
}

func TestPreCommitHooks(t *testing.T) {
	data, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID            string   `yaml:"id"`
		Entry         string   `yaml:"entry"`
		Language      string   `yaml:"language"`
		Files         string   `yaml:"files"`
		PassFilenames *bool    `yaml:"pass_filenames"`
		Args          []string `yaml:"args"`
	}
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatal(err)
	}
	if len(hooks) != 1 {
		t.Fatalf("hooks = %+v, want one", hooks)
	}
	h := hooks[0]
	// language golang runs go install, which names the binary after its
	// folder: cmd/attest gives attest.
	if h.ID != "attest-scan" || h.Language != "golang" || h.Entry != "attest scan" || filepath.Base(mustAbs(t, ".")) != "attest" {
		t.Errorf("hook %+v: want id attest-scan, language golang, entry 'attest scan'", h)
	}
	if h.PassFilenames == nil || *h.PassFilenames || len(h.Args) == 0 {
		t.Errorf("hook must scan paths from args, not the changed files (a module spans files): %+v", h)
	}
	re, err := regexp.Compile(h.Files)
	if err != nil {
		t.Fatalf("files: %v", err)
	}
	for name, want := range map[string]bool{"infra/main.tf": true, "x.tf.json": true, "prod.tfvars": true, ".attest.yaml": true, "README.md": false, "main.go": false} {
		if re.MatchString(name) != want {
			t.Errorf("files %q matches %s: %v, want %v", h.Files, name, !want, want)
		}
	}
	// The hook runs the real command line: attest scan on a folder.
	if code, _, stderr := runCLI(t, append(strings.Fields(h.Entry)[1:], "--fail-on", "none", "../../examples/aws-web")...); code != exitOK {
		t.Errorf("hook command: exit %d\n%s", code, stderr)
	}
}

func mustAbs(t *testing.T, p string) string {
	t.Helper()
	abs, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}
