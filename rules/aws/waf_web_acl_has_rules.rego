# METADATA
# title: WAF web ACLs have rules
# description: >-
#   A web ACL without rules only applies its default action, so it blocks no
#   attack while its presence suggests that the application is protected. A
#   web ACL (aws_wafv2_web_acl, AWS::WAFv2::WebACL) fails when it declares no
#   rule (inline rule blocks or Rules, managed rule groups included). Rules
#   known only at apply time (a dynamic block over an unknown list) make the
#   verdict unknown.
# custom:
#   id: aws-waf-web-acl-has-rules
#   severity: high
#   resource_types: [aws_wafv2_web_acl, "AWS::WAFv2::WebACL"]
#   controls:
#     soc2: [CC6.6, CC6.8]
#     pci-dss-4.0: [6.4.1, 6.4.2]
#   remediation: >-
#     Add rules to the web ACL, for example the AWS managed rule groups
#     AWSManagedRulesCommonRuleSet and AWSManagedRulesKnownBadInputsRuleSet.
#   remediation_by_format:
#     terraform: >-
#       rule { name = "common"; priority = 1; override_action { none {} };
#       statement { managed_rule_group_statement { name =
#       "AWSManagedRulesCommonRuleSet"; vendor_name = "AWS" } };
#       visibility_config { ... } } in the aws_wafv2_web_acl.
#     cloudformation: >-
#       Add Rules to the AWS::WAFv2::WebACL, for example a rule with a
#       ManagedRuleGroupStatement for AWSManagedRulesCommonRuleSet.
package attest.rules.aws.waf_web_acl_has_rules

import data.attest.lib
import data.attest.lib.aws.governance as gov

rule_types := {"aws_wafv2_web_acl_rule", "aws_wafv2_web_acl_rule_group_association"}

# Standalone rule resources (provider 6) that name the ACL.
standalone contains r if {
	some t in rule_types
	some r in lib.linked(t, "web_acl_arn")
}

deny contains msg if {
	not gov.is_unknown("rule")
	count(lib.get(input.resource, gov.name("rule"), [])) == 0
	count(standalone) == 0
	not may_have_standalone
	msg := sprintf("the web ACL has no %s: only its default action applies", [gov.name("rule")])
}

may_have_standalone if {
	some t in rule_types
	lib.may_link(t, "web_acl_arn")
}

unknown contains msg if {
	gov.is_unknown("rule")
	msg := sprintf("%s is not known statically", [gov.name("rule")])
}

unknown contains msg if {
	not gov.is_unknown("rule")
	count(lib.get(input.resource, gov.name("rule"), [])) == 0
	count(standalone) == 0
	may_have_standalone
	msg := "a rule resource may name this web ACL, but its ACL or existence is not known statically"
}
