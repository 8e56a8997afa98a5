# METADATA
# title: OpenSearch domains publish audit logs
# description: >-
#   Audit logs record who signed in to an OpenSearch or Elasticsearch
#   domain, who was refused, and which indices and documents they read or
#   changed; the domain's other logs (slow logs, error logs) do not. A
#   domain passes when it publishes AUDIT_LOGS to CloudWatch Logs (which
#   needs fine-grained access control).
# custom:
#   id: aws-opensearch-audit-logging
#   severity: medium
#   resource_types: [aws_opensearch_domain, aws_elasticsearch_domain, "AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"]
#   controls:
#     soc2: [CC7.2]
#     pci-dss-4.0: [10.2.1, 10.2.1.1, 10.2.1.2, 10.2.1.4]
#   remediation: Turn on fine-grained access control and add a log_publishing_options block with log_type = "AUDIT_LOGS".
#   remediation_by_format:
#     terraform: >-
#       Add log_publishing_options { log_type = "AUDIT_LOGS",
#       cloudwatch_log_group_arn = aws_cloudwatch_log_group.<name>.arn } and
#       advanced_security_options { enabled = true, ... } to the domain, then
#       enable audit logging in OpenSearch Dashboards.
#     cloudformation: >-
#       Add LogPublishingOptions.AUDIT_LOGS with CloudWatchLogsLogGroupArn and
#       Enabled: true, and AdvancedSecurityOptions.Enabled: true, to the
#       domain.
package attest.rules.aws.opensearch_audit_logging

import data.attest.lib.aws.svc

# Terraform: a list of blocks each naming its log type.
audit if {
	not svc.cfn
	some o in svc.get("log_publishing_options", [])
	o.log_type == "AUDIT_LOGS"
	svc.normal(object.get(o, "enabled", true)) == true
}

# CloudFormation: a map from log type to its settings.
audit if {
	svc.cfn
	o := svc.get("log_publishing_options", {}).AUDIT_LOGS
	svc.normal(object.get(o, "Enabled", false)) == true
}

# The blocks, a block's log type or its enabled flag are not known; the log
# group's ARN, usually a reference, does not matter.
undetermined if svc.unknown_matching(`^log_publishing_options(\.[0-9]+(\.(log_type|enabled))?)?$`)

undetermined if svc.unknown_matching(`^LogPublishingOptions(\.AUDIT_LOGS(\.Enabled)?)?$`)

deny contains msg if {
	not audit
	not undetermined
	msg := "the domain does not publish AUDIT_LOGS"
}

unknown contains msg if {
	not audit
	undetermined
	msg := "the log publishing options are not known statically"
}
