# METADATA
# title: WAF web ACLs log their requests
# description: >-
#   WAF logs record each request the web ACL inspected, the rule that matched
#   and what was done, which is what an investigation of a web attack starts
#   from. A web ACL fails when no aws_wafv2_web_acl_logging_configuration
#   (AWS::WAFv2::LoggingConfiguration) names it in resource_arn
#   (ResourceArn). One whose ACL or existence is known only at apply time
#   makes the verdict unknown.
# custom:
#   id: aws-waf-logging
#   severity: medium
#   resource_types: [aws_wafv2_web_acl, "AWS::WAFv2::WebACL"]
#   controls:
#     soc2: [CC7.2, CC7.3]
#     pci-dss-4.0: [10.2.1, 10.2.1.4, 6.4.2]
#   remediation: >-
#     Add a logging configuration for the web ACL that sends its logs to
#     CloudWatch Logs, S3 or Firehose.
#   remediation_by_format:
#     terraform: >-
#       resource "aws_wafv2_web_acl_logging_configuration" "this" {
#       resource_arn = aws_wafv2_web_acl.this.arn; log_destination_configs =
#       [aws_cloudwatch_log_group.waf.arn] } (the log group's name starts with
#       aws-waf-logs-).
#     cloudformation: >-
#       Add an AWS::WAFv2::LoggingConfiguration with ResourceArn: !GetAtt
#       WebACL.Arn and LogDestinationConfigs.
package attest.rules.aws.waf_logging

import data.attest.lib

links := {"aws_wafv2_web_acl_logging_configuration": "resource_arn", "AWS::WAFv2::LoggingConfiguration": "ResourceArn"}

logged if {
	some t, path in links
	count(lib.linked(t, path)) > 0
}

may_be_logged if {
	some t, path in links
	lib.may_link(t, path)
}

deny contains msg if {
	not logged
	not may_be_logged
	msg := "no logging configuration names this web ACL"
}

unknown contains msg if {
	not logged
	may_be_logged
	msg := "a logging configuration may name this web ACL, but its ACL or existence is not known statically"
}
