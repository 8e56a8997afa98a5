resource "aws_backup_vault" "main" {
  name = "main"
}

resource "aws_backup_plan" "daily" {
  name = "daily"

  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.main.name
    schedule          = "cron(0 3 * * ? *)"
  }
}

resource "aws_backup_restore_testing_plan" "weekly" {
  name                = "weekly"
  schedule_expression = "cron(0 5 ? * SUN *)"

  recovery_point_selection {
    algorithm            = "LATEST_WITHIN_WINDOW"
    include_vaults       = [aws_backup_vault.main.arn]
    recovery_point_types = ["SNAPSHOT"]
  }
}

resource "aws_backup_restore_testing_selection" "rds" {
  name                      = "rds"
  restore_testing_plan_name = aws_backup_restore_testing_plan.weekly.name
  protected_resource_type   = "RDS"
  iam_role_arn              = "arn:aws:iam::111122223333:role/restore-testing"
  protected_resource_arns   = ["*"]
}
