variable "retention_days" {
  type = number
}

resource "aws_backup_plan" "from_variable" {
  name = "from-variable"
  rule {
    rule_name         = "daily"
    target_vault_name = "default"
    schedule          = "cron(0 3 * * ? *)"
    lifecycle {
      delete_after = var.retention_days
    }
  }
}
