package policy

import (
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
	"github.com/open-policy-agent/opa/v1/types"
)

// attest.flags reads several on/off settings of a resource at once, each as
// true, false or "unknown": the four settings of an S3 public access block
// (a bucket's own PublicAccessBlockConfiguration in CloudFormation, the
// aws_s3_bucket_public_access_block and aws_s3_account_public_access_block
// that apply to a Terraform bucket). In Rego it was a comprehension calling,
// per setting, a function of three bodies chained by else and a function of
// two: for each bucket some twenty bodies entered, a fifth of the evaluation
// of an AWS::S3::Bucket. The Rego definition it replaces is kept in
// policy/testdata/reference/flags.rego, which TestFlags_matchRego and
// FuzzFlags hold it to. Like the built-ins of builtins.go it reads only its
// operands and skips OPA's built-in context (CanSkipBctx).
var builtinFlags = &ast.Builtin{
	Name:        "attest.flags",
	Description: "For each key of a collection of dot paths, the setting of a resource document at that path: \"unknown\" when it is not known statically (attest.is_unknown), true when it is true or a string \"true\" in any case, else false.",
	Decl: types.NewFunction(
		types.Args(types.A, types.A),
		types.A,
	),
	CanSkipBctx: true,
}

func init() {
	registerBuiltin(builtinFlags, flagsBuiltin)
}

// termFalse is the setting of a flag that is absent or not true.
var termFalse = ast.InternedTerm(false)

// flagsBuiltin is attest.flags(r, paths): an object with a key for each key
// of paths (an index of an array, an element of a set, as Rego's
// "some k, p in paths" names them); an empty object when paths is not a
// collection, as the comprehension over it was.
func flagsBuiltin(_ topdown.BuiltinContext, ops []*ast.Term, iter func(*ast.Term) error) error {
	r := ops[0]
	var items [][2]*ast.Term
	add := func(k, path *ast.Term) {
		items = append(items, [2]*ast.Term{k, flag(r, path)})
	}
	switch paths := ops[1].Value.(type) {
	case ast.Object:
		items = make([][2]*ast.Term, 0, paths.Len())
		paths.Foreach(add)
	case *ast.Array:
		items = make([][2]*ast.Term, 0, paths.Len())
		for i := range paths.Len() {
			add(ast.InternedTerm(i), paths.Elem(i))
		}
	case ast.Set:
		items = make([][2]*ast.Term, 0, paths.Len())
		paths.Foreach(func(p *ast.Term) { add(p, p) })
	}
	return iter(ast.ObjectTerm(items...))
}

// flag is the setting of r at path: "unknown", true or false.
func flag(r, path *ast.Term) *ast.Term {
	if isUnknown(r, path) {
		return termUnknown // the string "unknown", as the Rego gave
	}
	v := get(r, path, termFalse)
	if v == nil {
		return termFalse
	}
	switch x := v.Value.(type) {
	case ast.Boolean:
		if x {
			return ast.InternedTerm(true)
		}
	case ast.String:
		if strings.ToLower(string(x)) == "true" {
			return ast.InternedTerm(true)
		}
	}
	return termFalse
}
