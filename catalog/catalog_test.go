package catalog_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/catalog"
	"github.com/google/go-cmp/cmp"
)

func mustLoad(t *testing.T) map[string]*catalog.Catalog {
	t.Helper()
	cats, err := catalog.Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return cats
}

func TestLoad(t *testing.T) {
	cats := mustLoad(t)
	var keys []string
	for k, c := range cats {
		keys = append(keys, k)
		if c.Framework != k {
			t.Errorf("catalog keyed %q says framework %q", k, c.Framework)
		}
		if c.Version == "" {
			t.Errorf("catalog %s has no version", k)
		}
		for _, ctl := range c.Controls {
			if ctl.Framework != k {
				t.Errorf("%s control %s has framework %q", k, ctl.ID, ctl.Framework)
			}
		}
	}
	if len(cats) != 2 || cats[attest.FrameworkSOC2] == nil || cats[attest.FrameworkPCIDSS] == nil {
		t.Fatalf("frameworks = %v, want soc2 and pci-dss-4.0", keys)
	}
}

func TestLoad_SOC2(t *testing.T) {
	soc2 := mustLoad(t)[attest.FrameworkSOC2]
	if got := len(soc2.Controls); got != 61 {
		t.Errorf("SOC 2 has %d criteria, want 61", got)
	}
	counts := map[string]int{}
	idRe := regexp.MustCompile(`^(CC|A|C|PI|P)([0-9])\.([0-9])$`)
	for _, ctl := range soc2.Controls {
		m := idRe.FindStringSubmatch(ctl.ID)
		if m == nil {
			t.Errorf("SOC 2 id %q has an unexpected shape", ctl.ID)
			continue
		}
		counts[m[1]]++
		if ctl.Parent != "" {
			t.Errorf("SOC 2 %s has parent %q; criteria are top level", ctl.ID, ctl.Parent)
		}
	}
	want := map[string]int{"CC": 33, "A": 3, "C": 2, "PI": 5, "P": 18}
	if diff := cmp.Diff(want, counts); diff != "" {
		t.Errorf("SOC 2 counts by category (-want +got):\n%s", diff)
	}
	// The checkable core must be marked so.
	for _, id := range []string{"CC6.1", "CC6.3", "CC6.6", "CC6.7", "CC7.1", "CC7.2", "A1.2", "C1.2", "PI1.5"} {
		ctl, ok := soc2.Lookup(id)
		if !ok {
			t.Errorf("Lookup(%s) found nothing", id)
			continue
		}
		if ctl.Automatable != catalog.AutomatableYes {
			t.Errorf("%s automatable = %q, want yes", id, ctl.Automatable)
		}
	}
	for _, id := range []string{"CC6.4", "CC6.5"} {
		if ctl, _ := soc2.Lookup(id); ctl.Automatable != catalog.AutomatableInherited {
			t.Errorf("%s automatable = %q, want inherited", id, ctl.Automatable)
		}
	}
}

func TestLoad_PCI(t *testing.T) {
	pci := mustLoad(t)[attest.FrameworkPCIDSS]
	var principal []string
	for _, ctl := range pci.Controls {
		if ctl.Parent == "" {
			principal = append(principal, ctl.ID)
			continue
		}
		parent, ok := pci.Lookup(ctl.Parent)
		if !ok {
			t.Errorf("PCI %s: parent %s does not exist", ctl.ID, ctl.Parent)
			continue
		}
		// A child's id extends its parent's by one component.
		if !strings.HasPrefix(ctl.ID, parent.ID+".") || strings.Contains(ctl.ID[len(parent.ID)+1:], ".") {
			t.Errorf("PCI %s does not sit directly under %s", ctl.ID, parent.ID)
		}
	}
	want := []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"}
	if diff := cmp.Diff(want, principal); diff != "" {
		t.Errorf("principal requirements (-want +got):\n%s", diff)
	}
	for _, id := range []string{
		"1.2.1", "1.2.8", "1.3.1", "1.4.1", "1.5.1", "2.2.1", "2.2.7", "3.5.1", "3.6.1", "3.7.4",
		"4.2.1", "6.3.1", "6.3.3", "6.4.3", "7.2.1", "7.2.6", "8.2.8", "8.3.6", "8.3.7", "8.3.9",
		"8.4.1", "8.4.3", "10.2.1", "10.2.1.1", "10.2.1.7", "10.3.1", "10.3.4", "10.5.1",
		"10.7.1", "10.7.3", "11.3.1", "11.5.1", "11.5.2", "12.5.1", "12.10.1",
	} {
		if _, ok := pci.Lookup(id); !ok {
			t.Errorf("PCI %s is missing", id)
		}
	}
	if kids := pci.Children("10.2.1"); len(kids) != 7 {
		t.Errorf("10.2.1 has %d children, want 7 (10.2.1.1-10.2.1.7)", len(kids))
	}
}

