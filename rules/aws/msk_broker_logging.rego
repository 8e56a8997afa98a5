# METADATA
# title: MSK clusters deliver broker logs
# description: >-
#   Broker logs hold the cluster's record of client connections, failed
#   authentication and authorisation decisions; MSK discards them unless a
#   destination is enabled. A cluster passes when broker logs go to
#   CloudWatch Logs, Firehose or S3.
# custom:
#   id: aws-msk-broker-logging
#   severity: medium
#   resource_types: [aws_msk_cluster, "AWS::MSK::Cluster"]
#   controls:
#     soc2: [CC7.2]
#     pci-dss-4.0: [10.2.1, 10.2.1.4]
#   remediation: Enable broker log delivery to CloudWatch Logs, Firehose or S3 in logging_info.
#   remediation_by_format:
#     terraform: >-
#       Add logging_info { broker_logs { cloudwatch_logs { enabled = true,
#       log_group = aws_cloudwatch_log_group.<name>.name } } } to the
#       aws_msk_cluster.
#     cloudformation: >-
#       Set LoggingInfo.BrokerLogs.CloudWatchLogs {Enabled: true, LogGroup:
#       ...} (or Firehose / S3) on the AWS::MSK::Cluster.
package attest.rules.aws.msk_broker_logging

import data.attest.lib.aws.svc

logs := svc.block("logging_info.0.broker_logs")

destinations := ["CloudWatchLogs", "Firehose", "S3"] if svc.cfn

destinations := ["cloudwatch_logs", "firehose", "s3"] if not svc.cfn

enabled_key := "Enabled" if svc.cfn

enabled_key := "enabled" if not svc.cfn

# dest(d) is a destination's settings as an object: Terraform gives a block
# as a list of one.
dest(d) := b if {
	b := object.get(logs, d, null)
	is_object(b)
} else := b if {
	b := object.get(logs, d, null)[0]
	is_object(b)
} else := {}

delivered if {
	some d in destinations
	svc.normal(object.get(dest(d), enabled_key, false)) == true
}

undetermined if svc.unknown_exactly("logging_info.0.broker_logs")

# The destinations or their enabled flags are not known; a log group or
# bucket given by reference does not matter.
undetermined if svc.unknown_matching(`^logging_info(\.0(\.broker_logs(\.0(\.(cloudwatch_logs|firehose|s3)(\.0(\.enabled)?)?)?)?)?)?$`)

undetermined if svc.unknown_matching(`^LoggingInfo(\.BrokerLogs(\.(CloudWatchLogs|Firehose|S3)(\.Enabled)?)?)?$`)

deny contains msg if {
	not delivered
	not undetermined
	msg := "broker logs are not delivered anywhere"
}

unknown contains msg if {
	not delivered
	undetermined
	msg := "the broker log settings are not known statically"
}
