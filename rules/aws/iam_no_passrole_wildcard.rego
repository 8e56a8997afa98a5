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

# passes_role(a) holds when Allow statement a (an element of the allows of
# docs.read) allows iam:PassRole: one of its actions, in lower case, matches
# it as a pattern. The action "(known after apply)" matches nothing.
passes_role(a) if {
	some action in a.actions
	glob.match(action, [], "iam:passrole")
}

may_pass_role(a) if passes_role(a)

may_pass_role(a) if lib.unknown_value in a.action_values

deny contains msg if {
	some path, d in docs.read
	some a in d.allows
	passes_role(a)
	"*" in a.resources
	msg := sprintf("%s: statement %s allows iam:PassRole on every role", [path, a.sid])
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
	some path, d in docs.read
	some a in d.allows
	may_pass_role(a)
	aws.may_contain(a.resources, "*")
	some l in [a.action_values, a.resources]
	aws.has_unknown(l)
	msg := sprintf("%s: statement %s may allow iam:PassRole on every role: its Action or Resource is not known statically", [path, a.sid])
}
