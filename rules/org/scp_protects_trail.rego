# METADATA
# title: A service control policy keeps member accounts from disabling the trail or leaving
# description: >-
#   An administrator of a member account can stop, delete or narrow a trail,
#   or take the account out of the organisation and its controls, unless a
#   service control policy forbids it. The rule is judged on the organisation:
#   SCPs attached to the root, or to every organisational unit (directly or
#   through a parent unit), must together deny cloudtrail:StopLogging,
#   cloudtrail:DeleteTrail, cloudtrail:UpdateTrail,
#   cloudtrail:PutEventSelectors and organizations:LeaveOrganization (a Deny
#   statement whose Action matches each, wildcards included; a condition that
#   exempts a break-glass role is allowed). Policies are looked for in every
#   scanned root; one whose content or target is known only at apply time
#   makes the verdict unknown.
# custom:
#   id: org-scp-protects-trail
#   severity: high
#   resource_types: [aws_organizations_organization, "AWS::Organizations::Organization"]
#   controls:
#     soc2: [CC5.2, CC6.3, CC7.2]
#     pci-dss-4.0: [10.2.1, 10.3.2, 10.7.2, 7.2.1]
#   remediation: >-
#     Create a service control policy that denies cloudtrail:StopLogging,
#     cloudtrail:DeleteTrail, cloudtrail:UpdateTrail,
#     cloudtrail:PutEventSelectors and organizations:LeaveOrganization on "*",
#     and attach it to the organisation's root.
#   remediation_by_format:
#     terraform: >-
#       resource "aws_organizations_policy" "protect_trail" { content =
#       jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny",
#       Action = ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail",
#       "cloudtrail:UpdateTrail", "cloudtrail:PutEventSelectors",
#       "organizations:LeaveOrganization"], Resource = "*" }] }) } and an
#       aws_organizations_policy_attachment with target_id =
#       aws_organizations_organization.this.roots[0].id.
#     cloudformation: >-
#       Add an AWS::Organizations::Policy of Type SERVICE_CONTROL_POLICY whose
#       Content denies cloudtrail:StopLogging, cloudtrail:DeleteTrail,
#       cloudtrail:UpdateTrail, cloudtrail:PutEventSelectors and
#       organizations:LeaveOrganization, with TargetIds [!GetAtt
#       Organization.RootId].
package attest.rules.org.scp_protects_trail

import data.attest.lib
import data.attest.lib.aws
import data.attest.lib.aws.org

required := {
	"cloudtrail:StopLogging",
	"cloudtrail:DeleteTrail",
	"cloudtrail:UpdateTrail",
	"cloudtrail:PutEventSelectors",
	"organizations:LeaveOrganization",
}

policies := [p |
	some p in org.all_of(["aws_organizations_policy", "AWS::Organizations::Policy"])
	upper(org.get(p, "type", "SERVICE_CONTROL_POLICY")) == "SERVICE_CONTROL_POLICY"
]

attachments := org.everywhere("aws_organizations_policy_attachment")

ous := org.all_of(["aws_organizations_organizational_unit", "AWS::Organizations::OrganizationalUnit"])

# denied(p) are the required actions that policy p denies.
denied(p) := {a |
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

covered_by(key) := {a |
	some p in policies
	org.exists(p)
	key in targets(p)
	some a in denied(p)
}

root_protected if count(required - covered_by("root")) == 0

# ancestors(u) are u and the OUs above it.
ou_parent[key] := parents if {
	some u in ous
	key := sprintf("%s|%s", [u.root, u.address])
	parents := {sprintf("%s|%s", [u.root, a]) | some a in org.refs(u, "parent_id")}
}

ou_protected(u) if {
	key := sprintf("%s|%s", [u.root, u.address])
	line := graph.reachable(ou_parent, {key})
	count(required - {a | some k in line; some a in covered_by(k)}) == 0
}

every_ou_protected if {
	count(ous) > 0
	every u in ous {
		ou_protected(u)
	}
}

protected if root_protected

protected if every_ou_protected

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

deny contains msg if {
	not protected
	not undetermined
	missing := required - covered_by("root")
	msg := sprintf("no service control policy attached to the root denies %s%s", [concat(", ", sort(missing)), uncovered_ous])
}

# uncovered_ous names the organisational units that no SCP covers, for the
# failure's message.
uncovered_ous := "" if count(ous) == 0

uncovered_ous := sprintf(", and these organisational units are not covered either: %s", [concat(", ", sort(names))]) if {
	names := [u.address | some u in ous; not ou_protected(u)]
	count(names) > 0
}

unknown contains msg if {
	not protected
	undetermined
	msg := "a service control policy, its attachment or its target is not known statically"
}
