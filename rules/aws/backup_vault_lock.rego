# METADATA
# title: AWS Backup vaults are locked
# description: >-
#   Vault Lock makes recovery points immutable for their retention: nobody,
#   not even the account's administrators or an attacker holding their
#   credentials, can delete them early or shorten their lifecycle. A vault
#   fails when no aws_backup_vault_lock_configuration names it (in
#   CloudFormation, when the AWS::Backup::BackupVault has no
#   LockConfiguration). A lock whose vault or existence is known only at
#   apply time makes the verdict unknown.
# custom:
#   id: aws-backup-vault-lock
#   severity: medium
#   resource_types: [aws_backup_vault, "AWS::Backup::BackupVault"]
#   controls:
#     soc2: [A1.2, CC7.5, PI1.5]
#     pci-dss-4.0: [12.10.1]
#   remediation: >-
#     Lock the vault with a minimum retention (and, once tested, a
#     changeable_for_days grace period after which the lock is permanent).
#   remediation_by_format:
#     terraform: >-
#       resource "aws_backup_vault_lock_configuration" "this" {
#       backup_vault_name = aws_backup_vault.this.name; min_retention_days =
#       35; changeable_for_days = 3 }
#     cloudformation: >-
#       LockConfiguration: {MinRetentionDays: 35, ChangeableForDays: 3} on the
#       AWS::Backup::BackupVault.
package attest.rules.aws.backup_vault_lock

import data.attest.lib

cfn if input.resource.format == "cloudformation"

deny contains msg if {
	not cfn
	count(lib.linked("aws_backup_vault_lock_configuration", "backup_vault_name")) == 0
	not lib.may_link("aws_backup_vault_lock_configuration", "backup_vault_name")
	msg := "no aws_backup_vault_lock_configuration locks this vault"
}

unknown contains msg if {
	not cfn
	count(lib.linked("aws_backup_vault_lock_configuration", "backup_vault_name")) == 0
	lib.may_link("aws_backup_vault_lock_configuration", "backup_vault_name")
	msg := "a vault lock may name this vault, but its vault or existence is not known statically"
}

deny contains msg if {
	cfn
	not lib.is_unknown(input.resource, "LockConfiguration")
	lib.get(input.resource, "LockConfiguration", null) == null
	msg := "the vault has no LockConfiguration"
}

unknown contains msg if {
	cfn
	lib.is_unknown(input.resource, "LockConfiguration")
	msg := "LockConfiguration is not known statically"
}
