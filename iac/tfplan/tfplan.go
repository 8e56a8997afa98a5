// Package tfplan loads the JSON form of a Terraform plan, as printed by
// `terraform show -json PLANFILE` (format_version 1.x), into attest resources.
//
// The resources are those the plan will create, update, replace, read or
// keep: planned_values gives their values, resource_changes tells which of
// those values are only known after apply, and configuration tells which
// other resources each argument referred to.
//
// JSON numbers become int64 when they are whole and fit, and float64
// otherwise, so that 3 stays an integer and 0.5 a float when rules compare
// them.
package tfplan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/attest-dev/attest/iac"

	"github.com/attest-dev/attest"
)

// plan is the part of the plan JSON document the loader reads.
type plan struct {
	FormatVersion    *string          `json:"format_version"`
	TerraformVersion string           `json:"terraform_version"`
	PlannedValues    *plannedValues   `json:"planned_values"`
	ResourceChanges  []resourceChange `json:"resource_changes"`
	Configuration    *configuration   `json:"configuration"`
}

type plannedValues struct {
	RootModule *valuesModule `json:"root_module"`
}

// valuesModule is a module in planned_values: its resources and child
// modules, the root module having no address.
type valuesModule struct {
	Address      string           `json:"address"`
	Resources    []valuesResource `json:"resources"`
	ChildModules []valuesModule   `json:"child_modules"`
}

type valuesResource struct {
	Address      string         `json:"address"`
	Mode         string         `json:"mode"`
	Type         string         `json:"type"`
	Name         string         `json:"name"`
	ProviderName string         `json:"provider_name"`
	Values       map[string]any `json:"values"`
}

type resourceChange struct {
	Address       string `json:"address"`
	ModuleAddress string `json:"module_address"`
	Change        struct {
		Actions      []string `json:"actions"`
		AfterUnknown any      `json:"after_unknown"`
	} `json:"change"`
}

type configuration struct {
	RootModule *configModule `json:"root_module"`
}

type configModule struct {
	Resources   []configResource      `json:"resources"`
	ModuleCalls map[string]moduleCall `json:"module_calls"`
}

type moduleCall struct {
	Module *configModule `json:"module"`
}

type configResource struct {
	Address     string         `json:"address"`
	Expressions map[string]any `json:"expressions"`
}

// Detect reports whether data looks like plan JSON: an object with a
// format_version and planned_values or resource_changes. It only looks at
// the top-level keys, so it is cheap enough to run on every JSON input.
func Detect(data []byte) bool {
	keys := topLevelKeys(data)
	return keys["format_version"] && (keys["planned_values"] || keys["resource_changes"])
}

// Load reads a plan JSON document (format_version "1.x") named name and
// returns the resources it will create or keep, in the order the plan lists
// them. Problems with the document (malformed JSON, an unsupported format
// version) are error diagnostics located at name:line:column; err is set only
// when r cannot be read.
func Load(name string, r io.Reader) ([]attest.Resource, attest.Diagnostics, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", name, err)
	}
	var p plan
	if d, ok := iac.DecodeJSON(name, data, &p, "invalid plan JSON"); !ok {
		return nil, attest.Diagnostics{d}, nil
	}
	if p.FormatVersion == nil {
		return nil, attest.Diagnostics{{
			Severity: attest.DiagError,
			Pos:      attest.Pos{File: name},
			Summary:  "not a Terraform plan",
			Detail:   "the document has no format_version; expected the output of `terraform show -json PLANFILE`",
		}}, nil
	}
	if major, _, _ := strings.Cut(*p.FormatVersion, "."); major != "1" {
		return nil, attest.Diagnostics{{
			Severity: attest.DiagError,
			Pos:      attest.Pos{File: name},
			Summary:  "unsupported plan format_version " + strconv.Quote(*p.FormatVersion),
			Detail:   "attest reads plan JSON format 1.x",
		}}, nil
	}

	changes := make(map[string]*resourceChange, len(p.ResourceChanges))
	for i := range p.ResourceChanges {
		changes[p.ResourceChanges[i].Address] = &p.ResourceChanges[i]
	}
	exprs := make(map[string]map[string]any)
	if p.Configuration != nil && p.Configuration.RootModule != nil {
		collectConfig(p.Configuration.RootModule, "", exprs)
	}

	var (
		out   []attest.Resource
		diags attest.Diagnostics
	)
	if p.PlannedValues == nil || p.PlannedValues.RootModule == nil {
		return nil, nil, nil
	}
	// Recursion below is bounded by encoding/json, which refuses documents
	// nested more than 10000 levels deep.
	var walk func(m *valuesModule)
	walk = func(m *valuesModule) {
		for i := range m.Resources {
			vr := &m.Resources[i]
			rc := changes[vr.Address]
			if rc != nil && slices.Equal(rc.Change.Actions, []string{"delete"}) {
				continue
			}
			if vr.Address == "" || vr.Type == "" {
				diags = append(diags, attest.Diagnostic{
					Severity: attest.DiagError,
					Pos:      attest.Pos{File: name},
					Summary:  "resource without address or type",
					Detail:   fmt.Sprintf("planned_values resource %d of module %q has address %q and type %q", i, m.Address, vr.Address, vr.Type),
				})
				continue
			}
			res := attest.Resource{
				Type:       vr.Type,
				Address:    vr.Address,
				Mode:       vr.Mode,
				Provider:   providerShortName(vr.ProviderName),
				Format:     attest.FormatTerraformPlan,
				Root:       name,
				Module:     m.Address,
				Attributes: convertMap(vr.Values),
				Range:      attest.Range{File: name},
			}
			if res.Attributes == nil {
				res.Attributes = map[string]any{}
			}
			if rc != nil {
				if rc.ModuleAddress != "" {
					res.Module = rc.ModuleAddress
				}
				res.Unknown = unknownPaths(rc.Change.AfterUnknown)
			}
			if e := exprs[configAddress(res.Module, vr.Mode, vr.Type, vr.Name)]; e != nil {
				res.Refs = references(e, res.Module)
			}
			out = append(out, res)
		}
		for i := range m.ChildModules {
			walk(&m.ChildModules[i])
		}
	}
	walk(p.PlannedValues.RootModule)
	return out, diags, nil
}

