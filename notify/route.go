package notify

import (
	"path"
	"slices"
	"strings"

	"github.com/attest-dev/attest"
)

// severityRank orders alert severities; an unknown severity ranks as
// informational, so a min_severity route does not take it, while a route
// without one does.
var severityRank = map[string]int{"informational": 0, "info": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}

// Route sends the alerts that pass all of its filters to its channels; an
// empty filter passes everything.
type Route struct {
	Channels    []string
	MinSeverity int
	Rules       []string // globs over the rule id
	Sources     []string
	Controls    []controlPattern
}

type controlPattern struct{ framework, control string }

// Router picks the channels of an alert.
type Router struct {
	Routes []Route
}

// Channels returns the names of the channels the alert goes to, each once,
// in the order the routes name them.
func (r *Router) Channels(a *attest.Alert) []string {
	var out []string
	for _, rt := range r.Routes {
		if !rt.matches(a) {
			continue
		}
		for _, c := range rt.Channels {
			if !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	return out
}

func (rt Route) matches(a *attest.Alert) bool {
	if rt.MinSeverity > 0 && severityRank[strings.ToLower(a.Severity)] < rt.MinSeverity {
		return false
	}
	if len(rt.Rules) > 0 && !slices.ContainsFunc(rt.Rules, func(p string) bool { ok, _ := path.Match(p, a.Rule); return ok }) {
		return false
	}
	if len(rt.Sources) > 0 && !slices.Contains(rt.Sources, a.Source) {
		return false
	}
	if len(rt.Controls) > 0 && !slices.ContainsFunc(rt.Controls, func(p controlPattern) bool { return p.matches(a.Controls) }) {
		return false
	}
	return true
}

func (p controlPattern) matches(controls map[string][]string) bool {
	for fw, ids := range controls {
		if ok, _ := path.Match(p.framework, fw); !ok {
			continue
		}
		for _, id := range ids {
			if ok, _ := path.Match(p.control, id); ok {
				return true
			}
		}
	}
	return false
}
