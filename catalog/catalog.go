// Package catalog holds the control catalogs that attest maps its rules to:
// the SOC 2 Trust Services Criteria and the PCI DSS v4.0 requirement tree.
// The catalogs are YAML data embedded in the binary; titles are attest's own
// paraphrases. Validate checks that rule metadata names only real controls.
package catalog

import (
	"bytes"
	"cmp"
	"embed"
	"fmt"
	"slices"
	"strings"

	"github.com/attest-dev/attest"
	"go.yaml.in/yaml/v3"
)

//go:embed soc2.yaml pci-dss-4.0.yaml
var files embed.FS

// sources lists the embedded catalog files in load order.
var sources = []string{"soc2.yaml", "pci-dss-4.0.yaml"}

// Automatable levels of a control.
const (
	AutomatableYes       = "yes"
	AutomatablePartly    = "partly"
	AutomatableEvidence  = "evidence"
	AutomatableInherited = "inherited"
)

var automatable = []string{AutomatableYes, AutomatablePartly, AutomatableEvidence, AutomatableInherited}

// Catalog is one framework's controls in the order the framework lists them.
type Catalog struct {
	Framework string
	Version   string
	Controls  []attest.Control

	index map[string]int
}

// Lookup returns the control with the given id.
func (c *Catalog) Lookup(id string) (attest.Control, bool) {
	if c.index == nil {
		i := slices.IndexFunc(c.Controls, func(ctl attest.Control) bool { return ctl.ID == id })
		if i < 0 {
			return attest.Control{}, false
		}
		return c.Controls[i], true
	}
	i, ok := c.index[id]
	if !ok {
		return attest.Control{}, false
	}
	return c.Controls[i], true
}

// Children returns the controls whose parent is id, in catalog order.
func (c *Catalog) Children(id string) []attest.Control {
	var out []attest.Control
	for _, ctl := range c.Controls {
		if ctl.Parent == id {
			out = append(out, ctl)
		}
	}
	return out
}

// Load reads the embedded catalogs and returns them keyed by framework id
// (attest.FrameworkSOC2, attest.FrameworkPCIDSS).
func Load() (map[string]*Catalog, error) {
	cats := make(map[string]*Catalog, len(sources))
	for _, name := range sources {
		data, err := files.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("read catalog %s: %w", name, err)
		}
		c, err := Parse(name, data)
		if err != nil {
			return nil, err
		}
		if _, dup := cats[c.Framework]; dup {
			return nil, fmt.Errorf("parse %s: framework %q is defined twice", name, c.Framework)
		}
		cats[c.Framework] = c
	}
	return cats, nil
}

type fileDoc struct {
	Framework string       `yaml:"framework"`
	Version   string       `yaml:"version"`
	Controls  []controlDoc `yaml:"controls"`
}

var controlFields = []string{"id", "title", "parent", "automatable"}

type controlDoc struct {
	ID          string `yaml:"id"`
	Title       string `yaml:"title"`
	Parent      string `yaml:"parent"`
	Automatable string `yaml:"automatable"`
	line        int
}

// UnmarshalYAML decodes a control and remembers its line for error messages.
func (d *controlDoc) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if !slices.Contains(controlFields, k.Value) {
				return fmt.Errorf("line %d: field %q is not a control field", k.Line, k.Value)
			}
		}
	}
	type plain controlDoc
	var p plain
	if err := n.Decode(&p); err != nil {
		return err
	}
	*d = controlDoc(p)
	d.line = n.Line
	return nil
}

