# METADATA
# title: Security Hub runs security standards
# description: >-
#   Security Hub checks the account continuously against standards such as
#   AWS Foundational Security Best Practices and CIS; a hub with no standard
#   only collects other services' findings. A hub (aws_securityhub_account,
#   AWS::SecurityHub::Hub) fails when it sets enable_default_standards
#   (EnableDefaultStandards) to false and no aws_securityhub_standards_subscription
#   (AWS::SecurityHub::Standard) of its root subscribes to a standard.
# custom:
#   id: aws-securityhub-standards
#   severity: medium
#   resource_types: [aws_securityhub_account, "AWS::SecurityHub::Hub"]
#   controls:
#     soc2: [CC4.1, CC7.1]
#     pci-dss-4.0: [2.2.1, 11.3.1]
#   remediation: >-
#     Keep enable_default_standards true, or subscribe the hub to AWS
#     Foundational Security Best Practices with an
#     aws_securityhub_standards_subscription.
#   remediation_by_format:
#     terraform: >-
#       resource "aws_securityhub_standards_subscription" "fsbp" {
#       standards_arn =
#       "arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0";
#       depends_on = [aws_securityhub_account.this] }
#     cloudformation: >-
#       Keep EnableDefaultStandards true on the AWS::SecurityHub::Hub, or add an
#       AWS::SecurityHub::Standard with StandardsArn.
package attest.rules.aws.securityhub_standards

import data.attest.lib.aws.governance as gov

subscriptions := gov.in_root(["aws_securityhub_standards_subscription", "AWS::SecurityHub::Standard"])

subscribed if {
	some s in subscriptions
	not s.conditional
}

deny contains msg if {
	not gov.is_unknown("enable_default_standards")
	gov.get("enable_default_standards", true) == false
	count(subscriptions) == 0
	msg := sprintf("%s is false and no standard is subscribed", [gov.name("enable_default_standards")])
}

unknown contains msg if {
	gov.is_unknown("enable_default_standards")
	not subscribed
	msg := sprintf("%s is not known statically", [gov.name("enable_default_standards")])
}

unknown contains msg if {
	not gov.is_unknown("enable_default_standards")
	gov.get("enable_default_standards", true) == false
	count(subscriptions) > 0
	not subscribed
	msg := "the standards subscriptions exist only under a count or for_each known at apply time"
}
