variable "vault_name" {
  type = string
}

resource "aws_backup_vault" "this" {
  name = "this"
}

resource "aws_backup_vault_lock_configuration" "some" {
  backup_vault_name  = var.vault_name
  min_retention_days = 35
}
