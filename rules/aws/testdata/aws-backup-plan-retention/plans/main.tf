resource "aws_backup_plan" "short" {
  name = "short"
  rule {
    rule_name         = "daily"
    target_vault_name = "default"
    schedule          = "cron(0 3 * * ? *)"
    lifecycle {
      delete_after = 7
    }
  }
}

resource "aws_backup_plan" "tiers" {
  for_each = { standard = 35, long = 365 }
  name     = each.key
  rule {
    rule_name         = "daily"
    target_vault_name = "default"
    schedule          = "cron(0 3 * * ? *)"
    lifecycle {
      delete_after = each.value
    }
  }
}

resource "aws_backup_plan" "forever" {
  name = "forever"
  rule {
    rule_name         = "weekly"
    target_vault_name = "default"
    schedule          = "cron(0 3 ? * SUN *)"
  }
}
