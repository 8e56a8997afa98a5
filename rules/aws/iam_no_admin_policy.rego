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

import data.attest.lib
import data.attest.lib.aws

# Resource types that hold one policy document, and the attribute holding it.
single := {
	"aws_iam_policy": "policy",
	"aws_iam_role_policy": "policy",
	"aws_iam_user_policy": "policy",
	"aws_iam_group_policy": "policy",
	"AWS::IAM::Policy": "PolicyDocument",
	"AWS::IAM::ManagedPolicy": "PolicyDocument",
	"AWS::IAM::RolePolicy": "PolicyDocument",
	"AWS::IAM::UserPolicy": "PolicyDocument",
	"AWS::IAM::GroupPolicy": "PolicyDocument",
}

# Resource types with a list of inline policies: the list, and the key of the
# document in each element.
inline := {
	"aws_iam_role": ["inline_policy", "policy"],
	"AWS::IAM::Role": ["Policies", "PolicyDocument"],
	"AWS::IAM::User": ["Policies", "PolicyDocument"],
	"AWS::IAM::Group": ["Policies", "PolicyDocument"],
}

# documents maps the attribute path of each policy document of the resource
# to the document.
documents[path] := p if {
	path := single[input.resource.type]
	p := lib.get(input.resource, path, null)
	p != null
}

documents[path] := p if {
	[list, key] := inline[input.resource.type]
	some i, b in object.get(input.resource.attributes, list, [])
	is_object(b)
	p := object.get(b, key, null)
	p != null
	path := sprintf("%s.%d.%s", [list, i, key])
}

undetermined contains path if {
	path := single[input.resource.type]
	lib.is_unknown(input.resource, path)
}

undetermined contains u if {
	[list, key] := inline[input.resource.type]
	some u in object.get(input.resource, "unknown", [])
	regex.match(sprintf(`^%s(\.[0-9]+(\.%s)?)?$`, [list, key]), u)
}

sid(stmt) := object.get(stmt, "Sid", "without Sid")

deny contains msg if {
	some path, policy in documents
	some stmt in aws.statements(policy)
	stmt.Effect == "Allow"
	"*" in aws.actions(stmt)
	"*" in aws.resources(stmt)
	msg := sprintf("%s: statement %s allows every action on every resource", [path, sid(stmt)])
}

unknown contains msg if {
	some path in undetermined
	msg := sprintf("%s is not known statically", [path])
}

# An action or resource that is not known statically may be "*".
unknown contains msg if {
	some path, policy in documents
	some stmt in aws.statements(policy)
	stmt.Effect == "Allow"
	aws.may_contain(aws.actions(stmt), "*")
	aws.may_contain(aws.resources(stmt), "*")
	some l in [aws.actions(stmt), aws.resources(stmt)]
	aws.has_unknown(l)
	msg := sprintf("%s: statement %s may allow every action on every resource: its Action or Resource is not known statically", [path, sid(stmt)])
}

unknown contains msg if {
	some path, policy in documents
	aws.unreadable(policy)
	msg := sprintf("%s is not valid JSON", [path])
}

unknown contains msg if {
	some path, policy in documents
	aws.opaque_statement(policy)
	msg := sprintf("%s: a statement is not known statically", [path])
}
