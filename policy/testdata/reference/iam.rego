# The Rego definition of attest.iam_document (policy/builtins_iam.go): what
# the IAM rules read of a permission policy document through lib.statements,
# aws.unreadable, aws.opaque_statement, aws.values, aws.actions and
# aws.resources (rules/lib/lib.rego, rules/lib/aws.rego), each then walked by
# every rule. It is the reference TestIAMDocument_matchRego and
# FuzzIAMDocument hold the built-in to.
package reference

iam_document(policy) := {
	"statements": _statements(policy),
	"unreadable": _unreadable(policy),
	"opaque": _opaque(policy),
	"allows": [{
		"sid": object.get(s, "Sid", "without Sid"),
		"actions": [lower(a) | some a in _values(object.get(s, "Action", null))],
		"action_values": _values(object.get(s, "Action", null)),
		"resources": _values(object.get(s, "Resource", null)),
		"statement": s,
	} |
		some s in _statements(policy)
		is_object(s)
		s.Effect == "Allow"
	],
}

_statements(policy) := s if {
	is_string(policy)
	doc := json.unmarshal(policy)
	s := _as_list(object.get(doc, "Statement", []))
} else := s if {
	is_object(policy)
	s := _as_list(object.get(policy, "Statement", []))
} else := []

_as_list(x) := x if is_array(x)

_as_list(x) := [x] if not is_array(x)

_values(x) := [] if x == null

_values(x) := x if is_array(x)

_values(x) := [x] if {
	x != null
	not is_array(x)
}

_unreadable(policy) := true if {
	is_string(policy)
	not json.is_valid(policy)
} else := false

_opaque(policy) := true if {
	some s in _statements(policy)
	not is_object(s)
} else := false
