# METADATA
# title: MSK clusters encrypt broker storage with a customer managed key
# description: >-
#   MSK always encrypts broker volumes, but with the AWS managed aws/kafka
#   key unless told otherwise; that key's policy cannot be narrowed, so every
#   principal of the account allowed to use MSK can use it. A cluster passes
#   when encryption_at_rest_kms_key_arn names a customer managed key.
# custom:
#   id: aws-msk-cmk
#   severity: low
#   resource_types: [aws_msk_cluster, "AWS::MSK::Cluster"]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.6.1, 3.6.1.3]
#   remediation: Set encryption_info.encryption_at_rest_kms_key_arn to a customer managed KMS key.
#   remediation_by_format:
#     terraform: >-
#       Set encryption_info { encryption_at_rest_kms_key_arn =
#       aws_kms_key.<name>.arn } on the aws_msk_cluster (this replaces the
#       cluster).
#     cloudformation: >-
#       Set EncryptionInfo.EncryptionAtRest.DataVolumeKMSKeyId to a customer
#       managed key on the AWS::MSK::Cluster (this replaces the cluster).
package attest.rules.aws.msk_cmk

import data.attest.lib.aws.svc

attr := "encryption_info.0.encryption_at_rest_kms_key_arn"

deny contains msg if {
	not svc.set(attr)
	not svc.is_unknown(attr)
	msg := "broker storage is encrypted with the AWS managed key, not a customer managed key"
}

unknown contains msg if {
	not svc.set(attr)
	svc.is_unknown(attr)
	msg := "encryption_at_rest_kms_key_arn is not known statically"
}
