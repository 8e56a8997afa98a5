# Package attest.lib.aws.transport reads resource policies (queue, topic)
# for the statement that refuses requests sent without TLS: Effect Deny, for
# every principal, over the service's actions, when aws:SecureTransport is
# false. It also tells apart a policy that does not refuse them from one
# that might, but is not known statically.
package attest.lib.aws.transport

import data.attest.lib.aws

# enforced(policies, actions) holds when a statement of one of policies
# denies every principal the actions (lower-case, "*" always counts) when
# aws:SecureTransport is false.
enforced(policies, actions) if {
	some p in policies
	some stmt in aws.statements(p)
	stmt.Effect == "Deny"
	aws.everyone(stmt)
	some a in aws.actions(stmt)
	_covers(a, actions)
	some v in aws.condition_values(stmt, ["Bool", "BoolIfExists"], "aws:SecureTransport")
	aws.is_false(v)
}

# undetermined(policies, actions) holds when a statement that is not known
# statically (its principal, actions or condition, or the statement or the
# policy as a whole) might be the one that refuses plain requests.
undetermined(policies, actions) if {
	some p in policies
	some stmt in aws.statements(p)
	stmt.Effect == "Deny"
	aws.may_be_everyone(stmt)
	_may_cover(stmt, actions)
	aws.condition_may_be_false(stmt, ["Bool", "BoolIfExists"], "aws:SecureTransport")
}

undetermined(policies, _) if {
	some p in policies
	aws.opaque_statement(p)
}

undetermined(policies, _) if {
	some p in policies
	aws.unreadable(p)
}

_covers("*", _)

_covers(a, actions) if a in actions

_may_cover(stmt, actions) if {
	some a in aws.actions(stmt)
	_covers(a, actions)
}

_may_cover(stmt, _) if aws.has_unknown(aws.actions(stmt))

# aws_managed_key(v, service) holds when the key id v names the AWS managed
# key of the service (alias/aws/sns, or an alias ARN ending in it).
aws_managed_key(v, service) if {
	is_string(v)
	alias := concat("", ["alias/aws/", service])
	_ends_with_alias(v, alias)
}

_ends_with_alias(v, alias) if v == alias

_ends_with_alias(v, alias) if endswith(v, concat("", [":", alias]))