// Parse decodes one catalog file. name is used in error messages, which give
// the line of each problem; every problem in the file is reported.
func Parse(name string, data []byte) (*Catalog, error) {
	var doc fileDoc
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("parse %s: %w", name, err)
	}
	var problems []string
	add := func(line int, format string, args ...any) {
		problems = append(problems, fmt.Sprintf("%s:%d: %s", name, line, fmt.Sprintf(format, args...)))
	}
	if doc.Framework == "" {
		add(1, "framework is missing")
	}
	c := &Catalog{
		Framework: doc.Framework,
		Version:   doc.Version,
		Controls:  make([]attest.Control, 0, len(doc.Controls)),
		index:     make(map[string]int, len(doc.Controls)),
	}
	for _, d := range doc.Controls {
		if d.ID == "" {
			add(d.line, "control has no id")
			continue
		}
		if d.Title == "" {
			add(d.line, "control %s has no title", d.ID)
		}
		if !slices.Contains(automatable, d.Automatable) {
			add(d.line, "control %s: automatable %q is not one of %s", d.ID, d.Automatable, strings.Join(automatable, ", "))
		}
		if _, dup := c.index[d.ID]; dup {
			add(d.line, "control %s is listed twice", d.ID)
			continue
		}
		c.index[d.ID] = len(c.Controls)
		c.Controls = append(c.Controls, attest.Control{
			Framework:   doc.Framework,
			ID:          d.ID,
			Title:       d.Title,
			Parent:      d.Parent,
			Automatable: d.Automatable,
		})
	}
	for _, d := range doc.Controls {
		if d.Parent == "" {
			continue
		}
		if _, ok := c.index[d.Parent]; !ok {
			add(d.line, "control %s: parent %s is not in the catalog", d.ID, d.Parent)
		}
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("parse %s: %s", name, strings.Join(problems, "; "))
	}
	return c, nil
}

// MappingError is one problem with a rule's control mapping.
type MappingError struct {
	RuleID string
	// Source is the file the rule was read from, if known.
	Source    string
	Framework string
	// Control is the offending control id; empty when the problem is with
	// the framework or with the mapping as a whole.
	Control string
	Reason  string
}

// Error formats the problem as "source: rule id: reason".
func (e *MappingError) Error() string {
	s := "rule " + e.RuleID + ": " + e.Reason
	if e.Source != "" {
		s = e.Source + ": " + s
	}
	return s
}

// MappingErrors is every mapping problem Validate found, sorted by rule id,
// framework and control.
type MappingErrors []*MappingError

// Error joins the problems one a line.
func (es MappingErrors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Validate checks rule mappings: every mapped id exists in its framework's
// catalog, every framework key is known, and every rule maps to at least one
// SOC 2 criterion. It returns all problems, one per rule/id, as MappingErrors,
// or nil when there are none.
func Validate(cats map[string]*Catalog, rules []attest.Rule) error {
	var errs MappingErrors
	for _, r := range rules {
		fail := func(framework, control, format string, args ...any) {
			errs = append(errs, &MappingError{
				RuleID: r.ID, Source: r.Source, Framework: framework, Control: control,
				Reason: fmt.Sprintf(format, args...),
			})
		}
		if len(r.Controls[attest.FrameworkSOC2]) == 0 {
			fail(attest.FrameworkSOC2, "", "maps to no SOC 2 criterion")
		}
		for _, fw := range sortedKeys(r.Controls) {
			cat, ok := cats[fw]
			if !ok {
				fail(fw, "", "unknown framework %q", fw)
				continue
			}
			seen := make(map[string]bool)
			for _, id := range r.Controls[fw] {
				if seen[id] {
					fail(fw, id, "%s control %s is listed twice", fw, id)
					continue
				}
				seen[id] = true
				if _, ok := cat.Lookup(id); !ok {
					fail(fw, id, "%s control %q is not in the catalog", fw, id)
				}
			}
		}
	}
	if len(errs) == 0 {
		return nil
	}
	slices.SortStableFunc(errs, func(a, b *MappingError) int {
		return cmp.Or(cmp.Compare(a.RuleID, b.RuleID), cmp.Compare(a.Framework, b.Framework), cmp.Compare(a.Control, b.Control))
	})
	return errs
}

func sortedKeys(m map[string][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
