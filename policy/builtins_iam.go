package policy

import (
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
	"github.com/open-policy-agent/opa/v1/types"
)

// The IAM rules (aws-iam-no-admin-policy, -no-passrole-wildcard,
// -no-service-wildcard, ...) each read every permission policy document of a
// role, user, group or policy: parse it when it is a JSON string, list its
// statements, keep the Allow ones and read each one's Action and Resource as
// lists. In Rego every rule did that walk again, through a chain of calls
// (lib.statements, aws.values, aws.actions, aws.resources), and it was most
// of what an IAM resource cost. attest.iam_document reads a document once,
// for rules/lib/aws_iam_documents.rego to keep per resource and every rule to
// share. Its Rego definition is kept in policy/testdata/reference/iam.rego,
// which TestIAMDocument_matchRego and FuzzIAMDocument hold it to. It reads
// only its operand and skips OPA's built-in context (CanSkipBctx), as the
// built-ins of builtins.go do.
var builtinIAMDocument = &ast.Builtin{
	Name: "attest.iam_document",
	Description: "An IAM policy document (a JSON string or an object) read once: its statements (lib.statements), " +
		"whether it is a string that is not JSON (unreadable), whether a statement is not an object (opaque), " +
		"and its Allow statements with their Sid, lower-case actions, Action and Resource as lists.",
	Decl: types.NewFunction(
		types.Args(types.A),
		types.A,
	),
	CanSkipBctx: true,
}

func init() {
	registerBuiltin(builtinIAMDocument, iamDocumentBuiltin)
}

var (
	termStatement    = ast.StringTerm("Statement")
	termEffect       = ast.StringTerm("Effect")
	termAllow        = ast.StringTerm("Allow")
	termSid          = ast.StringTerm("Sid")
	termAction       = ast.StringTerm("Action")
	termIAMResource  = ast.StringTerm("Resource")
	termWithoutSid   = ast.StringTerm("without Sid")
	termStatements   = ast.StringTerm("statements")
	termUnreadable   = ast.StringTerm("unreadable")
	termOpaque       = ast.StringTerm("opaque")
	termAllows       = ast.StringTerm("allows")
	termSidKey       = ast.StringTerm("sid")
	termActions      = ast.StringTerm("actions")
	termActionValues = ast.StringTerm("action_values")
	termResources    = ast.StringTerm("resources")
	termStatementKey = ast.StringTerm("statement")
	jsonUnmarshal    = topdown.GetBuiltin("json.unmarshal")
	jsonIsValid      = topdown.GetBuiltin("json.is_valid")
)

// iamDocumentBuiltin is attest.iam_document(policy). It is always defined.
func iamDocumentBuiltin(bctx topdown.BuiltinContext, ops []*ast.Term, iter func(*ast.Term) error) error {
	return iter(iamDocument(bctx, ops[0]))
}

// iamDocument reads policy as the Rego of policy/testdata/reference/iam.rego
// does.
func iamDocument(bctx topdown.BuiltinContext, policy *ast.Term) *ast.Term {
	statements := iamStatements(bctx, policy)
	unreadable := false
	if _, ok := policy.Value.(ast.String); ok {
		var valid *ast.Term
		if err := jsonIsValid(bctx, []*ast.Term{policy}, func(t *ast.Term) error { valid = t; return nil }); err == nil && valid != nil {
			unreadable = valid.Equal(ast.InternedTerm(false))
		}
	}
	opaque := false
	var allows []*ast.Term
	list := statements.Value.(*ast.Array)
	for i := range list.Len() {
		s := list.Elem(i)
		obj, ok := s.Value.(ast.Object)
		if !ok {
			opaque = true
			continue
		}
		if e := obj.Get(termEffect); e == nil || !e.Equal(termAllow) {
			continue
		}
		sid := obj.Get(termSid)
		if sid == nil {
			sid = termWithoutSid
		}
		values := iamValues(obj.Get(termAction))
		allows = append(allows, ast.ObjectTerm(
			ast.Item(termSidKey, sid),
			ast.Item(termActions, iamLower(values)),
			ast.Item(termActionValues, values),
			ast.Item(termResources, iamValues(obj.Get(termIAMResource))),
			ast.Item(termStatementKey, s),
		))
	}
	return ast.ObjectTerm(
		ast.Item(termStatements, statements),
		ast.Item(termUnreadable, ast.InternedTerm(unreadable)),
		ast.Item(termOpaque, ast.InternedTerm(opaque)),
		ast.Item(termAllows, ast.ArrayTerm(allows...)),
	)
}

// iamStatements is lib.statements(policy): the Statement of the document
// (parsed first when it is a string) as a list, a single statement as a list
// of one; the empty list when the document is neither JSON of an object nor
// an object.
func iamStatements(bctx topdown.BuiltinContext, policy *ast.Term) *ast.Term {
	doc := policy
	switch policy.Value.(type) {
	case ast.String:
		doc = nil
		if err := jsonUnmarshal(bctx, []*ast.Term{policy}, func(t *ast.Term) error { doc = t; return nil }); err != nil {
			doc = nil
		}
		if doc == nil {
			return ast.ArrayTerm()
		}
		if _, ok := doc.Value.(ast.Object); !ok {
			// object.get refuses what is not an object: undefined, and
			// the else branches give the empty list.
			return ast.ArrayTerm()
		}
	case ast.Object:
	default:
		return ast.ArrayTerm()
	}
	st := doc.Get(termStatement)
	if st == nil {
		return ast.ArrayTerm()
	}
	if _, ok := st.Value.(*ast.Array); ok {
		return st
	}
	return ast.ArrayTerm(st)
}

// iamValues is aws.values(x): a list stays a list, null or an absent value
// is the empty list, anything else a list of one.
func iamValues(x *ast.Term) *ast.Term {
	if x == nil {
		return ast.ArrayTerm()
	}
	switch x.Value.(type) {
	case ast.Null:
		return ast.ArrayTerm()
	case *ast.Array:
		return x
	}
	return ast.ArrayTerm(x)
}

// iamLower is [lower(a) | some a in values]: lower is undefined on what is
// not a string, so such an element is left out.
func iamLower(values *ast.Term) *ast.Term {
	list := values.Value.(*ast.Array)
	out := make([]*ast.Term, 0, list.Len())
	for i := range list.Len() {
		s, ok := list.Elem(i).Value.(ast.String)
		if !ok {
			continue
		}
		if l := strings.ToLower(string(s)); l == string(s) {
			out = append(out, list.Elem(i))
		} else {
			out = append(out, ast.StringTerm(l))
		}
	}
	return ast.ArrayTerm(out...)
}
