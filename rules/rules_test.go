package rules_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/catalog"
	"github.com/attest-dev/attest/iac/kubernetes"
	"github.com/attest-dev/attest/iac/terraform"
	"github.com/attest-dev/attest/policy"
	"github.com/attest-dev/attest/rules"
	"github.com/attest-dev/attest/scan"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the rule table in README.md")

// expectation is a fixture case's expect.json: the exact sets of resource
// addresses that get each verdict from the rule under test.
type expectation struct {
	Fail    []string `json:"fail"`
	Pass    []string `json:"pass"`
	Unknown []string `json:"unknown"`
}

func compileAll(t *testing.T) *policy.Engine {
	t.Helper()
	e, err := policy.Compile(context.Background(), policy.Options{})
	if err != nil {
		t.Fatalf("compile built-in rules:\n%v", err)
	}
	return e
}

// ruleDir is the folder of a rule's fixtures: rules/aws/s3.rego has its
// cases in aws/testdata/<rule-id>.
func ruleDir(r attest.Rule) string {
	provider := path.Dir(strings.TrimPrefix(r.Source, "rules/"))
	return filepath.Join(provider, "testdata", r.ID)
}

func readExpectation(t *testing.T, file string) expectation {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var e expectation
	if err := dec.Decode(&e); err != nil {
		t.Fatalf("parse %s: %v", file, err)
	}
	for _, l := range []*[]string{&e.Fail, &e.Pass, &e.Unknown} {
		if *l == nil {
			*l = []string{}
		}
		slices.Sort(*l)
	}
	return e
}

func TestRules_Catalog(t *testing.T) {
	cats, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	rules := compileAll(t).Rules()
	if len(rules) < 40 {
		t.Errorf("%d built-in rules, want at least 40", len(rules))
	}
	if err := catalog.Validate(cats, rules); err != nil {
		t.Errorf("rule mappings:\n%v", err)
	}
	for _, r := range rules {
		if r.Description == "" || r.Remediation == "" {
			t.Errorf("%s: description and remediation are required", r.ID)
		}
		if want := "aws-"; !strings.HasPrefix(r.ID, want) && strings.HasPrefix(r.Source, "rules/aws/") {
			t.Errorf("%s: AWS rule ids start with %q", r.ID, want)
		}
		if want := "docker-"; !strings.HasPrefix(r.ID, want) && strings.HasPrefix(r.Source, "rules/docker/") {
			t.Errorf("%s: Dockerfile rule ids start with %q", r.ID, want)
		}
		if want := "k8s-"; !strings.HasPrefix(r.ID, want) && strings.HasPrefix(r.Source, "rules/kubernetes/") {
			t.Errorf("%s: Kubernetes rule ids start with %q", r.ID, want)
		}
		if want := "org-"; !strings.HasPrefix(r.ID, want) && strings.HasPrefix(r.Source, "rules/org/") {
			t.Errorf("%s: organisation rule ids start with %q", r.ID, want)
		}
	}
}

