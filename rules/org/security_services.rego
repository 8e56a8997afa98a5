# METADATA
# title: The organisation runs GuardDuty, Security Hub, Config, Inspector and Macie
# description: >-
#   The detective services each answer a question an auditor asks: is there
#   intrusion detection (GuardDuty), continuous checking against a standard
#   (Security Hub), an inventory with configuration history gathered across
#   accounts (an AWS Config recorder and aggregator), vulnerability scanning
#   (Inspector) and discovery of sensitive data (Macie). The rule is judged on
#   the organisation: every scanned root together must declare each of them,
#   in the account itself or as the organisation's delegated administrator.
#   One declared only under a count or for_each known at apply time makes the
#   verdict unknown.
# custom:
#   id: org-security-services-enabled
#   severity: medium
#   resource_types: [aws_organizations_organization, "AWS::Organizations::Organization"]
#   controls:
#     soc2: [CC3.2, CC4.1, CC7.1, CC7.2, C1.1]
#     pci-dss-4.0: [6.3.1, 10.4.1, 10.4.1.1, 10.7.2, 11.3.1, 11.5.1, 12.5.1]
#   remediation: >-
#     Declare the missing services, ideally with a delegated administrator
#     account that enables them for every member account.
#   remediation_by_format:
#     terraform: >-
#       For example aws_guardduty_organization_admin_account,
#       aws_securityhub_organization_admin_account,
#       aws_config_configuration_aggregator, aws_inspector2_delegated_admin_account
#       and aws_macie2_organization_admin_account in the management account.
#     cloudformation: >-
#       Add AWS::GuardDuty::Detector, AWS::SecurityHub::Hub,
#       AWS::Config::ConfigurationRecorder and AWS::Config::ConfigurationAggregator,
#       and AWS::Macie::Session (Inspector has no CloudFormation enabler: enable
#       it through its delegated administrator).
package attest.rules.org.security_services

import data.attest.lib.aws.org

services := {
	"GuardDuty": ["aws_guardduty_detector", "aws_guardduty_organization_admin_account", "AWS::GuardDuty::Detector"],
	"Security Hub": ["aws_securityhub_account", "aws_securityhub_organization_admin_account", "AWS::SecurityHub::Hub"],
	"an AWS Config recorder": ["aws_config_configuration_recorder", "AWS::Config::ConfigurationRecorder"],
	"an AWS Config aggregator": ["aws_config_configuration_aggregator", "AWS::Config::ConfigurationAggregator"],
	"Inspector": ["aws_inspector2_enabler", "aws_inspector2_delegated_admin_account", "aws_inspector2_organization_configuration"],
	"Macie": ["aws_macie2_account", "aws_macie2_organization_admin_account", "AWS::Macie::Session"],
}

present(service) if {
	some r in org.all_of(services[service])
	org.exists(r)
}

declared(service) if count(org.all_of(services[service])) > 0

missing := {s | some s, _ in services; not declared(s)}

conditional := {s | some s, _ in services; declared(s); not present(s)}

deny contains msg if {
	count(missing) > 0
	msg := sprintf("the scanned roots do not declare %s", [concat(", ", sort(missing))])
}

unknown contains msg if {
	count(conditional) > 0
	msg := sprintf("%s exist only under a count or for_each known at apply time", [concat(", ", sort(conditional))])
}
