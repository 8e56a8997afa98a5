# METADATA
# title: IAM roles trust only known principals
# description: >-
#   A role's trust policy says who may assume it. Principal "*" (or AWS "*")
#   lets any AWS account in the world try, and a web identity trust of GitHub
#   Actions without a condition on the token's subject lets every repository
#   on GitHub assume the role. A role fails when an Allow statement of its
#   trust policy names every principal without a condition that narrows it
#   (aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn,
#   aws:SourceAccount, aws:SourceArn, sts:ExternalId), or trusts
#   token.actions.githubusercontent.com without a condition on its sub. A
#   trust policy known only at apply time makes the verdict unknown.
# custom:
#   id: aws-iam-role-trust-restricted
#   severity: critical
#   resource_types: [aws_iam_role, "AWS::IAM::Role"]
#   controls:
#     soc2: [CC6.1, CC6.3, CC6.6]
#     pci-dss-4.0: [7.2.1, 7.3.1, 8.2.2, 8.6.1]
#   remediation: >-
#     Name the accounts, roles or services that may assume the role, or add a
#     condition such as aws:PrincipalOrgID; for GitHub OIDC add a StringLike
#     condition on token.actions.githubusercontent.com:sub naming the
#     repository.
#   remediation_by_format:
#     terraform: >-
#       principals { type = "AWS"; identifiers =
#       ["arn:aws:iam::111122223333:root"] } instead of "*", or condition {
#       test = "StringLike"; variable = "token.actions.githubusercontent.com:sub";
#       values = ["repo:example/app:*"] } for GitHub OIDC.
#     cloudformation: >-
#       In AssumeRolePolicyDocument name the trusted accounts or services
#       instead of "*", or add a StringLike condition on
#       token.actions.githubusercontent.com:sub for GitHub OIDC.
package attest.rules.aws.iam_role_trust_restricted

import data.attest.lib
import data.attest.lib.aws

path := "AssumeRolePolicyDocument" if input.resource.format == "cloudformation"
else := "assume_role_policy"

document := lib.get(input.resource, path, null)

narrowing_keys := {"aws:principalorgid", "aws:principalaccount", "aws:principalarn", "aws:sourceaccount", "aws:sourcearn", "sts:externalid", "aws:principalorgpaths"}

condition_keys(s) := {lower(k) |
	some _, kv in object.get(s, "Condition", {})
	is_object(kv)
	some k, _ in kv
}

# read is the trust policy as attest.iam_document reads it (see
# rules/lib/aws_iam_documents.rego): its Allow statements and whether a
# statement is not known statically, read in one call.
read := attest.iam_document(document)

allows := [a.statement | some a in read.allows]

github(s) if {
	some p in aws.values(object.get(object.get(s, "Principal", {}), "Federated", null))
	is_string(p)
	endswith(p, "token.actions.githubusercontent.com")
}

deny contains msg if {
	some s in allows
	aws.everyone(s)
	count(condition_keys(s) & narrowing_keys) == 0
	not s.Condition == lib.unknown_value
	msg := sprintf("%s: statement %s lets every principal assume the role", [path, object.get(s, "Sid", "without Sid")])
}

deny contains msg if {
	some s in allows
	github(s)
	not "token.actions.githubusercontent.com:sub" in condition_keys(s)
	not s.Condition == lib.unknown_value
	msg := sprintf("%s: statement %s trusts GitHub Actions without a condition on the token's sub: any repository can assume the role", [path, object.get(s, "Sid", "without Sid")])
}

unknown contains msg if {
	lib.is_unknown(input.resource, path)
	msg := sprintf("%s is not known statically", [path])
}

unknown contains msg if {
	read.opaque
	msg := sprintf("%s: a statement is not known statically", [path])
}

unknown contains msg if {
	some s in allows
	aws.may_be_everyone(s)
	not aws.everyone(s)
	msg := sprintf("%s: a principal of statement %s is not known statically", [path, object.get(s, "Sid", "without Sid")])
}
