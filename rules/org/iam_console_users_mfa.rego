# METADATA
# title: Every IAM user with a console password is under an MFA-enforcing policy
# description: >-
#   IAM cannot require MFA by itself: teams attach a policy that denies every
#   action but the MFA self-service ones (NotAction) when
#   aws:MultiFactorAuthPresent is false (BoolIfExists), to the people or to
#   their groups. The rule is judged on each aws_iam_user_login_profile, the
#   mark of a person who signs in: the user it names must have such a Deny
#   statement in an inline policy, a managed policy of the configuration
#   attached to it, or a policy of a group it belongs to
#   (aws_iam_user_group_membership, aws_iam_group_membership). A policy or
#   membership known only at apply time, or a customer managed policy attached
#   by an ARN from outside the configuration, makes the verdict unknown; AWS
#   managed policies never enforce MFA.
# custom:
#   id: org-iam-console-users-mfa
#   severity: high
#   resource_types: [aws_iam_user_login_profile]
#   controls:
#     soc2: [CC6.1, CC6.2]
#     pci-dss-4.0: [8.3.1, 8.4.1, 8.4.2, 8.4.3, 8.5.1]
#   remediation: >-
#     Attach to the user, or to a group of all people, a policy with a
#     statement that denies NotAction [iam:CreateVirtualMFADevice,
#     iam:EnableMFADevice, iam:GetUser, iam:ListMFADevices,
#     iam:ListVirtualMFADevices, iam:ResyncMFADevice, sts:GetSessionToken] on
#     "*" when BoolIfExists aws:MultiFactorAuthPresent is "false".
#   remediation_by_format:
#     terraform: >-
#       data "aws_iam_policy_document" "mfa" { statement { effect = "Deny";
#       not_actions = ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice",
#       "iam:GetUser", "iam:ListMFADevices", "iam:ListVirtualMFADevices",
#       "iam:ResyncMFADevice", "sts:GetSessionToken"]; resources = ["*"];
#       condition { test = "BoolIfExists"; variable =
#       "aws:MultiFactorAuthPresent"; values = ["false"] } } }, attached with
#       aws_iam_group_policy_attachment to the group every person is in.
package attest.rules.org.iam_console_users_mfa

import data.attest.lib
import data.attest.lib.aws
import data.attest.lib.aws.org

# enforces(doc) holds when a Deny statement of the document applies when
# aws:MultiFactorAuthPresent is false.
enforces(doc) if {
	some s in lib.statements(doc)
	is_object(s)
	s.Effect == "Deny"
	some v in aws.condition_values(s, ["Bool", "BoolIfExists"], "aws:MultiFactorAuthPresent")
	aws.is_false(v)
}

may_enforce(doc) if {
	some s in lib.statements(doc)
	is_object(s)
	s.Effect == "Deny"
	aws.condition_may_be_false(s, ["Bool", "BoolIfExists"], "aws:MultiFactorAuthPresent")
}

may_enforce(doc) if aws.opaque_statement(doc)

may_enforce(doc) if aws.unreadable(doc)

# user is the aws_iam_user the login profile names.
users contains u if {
	some u in lib.resources("aws_iam_user")
	org.mentions(input.resource, "user", u)
}

# groups are the groups a user of the login profile belongs to.
groups contains g if {
	some u in users
	some m in lib.resources("aws_iam_user_group_membership")
	org.mentions(m, "user", u)
	some g in lib.resources("aws_iam_group")
	org.mentions(m, "groups", g)
}

groups contains g if {
	some u in users
	some m in lib.resources("aws_iam_group_membership")
	org.mentions(m, "users", u)
	some g in lib.resources("aws_iam_group")
	org.mentions(m, "group", g)
}

# principals are the user and its groups, each with the attribute by which
# inline policies and attachments name it.
principals contains [u, "user", "users"] if some u in users

principals contains [g, "group", "groups"] if some g in groups

# documents are the policy documents that apply to the user.
documents contains d if {
	some [p, one, _] in principals
	some t in ["aws_iam_user_policy", "aws_iam_group_policy"]
	some ip in lib.resources(t)
	org.mentions(ip, one, p)
	d := lib.get(ip, "policy", null)
	d != null
}

documents contains d if {
	some pol in managed
	d := lib.get(pol, "policy", null)
	d != null
}

# attachments are the attachment resources that name the user or a group.
attachments contains a if {
	some [p, one, _] in principals
	some t in ["aws_iam_user_policy_attachment", "aws_iam_group_policy_attachment"]
	some a in lib.resources(t)
	org.mentions(a, one, p)
}

attachments contains a if {
	some [p, _, many] in principals
	some a in lib.resources("aws_iam_policy_attachment")
	org.mentions(a, many, p)
}

managed contains pol if {
	some a in attachments
	some pol in lib.resources("aws_iam_policy")
	org.mentions(a, "policy_arn", pol)
}

enforced if {
	some d in documents
	enforces(d)
}

undetermined if {
	count(users) == 0
}

undetermined if {
	some d in documents
	may_enforce(d)
}

undetermined if {
	some [p, one, _] in principals
	some t in ["aws_iam_user_policy", "aws_iam_group_policy"]
	some ip in lib.resources(t)
	org.mentions(ip, one, p)
	lib.is_unknown(ip, "policy")
}

undetermined if {
	some pol in managed
	lib.is_unknown(pol, "policy")
}

# An attachment of a policy that is not in the configuration: an AWS managed
# policy (arn:aws:iam::aws:policy/...) never enforces MFA; any other might.
undetermined if {
	some a in attachments
	not attaches_known_policy(a)
	not aws_managed(a)
}

aws_managed(a) if startswith(lib.get(a, "policy_arn", ""), "arn:aws:iam::aws:policy/")

attaches_known_policy(a) if {
	some pol in lib.resources("aws_iam_policy")
	org.mentions(a, "policy_arn", pol)
}

# Joins the loader could not resolve: an attachment, inline policy or
# membership whose principal is known only at apply time.
undetermined if {
	some t, path in {
		"aws_iam_user_policy": "user",
		"aws_iam_group_policy": "group",
		"aws_iam_user_policy_attachment": "user",
		"aws_iam_group_policy_attachment": "group",
		"aws_iam_policy_attachment": "users",
		"aws_iam_user_group_membership": "user",
		"aws_iam_group_membership": "users",
	}
	count(lib.unresolved(t, path)) > 0
}

undetermined if {
	some t in ["aws_iam_user_group_membership", "aws_iam_group_membership", "aws_iam_user_policy_attachment", "aws_iam_group_policy_attachment", "aws_iam_policy_attachment"]
	some r in lib.resources(t)
	r.conditional
}

deny contains msg if {
	not enforced
	not undetermined
	some u in users
	msg := sprintf("no policy of user %s or of its groups denies access without MFA", [u.address])
}

unknown contains msg if {
	not enforced
	undetermined
	msg := "the user, a policy or a group membership that applies to it is not known statically"
}
