# METADATA
# title: AWS Backup plans come with a restore testing plan
# description: >-
#   A backup nobody has restored is a hope, not a recovery plan. AWS Backup
#   restore testing restores recovery points on a schedule, checks that the
#   restore finished, and deletes the copy, leaving a record an auditor can
#   sample. A backup plan passes when its configuration also declares a
#   restore testing plan and a restore testing selection that tells it which
#   resources to restore (a plan with no selection restores nothing). When
#   they exist only under a count or for_each known at apply time, the
#   verdict is unknown.
# custom:
#   id: aws-backup-restore-testing
#   severity: medium
#   resource_types: [aws_backup_plan, "AWS::Backup::BackupPlan"]
#   controls:
#     soc2: [A1.3, CC7.5]
#     pci-dss-4.0: [12.10.2]
#   remediation: >-
#     Declare a restore testing plan next to the backup plan, with a selection
#     of the protected resource types to restore on its schedule.
#   remediation_by_format:
#     terraform: >-
#       resource "aws_backup_restore_testing_plan" "this" { name = "weekly";
#       schedule_expression = "cron(0 5 ? * SUN *)"; recovery_point_selection
#       { algorithm = "LATEST_WITHIN_WINDOW"; include_vaults = ["*"];
#       recovery_point_types = ["SNAPSHOT"] } } plus an
#       aws_backup_restore_testing_selection with restore_testing_plan_name =
#       aws_backup_restore_testing_plan.this.name, iam_role_arn and
#       protected_resource_type.
#     cloudformation: >-
#       Add an AWS::Backup::RestoreTestingPlan (ScheduleExpression,
#       RecoveryPointSelection) and an AWS::Backup::RestoreTestingSelection
#       whose RestoreTestingPlanName is !Ref the plan.
package attest.rules.aws.backup_restore_testing

import data.attest.lib.aws.governance as gov

plans := gov.in_root(["aws_backup_restore_testing_plan", "AWS::Backup::RestoreTestingPlan"])

selections := gov.in_root(["aws_backup_restore_testing_selection", "AWS::Backup::RestoreTestingSelection"])

certain(rs) if {
	some r in rs
	not r.conditional
}

deny contains msg if {
	count(plans) == 0
	msg := "no restore testing plan is declared with the backup plan: restores are never tested"
}

deny contains msg if {
	count(plans) > 0
	count(selections) == 0
	msg := "the restore testing plan has no restore testing selection: it restores nothing"
}

unknown contains msg if {
	count(plans) > 0
	count(selections) > 0
	not certain(plans)
	msg := "the restore testing plan exists only under a count or for_each known at apply time"
}

unknown contains msg if {
	certain(plans)
	count(selections) > 0
	not certain(selections)
	msg := "the restore testing selection exists only under a count or for_each known at apply time"
}
