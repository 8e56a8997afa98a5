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

deny contains msg if {
	some stmt in aws.statements(lib.get(input.resource, "policy", null))
	stmt.Effect == "Allow"
	"*" in aws.actions(stmt)
	"*" in aws.resources(stmt)
	msg := sprintf("statement %s allows every action on every resource", [object.get(stmt, "Sid", "without Sid")])
}

unknown contains msg if {
	lib.is_unknown(input.resource, "policy")
	msg := "the policy document is not known statically"
}
