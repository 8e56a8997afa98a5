package policy

import (
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
	"github.com/open-policy-agent/opa/v1/types"
)

// The setting readers of rules/lib (aws.props, aws.svc) read a setting of
// input.resource by its Terraform attribute path, in whichever format the
// resource came from: a CloudFormation resource's path is looked up in the
// helper's table of property paths by type. In Rego each read was a chain of
// calls (name, cfn or not cfn, lib.get, the four-way _normal) that every rule
// over a setting made on every resource, the largest cost of the AWS rules
// after attest.get itself. attest.setting_path and attest.setting do the
// chain in one call; the table stays in Rego, passed as an operand. Their
// Rego definitions are kept in policy/testdata/reference/settings.rego, which
// TestSettings_matchRego and FuzzSettings hold them to. Like those of
// builtins.go they skip OPA's built-in context (CanSkipBctx): to_number,
// which attest.setting calls, reads none of it.
var (
	builtinSettingPath = &ast.Builtin{
		Name:        "attest.setting_path",
		Description: "The path of a setting (a Terraform attribute path) in the format of a resource document: for a CloudFormation resource, names[type][path], undefined when absent; else the path itself.",
		Decl: types.NewFunction(
			types.Args(types.A, types.A, types.A),
			types.A,
		),
		CanSkipBctx: true,
	}
	builtinSetting = &ast.Builtin{
		Name:        "attest.setting",
		Description: "The setting of a resource document at a Terraform attribute path (see attest.setting_path), or the default when absent, with the strings \"true\", \"false\" (any case) and digit strings read as what they say.",
		Decl: types.NewFunction(
			types.Args(types.A, types.A, types.A, types.A),
			types.A,
		),
		CanSkipBctx: true,
	}
)

func init() {
	registerBuiltin(builtinSettingPath, settingPathBuiltin)
	registerBuiltin(builtinSetting, settingBuiltin)
}

var (
	termFormat         = ast.StringTerm("format")
	termType           = ast.StringTerm("type")
	termCloudFormation = ast.StringTerm("cloudformation")
)

// settingPathBuiltin is attest.setting_path(r, names, attr).
func settingPathBuiltin(_ topdown.BuiltinContext, ops []*ast.Term, iter func(*ast.Term) error) error {
	if p := settingPath(ops[0], ops[1], ops[2]); p != nil {
		return iter(p)
	}
	return nil
}

// settingPath is the path of attr in r's format; nil stands for undefined.
func settingPath(r, names, attr *ast.Term) *ast.Term {
	if f := r.Get(termFormat); f == nil || !f.Equal(termCloudFormation) {
		return attr
	}
	t := r.Get(termType)
	if t == nil {
		return nil
	}
	byType := names.Get(t)
	if byType == nil {
		return nil
	}
	return byType.Get(attr)
}

// settingBuiltin is attest.setting(r, names, attr, d).
func settingBuiltin(bctx topdown.BuiltinContext, ops []*ast.Term, iter func(*ast.Term) error) error {
	p := settingPath(ops[0], ops[1], ops[2])
	if p == nil {
		return nil
	}
	v := get(ops[0], p, ops[3])
	if v == nil {
		return nil
	}
	s, ok := v.Value.(ast.String)
	if !ok {
		return iter(v)
	}
	switch strings.ToLower(string(s)) {
	case "true":
		return iter(ast.InternedTerm(true))
	case "false":
		return iter(ast.InternedTerm(false))
	}
	if s != "" && allDigits(string(s)) {
		// to_number itself, so that the number is the one the Rego
		// gave. Where it fails (too large for a float), the Rego's
		// call was undefined, as built-in errors are in the engine's
		// evaluation, and the value stayed the string.
		var n *ast.Term
		if err := toNumber(bctx, []*ast.Term{v}, func(t *ast.Term) error { n = t; return nil }); err == nil && n != nil {
			return iter(n)
		}
	}
	return iter(v)
}

var toNumber = topdown.GetBuiltin("to_number")
