# METADATA
# title: RDS databases have enhanced monitoring
# description: >-
#   Enhanced monitoring reports the database host's processes, memory,
#   file system and I/O every few seconds, which CloudWatch's one-minute
#   hypervisor metrics cannot show; it is how exhaustion and runaway
#   processes are seen before they become outages. A database instance
#   (Aurora instances included) passes when monitoring_interval is
#   greater than 0.
# custom:
#   id: aws-rds-enhanced-monitoring
#   severity: low
#   resource_types: [aws_db_instance, aws_rds_cluster_instance, "AWS::RDS::DBInstance"]
#   controls:
#     soc2: [CC7.2, A1.1]
#   remediation: Set monitoring_interval (1, 5, 10, 15, 30 or 60 seconds) and a monitoring_role_arn with AmazonRDSEnhancedMonitoringRole.
#   remediation_by_format:
#     terraform: >-
#       Set monitoring_interval = 60 and monitoring_role_arn =
#       aws_iam_role.<rds_monitoring>.arn (with
#       AmazonRDSEnhancedMonitoringRole attached).
#     cloudformation: >-
#       Set MonitoringInterval: 60 and MonitoringRoleArn to a role
#       with AmazonRDSEnhancedMonitoringRole.
package attest.rules.aws.rds_enhanced_monitoring

import data.attest.lib

attr := "monitoring_interval" if input.resource.format != "cloudformation"

attr := "MonitoringInterval" if input.resource.format == "cloudformation"

default_value := 0

value := _normal(lib.get(input.resource, attr, default_value))

good if {
	is_number(value)
	value >= 1
}

undetermined if lib.is_unknown(input.resource, attr)

deny contains msg if {
	not good
	not undetermined
	msg := "enhanced monitoring is off (monitoring_interval is 0)"
}

# The default never stands in for a value that is not known.
unknown contains msg if {
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
