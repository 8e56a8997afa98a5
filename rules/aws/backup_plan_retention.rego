# METADATA
# title: AWS Backup plans keep recovery points for at least 35 days
# description: >-
#   A backup is only useful if it still exists when the loss is noticed:
#   corruption, a bad migration or ransomware are often found weeks later.
#   A backup plan fails when one of its rules deletes recovery points
#   (lifecycle delete_after, DeleteAfterDays) after fewer than 35 days; a
#   rule without a lifecycle keeps them until deleted by hand. A retention
#   known only at apply time makes the verdict unknown.
# custom:
#   id: aws-backup-plan-retention
#   severity: medium
#   resource_types: [aws_backup_plan, "AWS::Backup::BackupPlan"]
#   controls:
#     soc2: [A1.2, CC7.5, CC9.1]
#     pci-dss-4.0: [12.10.1]
#   remediation: >-
#     Set the lifecycle of every rule of the plan to delete recovery points
#     after 35 days or more.
#   remediation_by_format:
#     terraform: >-
#       rule { rule_name = "daily"; target_vault_name =
#       aws_backup_vault.this.name; schedule = "cron(0 3 * * ? *)"; lifecycle {
#       delete_after = 35 } } in the aws_backup_plan.
#     cloudformation: >-
#       Lifecycle: {DeleteAfterDays: 35} on every BackupPlanRule of the
#       AWS::Backup::BackupPlan.
package attest.rules.aws.backup_plan_retention

import data.attest.lib
import data.attest.lib.aws.org

minimum := 35

cfn if input.resource.format == "cloudformation"

# retentions holds [path, days] for each rule of the plan that sets one.
retentions contains [path, days] if {
	not cfn
	some i, _ in lib.get(input.resource, "rule", [])
	path := sprintf("rule.%d.lifecycle.0.delete_after", [i])
	days := lib.get(input.resource, path, null)
	days != null
}

retentions contains [path, days] if {
	cfn
	some i, _ in lib.get(input.resource, "BackupPlan.BackupPlanRule", [])
	path := sprintf("BackupPlan.BackupPlanRule.%d.Lifecycle.DeleteAfterDays", [i])
	days := to_number(org.normal(lib.get(input.resource, path, null)))
}

rules_path := "BackupPlan.BackupPlanRule" if cfn

rules_path := "rule" if not cfn

deny contains msg if {
	some [path, days] in retentions
	not lib.is_unknown(input.resource, path)
	days < minimum
	msg := sprintf("%s is %v days, fewer than %d", [path, days, minimum])
}

unknown contains msg if {
	some u in object.get(input.resource, "unknown", [])
	startswith(u, rules_path)
	regex.match(`(^rule(\.[0-9]+(\.lifecycle(\.0(\.delete_after)?)?)?)?$)|(^BackupPlan(\.BackupPlanRule(\.[0-9]+(\.Lifecycle(\.DeleteAfterDays)?)?)?)?$)`, u)
	msg := sprintf("%s is not known statically", [u])
}
