package policy

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/attest-dev/attest"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/util"
)

// NetworkBuiltins are the OPA built-ins that reach outside the scan: the
// network (http.send, net.lookup_ip_addr), the environment and host
// (opa.runtime), and host files or URLs through a JSON schema's $ref
// (json.verify_schema, json.match_schema). Rules run on code from strangers,
// so a rule that could call them could send a host's secrets out. Rules are
// compiled without them unless they come from Options.NetworkDirs.
var NetworkBuiltins = []string{
	"http.send",
	"json.match_schema",
	"json.verify_schema",
	"net.lookup_ip_addr",
	"opa.runtime",
}

// capabilities returns the OPA capabilities rules are compiled and evaluated
// with: this OPA version's, without NetworkBuiltins unless network is set.
// Without network, no host may be reached either (AllowNet is empty, not
// nil, which OPA reads as every host).
func capabilities(network bool) *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	if network {
		return caps
	}
	caps.Builtins = slices.DeleteFunc(caps.Builtins, func(b *ast.Builtin) bool {
		return slices.Contains(NetworkBuiltins, b.Name)
	})
	caps.AllowNet = []string{}
	return caps
}

// networkCall is a call of a network built-in.
type networkCall struct {
	name string
	loc  *ast.Location
}

// networkCallsIn returns the calls of network built-ins in x (a module or a
// rule), whether written as an expression or nested in a term.
func networkCallsIn(x any) []networkCall {
	var out []networkCall
	add := func(op ast.Ref, loc *ast.Location) {
		if name := op.String(); slices.Contains(NetworkBuiltins, name) {
			out = append(out, networkCall{name, loc})
		}
	}
	ast.WalkExprs(x, func(e *ast.Expr) bool {
		if e.IsCall() {
			add(e.Operator(), e.Location)
		}
		return false
	})
	ast.WalkTerms(x, func(t *ast.Term) bool {
		if c, ok := t.Value.(ast.Call); ok && len(c) > 0 {
			if op, ok := c[0].Value.(ast.Ref); ok {
				add(op, t.Location)
			}
		}
		return false
	})
	return out
}

// networkCalls returns a diagnostic for each call of a network built-in in a
// module that may not use them.
func networkCalls(m *ast.Module, file string) attest.Diagnostics {
	var out attest.Diagnostics
	for _, c := range networkCallsIn(m) {
		out = append(out, attest.Diagnostic{
			Severity: attest.DiagError,
			Pos:      pos(c.loc, file),
			Summary:  fmt.Sprintf("rule calls %s, which rules may not use: it reaches the network or the host", c.name),
			Detail:   networkHint,
		})
	}
	return out
}

const networkHint = "rules from folders given with --rules may call it with --allow-rule-network; " +
	"rules from .attest.yaml and the built-in library never may"

// networkReach returns a diagnostic for each rule of a module that may not
// use network built-ins but depends, through the rules and functions it
// refers to, on a rule of a network module that calls one.
func networkReach(c *ast.Compiler, network map[string]bool) attest.Diagnostics {
	fileOf := func(r *ast.Rule) string {
		if r.Location == nil {
			return ""
		}
		return r.Location.File
	}
	// calls memoises the network built-in each rule of a network module
	// calls directly ("" for none).
	calls := map[*ast.Rule]string{}
	direct := func(r *ast.Rule) string {
		if name, ok := calls[r]; ok {
			return name
		}
		name := ""
		if network[fileOf(r)] {
			if cs := networkCallsIn(r); len(cs) > 0 {
				name = cs[0].name
			}
		}
		calls[r] = name
		return name
	}
	var diags attest.Diagnostics
	for _, name := range slices.Sorted(maps.Keys(c.Modules)) {
		if network[name] {
			continue
		}
		ast.WalkRules(c.Modules[name], func(r *ast.Rule) bool {
			// A depth-first search through the rules r depends on, for one
			// that calls a network built-in.
			seen := map[util.T]bool{}
			stack := []util.T{r}
			for len(stack) > 0 {
				n := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				dep, ok := n.(*ast.Rule)
				if !ok || seen[n] {
					continue
				}
				seen[n] = true
				if b := direct(dep); b != "" {
					diags = append(diags, attest.Diagnostic{
						Severity: attest.DiagError,
						Pos:      pos(r.Location, name),
						Summary: fmt.Sprintf("rule %s reaches %s through %s (%s)", r.Head.Ref(), b,
							strings.TrimPrefix(dep.Ref().String(), "data."), pos(dep.Location, "")),
						Detail: networkHint,
					})
					return false
				}
				for d := range c.Graph.Dependencies(dep) {
					stack = append(stack, d)
				}
			}
			return false
		})
	}
	diags.Sort()
	return diags
}