func TestCatalog_Lookup(t *testing.T) {
	cats := mustLoad(t)
	tests := []struct {
		framework, id string
		want          bool
	}{
		{attest.FrameworkSOC2, "CC6.1", true},
		{attest.FrameworkSOC2, "CC6.9", false},
		{attest.FrameworkSOC2, "cc6.1", false},
		{attest.FrameworkPCIDSS, "3.5.1", true},
		{attest.FrameworkPCIDSS, "3.5.9", false},
		{attest.FrameworkPCIDSS, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.framework+"/"+tt.id, func(t *testing.T) {
			ctl, ok := cats[tt.framework].Lookup(tt.id)
			if ok != tt.want {
				t.Fatalf("Lookup(%q) ok = %v, want %v", tt.id, ok, tt.want)
			}
			if ok && (ctl.ID != tt.id || ctl.Title == "") {
				t.Errorf("Lookup(%q) = %+v", tt.id, ctl)
			}
		})
	}
	// A catalog built by hand, without Load's index, still answers.
	c := &catalog.Catalog{Framework: "x", Controls: []attest.Control{{ID: "a", Title: "A"}}}
	if _, ok := c.Lookup("a"); !ok {
		t.Error("hand-built catalog: Lookup(a) found nothing")
	}
	if _, ok := c.Lookup("b"); ok {
		t.Error("hand-built catalog: Lookup(b) found something")
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		wantErr []string // substrings of the error; nil means success
	}{
		{"ok", "framework: x\nversion: '1'\ncontrols:\n  - {id: a, title: A, automatable: 'yes'}\n  - {id: a.1, parent: a, title: B, automatable: partly}\n", nil},
		{"duplicate", "framework: x\ncontrols:\n  - {id: a, title: A, automatable: 'yes'}\n  - {id: a, title: B, automatable: 'yes'}\n", []string{"t.yaml:4:", "a is listed twice"}},
		{"missing parent", "framework: x\ncontrols:\n  - {id: a.1, parent: a, title: A, automatable: 'yes'}\n", []string{"t.yaml:3:", "parent a is not in the catalog"}},
		{"bad automatable", "framework: x\ncontrols:\n  - {id: a, title: A, automatable: maybe}\n", []string{"t.yaml:3:", `automatable "maybe"`}},
		{"no title and no id", "framework: x\ncontrols:\n  - {id: a, automatable: 'yes'}\n  - {title: B, automatable: 'yes'}\n", []string{"t.yaml:3: control a has no title", "t.yaml:4: control has no id"}},
		{"unknown field", "framework: x\ncontrols:\n  - {id: a, title: A, automatable: 'yes', owner: me}\n", []string{"t.yaml", `"owner"`, "line 3"}},
		{"unknown top field", "framework: x\nextra: 1\n", []string{"t.yaml", "extra"}},
		{"no framework", "controls: []\n", []string{"framework is missing"}},
		{"not yaml", "framework: [\n", []string{"parse t.yaml"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := catalog.Parse("t.yaml", []byte(tt.in))
			if tt.wantErr == nil {
				if err != nil {
					t.Fatalf("Parse: %v", err)
				}
				if _, ok := c.Lookup("a.1"); !ok {
					t.Error("Lookup(a.1) found nothing")
				}
				if kids := c.Children("a"); len(kids) != 1 || kids[0].ID != "a.1" {
					t.Errorf("Children(a) = %+v", kids)
				}
				return
			}
			if err == nil {
				t.Fatalf("Parse succeeded, want error with %q", tt.wantErr)
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestValidate(t *testing.T) {
	cats := mustLoad(t)
	good := attest.Rule{ID: "good", Controls: map[string][]string{
		attest.FrameworkSOC2:   {"CC6.1", "CC6.7"},
		attest.FrameworkPCIDSS: {"4.2.1"},
	}}
	tests := []struct {
		name  string
		rules []attest.Rule
		want  []catalog.MappingError
	}{
		{"all good", []attest.Rule{good}, nil},
		{"unknown id", []attest.Rule{good, {ID: "r1", Source: "aws/r1.rego", Controls: map[string][]string{
			attest.FrameworkSOC2: {"CC6.1", "CC6.9"}, attest.FrameworkPCIDSS: {"3.5.1", "99.1"},
		}}}, []catalog.MappingError{
			{RuleID: "r1", Source: "aws/r1.rego", Framework: "pci-dss-4.0", Control: "99.1", Reason: `pci-dss-4.0 control "99.1" is not in the catalog`},
			{RuleID: "r1", Source: "aws/r1.rego", Framework: "soc2", Control: "CC6.9", Reason: `soc2 control "CC6.9" is not in the catalog`},
		}},
		{"unknown framework", []attest.Rule{{ID: "r2", Controls: map[string][]string{
			attest.FrameworkSOC2: {"CC6.1"}, "hipaa": {"164.312"},
		}}}, []catalog.MappingError{
			{RuleID: "r2", Framework: "hipaa", Reason: `unknown framework "hipaa"`},
		}},
		{"no soc2", []attest.Rule{{ID: "r3", Controls: map[string][]string{attest.FrameworkPCIDSS: {"3.5.1"}}}, {ID: "r4"}},
			[]catalog.MappingError{
				{RuleID: "r3", Framework: "soc2", Reason: "maps to no SOC 2 criterion"},
				{RuleID: "r4", Framework: "soc2", Reason: "maps to no SOC 2 criterion"},
			}},
		{"duplicate id", []attest.Rule{{ID: "r5", Controls: map[string][]string{attest.FrameworkSOC2: {"CC6.1", "CC6.1"}}}},
			[]catalog.MappingError{{RuleID: "r5", Framework: "soc2", Control: "CC6.1", Reason: "soc2 control CC6.1 is listed twice"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := catalog.Validate(cats, tt.rules)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			var errs catalog.MappingErrors
			if !errors.As(err, &errs) {
				t.Fatalf("Validate = %v, want MappingErrors", err)
			}
			var got []catalog.MappingError
			for _, e := range errs {
				got = append(got, *e)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
			if !strings.Contains(err.Error(), "rule "+tt.want[0].RuleID+": ") {
				t.Errorf("message %q does not name the rule", err)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("framework: x\ncontrols:\n  - {id: a, title: A, automatable: 'yes'}\n"))
	f.Add([]byte("framework: x\ncontrols:\n  - {id: a.1, parent: a, title: A, automatable: 'yes'}\n"))
	f.Add([]byte("framework: [\n"))
	f.Add([]byte("controls:\n  - [1, 2]\n  - id: {a: b}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := catalog.Parse("fuzz.yaml", data)
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, ctl := range c.Controls {
			if seen[ctl.ID] {
				t.Fatalf("duplicate id %s accepted", ctl.ID)
			}
			seen[ctl.ID] = true
			if ctl.Parent != "" {
				if _, ok := c.Lookup(ctl.Parent); !ok {
					t.Fatalf("dangling parent %s accepted", ctl.Parent)
				}
			}
		}
	})
}
