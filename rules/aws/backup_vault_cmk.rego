# METADATA
# title: AWS Backup vaults encrypt with a customer managed key
# description: >-
#   Without a key of its own a vault encrypts recovery points with an AWS
#   managed key, whose use cannot be restricted by key policy or separated
#   from the account's other administrators. A vault fails when it sets no
#   kms_key_arn (EncryptionKeyArn); a key given by reference passes.
# custom:
#   id: aws-backup-vault-cmk
#   severity: low
#   resource_types: [aws_backup_vault, "AWS::Backup::BackupVault"]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.5.1, 3.6.1]
#   remediation: >-
#     Set kms_key_arn on the vault to a customer managed KMS key whose policy
#     limits who may decrypt.
#   remediation_by_format:
#     terraform: >-
#       Set kms_key_arn = aws_kms_key.backup.arn on the aws_backup_vault.
#     cloudformation: >-
#       Set EncryptionKeyArn: !GetAtt BackupKey.Arn on the
#       AWS::Backup::BackupVault.
package attest.rules.aws.backup_vault_cmk

import data.attest.lib.aws.governance as gov

deny contains msg if {
	not gov.set("kms_key_arn")
	not gov.is_unknown("kms_key_arn")
	msg := sprintf("%s is not set: the vault uses an AWS managed key", [gov.name("kms_key_arn")])
}

unknown contains msg if {
	not gov.set("kms_key_arn")
	gov.is_unknown("kms_key_arn")
	msg := sprintf("%s is not known statically", [gov.name("kms_key_arn")])
}
