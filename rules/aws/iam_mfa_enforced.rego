# METADATA
# title: IAM groups enforce multi-factor authentication
# description: >-
#   IAM cannot require MFA for console or API use by itself; the usual way is
#   a policy that denies everything (except managing one's own MFA device)
#   when aws:MultiFactorAuthPresent is false, attached to the groups that
#   human users belong to. This account-level control is judged on each
#   aws_iam_group: a group passes when an inline aws_iam_group_policy or an
#   aws_iam_policy attached to it (aws_iam_group_policy_attachment or
#   aws_iam_policy_attachment) has a Deny statement conditioned on
#   aws:MultiFactorAuthPresent being false, with Bool or BoolIfExists.
#   Policies attached by ARN from outside the configuration cannot be read,
#   so such a group gets an unknown verdict instead of a failure.
# custom:
#   id: aws-iam-mfa-enforced
#   severity: high
#   resource_types: [aws_iam_group, "AWS::IAM::Group"]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [8.4.1, 8.4.2, 8.4.3]
#   remediation: >-
#     Attach to the group a policy with a statement that denies NotAction
#     [iam:CreateVirtualMFADevice, iam:EnableMFADevice, iam:GetUser,
#     iam:ListMFADevices, sts:GetSessionToken] on "*" when BoolIfExists
#     aws:MultiFactorAuthPresent is "false".
#   remediation_by_format:
#     terraform: >-
#       Attach to the group a policy with a statement that denies NotAction
#       [iam:CreateVirtualMFADevice, iam:EnableMFADevice, iam:GetUser,
#       iam:ListMFADevices, sts:GetSessionToken] on "*" when BoolIfExists
#       aws:MultiFactorAuthPresent is "false".
#     cloudformation: >-
#       Give the AWS::IAM::Group (in Policies, or an AWS::IAM::ManagedPolicy in
#       its ManagedPolicyArns) a statement that denies NotAction
#       [iam:CreateVirtualMFADevice, iam:EnableMFADevice, iam:GetUser,
#       iam:ListMFADevices, sts:GetSessionToken] on "*" when BoolIfExists
#       aws:MultiFactorAuthPresent is "false".
package attest.rules.aws.iam_mfa_enforced

import data.attest.lib
import data.attest.lib.aws

enforces_mfa(policy) if {
	some stmt in aws.statements(policy)
	stmt.Effect == "Deny"
	some v in aws.condition_values(stmt, ["Bool", "BoolIfExists"], "aws:MultiFactorAuthPresent")
	aws.is_false(v)
}

# may_enforce_mfa(policy) holds when a statement that is not known statically
# (as a whole, or its MFA condition) may deny access without MFA.
may_enforce_mfa(policy) if {
	some stmt in aws.statements(policy)
	stmt.Effect == "Deny"
	aws.condition_may_be_false(stmt, ["Bool", "BoolIfExists"], "aws:MultiFactorAuthPresent")
}

may_enforce_mfa(policy) if aws.opaque_statement(policy)

may_enforce_mfa(policy) if aws.unreadable(policy)

# Terraform: the joins below start with "not cfn": a CloudFormation
# resource's root holds no Terraform resources, so they find nothing there,
# and the test spares the walk. The CloudFormation ones further down test
# the format in place, which lets OPA's rule index skip them for a
# Terraform resource without evaluating them.

# Inline policies of the group.
inline_policies contains p if {
	not cfn
	some gp in aws.linked("aws_iam_group_policy", "group")
	p := lib.get(gp, "policy", null)
	p != null
}

# Managed policies in the configuration attached to this group.
managed_policies contains pol if {
	not cfn
	some a in aws.linked("aws_iam_group_policy_attachment", "group")
	some pol in lib.resources("aws_iam_policy")
	lib.refers_to(a, "policy_arn", pol)
}

managed_policies contains pol if {
	not cfn
	some a in lib.resources("aws_iam_policy_attachment")
	attaches_group(a)
	some pol in lib.resources("aws_iam_policy")
	lib.refers_to(a, "policy_arn", pol)
}

attaches_group(a) if input.resource.address in object.get(a, ["refs", "groups"], [])

attaches_group(a) if {
	some g in lib.get(a, "groups", [])
	g == lib.get(input.resource, "name", null)
}

enforced if {
	some p in inline_policies
	enforces_mfa(p)
}

enforced if {
	some pol in managed_policies
	enforces_mfa(lib.get(pol, "policy", null))
}

# An attachment whose policy is not in the configuration, or a document that
# is not known statically, might enforce MFA.
undetermined if {
	not cfn
	some gp in aws.linked("aws_iam_group_policy", "group")
	lib.is_unknown(gp, "policy")
}

