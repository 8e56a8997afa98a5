# METADATA
# title: IAM users get permissions through groups or roles only
# description: >-
#   Policies attached straight to users are hard to review and tend to
#   outlive the need for them; access assigned to groups (or roles) by job
#   function can be reviewed per function and is removed with group
#   membership. A user fails when an aws_iam_user_policy or an
#   aws_iam_user_policy_attachment names it.
# custom:
#   id: aws-iam-user-no-direct-policies
#   severity: low
#   resource_types: [aws_iam_user, "AWS::IAM::User"]
#   controls:
#     soc2: [CC6.3]
#     pci-dss-4.0: [7.2.2]
#   remediation: >-
#     Move the user's policies to a group for the job function and add the
#     user to it with aws_iam_user_group_membership.
#   remediation_by_format:
#     terraform: >-
#       Move the user's policies to a group for the job function and add the
#       user to it with aws_iam_user_group_membership.
#     cloudformation: >-
#       Move the user's Policies and ManagedPolicyArns (and any AWS::IAM::Policy
#       or AWS::IAM::UserPolicy naming the user) to an AWS::IAM::Group for the
#       job function, and list the user in an AWS::IAM::UserToGroupAddition or
#       the user's Groups.
package attest.rules.aws.iam_user_no_direct_policies

import data.attest.lib
import data.attest.lib.aws

cfn if input.resource.format == "cloudformation"

deny contains msg if {
	not cfn
	some t in ["aws_iam_user_policy", "aws_iam_user_policy_attachment"]
	some p in aws.linked(t, "user")
	msg := sprintf("%s attaches a policy directly to the user", [p.address])
}

# aws_iam_policy_attachment attaches a managed policy to a list of users.
deny contains msg if {
	not cfn
	some a in lib.resources("aws_iam_policy_attachment")
	attaches_user(a)
	msg := sprintf("%s attaches a policy directly to the user", [a.address])
}

attaches_user(a) if input.resource.address in object.get(a, ["refs", "users"], [])

attaches_user(a) if {
	name := lib.get(input.resource, "name", null)
	is_string(name)
	name in lib.get(a, "users", [])
}

unknown contains msg if {
	not cfn
	aws.may_link("aws_iam_policy_attachment", "users")
	msg := "an aws_iam_policy_attachment names users that are not known statically"
}

unknown contains msg if {
	not cfn
	some t in ["aws_iam_user_policy", "aws_iam_user_policy_attachment"]
	aws.may_link(t, "user")
	msg := "a user policy names a user that is not known statically"
}

# CloudFormation: the user's own Policies and ManagedPolicyArns, and the
# AWS::IAM::Policy, AWS::IAM::ManagedPolicy (Users) and AWS::IAM::UserPolicy
# (UserName) that name the user by reference or by its UserName.
cfn_direct := {"Policies": "gives the user inline policies", "ManagedPolicyArns": "attaches managed policies to the user"}

deny contains msg if {
	input.resource.format == "cloudformation"
	some k, what in cfn_direct
	# count(aws.values(v)) > 0: v is neither null nor the empty list.
	v := lib.get(input.resource, k, null)
	v != null
	v != []
	msg := sprintf("%s %s", [k, what])
}

cfn_naming := {"AWS::IAM::Policy": "Users", "AWS::IAM::ManagedPolicy": "Users", "AWS::IAM::UserPolicy": "UserName"}

names_user(r, path) if input.resource.address in object.get(r, ["refs", path], [])

names_user(r, path) if {
	name := lib.get(input.resource, "UserName", null)
	is_string(name)
	name in aws.values(lib.get(r, path, null))
}

deny contains msg if {
	input.resource.format == "cloudformation"
	some t, path in cfn_naming
	some p in lib.resources(t)
	names_user(p, path)
	msg := sprintf("%s attaches a policy directly to the user", [p.address])
}

unknown contains msg if {
	input.resource.format == "cloudformation"
	some k, _ in cfn_direct
	k in object.get(input.resource, "unknown", [])
	msg := sprintf("%s is not known statically", [k])
}

# A policy naming users not known statically, or naming users by literal
# names while this user's name is not known statically, may name this user.
unknown contains msg if {
	input.resource.format == "cloudformation"
	some t, path in cfn_naming
	input.unresolved[t][path][0] # count(lib.unresolved(t, path)) > 0: the engine's index lists are not empty
	msg := sprintf("an %s names users that are not known statically", [t])
}

unknown contains msg if {
	input.resource.format == "cloudformation"
	lib.is_unknown(input.resource, "UserName")
	some t, path in cfn_naming
	some p in lib.resources(t)
	some v in aws.values(lib.get(p, path, null))
	is_string(v)
	msg := sprintf("%s names users by name and this user's UserName is not known statically", [p.address])
}
