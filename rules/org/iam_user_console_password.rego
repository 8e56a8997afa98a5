# METADATA
# title: IAM users have no console password
# description: >-
#   An IAM user with a console password is a long-lived identity kept in one
#   account, outside the identity provider where joiners, movers and leavers
#   are handled; people should sign in through IAM Identity Center instead.
#   A user fails when an aws_iam_user_login_profile names it (CloudFormation:
#   when the AWS::IAM::User has a LoginProfile). A login profile whose user is
#   known only at apply time, or that exists only under a count or for_each
#   known at apply time, makes the verdict unknown.
# custom:
#   id: org-iam-user-console-password
#   severity: medium
#   resource_types: [aws_iam_user, "AWS::IAM::User"]
#   controls:
#     soc2: [CC6.1, CC6.2]
#     pci-dss-4.0: [8.2.4, 8.2.5, 8.2.6]
#   remediation: >-
#     Remove the user's login profile and give the person access through an
#     IAM Identity Center permission set.
#   remediation_by_format:
#     terraform: >-
#       Delete the aws_iam_user_login_profile of the user and grant the person
#       an aws_ssoadmin_account_assignment instead.
#     cloudformation: >-
#       Remove LoginProfile from the AWS::IAM::User and grant the person an
#       AWS::SSO::Assignment instead.
package attest.rules.org.iam_user_console_password

import data.attest.lib

cfn if input.resource.format == "cloudformation"

deny contains msg if {
	not cfn
	some lp in lib.linked("aws_iam_user_login_profile", "user")
	msg := sprintf("%s gives the user a console password", [lp.address])
}

unknown contains msg if {
	not cfn
	count(lib.linked("aws_iam_user_login_profile", "user")) == 0
	lib.may_link("aws_iam_user_login_profile", "user")
	msg := "a login profile may name this user, but its user or its existence is not known statically"
}

deny contains msg if {
	cfn
	not lib.is_unknown(input.resource, "LoginProfile")
	lib.get(input.resource, "LoginProfile", null) != null
	msg := "LoginProfile gives the user a console password"
}

unknown contains msg if {
	cfn
	lib.is_unknown(input.resource, "LoginProfile")
	msg := "LoginProfile is not known statically"
}
