// Package status renders a scan as a compliance status page in the layout
// of Opta's public compliance page, one section per cloud provider (and
// Kubernetes, and container images): "compliant with these settings" (the
// rules that pass and what they require), "known exceptions" (the
// register's accepted risks that waived something, with the reason) and
// "extra steps" (the rules that fail, or that could not be decided from the
// code and need a person to check).
package status

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/report"
)

// Page is the status page of one scan.
type Page struct {
	Title     string
	Providers []Provider
}

// Provider is the section of one cloud provider, Kubernetes or container
// images.
type Provider struct {
	Name       string
	Compliant  []Setting
	Exceptions []Exception
	ExtraSteps []Step
}

// Setting is a rule that passed on every resource it checked.
type Setting struct {
	RuleID, Title string
	// Controls names the controls it supports ("SOC 2 CC6.1; PCI DSS 3.5.1").
	Controls  string
	Resources int
}

// Exception is an accepted risk that waived a rule on resources.
type Exception struct {
	RuleID, RuleTitle, Resource string
	Justification, Owner        string
	Expires                     time.Time
	Ticket                      string
}

// Step is a rule that needs a person: it failed, or could not decide.
type Step struct {
	RuleID, Title string
	// Why says what happened: "fails on 2 resources", "could not be
	// decided from the code on 1 resource".
	Why         string
	Resources   []Place
	Remediation string
}

// Place is a resource and where it is declared (file:lines).
type Place struct {
	Resource, Location string
}

// providerNames maps the rule library's folders to the section names.
var providerNames = map[string]string{"aws": "AWS", "gcp": "Google Cloud", "azure": "Azure", "kubernetes": "Kubernetes", "docker": "Container images"}

// providerOf names the section of a rule: its folder in the rule library,
// else the prefix of its id.
func providerOf(r attest.Rule) string {
	if dir := path.Base(path.Dir(r.Source)); providerNames[dir] != "" {
		return providerNames[dir]
	}
	prefix, _, _ := strings.Cut(r.ID, "-")
	switch prefix {
	case "k8s":
		return "Kubernetes"
	case "docker":
		return "Container images"
	}
	if n := providerNames[prefix]; n != "" {
		return n
	}
	return "Other"
}

func controlsOf(r attest.Rule) string {
	var parts []string
	for _, fw := range []struct{ id, name string }{{attest.FrameworkSOC2, "SOC 2"}, {attest.FrameworkPCIDSS, "PCI DSS"}} {
		if ids := r.Controls[fw.id]; len(ids) > 0 {
			parts = append(parts, fw.name+" "+strings.Join(ids, ", "))
		}
	}
	return strings.Join(parts, "; ")
}

func plural(n int, one string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", one)
	}
	return fmt.Sprintf("%d %ss", n, one)
}

// Build makes the status page of a scan report.
func Build(title string, rep *report.Report) *Page {
	type verdicts struct {
		pass, fail, undecided []attest.Finding
		waived                []attest.Finding
	}
	byRule := map[string]*verdicts{}
	for _, f := range rep.Findings {
		v := byRule[f.RuleID]
		if v == nil {
			v = &verdicts{}
			byRule[f.RuleID] = v
		}
		switch f.Status {
		case attest.StatusPass:
			v.pass = append(v.pass, f)
		case attest.StatusFail:
			v.fail = append(v.fail, f)
		case attest.StatusWaived:
			v.waived = append(v.waived, f)
		default:
			v.undecided = append(v.undecided, f)
		}
	}
	providers := map[string]*Provider{}
	get := func(name string) *Provider {
		p := providers[name]
		if p == nil {
			p = &Provider{Name: name}
			providers[name] = p
		}
		return p
	}
	where := func(fs []attest.Finding) []Place {
		var out []Place
		for _, f := range fs {
			out = append(out, Place{f.Resource, f.Range.String()})
		}
		slices.SortFunc(out, func(a, b Place) int {
			return cmp.Or(cmp.Compare(a.Resource, b.Resource), cmp.Compare(a.Location, b.Location))
		})
		return slices.Compact(out)
	}
	for _, r := range rep.Rules {
		v := byRule[r.ID]
		if v == nil {
			continue // it checked nothing here
		}
		p := get(providerOf(r))
		for _, f := range v.waived {
			x := f.Exception
			if x == nil {
				continue
			}
			p.Exceptions = append(p.Exceptions, Exception{RuleID: r.ID, RuleTitle: r.Title, Resource: f.Resource,
				Justification: x.Justification, Owner: x.Owner, Expires: x.Expires, Ticket: x.Ticket})
		}
		remediation := r.Remediation
		if len(v.fail) > 0 {
			remediation = r.RemediationFor(v.fail[0].Format)
		}
		switch {
		case len(v.fail) > 0:
			p.ExtraSteps = append(p.ExtraSteps, Step{RuleID: r.ID, Title: r.Title, Why: "fails on " + plural(len(v.fail), "resource"),
				Resources: where(v.fail), Remediation: remediation})
		case len(v.undecided) > 0:
			p.ExtraSteps = append(p.ExtraSteps, Step{RuleID: r.ID, Title: r.Title,
				Why:       "could not be decided from the code on " + plural(len(v.undecided), "resource") + ": check it in the running system",
				Resources: where(v.undecided), Remediation: remediation})
		case len(v.pass) > 0:
			p.Compliant = append(p.Compliant, Setting{RuleID: r.ID, Title: r.Title, Controls: controlsOf(r), Resources: len(v.pass)})
		}
	}
	page := &Page{Title: title}
	for _, p := range providers {
		slices.SortFunc(p.Compliant, func(a, b Setting) int { return cmp.Compare(a.RuleID, b.RuleID) })
		slices.SortFunc(p.Exceptions, func(a, b Exception) int {
			return cmp.Or(cmp.Compare(a.RuleID, b.RuleID), cmp.Compare(a.Resource, b.Resource))
		})
		slices.SortFunc(p.ExtraSteps, func(a, b Step) int { return cmp.Compare(a.RuleID, b.RuleID) })
		page.Providers = append(page.Providers, *p)
	}
	order := []string{"AWS", "Google Cloud", "Azure", "Kubernetes", "Container images", "Other"}
	slices.SortFunc(page.Providers, func(a, b Provider) int {
		return cmp.Compare(slices.Index(order, a.Name), slices.Index(order, b.Name))
	})
	return page
}
