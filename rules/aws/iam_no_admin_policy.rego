# METADATA
# title: IAM policies do not grant every action on every resource
# description: >-
#   A statement that allows Action "*" on Resource "*" is full administrator
#   access: whoever holds it can do anything, including give themselves or
#   others more access and switch off logging. Grant the actions a job needs
#   on the resources it needs, and keep administrator access to a few roles
#   assumed with MFA (AWS's own AdministratorAccess policy, attached by ARN,
#   is visible in review; a custom copy of it is not).
# custom:
#   id: aws-iam-no-admin-policy
#   severity: high
#   resource_types: [aws_iam_policy, aws_iam_role_policy, aws_iam_user_policy, aws_iam_group_policy]
#   controls:
#     soc2: [CC6.3, CC6.1]
#     pci-dss-4.0: [7.2.1, 7.2.2, 7.2.5]
#   remediation: Replace the "*" action or resource with the specific actions and ARNs the principal needs.
package attest.rules.aws.iam_no_admin_policy

import data.attest.lib
import data.attest.lib.aws

policy := lib.get(input.resource, "policy", null)

deny contains msg if {
	some stmt in aws.statements(policy)
	stmt.Effect == "Allow"
	"*" in aws.actions(stmt)
	"*" in aws.resources(stmt)
	msg := sprintf("statement %s allows every action on every resource", [object.get(stmt, "Sid", "without Sid")])
}

unknown contains msg if {
	lib.is_unknown(input.resource, "policy")
	msg := "the policy document is not known statically"
}

# An action or resource that is not known statically may be "*".
unknown contains msg if {
	some stmt in aws.statements(policy)
	stmt.Effect == "Allow"
	aws.may_contain(aws.actions(stmt), "*")
	aws.may_contain(aws.resources(stmt), "*")
	some l in [aws.actions(stmt), aws.resources(stmt)]
	aws.has_unknown(l)
	msg := sprintf("statement %s may allow every action on every resource: its Action or Resource is not known statically", [object.get(stmt, "Sid", "without Sid")])
}

unknown contains msg if {
	aws.unreadable(policy)
	msg := "the policy document is not valid JSON"
}

unknown contains msg if {
	aws.opaque_statement(policy)
	msg := "a statement of the policy document is not known statically"
}
