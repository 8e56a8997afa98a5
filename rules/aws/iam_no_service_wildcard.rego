# METADATA
# title: IAM policies do not allow every action of a security-sensitive service
# description: >-
#   An Allow of iam:*, kms:*, sts:*, organizations:*, cloudtrail:* and the like
#   hands over the controls themselves: whoever holds it can grant themselves
#   more access, decrypt any data, assume other roles or stop the audit trail.
#   A statement fails when its Action is a wildcard over the whole of one of
#   these services (iam, sts, kms, secretsmanager, ssm, organizations,
#   cloudtrail, config, guardduty, securityhub, s3); Action "*" is left to
#   aws-iam-no-admin-policy.
#   An action known only at apply time makes the verdict unknown.
# custom:
#   id: aws-iam-no-service-wildcard
#   severity: high
#   resource_types: [aws_iam_policy, aws_iam_role_policy, aws_iam_user_policy, aws_iam_group_policy, aws_iam_role, "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy", "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy", "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"]
#   controls:
#     soc2: [CC6.1, CC6.3]
#     pci-dss-4.0: [7.2.1, 7.2.2, 7.2.5, 7.3.1, 7.3.2]
#   remediation: >-
#     List the actions the principal needs (kms:Decrypt, iam:GetRole, ...)
#     instead of the service wildcard.
#   remediation_by_format:
#     terraform: >-
#       In the policy document replace "iam:*" (or the like) with the actions
#       the principal needs, such as ["iam:GetRole", "iam:ListRoles"].
#     cloudformation: >-
#       In the PolicyDocument replace "iam:*" (or the like) with the actions
#       the principal needs.
package attest.rules.aws.iam_no_service_wildcard

import data.attest.lib
import data.attest.lib.aws
import data.attest.lib.aws.iam_documents as docs

sensitive := {"iam", "sts", "kms", "secretsmanager", "ssm", "organizations", "cloudtrail", "config", "guardduty", "securityhub", "s3"}

# whole_service(a) is the service whose every action a matches ("*" for all).
whole_service(a) := "*" if a == "*"

whole_service(a) := service if {
	parts := split(a, ":")
	count(parts) == 2
	service := parts[0]
	service in sensitive
	regex.match(`^\*+$`, parts[1])
}

deny contains msg if {
	some path, d in docs.read
	some s in d.allows
	some a in s.actions
	endswith(a, "*") # what whole_service gives a service for ends so
	service := whole_service(a)
	service != "*"
	msg := sprintf("%s: statement %s allows every %s action (%s)", [path, s.sid, service, a])
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
	some s in d.allows
	lib.unknown_value in s.action_values
	msg := sprintf("%s: statement %s has an action that is not known statically", [path, s.sid])
}
