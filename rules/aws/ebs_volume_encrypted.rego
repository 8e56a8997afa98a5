# METADATA
# title: EBS volumes are encrypted
# description: >-
#   An unencrypted volume and every snapshot taken from it can be read by
#   anyone who can attach or share it. A volume passes when encrypted = true,
#   or when it is created from a snapshot (which carries the snapshot's
#   encryption and cannot be judged here, so that case is unknown).
# custom:
#   id: aws-ebs-volume-encrypted
#   severity: high
#   resource_types: [aws_ebs_volume, "AWS::EC2::Volume"]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.5.1]
#   remediation: Set encrypted = true (and kms_key_id for a customer managed key), or turn on aws_ebs_encryption_by_default.
#   remediation_by_format:
#     terraform: >-
#       Set encrypted = true (and kms_key_id for a customer managed key), or
#       turn on aws_ebs_encryption_by_default.
#     cloudformation: >-
#       Set Encrypted: true (with KmsKeyId for a customer managed key) on the
#       AWS::EC2::Volume.
package attest.rules.aws.ebs_volume_encrypted

import data.attest.lib.aws.props

from_snapshot if props.get("snapshot_id", "") != ""

from_snapshot if props.is_unknown("snapshot_id")

deny contains msg if {
	not from_snapshot
	not props.is_unknown("encrypted")
	props.get("encrypted", false) != true
	msg := "encrypted is not true"
}

unknown contains msg if {
	props.is_unknown("encrypted")
	msg := "encrypted is not known statically"
}

unknown contains msg if {
	from_snapshot
	props.get("encrypted", false) != true
	msg := "the volume is created from a snapshot whose encryption is not known here"
}
