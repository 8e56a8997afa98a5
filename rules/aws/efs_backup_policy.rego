# METADATA
# title: EFS file systems are backed up automatically
# description: >-
#   EFS keeps no history of its own: a deleted directory or a ransomware
#   run is permanent unless AWS Backup has copies. A file system passes when
#   its backup policy is ENABLED, which puts it in AWS Backup's default
#   daily plan with 35 days of recovery points.
# custom:
#   id: aws-efs-backup-policy
#   severity: medium
#   resource_types: [aws_efs_file_system, "AWS::EFS::FileSystem"]
#   controls:
#     soc2: [A1.2, CC7.5]
#   remediation: Turn on automatic backups for the file system (or include it in an AWS Backup plan of your own).
#   remediation_by_format:
#     terraform: >-
#       Add an aws_efs_backup_policy with file_system_id =
#       aws_efs_file_system.<name>.id and backup_policy { status = "ENABLED" }.
#     cloudformation: >-
#       Set BackupPolicy.Status: ENABLED on the AWS::EFS::FileSystem.
package attest.rules.aws.efs_backup_policy

import data.attest.lib
import data.attest.lib.aws
import data.attest.lib.aws.svc

enabled if {
	svc.cfn
	lib.get(input.resource, "BackupPolicy.Status", "") == "ENABLED"
}

enabled if {
	not svc.cfn
	some p in aws.linked("aws_efs_backup_policy", "file_system_id")
	lib.get(p, "backup_policy.0.status", "") == "ENABLED"
}

undetermined if {
	svc.cfn
	lib.is_unknown(input.resource, "BackupPolicy")
}

undetermined if {
	not svc.cfn
	some p in aws.linked("aws_efs_backup_policy", "file_system_id")
	lib.is_unknown(p, "backup_policy")
}

undetermined if {
	not svc.cfn
	aws.may_link("aws_efs_backup_policy", "file_system_id")
}

deny contains msg if {
	not enabled
	not undetermined
	msg := "automatic backups are not enabled for the file system"
}

unknown contains msg if {
	not enabled
	undetermined
	msg := "the file system's backup policy is not known statically"
}
