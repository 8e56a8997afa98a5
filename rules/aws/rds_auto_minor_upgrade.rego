# METADATA
# title: RDS instances take minor engine upgrades automatically
# description: >-
#   Minor engine versions carry security fixes. With
#   auto_minor_version_upgrade (on by default) RDS applies them in the
#   maintenance window; turning it off leaves patching to someone remembering.
# custom:
#   id: aws-rds-auto-minor-upgrade
#   severity: low
#   resource_types: [aws_db_instance, aws_rds_cluster_instance, "AWS::RDS::DBInstance"]
#   controls:
#     soc2: [CC7.1]
#     pci-dss-4.0: [6.3.3]
#   remediation: Remove auto_minor_version_upgrade = false (or set it to true) and choose a maintenance_window.
#   remediation_by_format:
#     terraform: >-
#       Remove auto_minor_version_upgrade = false (or set it to true) and choose
#       a maintenance_window.
#     cloudformation: >-
#       Leave AutoMinorVersionUpgrade unset or set it to true on the
#       AWS::RDS::DBInstance.
package attest.rules.aws.rds_auto_minor_upgrade

import data.attest.lib.aws.rds

deny contains msg if {
	rds.get("auto_minor_version_upgrade", true) == false
	msg := "auto_minor_version_upgrade is false"
}

unknown contains msg if {
	rds.is_unknown("auto_minor_version_upgrade")
	msg := "auto_minor_version_upgrade is not known statically"
}
