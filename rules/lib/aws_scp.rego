# Package attest.lib.aws.scp tells whether the service control policies of
# an organisation deny a set of actions everywhere: through policies
# attached to the root, or to every organisational unit (directly or
# through a parent unit). The organisation rules that protect a security
# service from member accounts (the trail, GuardDuty) ask it with their own
# set of actions. Policies are looked for in every scanned root.
package attest.lib.aws.scp

import data.attest.lib
import data.attest.lib.aws
import data.attest.lib.aws.org

policies := [p |
	some p in org.all_of(["aws_organizations_policy", "AWS::Organizations::Policy"])
	upper(org.get(p, "type", "SERVICE_CONTROL_POLICY")) == "SERVICE_CONTROL_POLICY"
]

attachments := org.everywhere("aws_organizations_policy_attachment")

ous := org.all_of(["aws_organizations_organizational_unit", "AWS::Organizations::OrganizationalUnit"])

# denied(p, required) are the actions of required that policy p denies.
denied(p, required) := {a |
	some a in required
	some s in lib.statements(org.get(p, "content", null))
	is_object(s)
	s.Effect == "Deny"
	denies(s, a)
}

denies(s, a) if {
	some pattern in aws.values(object.get(s, "Action", null))
	org.action_covers(pattern, a)
}

# A Deny with NotAction denies every action its NotAction does not match.
denies(s, a) if {
	not "Action" in object.keys(s)
	excepted := aws.values(object.get(s, "NotAction", null))
	count(excepted) > 0
	not lib.unknown_value in excepted
	every pattern in excepted {
		not org.action_covers(pattern, a)
	}
}

# opaque(p) holds when p's content, or a statement or action of it, is not
# known statically.
opaque(p) if org.is_unknown(p, "content")

opaque(p) if aws.opaque_statement(org.get(p, "content", null))

opaque(p) if aws.unreadable(org.get(p, "content", null))

opaque(p) if {
	some s in lib.statements(org.get(p, "content", null))
	is_object(s)
	some k in ["Action", "NotAction", "Effect"]
	lib.unknown_value in aws.values(object.get(s, k, null))
}

# target_key(r, address) names a target that attribute of r referred to:
# "root" for the organisation (its root id), else the OU's root and address.
target_key(r, address) := "root" if {
	some o in org.all_of(["aws_organizations_organization", "AWS::Organizations::Organization"])
	o.root == r.root
	o.address == address
}

target_key(r, address) := sprintf("%s|%s", [r.root, address]) if {
	some u in ous
	u.root == r.root
	u.address == address
}

literal_key(v) := "root" if {
	is_string(v)
	startswith(v, "r-")
}

# targets(p) are the keys of the targets p is attached to.
targets(p) := {k |
	p.format == "cloudformation"
	some i, _ in lib.get(p, "TargetIds", [])
	some address in object.get(p, ["refs", sprintf("TargetIds.%d", [i])], [])
	k := target_key(p, address)
} | {k |
	p.format == "cloudformation"
	some v in lib.get(p, "TargetIds", [])
	k := literal_key(v)
} | {k |
	some a in attachments
	attaches(a, p)
	org.exists(a)
	some address in org.refs(a, "target_id")
	k := target_key(a, address)
} | {k |
	some a in attachments
	attaches(a, p)
	org.exists(a)
	k := literal_key(org.get(a, "target_id", null))
}

attaches(a, p) if org.names(a, "policy_id", p)

# covered_by(key, required) are the actions of required that the policies
# attached to the target key deny.
covered_by(key, required) := {a |
	some p in policies
	org.exists(p)
	key in targets(p)
	some a in denied(p, required)
}

# missing_at_root(required) are the actions of required that no policy
# attached to the root denies.
missing_at_root(required) := required - covered_by("root", required)

ou_parent[key] := parents if {
	some u in ous
	key := sprintf("%s|%s", [u.root, u.address])
	parents := {sprintf("%s|%s", [u.root, a]) | some a in org.refs(u, "parent_id")}
}

# ou_protected(u, required) holds when the policies attached to u and the
# OUs above it deny every action of required.
ou_protected(u, required) if {
	key := sprintf("%s|%s", [u.root, u.address])
	line := graph.reachable(ou_parent, {key})
	count(required - {a | some k in line; some a in covered_by(k, required)}) == 0
}

# protected(required) holds when every account of the organisation is
# under policies that deny every action of required.
protected(required) if count(missing_at_root(required)) == 0

protected(required) if {
	count(ous) > 0
	every u in ous {
		ou_protected(u, required)
	}
}

# undetermined holds when an SCP, its attachment or its target is not known
# statically.
undetermined if {
	some p in policies
	opaque(p)
}

undetermined if {
	some p in policies
	org.is_unknown(p, "type")
}

undetermined if {
	some a in attachments
	some attr in ["policy_id", "target_id"]
	org.is_unknown(a, attr)
	count(org.refs(a, attr)) == 0
}

undetermined if {
	some a in attachments
	not org.exists(a)
}

undetermined if {
	some p in policies
	p.format == "cloudformation"
	some u in object.get(p, "unknown", [])
	startswith(u, "TargetIds")
	count(object.get(p, ["refs", u], [])) == 0
}

# uncovered_ous(required) names the organisational units that no SCP
# covers, for a failure's message.
uncovered_ous(_) := "" if count(ous) == 0

uncovered_ous(required) := sprintf(", and these organisational units are not covered either: %s", [concat(", ", sort(names))]) if {
	names := [u.address | some u in ous; not ou_protected(u, required)]
	count(names) > 0
}

uncovered_ous(required) := "" if {
	count(ous) > 0
	every u in ous {
		ou_protected(u, required)
	}
}
