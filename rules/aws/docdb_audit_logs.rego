# METADATA
# title: DocumentDB clusters export audit logs
# description: >-
#   DocumentDB's audit log records sign-ins, failed authentication, user
#   and role changes and DDL; unless it is exported to CloudWatch Logs
#   it is not kept anywhere you can read. A cluster passes when "audit"
#   is among its exported log types (the cluster parameter group must
#   also set audit_logs to enabled).
# custom:
#   id: aws-docdb-audit-logs
#   severity: medium
#   resource_types: [aws_docdb_cluster, "AWS::DocDB::DBCluster"]
#   controls:
#     soc2: [CC7.2]
#     pci-dss-4.0: [10.2.1, 10.2.1.2, 10.2.1.4, 10.2.1.5, 10.2.1.7]
#   remediation: Add "audit" to enabled_cloudwatch_logs_exports and set audit_logs = enabled in the cluster parameter group.
#   remediation_by_format:
#     terraform: >-
#       Set enabled_cloudwatch_logs_exports = ["audit", "profiler"]
#       on the aws_docdb_cluster and a parameter { name =
#       "audit_logs", value = "enabled" } in its
#       aws_docdb_cluster_parameter_group.
#     cloudformation: >-
#       Set EnableCloudwatchLogsExports: [audit] on the
#       AWS::DocDB::DBCluster and audit_logs: enabled in its
#       AWS::DocDB::DBClusterParameterGroup.
package attest.rules.aws.docdb_audit_logs

import data.attest.lib

attr := "enabled_cloudwatch_logs_exports" if input.resource.format != "cloudformation"

attr := "EnableCloudwatchLogsExports" if input.resource.format == "cloudformation"

default_value := []

value := _normal(lib.get(input.resource, attr, default_value))

good if {
	is_array(value)
	"audit" in value
}

# An element of the list, or the list, is not known statically.
undetermined if lib.is_unknown(input.resource, attr)

deny contains msg if {
	not good
	not undetermined
	msg := "the cluster does not export its audit log"
}

unknown contains msg if {
	not good
	undetermined
	msg := sprintf("%s is not known statically", [attr])
}

_normal(v) := true if {
	is_string(v)
	lower(v) == "true"
} else := false if {
	is_string(v)
	lower(v) == "false"
} else := to_number(v) if {
	is_string(v)
	regex.match(`^[0-9]+$`, v)
} else := v
