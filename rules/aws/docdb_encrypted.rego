# METADATA
# title: DocumentDB clusters encrypt storage at rest
# description: >-
#   A DocumentDB cluster's storage, automated backups and snapshots stay
#   unencrypted unless storage encryption is chosen when the cluster is
#   created; it cannot be turned on later. A cluster passes when
#   storage_encrypted is true.
# custom:
#   id: aws-docdb-encrypted
#   severity: high
#   resource_types: [aws_docdb_cluster, "AWS::DocDB::DBCluster"]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.5.1]
#   remediation: Set storage_encrypted = true (and kms_key_id for a customer managed key); an existing cluster must be restored from a snapshot into an encrypted one.
#   remediation_by_format:
#     terraform: >-
#       Set storage_encrypted = true (optionally kms_key_id =
#       aws_kms_key.<name>.arn) on the aws_docdb_cluster; this
#       replaces the cluster.
#     cloudformation: >-
#       Set StorageEncrypted: true (optionally KmsKeyId) on the
#       AWS::DocDB::DBCluster; this replaces the cluster.
package attest.rules.aws.docdb_encrypted

import data.attest.lib

attr := "storage_encrypted" if input.resource.format != "cloudformation"

attr := "StorageEncrypted" if input.resource.format == "cloudformation"

default_value := false

value := _normal(lib.get(input.resource, attr, default_value))

good if value == true

undetermined if lib.is_unknown(input.resource, attr)

deny contains msg if {
	not good
	not undetermined
	msg := "storage_encrypted is not true"
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
