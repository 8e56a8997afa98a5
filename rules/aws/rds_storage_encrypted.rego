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
#   resource_types: [aws_db_instance, aws_rds_cluster]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.5.1]
#   remediation: >-
#     Set storage_encrypted = true (with kms_key_id for a customer managed key)
#     when creating the database; an existing database is encrypted by
#     restoring an encrypted copy of a snapshot.
package attest.rules.aws.rds_storage_encrypted

import data.attest.lib

serverless if {
	input.resource.type == "aws_rds_cluster"
	lib.get(input.resource, "engine_mode", "") == "serverless"
}

# A read replica in the same region takes its encryption from the source.
replica if lib.get(input.resource, "replicate_source_db", "") != ""

deny contains msg if {
	not serverless
	not replica
	not lib.is_unknown(input.resource, "replicate_source_db")
	not lib.is_unknown(input.resource, "engine_mode")
	not lib.is_unknown(input.resource, "storage_encrypted")
	lib.get(input.resource, "storage_encrypted", false) != true
	msg := "storage_encrypted is not true"
}

unknown contains msg if {
	lib.is_unknown(input.resource, "storage_encrypted")
	msg := "storage_encrypted is not known statically"
}

unknown contains msg if {
	some path in ["replicate_source_db", "engine_mode"]
	lib.is_unknown(input.resource, path)
	lib.get(input.resource, "storage_encrypted", false) != true
	msg := sprintf("%s is not known statically: replicas and serverless clusters take their encryption elsewhere", [path])
}
