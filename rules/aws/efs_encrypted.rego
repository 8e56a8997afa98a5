# METADATA
# title: EFS file systems are encrypted at rest
# description: >-
#   Files on an unencrypted EFS file system, and its backups, are stored in
#   the clear. Encryption can only be chosen when the file system is created.
#   A file system passes when encrypted = true; Terraform and CloudFormation
#   both leave it off unless asked.
# custom:
#   id: aws-efs-encrypted
#   severity: high
#   resource_types: [aws_efs_file_system, "AWS::EFS::FileSystem"]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.5.1]
#   remediation: Set encrypted = true (and kms_key_id for a customer managed key); the file system is replaced.
#   remediation_by_format:
#     terraform: >-
#       Set encrypted = true (and kms_key_id for a customer managed key) on
#       the aws_efs_file_system; the file system is replaced, so copy its data.
#     cloudformation: >-
#       Set Encrypted: true (and KmsKeyId for a customer managed key) on the
#       AWS::EFS::FileSystem; the file system is replaced, so copy its data.
package attest.rules.aws.efs_encrypted

import data.attest.lib.aws.props

deny contains msg if {
	not props.is_unknown("encrypted")
	props.get("encrypted", false) != true
	msg := "encrypted is not true"
}

unknown contains msg if {
	props.is_unknown("encrypted")
	msg := "encrypted is not known statically"
}
