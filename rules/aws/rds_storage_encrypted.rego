# METADATA
# title: RDS storage is encrypted
# description: >-
#   Unencrypted database storage, snapshots and backups can be read by anyone
#   who gets hold of the volumes or a shared snapshot. Encryption can only be
#   chosen when a database is created, so it must be in the configuration
#   from the start. Aurora Serverless v1 clusters are always encrypted.
# custom:
#   id: aws-rds-storage-encrypted
#   severity: high
#   resource_types: [aws_db_instance, aws_rds_cluster, "AWS::RDS::DBInstance", "AWS::RDS::DBCluster"]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.5.1]
#   remediation: >-
#     Set storage_encrypted = true (with kms_key_id for a customer managed key)
#     when creating the database; an existing database is encrypted by
#     restoring an encrypted copy of a snapshot.
#   remediation_by_format:
#     terraform: >-
#       Set storage_encrypted = true (with kms_key_id for a customer managed
#       key) when creating the database; an existing database is encrypted by
#       restoring an encrypted copy of a snapshot.
#     cloudformation: >-
#       Set StorageEncrypted: true (with KmsKeyId for a customer managed key) on
#       the AWS::RDS::DBInstance or AWS::RDS::DBCluster when creating it; an
#       existing database is encrypted by restoring an encrypted copy of a
#       snapshot.
package attest.rules.aws.rds_storage_encrypted

import data.attest.lib.aws.rds

serverless if {
	rds.is_cluster
	rds.get("engine_mode", "") == "serverless"
}

# A read replica in the same region takes its encryption from the source.
replica if rds.get("replicate_source_db", "") != ""

deny contains msg if {
	not rds.cluster_member
	not rds.membership_unknown
	not serverless
	not replica
	not rds.is_unknown("replicate_source_db")
	not rds.is_unknown("engine_mode")
	not rds.is_unknown("storage_encrypted")
	rds.get("storage_encrypted", false) != true
	msg := "storage_encrypted is not true"
}

unknown contains msg if {
	not rds.cluster_member
	rds.is_unknown("storage_encrypted")
	msg := "storage_encrypted is not known statically"
}

unknown contains msg if {
	not rds.cluster_member
	some path in ["replicate_source_db", "engine_mode"]
	rds.is_unknown(path)
	rds.get("storage_encrypted", false) != true
	msg := sprintf("%s is not known statically: replicas and serverless clusters take their encryption elsewhere", [path])
}

unknown contains msg if {
	rds.membership_unknown
	msg := "DBClusterIdentifier is not known statically: an Aurora cluster's instances are judged on the cluster"
}
