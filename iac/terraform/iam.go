package terraform

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"sort"

	"github.com/zclconf/go-cty/cty"
)

// iamDoc is an IAM policy document as aws_iam_policy_document renders it.
type iamDoc struct {
	Version   string          `json:"Version,omitempty"`
	ID        string          `json:"Id,omitempty"`
	Statement []*iamStatement `json:"Statement"`
}

type iamStatement struct {
	Sid          string                    `json:"Sid,omitempty"`
	Effect       string                    `json:"Effect,omitempty"`
	Action       any                       `json:"Action,omitempty"`
	NotAction    any                       `json:"NotAction,omitempty"`
	Resource     any                       `json:"Resource,omitempty"`
	NotResource  any                       `json:"NotResource,omitempty"`
	Principal    any                       `json:"Principal,omitempty"`
	NotPrincipal any                       `json:"NotPrincipal,omitempty"`
	Condition    map[string]map[string]any `json:"Condition,omitempty"`
}

// unknownPolicyValue stands in a rendered policy for one string of a list
// (an action, resource, principal identifier or condition value) that is not
// known statically, such as a bucket's computed ARN, so that the rest of the
// policy can still be read. When anything else is unknown (a statement's
// effect, a principal type, a whole list) the policy as a whole is unknown.
const unknownPolicyValue = "(known after apply)"

// errUnknownPolicy says a policy document depends on a value that is not
// known statically.
var errUnknownPolicy = fmt.Errorf("policy document depends on an unknown value")

// policyDocument evaluates an aws_iam_policy_document data source, a pure
// function of its arguments, setting its json and minified_json attributes.
func (mi *moduleInstance) policyDocument(rb *resourceBlock, in *instance) {
	var marks []cty.ValueMarks
	for _, addrs := range in.refs {
		for _, a := range addrs {
			marks = append(marks, cty.NewValueMarks(refMark(a)))
		}
	}
	doc, err := buildPolicy(in.body)
	var pretty, minified cty.Value
	if err == nil {
		var p, m []byte
		if p, err = json.MarshalIndent(doc, "", "  "); err == nil {
			var buf bytes.Buffer
			if err = json.Compact(&buf, p); err == nil {
				m = buf.Bytes()
				pretty, minified = cty.StringVal(string(p)), cty.StringVal(string(m))
			}
		}
	}
	if err != nil {
		if err != errUnknownPolicy {
			mi.l.diagf(rb.defRange, "invalid policy document", "%s: %s", in.addr, err)
		}
		pretty, minified = cty.UnknownVal(cty.String), cty.UnknownVal(cty.String)
	}
	in.body.attrs["json"] = pretty.WithMarks(marks...)
	in.body.attrs["minified_json"] = minified.WithMarks(marks...)
}

func buildPolicy(bv *bodyVal) (*iamDoc, error) {
	doc := &iamDoc{Version: "2012-10-17"}
	var err error
	if v, ok, e := stringArg(bv, "version"); e != nil {
		return nil, e
	} else if ok {
		doc.Version = v
	}
	if doc.ID, _, err = stringArg(bv, "policy_id"); err != nil {
		return nil, err
	}
	if bv.unknownBlocks["statement"] {
		return nil, errUnknownPolicy
	}
	var own []*iamStatement
	for _, sb := range bv.blocks["statement"] {
		st, err := buildStatement(sb)
		if err != nil {
			return nil, err
		}
		own = append(own, st)
	}
	sources, err := policyArgs(bv, "source_policy_documents", "source_json")
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, src := range sources {
		for _, st := range src.Statement {
			if st.Sid != "" && seen[st.Sid] {
				return nil, fmt.Errorf("duplicate Sid %q in source_policy_documents", st.Sid)
			}
			seen[st.Sid] = st.Sid != ""
			doc.Statement = append(doc.Statement, st)
		}
	}
	doc.Statement = mergeStatements(doc.Statement, own)
	overrides, err := policyArgs(bv, "override_policy_documents", "override_json")
	if err != nil {
		return nil, err
	}
	for _, o := range overrides {
		doc.Statement = mergeStatements(doc.Statement, o.Statement)
	}
	if doc.Statement == nil {
		doc.Statement = []*iamStatement{}
	}
	return doc, nil
}

// mergeStatements puts each of add in place of the statement of base with the
// same Sid, or after the others when there is none.
func mergeStatements(base, add []*iamStatement) []*iamStatement {
	for _, st := range add {
		i := -1
		if st.Sid != "" {
			i = slices.IndexFunc(base, func(b *iamStatement) bool { return b.Sid == st.Sid })
		}
		if i >= 0 {
			base[i] = st
		} else {
			base = append(base, st)
		}
	}
	return base
}

func policyArgs(bv *bodyVal, listName, single string) ([]*iamDoc, error) {
	var srcs []string
	if l, ok, err := stringsArg(bv, listName); err != nil {
		return nil, err
	} else if ok {
		srcs = l
	}
	if s, ok, err := stringArg(bv, single); err != nil {
		return nil, err
	} else if ok && s != "" {
		srcs = append([]string{s}, srcs...)
	}
	var docs []*iamDoc
	for i, s := range srcs {
		if s == unknownPolicyValue {
			// A whole document that is not known statically (another
			// policy document's json that depends on a computed ARN):
			// what it adds to this one is not known either.
			return nil, errUnknownPolicy
		}
		var d iamDoc
		if err := json.Unmarshal([]byte(s), &d); err != nil {
			return nil, fmt.Errorf("%s[%d]: %w", listName, i, err)
		}
		docs = append(docs, &d)
	}
	return docs, nil
}

