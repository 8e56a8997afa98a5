# METADATA
# title: IAM policies do not allow passing any role
# description: >-
#   iam:PassRole lets a principal hand a role to a service (an EC2 instance, a
#   Lambda function, a CloudFormation stack); allowed on Resource "*", it lets
#   the principal run code as any role of the account, administrator roles
#   included. A statement fails when it allows iam:PassRole (or a wildcard
#   that covers it, such as iam:Pass* or iam:*) on "*". A statement whose
#   actions or resources are known only at apply time makes the verdict
#   unknown.
# custom:
#   id: aws-iam-no-passrole-wildcard
#   severity: high
#   resource_types: [aws_iam_policy, aws_iam_role_policy, aws_iam_user_policy, aws_iam_group_policy, aws_iam_role, "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy", "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy", "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"]
#   controls:
#     soc2: [CC6.1, CC6.3]
#     pci-dss-4.0: [7.2.1, 7.2.2, 7.2.5]
#   remediation: >-
#     Allow iam:PassRole only on the ARNs of the roles the principal must
#     pass, and add an iam:PassedToService condition.
#   remediation_by_format:
#     terraform: >-
#       statement { actions = ["iam:PassRole"]; resources =
#       [aws_iam_role.task.arn]; condition { test = "StringEquals"; variable =
#       "iam:PassedToService"; values = ["ecs-tasks.amazonaws.com"] } }
#     cloudformation: >-
#       Give the iam:PassRole statement Resource: !GetAtt TaskRole.Arn and a
#       StringEquals iam:PassedToService condition.
package attest.rules.aws.iam_no_passrole_wildcard

import data.attest.lib
import data.attest.lib.aws
import data.attest.lib.aws.iam_documents as docs

passes_role(s) if {
	some a in aws.values(object.get(s, "Action", null))
	is_string(a)
	a != lib.unknown_value
	glob.match(lower(a), [], "iam:passrole")
}

may_pass_role(s) if passes_role(s)

may_pass_role(s) if lib.unknown_value in aws.values(object.get(s, "Action", null))

deny contains msg if {
	some [path, s] in docs.allows
	passes_role(s)
	"*" in aws.resources(s)
	msg := sprintf("%s: statement %s allows iam:PassRole on every role", [path, docs.sid(s)])
}

unknown contains msg if {
	some path in docs.undetermined
	msg := sprintf("%s is not known statically", [path])
}

unknown contains msg if {
	some path in docs.opaque
	msg := sprintf("%s: a statement is not known statically", [path])
}

unknown contains msg if {
	some [path, s] in docs.allows
	may_pass_role(s)
	aws.may_contain(aws.resources(s), "*")
	some l in [aws.values(object.get(s, "Action", null)), aws.resources(s)]
	aws.has_unknown(l)
	msg := sprintf("%s: statement %s may allow iam:PassRole on every role: its Action or Resource is not known statically", [path, docs.sid(s)])
}
