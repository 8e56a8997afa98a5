# METADATA
# title: Neptune clusters export audit logs
# description: >-
#   Neptune's audit log records each connection and query with the user
#   that sent it; it is written only when exported to CloudWatch Logs. A
#   cluster passes when "audit" is among its exported log types (the
#   cluster parameter group must also set neptune_enable_audit_log to
#   1).
# custom:
#   id: aws-neptune-audit-logs
#   severity: medium
#   resource_types: [aws_neptune_cluster, "AWS::Neptune::DBCluster"]
#   controls:
#     soc2: [CC7.2]
#     pci-dss-4.0: [10.2.1, 10.2.1.1, 10.2.1.2]
#   remediation: Add "audit" to enable_cloudwatch_logs_exports and set neptune_enable_audit_log = 1 in the cluster parameter group.
#   remediation_by_format:
#     terraform: >-
#       Set enable_cloudwatch_logs_exports = ["audit"] on the
#       aws_neptune_cluster and a parameter { name =
#       "neptune_enable_audit_log", value = "1" } in its
#       aws_neptune_cluster_parameter_group.
#     cloudformation: >-
#       Set EnableCloudwatchLogsExports: [audit] on the
#       AWS::Neptune::DBCluster and neptune_enable_audit_log: 1 in
#       its AWS::Neptune::DBClusterParameterGroup.
package attest.rules.aws.neptune_audit_logs

import data.attest.lib

attr := "enable_cloudwatch_logs_exports" if input.resource.format != "cloudformation"

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
