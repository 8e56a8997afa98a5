# METADATA
# title: Redshift clusters write audit logs
# description: >-
#   Redshift's audit logs are the connection log (sign-ins, failures, source
#   addresses), the user log (changes to database users) and the
#   user-activity log (each query); none is kept unless audit logging is
#   turned on. A cluster passes when logging is enabled on the cluster or by
#   an aws_redshift_logging resource naming it, to S3 or CloudWatch Logs.
# custom:
#   id: aws-redshift-audit-logging
#   severity: medium
#   resource_types: [aws_redshift_cluster, "AWS::Redshift::Cluster"]
#   controls:
#     soc2: [CC7.2]
#     pci-dss-4.0: [10.2.1, 10.2.1.1, 10.2.1.2, 10.2.1.4, 10.2.1.5]
#   remediation: Turn on audit logging to S3 or CloudWatch Logs (and enable_user_activity_logging in the parameter group for query logs).
#   remediation_by_format:
#     terraform: >-
#       Add an aws_redshift_logging with cluster_identifier =
#       aws_redshift_cluster.<name>.id and log_destination_type =
#       "cloudwatch" (log_exports = ["connectionlog", "userlog",
#       "useractivitylog"]) or "s3" with a bucket_name.
#     cloudformation: >-
#       Set LoggingProperties {LogDestinationType: cloudwatch, LogExports:
#       [connectionlog, userlog, useractivitylog]} (or BucketName for S3) on
#       the AWS::Redshift::Cluster.
package attest.rules.aws.redshift_audit_logging

import data.attest.lib
import data.attest.lib.aws.svc

# Terraform: the cluster's own logging block (provider versions before 6).
logged if {
	not svc.cfn
	svc.normal(lib.get(input.resource, "logging.0.enable", false)) == true
}

logged if {
	not svc.cfn
	count(lib.linked("aws_redshift_logging", "cluster_identifier")) > 0
}

logged if {
	svc.cfn
	some k in ["LoggingProperties.BucketName", "LoggingProperties.LogDestinationType"]
	lib.get(input.resource, k, "") != ""
}

logged if {
	svc.cfn
	count(object.get(input.resource, ["refs", "LoggingProperties.BucketName"], [])) > 0
}

undetermined if {
	not svc.cfn
	lib.is_unknown(input.resource, "logging.0.enable")
}

undetermined if {
	not svc.cfn
	lib.may_link("aws_redshift_logging", "cluster_identifier")
}

undetermined if {
	svc.cfn
	lib.is_unknown(input.resource, "LoggingProperties")
}

deny contains msg if {
	not logged
	not undetermined
	msg := "audit logging is not enabled for the cluster"
}

unknown contains msg if {
	not logged
	undetermined
	msg := "the cluster's logging settings are not known statically"
}