func buildStatement(sb *bodyVal) (*iamStatement, error) {
	st := &iamStatement{Effect: "Allow"}
	var err error
	if st.Sid, _, err = stringArg(sb, "sid"); err != nil {
		return nil, err
	}
	if e, ok, err := stringArg(sb, "effect"); err != nil {
		return nil, err
	} else if ok {
		st.Effect = e
	}
	for _, f := range []struct {
		arg string
		dst *any
	}{
		{"actions", &st.Action}, {"not_actions", &st.NotAction},
		{"resources", &st.Resource}, {"not_resources", &st.NotResource},
	} {
		l, ok, err := stringsArg(sb, f.arg)
		if err != nil {
			return nil, err
		}
		if ok && len(l) > 0 {
			*f.dst = stringOrList(l)
		}
	}
	if st.Principal, err = principals(sb, "principals"); err != nil {
		return nil, err
	}
	if st.NotPrincipal, err = principals(sb, "not_principals"); err != nil {
		return nil, err
	}
	if sb.unknownBlocks["condition"] {
		return nil, errUnknownPolicy
	}
	for _, cb := range sb.blocks["condition"] {
		test, _, err := stringArg(cb, "test")
		if err != nil {
			return nil, err
		}
		variable, _, err := stringArg(cb, "variable")
		if err != nil {
			return nil, err
		}
		values, _, err := stringsArg(cb, "values")
		if err != nil {
			return nil, err
		}
		if st.Condition == nil {
			st.Condition = map[string]map[string]any{}
		}
		if st.Condition[test] == nil {
			st.Condition[test] = map[string]any{}
		}
		if prev, ok := st.Condition[test][variable]; ok {
			values = append(asStrings(prev), values...)
		}
		st.Condition[test][variable] = stringOrList(values)
	}
	return st, nil
}

func principals(sb *bodyVal, block string) (any, error) {
	if sb.unknownBlocks[block] {
		return nil, errUnknownPolicy
	}
	blocks := sb.blocks[block]
	if len(blocks) == 0 {
		return nil, nil
	}
	byType := map[string][]string{}
	for _, pb := range blocks {
		typ, _, err := stringArg(pb, "type")
		if err != nil {
			return nil, err
		}
		ids, _, err := stringsArg(pb, "identifiers")
		if err != nil {
			return nil, err
		}
		byType[typ] = append(byType[typ], ids...)
	}
	if ids, ok := byType["*"]; ok && len(byType) == 1 && len(ids) == 1 && ids[0] == "*" {
		return "*", nil
	}
	out := make(map[string]any, len(byType))
	for typ, ids := range byType {
		out[typ] = stringOrList(ids)
	}
	return out, nil
}

// stringOrList renders a list as the provider does: one value as a string,
// several as a list in reverse lexical order.
func stringOrList(l []string) any {
	if len(l) == 1 {
		return l[0]
	}
	l = slices.Clone(l)
	sort.Sort(sort.Reverse(sort.StringSlice(l)))
	return l
}

func asStrings(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []string:
		return x
	}
	return nil
}

// stringArg reads a string argument of a block; ok is false when it is not set.
func stringArg(bv *bodyVal, name string) (string, bool, error) {
	v, set := bv.attrs[name]
	if !set {
		return "", false, nil
	}
	v, _ = v.UnmarkDeep()
	if !v.IsWhollyKnown() {
		return "", false, errUnknownPolicy
	}
	if v.IsNull() {
		return "", false, nil
	}
	if v.Type() == cty.Number || v.Type() == cty.Bool {
		return fmt.Sprint(toGoValue(v)), true, nil
	}
	if v.Type() != cty.String {
		return "", false, fmt.Errorf("%s must be a string, not %s", name, v.Type().FriendlyName())
	}
	return v.AsString(), true, nil
}

// stringsArg reads a list or set of strings argument of a block.
func stringsArg(bv *bodyVal, name string) ([]string, bool, error) {
	v, set := bv.attrs[name]
	if !set {
		return nil, false, nil
	}
	v, _ = v.UnmarkDeep()
	if !v.IsKnown() {
		return nil, false, errUnknownPolicy
	}
	if v.IsNull() {
		return nil, false, nil
	}
	if !v.CanIterateElements() || v.Type().IsMapType() || v.Type().IsObjectType() {
		return nil, false, fmt.Errorf("%s must be a list of strings, not %s", name, v.Type().FriendlyName())
	}
	var out []string
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if !e.IsKnown() {
			out = append(out, unknownPolicyValue)
			continue
		}
		if e.IsNull() {
			continue
		}
		switch e.Type() {
		case cty.String:
			out = append(out, e.AsString())
		case cty.Number, cty.Bool:
			out = append(out, fmt.Sprint(toGoValue(e)))
		default:
			return nil, false, fmt.Errorf("%s must be a list of strings, holds %s", name, e.Type().FriendlyName())
		}
	}
	return out, true, nil
}

func toGoValue(v cty.Value) any {
	g, _ := toGo(v, "", nil)
	return g
}