// TestRules_Fixtures loads every fixture case as a scan would (Terraform,
// CloudFormation templates and the other formats found by content),
// evaluates only the rule the case belongs to, and compares the verdicts
// with the case's expect.json.
func TestRules_Fixtures(t *testing.T) {
	ctx := context.Background()
	whole := compileAll(t)
	all := whole.Rules()
	known := map[string]bool{}
	for _, r := range all {
		known[ruleDir(r)] = true
		t.Run(r.ID, func(t *testing.T) {
			t.Parallel()
			eng, err := whole.Only(r.ID)
			if err != nil {
				t.Fatal(err)
			}
			dir := ruleDir(r)
			cases, err := os.ReadDir(dir)
			if err != nil {
				t.Fatalf("fixtures of %s: %v", r.ID, err)
			}
			var fails, passes int
			var typesSeen []string // written by the case subtests, which run in turn
			// verdictsByFormat counts fail and pass findings per input
			// format, so that a rule over several formats is shown to
			// fail and pass in each.
			verdictsByFormat := map[string]map[string]int{}
			for _, c := range cases {
				if !c.IsDir() {
					t.Errorf("%s: stray file %s", dir, c.Name())
					continue
				}
				caseDir := filepath.Join(dir, c.Name())
				want := readExpectation(t, filepath.Join(caseDir, "expect.json"))
				fails += len(want.Fail)
				passes += len(want.Pass)
				t.Run(c.Name(), func(t *testing.T) {
					findings := evaluateCase(ctx, t, eng, caseDir)
					got := expectation{Fail: []string{}, Pass: []string{}, Unknown: []string{}}
					msgs := map[string][]string{}
					for _, f := range findings {
						if f.RuleID != r.ID {
							t.Errorf("finding of rule %s, want only %s", f.RuleID, r.ID)
						}
						switch f.Status {
						case attest.StatusFail:
							got.Fail = append(got.Fail, f.Resource)
						case attest.StatusPass:
							got.Pass = append(got.Pass, f.Resource)
						case attest.StatusUnknown:
							got.Unknown = append(got.Unknown, f.Resource)
						default:
							t.Errorf("%s: unexpected status %q", f.Resource, f.Status)
						}
						typesSeen = append(typesSeen, f.ResourceType)
						if verdictsByFormat[f.Format] == nil {
							verdictsByFormat[f.Format] = map[string]int{}
						}
						verdictsByFormat[f.Format][f.Status]++
						if f.Message != "" {
							msgs[f.Resource] = append(msgs[f.Resource], f.Status+": "+f.Message)
						}
					}
					for _, l := range []*[]string{&got.Fail, &got.Pass, &got.Unknown} {
						slices.Sort(*l)
						*l = slices.Compact(*l)
					}
					if diff := cmp.Diff(want, got); diff != "" {
						t.Errorf("verdicts (-expect.json +got):\n%s\nmessages: %v", diff, msgs)
					}
				})
			}
			if fails == 0 {
				t.Errorf("%s: no fixture case where the rule fails", r.ID)
			}
			if passes == 0 {
				t.Errorf("%s: no fixture case where the rule passes", r.ID)
			}
			for format, n := range verdictsByFormat {
				// Opta resources are the Terraform-typed resources its
				// modules create, judged by the Terraform branch of the
				// rule: the Terraform cases exercise both verdicts.
				if format == attest.FormatOpta {
					continue
				}
				if n[attest.StatusFail] == 0 || n[attest.StatusPass] == 0 {
					t.Errorf("%s: the %s fixtures need a case where the rule fails and one where it passes (have %v)", r.ID, format, n)
				}
			}
			for _, typ := range r.ResourceTypes {
				// A pod rule reads the pod_spec the loader puts on every
				// workload kind (iac/kubernetes TestLoad_WorkloadKinds), so
				// fixtures of one workload kind stand for all of them.
				if _, ok := kubernetes.WorkloadKinds[typ]; ok && slices.ContainsFunc(typesSeen, func(s string) bool {
					_, ok := kubernetes.WorkloadKinds[s]
					return ok
				}) {
					continue
				}
				if !slices.Contains(typesSeen, typ) {
					t.Errorf("%s: no fixture case has a resource of type %s", r.ID, typ)
				}
			}
		})
	}
	// Every fixture folder belongs to a rule.
	dirs, _ := filepath.Glob(filepath.Join("*", "testdata", "*"))
	for _, d := range dirs {
		if !known[d] {
			t.Errorf("fixture folder %s belongs to no rule", d)
		}
	}
}