// collectConfig records the expressions of every configured resource under
// its configuration address (module path without instance keys).
func collectConfig(m *configModule, prefix string, out map[string]map[string]any) {
	for _, r := range m.Resources {
		out[joinAddress(prefix, r.Address)] = r.Expressions
	}
	for name, call := range m.ModuleCalls {
		if call.Module != nil {
			collectConfig(call.Module, joinAddress(prefix, "module."+name), out)
		}
	}
}

func joinAddress(prefix, addr string) string {
	if prefix == "" {
		return addr
	}
	return prefix + "." + addr
}

// configAddress is the address of a resource's configuration block:
// module.a["x"].module.b[0] with mode data, type t and name n becomes
// module.a.module.b.data.t.n.
func configAddress(module, mode, typ, name string) string {
	addr := typ + "." + name
	if mode == "data" {
		addr = "data." + addr
	}
	if module == "" {
		return addr
	}
	return stripInstanceKeys(module) + "." + addr
}

// stripInstanceKeys removes [..] instance keys from a module address,
// honouring quoted keys that may themselves hold brackets.
func stripInstanceKeys(addr string) string {
	var b strings.Builder
	for i := 0; i < len(addr); i++ {
		if addr[i] != '[' {
			b.WriteByte(addr[i])
			continue
		}
		i = skipIndex(addr, i) - 1
	}
	return b.String()
}

// skipIndex returns the offset just past the bracketed index that starts at
// s[i] == '[', or len(s) when it is not closed.
func skipIndex(s string, i int) int {
	inString := false
	for j := i + 1; j < len(s); j++ {
		switch c := s[j]; {
		case inString && c == '\\':
			j++
		case c == '"':
			inString = !inString
		case !inString && c == ']':
			return j + 1
		}
	}
	return len(s)
}

// providerShortName turns registry.terraform.io/hashicorp/aws (or a legacy
// bare "aws") into aws.
func providerShortName(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[i+1:]
	}
	return p
}

// unknownPaths lists the dot paths of the true leaves of after_unknown,
// sorted. after_unknown is true for a whole unknown value, or an object or
// array that mirrors the value with true where a part is unknown.
func unknownPaths(v any) []string {
	var paths []string
	var walk func(v any, path string)
	walk = func(v any, path string) {
		switch v := v.(type) {
		case bool:
			if v && path != "" {
				paths = append(paths, path)
			}
		case map[string]any:
			for k, e := range v {
				walk(e, joinPath(path, k))
			}
		case []any:
			for i, e := range v {
				walk(e, joinPath(path, strconv.Itoa(i)))
			}
		}
	}
	if b, ok := v.(bool); ok && b {
		// The whole resource is unknown; there is no attribute path to name.
		return nil
	}
	walk(v, "")
	sort.Strings(paths)
	return paths
}

func joinPath(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}

