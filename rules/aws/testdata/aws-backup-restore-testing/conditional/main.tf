variable "test_restores" {
  type = bool
}

resource "aws_backup_plan" "daily" {
  name = "daily"

  rule {
    rule_name         = "daily"
    target_vault_name = "main"
    schedule          = "cron(0 3 * * ? *)"
  }
}

resource "aws_backup_restore_testing_plan" "weekly" {
  count               = var.test_restores ? 1 : 0
  name                = "weekly"
  schedule_expression = "cron(0 5 ? * SUN *)"

  recovery_point_selection {
    algorithm            = "LATEST_WITHIN_WINDOW"
    include_vaults       = ["*"]
    recovery_point_types = ["SNAPSHOT"]
  }
}

resource "aws_backup_restore_testing_selection" "ebs" {
  count                     = var.test_restores ? 1 : 0
  name                      = "ebs"
  restore_testing_plan_name = aws_backup_restore_testing_plan.weekly[0].name
  protected_resource_type   = "EBS"
  iam_role_arn              = "arn:aws:iam::111122223333:role/restore-testing"
  protected_resource_arns   = ["*"]
}
