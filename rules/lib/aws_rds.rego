# Package attest.lib.aws.rds reads the settings of an RDS database from
# whichever input format it came from, by their Terraform attribute names:
# aws_db_instance / aws_rds_cluster attributes in Terraform,
# AWS::RDS::DBInstance / AWS::RDS::DBCluster properties in CloudFormation,
# where "true" and "7" written as strings mean what they say.
package attest.lib.aws.rds

import data.attest.lib

cfn if input.resource.format == "cloudformation"

_cfn_names := {
	"storage_encrypted": "StorageEncrypted",
	"deletion_protection": "DeletionProtection",
	"backup_retention_period": "BackupRetentionPeriod",
	"publicly_accessible": "PubliclyAccessible",
	"auto_minor_version_upgrade": "AutoMinorVersionUpgrade",
	"multi_az": "MultiAZ",
	"replicate_source_db": "SourceDBInstanceIdentifier",
	"engine_mode": "EngineMode",
	"availability_zones": "AvailabilityZones",
	"db_cluster_instance_class": "DBClusterInstanceClass",
}

# name(attr) is the setting's name in the resource's format.
# It is the built-in attest.setting_path over _names, which gives every
# type _cfn_names.
name(attr) := attest.setting_path(input.resource, _names, attr)

_names := {input.resource.type: _cfn_names}

# get(attr, d) is the setting, or d when it is absent.
# It is the built-in attest.setting: lib.get at name(attr), with the strings
# "true" and "false" (in any case) and digit strings read as what they say.
get(attr, d) := attest.setting(input.resource, _names, attr, d)

# is_unknown(attr) holds when the setting is not known statically.
is_unknown(attr) := attest.is_unknown(input.resource, attest.setting_path(input.resource, _names, attr))

is_instance if input.resource.type in {"aws_db_instance", "AWS::RDS::DBInstance"}

is_cluster if input.resource.type in {"aws_rds_cluster", "AWS::RDS::DBCluster"}

# cluster_member holds for a CloudFormation AWS::RDS::DBInstance of an Aurora
# cluster (DBClusterIdentifier set): storage, backups, deletion protection
# and availability are the cluster's settings, judged on the cluster.
# Terraform has its own type for those (aws_rds_cluster_instance).
cluster_member if {
	cfn
	lib.get(input.resource, "DBClusterIdentifier", null) != null
}

cluster_member if {
	cfn
	count(object.get(input.resource, ["refs", "DBClusterIdentifier"], [])) > 0
}

# membership_unknown holds when whether an instance belongs to a cluster is
# not known statically.
membership_unknown if {
	cfn
	not cluster_member
	lib.is_unknown(input.resource, "DBClusterIdentifier")
}

# cluster_instances are the instances that belong to input.resource, a
# cluster.
cluster_instances := lib.referrers("aws_rds_cluster_instance", "cluster_identifier") if not cfn

cluster_instances := lib.referrers("AWS::RDS::DBInstance", "DBClusterIdentifier") if cfn

cluster_instances_may_link if {
	not cfn
	count(lib.unresolved("aws_rds_cluster_instance", "cluster_identifier")) > 0
}

cluster_instances_may_link if {
	cfn
	count(lib.unresolved("AWS::RDS::DBInstance", "DBClusterIdentifier")) > 0
}
