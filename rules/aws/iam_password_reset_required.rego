# METADATA
# title: Console passwords set for a user must be changed at first sign-in
# description: >-
#   A password that an administrator or a pipeline set is known to someone
#   other than its user: it sits in the Terraform state (encrypted to a PGP
#   key at best), a CloudFormation template or parameter, or a message to
#   the new joiner. Requiring a reset makes the person choose their own at
#   the first sign-in, before the account is used. A login profile fails
#   unless password_reset_required (PasswordResetRequired in the
#   LoginProfile of an AWS::IAM::User) is true; both formats default it to
#   false. A CloudFormation user without a LoginProfile has no console
#   password and passes.
# custom:
#   id: aws-iam-password-reset-required
#   severity: medium
#   resource_types: [aws_iam_user_login_profile, "AWS::IAM::User"]
#   controls:
#     soc2: [CC6.1, CC6.2]
#     pci-dss-4.0: [8.3.5]
#   remediation: Require a password reset at the first sign-in of every console user whose password is set for them.
#   remediation_by_format:
#     terraform: >-
#       Set password_reset_required = true on the aws_iam_user_login_profile
#       (it applies when the profile is created: recreate existing profiles
#       or have the users change their passwords).
#     cloudformation: >-
#       Set LoginProfile: {Password: ..., PasswordResetRequired: true} on the
#       AWS::IAM::User.
package attest.rules.aws.iam_password_reset_required

import data.attest.lib
import data.attest.lib.aws.svc

attr := "LoginProfile.PasswordResetRequired" if input.resource.format == "cloudformation"
else := "password_reset_required"

# has_profile holds when the resource gives a console password: every
# Terraform login profile, a CloudFormation user with a LoginProfile.
has_profile if not svc.cfn

has_profile if {
	svc.cfn
	"LoginProfile" in object.keys(object.get(input.resource, "attributes", {}))
}

# Only the setting itself, or a LoginProfile unknown as a whole, counts:
# a password given as a parameter says nothing about the reset.
undetermined if attr in object.get(input.resource, "unknown", [])

undetermined if {
	svc.cfn
	"LoginProfile" in object.get(input.resource, "unknown", [])
}

deny contains msg if {
	has_profile
	not undetermined
	svc.normal(lib.get(input.resource, attr, false)) != true
	msg := sprintf("%s is not true: the user may keep the password someone else set", [attr])
}

unknown contains msg if {
	undetermined
	msg := sprintf("%s is not known statically", [attr])
}
