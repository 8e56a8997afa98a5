package vuln

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/attest-dev/attest"
	"go.yaml.in/yaml/v3"
)

// IgnoreRule is an accepted vulnerability from the vulns.ignore list of
// .attest.yaml:
//
//	vulns:
//	  ignore:
//	    - id: CVE-2024-0727
//	      package: openssl*          # name or purl glob, optional
//	      artifact: "*/shop/api*"    # artifact glob, optional
//	      reason: not reachable: we never parse PKCS12
//	      expires: 2026-12-31        # last day the rule holds
//
// id, reason and expires are required. Globs match with "*" (any run of
// characters, "/" included) and "?" (one character).
type IgnoreRule struct {
	ID       string     `json:"id"`
	Package  string     `json:"package,omitempty"`
	Artifact string     `json:"artifact,omitempty"`
	Reason   string     `json:"reason"`
	Expires  string     `json:"expires"`
	Source   attest.Pos `json:"source"`
	// until is the first instant the rule no longer holds: the day after
	// Expires, midnight UTC.
	until time.Time
}

// Expired reports whether the rule has expired at now. A rule holds through
// the whole of its expiry day (UTC).
func (r *IgnoreRule) Expired(now time.Time) bool { return !now.Before(r.until) }

// LoadIgnoreRules reads the vulns.ignore rules of a .attest.yaml file.
// Other keys of the file are not read here.
func LoadIgnoreRules(path string) ([]IgnoreRule, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseIgnoreRules(path, data)
}

// ParseIgnoreRules parses the vulns.ignore rules of a .attest.yaml document.
// Every problem is reported, each at its file:line:column, as
// attest.Diagnostics.
func ParseIgnoreRules(name string, data []byte) ([]IgnoreRule, error) {
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
		if err.Error() == "EOF" {
			return nil, nil
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var diags attest.Diagnostics
	bad := func(n *yaml.Node, format string, args ...any) {
		diags = append(diags, attest.Diagnostic{
			Severity: attest.DiagError,
			Pos:      attest.Pos{File: name, Line: n.Line, Column: n.Column},
			Summary:  fmt.Sprintf(format, args...),
		})
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind != yaml.MappingNode {
		bad(root, "config must be a mapping")
		return nil, diags
	}
	vulns := mapValue(root, "vulns")
	if vulns == nil {
		return nil, nil
	}
	if vulns.Kind != yaml.MappingNode {
		bad(vulns, "vulns must be a mapping")
		return nil, diags
	}
	list := mapValue(vulns, "ignore")
	if list == nil {
		return nil, nil
	}
	if list.Kind != yaml.SequenceNode {
		bad(list, "vulns.ignore must be a list of rules")
		return nil, diags
	}
	var rules []IgnoreRule
	for i, item := range list.Content {
		if item.Kind != yaml.MappingNode {
			bad(item, "vulns.ignore[%d] must be a mapping with id, reason and expires", i)
			continue
		}
		r := IgnoreRule{Source: attest.Pos{File: name, Line: item.Line, Column: item.Column}}
		ok := true
		for j := 0; j+1 < len(item.Content); j += 2 {
			k, v := item.Content[j], item.Content[j+1]
			if v.Kind != yaml.ScalarNode {
				bad(v, "vulns.ignore[%d].%s must be a string", i, k.Value)
				ok = false
				continue
			}
			switch k.Value {
			case "id":
				r.ID = NormalizeID(v.Value)
			case "package":
				r.Package = v.Value
			case "artifact":
				r.Artifact = v.Value
			case "reason":
				r.Reason = strings.TrimSpace(v.Value)
			case "expires":
				r.Expires = v.Value
				t, err := time.Parse(time.DateOnly, v.Value)
				if err != nil {
					bad(v, "vulns.ignore[%d].expires %q is not a date (YYYY-MM-DD)", i, v.Value)
					ok = false
				}
				r.until = t.AddDate(0, 0, 1)
			default:
				bad(k, "vulns.ignore[%d]: unknown key %q (want id, package, artifact, reason, expires)", i, k.Value)
				ok = false
			}
		}
		for _, req := range []struct{ key, val string }{{"id", r.ID}, {"reason", r.Reason}, {"expires", r.Expires}} {
			if req.val == "" {
				bad(item, "vulns.ignore[%d] (%s) needs %s", i, cmpOr(r.ID, "no id"), req.key)
				ok = false
			}
		}
		if ok {
			rules = append(rules, r)
		}
	}
	if len(diags) > 0 {
		diags.Sort()
		return nil, diags
	}
	return rules, nil
}

// mapValue returns the value of key in a mapping node, or nil.
func mapValue(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// matches reports whether the rule names v.
func (r *IgnoreRule) matches(v *attest.Vulnerability) bool {
	if v.ID != r.ID && !slices.Contains(v.Aliases, r.ID) {
		return false
	}
	if r.Package != "" {
		p := v.Package
		if !glob(r.Package, p.Name) && !glob(r.Package, p.PURL) && !glob(r.Package, p.Name+"@"+p.Version) {
			return false
		}
	}
	if r.Artifact != "" {
		a := v.Artifact
		if !glob(r.Artifact, a.Name) && !glob(r.Artifact, ArtifactRef(a)) && !glob(r.Artifact, a.Name+":"+a.Tag) {
			return false
		}
	}
	return true
}

// glob matches s against a pattern where "*" matches any run of
// characters and "?" any one character.
func glob(pattern, s string) bool {
	px, sx := 0, 0
	starP, starS := -1, 0
	for sx < len(s) {
		switch {
		case px < len(pattern) && pattern[px] == '*':
			starP, starS = px, sx
			px++
		case px < len(pattern) && (pattern[px] == '?' || pattern[px] == s[sx]):
			px++
			sx++
		case starP >= 0:
			starS++
			px, sx = starP+1, starS
		default:
			return false
		}
	}
	for px < len(pattern) && pattern[px] == '*' {
		px++
	}
	return px == len(pattern)
}

// ExpiredIgnore is an ignore rule past its expiry, with how many
// vulnerabilities it would still have matched. It no longer ignores
// anything.
type ExpiredIgnore struct {
	Rule    IgnoreRule `json:"rule"`
	Matches int        `json:"matches"`
}

// applyIgnores suppresses the vulnerabilities that an unexpired rule names
// and returns the expired rules.
func applyIgnores(vs []attest.Vulnerability, rules []IgnoreRule, now time.Time) []ExpiredIgnore {
	var expired []ExpiredIgnore
	for ri := range rules {
		r := &rules[ri]
		isExpired := r.Expired(now)
		n := 0
		for vi := range vs {
			v := &vs[vi]
			if !r.matches(v) {
				continue
			}
			n++
			if isExpired || v.Suppression != nil {
				continue
			}
			v.Suppression = &attest.Suppression{
				By:            "ignore",
				Status:        "ignored",
				Justification: r.Reason,
				Source:        r.Source.String(),
				Expires:       r.Expires,
			}
		}
		if isExpired {
			expired = append(expired, ExpiredIgnore{Rule: *r, Matches: n})
		}
	}
	return expired
}