undetermined if {
	some pol in managed_policies
	lib.is_unknown(pol, "policy")
}

undetermined if {
	not cfn
	some a in aws.linked("aws_iam_group_policy_attachment", "group")
	not attaches_known_policy(a)
}

undetermined if {
	not cfn
	aws.may_link("aws_iam_group_policy_attachment", "group")
}

undetermined if {
	not cfn
	aws.may_link("aws_iam_group_policy", "group")
}

undetermined if {
	not cfn
	aws.may_link("aws_iam_policy_attachment", "groups")
}

undetermined if {
	some p in inline_policies
	may_enforce_mfa(p)
}

undetermined if {
	some pol in managed_policies
	may_enforce_mfa(lib.get(pol, "policy", null))
}

undetermined if {
	not cfn
	some a in lib.resources("aws_iam_policy_attachment")
	attaches_group(a)
	not attaches_known_policy(a)
}

attaches_known_policy(a) if {
	some pol in lib.resources("aws_iam_policy")
	lib.refers_to(a, "policy_arn", pol)
}

deny contains msg if {
	not enforced
	not undetermined
	msg := "no policy attached to the group denies access without MFA"
}

unknown contains msg if {
	not enforced
	undetermined
	msg := "a policy attached to the group is not known statically"
}

# CloudFormation: the group's inline Policies, the AWS::IAM::ManagedPolicy
# resources its ManagedPolicyArns refer to, and the AWS::IAM::Policy,
# AWS::IAM::ManagedPolicy (Groups) and AWS::IAM::GroupPolicy (GroupName)
# that name the group by reference or by its GroupName.
cfn if input.resource.format == "cloudformation"

cfn_naming := {"AWS::IAM::Policy": "Groups", "AWS::IAM::ManagedPolicy": "Groups", "AWS::IAM::GroupPolicy": "GroupName"}

names_group(r, path) if input.resource.address in object.get(r, ["refs", path], [])

names_group(r, path) if {
	name := lib.get(input.resource, "GroupName", null)
	is_string(name)
	name in aws.values(lib.get(r, path, null))
}

# cfn_managed holds [i, policy] for each managed policy of the template that
# element i of ManagedPolicyArns refers to.
cfn_managed contains [i, pol] if {
	input.resource.format == "cloudformation"
	some i, _ in lib.get(input.resource, "ManagedPolicyArns", [])
	refs := object.get(input.resource, ["refs", sprintf("ManagedPolicyArns.%d", [i])], [])
	some pol in lib.resources("AWS::IAM::ManagedPolicy")
	pol.address in refs
}

cfn_documents contains d if {
	input.resource.format == "cloudformation"
	some b in lib.get(input.resource, "Policies", [])
	is_object(b)
	d := object.get(b, "PolicyDocument", null)
	d != null
}

cfn_documents contains d if {
	some [_, pol] in cfn_managed
	d := lib.get(pol, "PolicyDocument", null)
	d != null
}

# cfn_named are the policies of the template that name the group.
cfn_named contains p if {
	input.resource.format == "cloudformation"
	some t, path in cfn_naming
	some p in lib.resources(t)
	names_group(p, path)
}

cfn_documents contains d if {
	some p in cfn_named
	d := lib.get(p, "PolicyDocument", null)
	d != null
}

enforced if {
	some d in cfn_documents
	enforces_mfa(d)
}

undetermined if {
	some d in cfn_documents
	may_enforce_mfa(d)
}

undetermined if {
	input.resource.format == "cloudformation"
	some u in object.get(input.resource, "unknown", [])
	regex.match(`^(ManagedPolicyArns|Policies(\.[0-9]+(\.PolicyDocument)?)?)$`, u)
}

# A managed policy that is not in the template (an AWS managed policy, one
# from a parameter) might enforce MFA.
undetermined if {
	input.resource.format == "cloudformation"
	some i, _ in lib.get(input.resource, "ManagedPolicyArns", [])
	not i in managed_in_template
}

# managed_in_template are the indexes of ManagedPolicyArns that refer to a
# managed policy of the template.
managed_in_template contains i if some [i, _] in cfn_managed

undetermined if {
	some p in cfn_named
	lib.is_unknown(p, "PolicyDocument")
}

undetermined if {
	input.resource.format == "cloudformation"
	some t, path in cfn_naming
	count(lib.unresolved(t, path)) > 0
}

undetermined if {
	input.resource.format == "cloudformation"
	lib.is_unknown(input.resource, "GroupName")
	some t, path in cfn_naming
	some p in lib.resources(t)
	some v in aws.values(lib.get(p, path, null))
	is_string(v)
}
