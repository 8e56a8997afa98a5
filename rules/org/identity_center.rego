# METADATA
# title: People sign in through IAM Identity Center
# description: >-
#   Single sign-on through IAM Identity Center gives each person one identity
#   for every account, short-lived credentials and one place where joiners and
#   leavers are handled, which IAM users in each account do not. The rule is
#   judged on the organisation: some scanned root must declare an Identity
#   Center permission set or account assignment (aws_ssoadmin_permission_set,
#   aws_ssoadmin_account_assignment, or AWS::SSO::PermissionSet and
#   AWS::SSO::Assignment). One that exists only under a count or for_each
#   known at apply time makes the verdict unknown.
# custom:
#   id: org-identity-center-used
#   severity: medium
#   resource_types: [aws_organizations_organization, "AWS::Organizations::Organization"]
#   controls:
#     soc2: [CC6.1, CC6.2]
#     pci-dss-4.0: [7.2.1, 8.2.1, 8.2.4, 8.2.5]
#   remediation: >-
#     Enable IAM Identity Center in the management account, define permission
#     sets and assign them to groups of your identity provider, then remove
#     the IAM users people sign in with.
#   remediation_by_format:
#     terraform: >-
#       data "aws_ssoadmin_instances" "this" {} and resource
#       "aws_ssoadmin_permission_set" "admin" { name = "Admin"; instance_arn =
#       tolist(data.aws_ssoadmin_instances.this.arns)[0] }, assigned to groups
#       with aws_ssoadmin_account_assignment.
#     cloudformation: >-
#       Add an AWS::SSO::PermissionSet and AWS::SSO::Assignment resources that
#       grant it to groups of your identity provider.
package attest.rules.org.identity_center

import data.attest.lib.aws.org

sso := org.all_of([
	"aws_ssoadmin_permission_set",
	"aws_ssoadmin_account_assignment",
	"AWS::SSO::PermissionSet",
	"AWS::SSO::Assignment",
])

used if {
	some r in sso
	org.exists(r)
}

deny contains msg if {
	count(sso) == 0
	msg := "no scanned root declares an IAM Identity Center permission set or account assignment"
}

unknown contains msg if {
	count(sso) > 0
	not used
	msg := "the Identity Center permission sets and assignments exist only under a count or for_each known at apply time"
}
