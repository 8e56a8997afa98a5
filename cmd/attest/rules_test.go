package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// TestControls: attest controls shows the built-in rules and detections
// under the controls they map to, and why the others are not checked.
func TestControls(t *testing.T) {
	code, out, stderr := runCLI(t, "controls", "--framework", "soc2", "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got []struct {
		Framework string         `json:"framework"`
		Summary   map[string]int `json:"summary"`
		Controls  []struct {
			Control struct{ ID string } `json:"control"`
			Status  string              `json:"status"`
			Why     string              `json:"why"`
			Checks  []struct{ Kind, ID, Provider string }
		} `json:"controls"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if len(got) != 1 || got[0].Framework != "soc2" {
		t.Fatalf("frameworks %+v, want soc2 only", got)
	}
	kinds := map[string]map[string]bool{}
	for _, cc := range got[0].Controls {
		kinds[cc.Control.ID] = map[string]bool{}
		for _, c := range cc.Checks {
			kinds[cc.Control.ID][c.Kind+":"+c.ID] = true
		}
		switch cc.Control.ID {
		case "CC1.1", "CC6.4":
			if cc.Status != "other-evidence" || cc.Why == "" {
				t.Errorf("%s: %s %q, want other-evidence with a why", cc.Control.ID, cc.Status, cc.Why)
			}
		case "CC6.1", "CC7.2":
			if cc.Status != "checked" {
				t.Errorf("%s: %s, want checked", cc.Control.ID, cc.Status)
			}
		}
	}
	if !kinds["CC6.1"]["rule:aws-s3-tls-only"] {
		t.Errorf("CC6.1 lacks the rule aws-s3-tls-only: %v", kinds["CC6.1"])
	}
	if !slices.ContainsFunc(mapKeys(kinds["CC7.2"]), func(k string) bool { return strings.HasPrefix(k, "detection:") }) {
		t.Errorf("CC7.2 lists no detection: %v", kinds["CC7.2"])
	}
	if got[0].Summary["checked"] < 10 {
		t.Errorf("summary %v: fewer than 10 criteria checked", got[0].Summary)
	}

	// --provider keeps one provider's checks.
	code, out, _ = runCLI(t, "controls", "--framework", "pci-dss-4.0", "--provider", "docker", "--format", "markdown")
	if code != exitOK || !strings.Contains(out, "`docker-user-root`") || strings.Contains(out, "`aws-s3-tls-only`") {
		t.Errorf("--provider docker: exit %d\n%s", code, out)
	}
}

func mapKeys(m map[string]bool) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

func TestRulesList(t *testing.T) {
	code, out, stderr := runCLI(t, "rules", "list", "--provider", "docker", "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rules []struct {
		ID       string   `json:"id"`
		Provider string   `json:"provider"`
		Formats  []string `json:"formats"`
	}
	if err := json.Unmarshal([]byte(out), &rules); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if len(rules) < 10 {
		t.Fatalf("%d docker rules, want the built-in ones", len(rules))
	}
	for _, r := range rules {
		if r.Provider != "docker" || !slices.Equal(r.Formats, []string{"Dockerfile"}) {
			t.Errorf("%s: provider %s, formats %v", r.ID, r.Provider, r.Formats)
		}
	}
	code, out, _ = runCLI(t, "rules", "list", "--framework", "pci-dss-4.0")
	if code != exitOK || !strings.Contains(out, "aws-s3-tls-only") || !strings.Contains(out, " rules\n") {
		t.Errorf("table: exit %d\n%s", code, out)
	}
	for _, args := range [][]string{
		{"rules", "list", "--format", "yaml"},
		{"rules", "list", "--framework", "iso27001"},
		{"controls", "--framework", "nist"},
		{"controls", "--rules", "does-not-exist"},
	} {
		if code, _, stderr := runCLI(t, args...); code != exitInput || stderr == "" {
			t.Errorf("%v: exit %d (%q), want %d with a message", args, code, stderr, exitInput)
		}
	}
}
