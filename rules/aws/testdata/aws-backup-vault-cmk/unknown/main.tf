variable "key_arn" {
  type = string
}

resource "aws_backup_vault" "from_variable" {
  name        = "from-variable"
  kms_key_arn = var.key_arn
}
