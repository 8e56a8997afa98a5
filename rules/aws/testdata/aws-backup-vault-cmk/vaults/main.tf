resource "aws_kms_key" "backup" {
  enable_key_rotation = true
}

resource "aws_backup_vault" "cmk" {
  for_each    = toset(["primary"])
  name        = each.key
  kms_key_arn = aws_kms_key.backup.arn
}

resource "aws_backup_vault" "aws_managed" {
  name = "aws-managed"
}
