resource "aws_backup_plan" "this" {
  for_each = toset(["daily", "monthly"])
  name     = each.key

  rule {
    rule_name         = each.key
    target_vault_name = "main"
    schedule          = "cron(0 3 * * ? *)"
  }
}
