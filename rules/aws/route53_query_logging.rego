# METADATA
# title: Public Route 53 hosted zones log DNS queries
# description: >-
#   Query logs show which names of a public zone are asked for, from where
#   and when: evidence of reconnaissance, of a domain used to exfiltrate data
#   over DNS, or of traffic to a record that should not exist. A public
#   hosted zone (one without a vpc block or VPCs) fails when no
#   aws_route53_query_log names it (in CloudFormation, when it has no
#   QueryLoggingConfig). A query log whose zone or existence is known only
#   at apply time makes the verdict unknown.
# custom:
#   id: aws-route53-query-logging
#   severity: low
#   resource_types: [aws_route53_zone, "AWS::Route53::HostedZone"]
#   controls:
#     soc2: [CC7.2]
#     pci-dss-4.0: [10.2.1, 11.5.1.1]
#   remediation: >-
#     Log the zone's queries to a CloudWatch Logs group in us-east-1.
#   remediation_by_format:
#     terraform: >-
#       resource "aws_route53_query_log" "this" { zone_id =
#       aws_route53_zone.this.zone_id; cloudwatch_log_group_arn =
#       aws_cloudwatch_log_group.dns.arn }
#     cloudformation: >-
#       QueryLoggingConfig: {CloudWatchLogsLogGroupArn: !GetAtt DnsLogs.Arn} on
#       the AWS::Route53::HostedZone.
package attest.rules.aws.route53_query_logging

import data.attest.lib
import data.attest.lib.aws

cfn if input.resource.format == "cloudformation"

private if {
	not cfn
	count(lib.get(input.resource, "vpc", [])) > 0
}

private if {
	cfn
	count(lib.get(input.resource, "VPCs", [])) > 0
}

# A zone whose VPCs are not known statically may be private: it is judged
# as public only when known to be.
undetermined_visibility if {
	some path in ["vpc", "VPCs"]
	lib.is_unknown(input.resource, path)
}

logs := aws.linked("aws_route53_query_log", "zone_id")

deny contains msg if {
	not cfn
	not private
	not undetermined_visibility
	count(logs) == 0
	not lib.may_link("aws_route53_query_log", "zone_id")
	msg := "no aws_route53_query_log logs the queries of this public zone"
}

unknown contains msg if {
	not cfn
	not private
	count(logs) == 0
	lib.may_link("aws_route53_query_log", "zone_id")
	msg := "a query log may name this zone, but its zone or existence is not known statically"
}

unknown contains msg if {
	not private
	undetermined_visibility
	count(logs) == 0
	msg := "whether the zone is private (its VPCs) is not known statically"
}

deny contains msg if {
	cfn
	not private
	not undetermined_visibility
	not config_unknown
	lib.get(input.resource, "QueryLoggingConfig", null) == null
	msg := "the public zone has no QueryLoggingConfig"
}

# The configuration as a whole is unknown (a log group ARN given by
# reference is known to be set).
config_unknown if "QueryLoggingConfig" in object.get(input.resource, "unknown", [])

unknown contains msg if {
	cfn
	config_unknown
	msg := "QueryLoggingConfig is not known statically"
}
