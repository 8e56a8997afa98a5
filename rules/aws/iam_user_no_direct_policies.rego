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
#   resource_types: [aws_iam_user]
#   controls:
#     soc2: [CC6.3]
#     pci-dss-4.0: [7.2.2]
#   remediation: Move the user's policies to a group for the job function and add the user to it with aws_iam_user_group_membership.
package attest.rules.aws.iam_user_no_direct_policies

import data.attest.lib
import data.attest.lib.aws

deny contains msg if {
	some t in ["aws_iam_user_policy", "aws_iam_user_policy_attachment"]
	some p in aws.linked(t, "user")
	msg := sprintf("%s attaches a policy directly to the user", [p.address])
}

# aws_iam_policy_attachment attaches a managed policy to a list of users.
deny contains msg if {
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
	aws.may_link("aws_iam_policy_attachment", "users")
	msg := "an aws_iam_policy_attachment names users that are not known statically"
}

unknown contains msg if {
	some t in ["aws_iam_user_policy", "aws_iam_user_policy_attachment"]
	aws.may_link(t, "user")
	msg := "a user policy names a user that is not known statically"
}