// references maps each attribute path of a resource's expressions to the
// resource addresses its expression referred to, qualified by module (the
// instance's module address). Nested blocks give paths with list indexes:
// versioning.0.enabled.
func references(exprs map[string]any, module string) map[string][]string {
	refs := make(map[string][]string)
	var walkBlock func(block map[string]any, path string)
	walkBlock = func(block map[string]any, path string) {
		for attr, v := range block {
			p := joinPath(path, attr)
			switch v := v.(type) {
			case []any:
				for i, e := range v {
					if b, ok := e.(map[string]any); ok {
						walkBlock(b, joinPath(p, strconv.Itoa(i)))
					}
				}
			case map[string]any:
				if isExpression(v) {
					if addrs := resourceRefs(v["references"], module); len(addrs) > 0 {
						refs[p] = addrs
					}
				} else {
					walkBlock(v, p)
				}
			}
		}
	}
	walkBlock(exprs, "")
	if len(refs) == 0 {
		return nil
	}
	return refs
}

// isExpression reports whether an object of the configuration is an
// expression ({"constant_value": ...} or {"references": [...]}) rather than
// a nested block.
func isExpression(m map[string]any) bool {
	if len(m) == 0 {
		return false
	}
	for k := range m {
		if k != "constant_value" && k != "references" {
			return false
		}
	}
	return true
}

// resourceRefs turns the references of an expression into resource
// addresses: aws_s3_bucket.b.id becomes aws_s3_bucket.b, and in module
// module.db it becomes module.db.aws_s3_bucket.b. References to variables,
// locals, module outputs and the like are left out. When a reference names
// an instance (aws_s3_bucket.b[0]) the bare resource Terraform also lists is
// dropped.
func resourceRefs(v any, module string) []string {
	list, _ := v.([]any)
	var addrs []string
	for _, e := range list {
		s, ok := e.(string)
		if !ok {
			continue
		}
		addr, ok := ResourceAddress(s)
		if !ok {
			continue
		}
		addr = joinAddress(module, addr)
		if !slices.Contains(addrs, addr) {
			addrs = append(addrs, addr)
		}
	}
	// Drop aws_s3_bucket.b when aws_s3_bucket.b[...] is also present.
	addrs = slices.DeleteFunc(addrs, func(a string) bool {
		return slices.ContainsFunc(addrs, func(b string) bool {
			return len(b) > len(a) && strings.HasPrefix(b, a) && b[len(a)] == '['
		})
	})
	sort.Strings(addrs)
	return addrs
}

// ResourceAddress extracts the resource (or resource instance) address from
// a Terraform reference: aws_s3_bucket.b.id gives aws_s3_bucket.b,
// data.aws_iam_policy_document.p.json gives data.aws_iam_policy_document.p,
// aws_subnet.a["x"].id gives aws_subnet.a["x"]. It reports false for
// references that do not name a resource (var.x, local.y, module.m.out,
// each.value, count.index, path.module, self.id).
func ResourceAddress(ref string) (string, bool) {
	s := ref
	prefix := ""
	if rest, ok := strings.CutPrefix(s, "data."); ok {
		prefix, s = "data.", rest
	}
	typ, n := identifier(s)
	if n == 0 || n >= len(s) || s[n] != '.' {
		return "", false
	}
	if prefix == "" {
		switch typ {
		case "var", "local", "module", "each", "count", "path", "terraform", "self", "data":
			return "", false
		}
	}
	end := n + 1
	_, m := identifier(s[end:])
	if m == 0 {
		return "", false
	}
	end += m
	if end < len(s) && s[end] == '[' {
		j := skipIndex(s, end)
		if j > len(s) || s[j-1] != ']' {
			return "", false
		}
		end = j
	}
	if end < len(s) && s[end] != '.' && s[end] != '[' {
		return "", false
	}
	return prefix + s[:end], true
}

// identifier returns the Terraform identifier at the start of s and its
// length: a letter or underscore followed by letters, digits, _ and -.
func identifier(s string) (string, int) {
	i := 0
	for i < len(s) {
		c := s[i]
		letter := c == '_' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
		if !letter && (i == 0 || !(c == '-' || ('0' <= c && c <= '9'))) {
			break
		}
		i++
	}
	return s[:i], i
}

// convertMap converts the json.Number values of a decoded object into int64
// or float64.
func convertMap(m map[string]any) map[string]any {
	if m == nil {
		return nil
	}
	out, _ := iac.ConvertJSON(m).(map[string]any)
	return out
}

// topLevelKeys returns the keys of the top-level JSON object in data without
// decoding the values, or nil when data is not a JSON object.
func topLevelKeys(data []byte) map[string]bool {
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	keys := make(map[string]bool)
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return keys
		}
		k, ok := t.(string)
		if !ok {
			return keys
		}
		keys[k] = true
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return keys
		}
	}
	return keys
}