// evaluateCase loads a fixture case and evaluates it. A case with Terraform
// files is loaded as a root module; any other case (Opta, and the other
// formats found by content) is scanned as a folder by scan.Run, the way
// `attest scan` reads it, and its findings must point into its own files.
func evaluateCase(ctx context.Context, t *testing.T, eng *policy.Engine, caseDir string) []attest.Finding {
	t.Helper()
	tf, _ := filepath.Glob(filepath.Join(caseDir, "*.tf"))
	tfJSON, _ := filepath.Glob(filepath.Join(caseDir, "*.tf.json"))
	if len(tf)+len(tfJSON) > 0 {
		res, err := terraform.LoadModule(ctx, caseDir, terraform.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Diagnostics.HasErrors() {
			t.Fatalf("fixture does not load cleanly:\n%v", res.Diagnostics)
		}
		findings, err := eng.Evaluate(ctx, res.Resources)
		if err != nil {
			t.Fatal(err)
		}
		return findings
	}
	rep, err := scan.Run(ctx, scan.Params{Paths: []string{caseDir}, Config: scan.DefaultConfig(), Engine: eng})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Diagnostics.HasErrors() {
		t.Fatalf("fixture does not load cleanly:\n%v", rep.Diagnostics)
	}
	for _, f := range rep.Findings {
		if rel, err := filepath.Rel(caseDir, f.Range.File); err != nil || strings.HasPrefix(rel, "..") || f.Range.StartLine == 0 {
			t.Errorf("%s: finding at %v, want a line of a file of the case", f.Resource, f.Range)
		}
	}
	return rep.Findings
}

// unknownBody matches the head of an unknown rule body at the start of a
// line, as OPA v1 syntax writes it ("unknown contains msg if {").
var unknownBody = regexp.MustCompile(`(?m)^unknown\s+(contains|if|:?=)\s`)

// TestRules_UnknownFixtures requires a fixture case expecting unknown from
// every rule that can report unknown, so that a change which turns an
// undecidable case into a pass (or a fail) is caught by the fixtures.
func TestRules_UnknownFixtures(t *testing.T) {
	for _, r := range compileAll(t).Rules() {
		src, err := fs.ReadFile(rules.FS(), strings.TrimPrefix(r.Source, "rules/"))
		if err != nil {
			t.Fatalf("%s: %v", r.ID, err)
		}
		if !unknownBody.Match(src) {
			continue
		}
		files, err := filepath.Glob(filepath.Join(ruleDir(r), "*", "expect.json"))
		if err != nil {
			t.Fatal(err)
		}
		var unknowns int
		for _, f := range files {
			unknowns += len(readExpectation(t, f).Unknown)
		}
		if unknowns == 0 {
			t.Errorf("%s has an unknown rule body but no fixture case under %s expects unknown", r.ID, ruleDir(r))
		}
	}
}

const (
	tableStart = "<!-- rules:start -->"
	tableEnd   = "<!-- rules:end -->"
)

// ruleTable renders the rule list of README.md from the rules' metadata.
func ruleTable(rules []attest.Rule) string {
	var b strings.Builder
	b.WriteString("| Rule | Severity | SOC 2 | PCI DSS 4.0 | Formats | Title |\n|---|---|---|---|---|---|\n")
	for _, r := range rules {
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s |\n", r.ID, r.Severity,
			strings.Join(r.Controls[attest.FrameworkSOC2], ", "),
			strings.Join(r.Controls[attest.FrameworkPCIDSS], ", "),
			strings.Join(r.Formats(), ", "), r.Title)
	}
	return b.String()
}

// TestREADME checks that README.md lists every rule with its current
// metadata; run with -update to rewrite the table.
func TestREADME(t *testing.T) {
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	i, j := strings.Index(readme, tableStart), strings.Index(readme, tableEnd)
	if i < 0 || j < i {
		t.Fatalf("README.md has no %s ... %s section", tableStart, tableEnd)
	}
	rules := compileAll(t).Rules()
	want := ruleTable(rules)
	got := readme[i+len(tableStart)+1 : j]
	if *update {
		readme = readme[:i+len(tableStart)+1] + want + readme[j:]
		if err := os.WriteFile("README.md", []byte(readme), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("README.md rule table is stale; run go test ./rules -run TestREADME -update (-want +got):\n%s", diff)
	}
	for _, r := range rules {
		if !strings.Contains(got, "`"+r.ID+"`") {
			t.Errorf("README.md does not list %s", r.ID)
		}
	}
}
