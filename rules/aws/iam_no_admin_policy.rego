# METADATA
# title: IAM policies do not grant every action on every resource
# description: >-
#   A statement that allows Action "*" on Resource "*" is full administrator
#   access: whoever holds it can do anything, including give themselves or
#   others more access and switch off logging. Grant the actions a job needs
#   on the resources it needs, and keep administrator access to a few roles
#   assumed with MFA (AWS's own AdministratorAccess policy, attached by ARN,
#   is visible in review; a custom copy of it is not). Roles are read for
#   their inline_policy blocks, not their trust policy.
# custom:
#   id: aws-iam-no-admin-policy
#   severity: high
#   resource_types: [aws_iam_policy, aws_iam_role_policy, aws_iam_user_policy, aws_iam_group_policy, aws_iam_role, "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy", "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy", "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"]
#   controls:
#     soc2: [CC6.3, CC6.1]
#     pci-dss-4.0: [7.2.1, 7.2.2, 7.2.5]
#   remediation: >-
#     Replace the "*" action or resource with the specific actions and ARNs
#     the principal needs.
#   remediation_by_format:
#     terraform: >-
#       Replace the "*" action or resource with the specific actions and ARNs
#       the principal needs.
#     cloudformation: >-
#       In the PolicyDocument, replace the "*" Action or Resource with the
#       specific actions and ARNs the principal needs.
package attest.rules.aws.iam_no_admin_policy

import data.attest.lib.aws
import data.attest.lib.aws.iam_documents as docs

# The documents of the resource are read once per resource by the shared
# readers of iam_documents: docs.read gives each one's Allow statements with
# their actions and resources as lists; docs.undetermined are the paths of
# documents (or of the list that holds them) not known statically.
deny contains msg if {
	some path, d in docs.read
	some a in d.allows
	"*" in a.actions
	"*" in a.resources
	msg := sprintf("%s: statement %s allows every action on every resource", [path, a.sid])
}

unknown contains msg if {
	some path in docs.undetermined
	msg := sprintf("%s is not known statically", [path])
}

# An action or resource that is not known statically may be "*".
unknown contains msg if {
	some path, d in docs.read
	some a in d.allows
	aws.may_contain(a.actions, "*")
	aws.may_contain(a.resources, "*")
	some l in [a.actions, a.resources]
	aws.has_unknown(l)
	msg := sprintf("%s: statement %s may allow every action on every resource: its Action or Resource is not known statically", [path, a.sid])
}

unknown contains msg if {
	some path, d in docs.read
	d.unreadable
	msg := sprintf("%s is not valid JSON", [path])
}

unknown contains msg if {
	some path, d in docs.read
	d.opaque
	msg := sprintf("%s: a statement is not known statically", [path])
}
