# Package attest.lib.aws holds helpers shared by the AWS rules: joins from a
# resource to the separate resources that configure it (a bucket and its
# aws_s3_bucket_policy, a VPC and its aws_flow_log), aware of values that are
# not known statically, and readers for IAM policy documents.
package attest.lib.aws

import data.attest.lib

# linked(t, path) is the set of resources of type t in the same root whose
# attribute path names input.resource, by reference or by literal identifier.
linked(t, path) := {c |
	some c in lib.resources(t)
	lib.refers_to(c, path, input.resource)
}

# may_link(t, path) holds when some resource of type t might name
# input.resource through path, but the loader could not tell: the attribute
# is unknown and refers to no resource, or it is a literal and the identifier
# of input.resource is unknown.
may_link(t, path) if {
	some c in lib.resources(t)
	lib.is_unknown(c, path)
	count(object.get(c, ["refs", path], [])) == 0
}

may_link(t, path) if {
	some k in ["bucket", "name", "id", "arn"]
	lib.is_unknown(input.resource, k)
	some c in lib.resources(t)
	count(object.get(c, ["refs", path], [])) == 0
	lib.get(c, path, null) != null
}

# statements(policy) are the statements of an IAM policy document given as a
# JSON string or an object.
statements(policy) := lib.statements(policy)

# values(x) is x as a list of values: a list stays a list, a scalar becomes a
# list of one, null becomes the empty list.
values(x) := [] if x == null

values(x) := x if is_array(x)

values(x) := [x] if {
	x != null
	not is_array(x)
}

# is_false(v) holds for the IAM condition value false, however written.
is_false(v) if v == false

is_false(v) if {
	is_string(v)
	lower(v) == "false"
}

is_false(v) if {
	is_array(v)
	count(v) > 0
	every x in v {
		is_false(x)
	}
}

# condition_values(stmt, ops, key) is every value the statement's Condition
# gives key under one of the operators ops; operator and key names compare
# without regard to case, as IAM does for keys.
condition_values(stmt, ops, key) := [v |
	some op, kv in object.get(stmt, "Condition", {})
	some o in ops
	lower(op) == lower(o)
	some k, v in kv
	lower(k) == lower(key)
]

# everyone(stmt) holds when the statement's Principal is every principal.
everyone(stmt) if stmt.Principal == "*"

everyone(stmt) if "*" in values(object.get(stmt.Principal, "AWS", null))

everyone(stmt) if not "Principal" in object.keys(stmt)

# actions(stmt) is the statement's Action as a list of lower-case strings.
actions(stmt) := [lower(a) | some a in values(object.get(stmt, "Action", null))]

# resources(stmt) is the statement's Resource as a list of strings.
resources(stmt) := values(object.get(stmt, "Resource", null))
