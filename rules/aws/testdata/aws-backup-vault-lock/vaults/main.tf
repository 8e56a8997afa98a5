resource "aws_backup_vault" "locked" {
  name = "locked"
}

resource "aws_backup_vault_lock_configuration" "locked" {
  backup_vault_name   = aws_backup_vault.locked.name
  min_retention_days  = 35
  changeable_for_days = 3
}

resource "aws_backup_vault" "open" {
  for_each = toset(["open"])
  name     = each.key
}
