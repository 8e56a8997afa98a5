variable "key" {
  type = string
}

resource "aws_kms_key" "secrets" {
  description         = "secrets"
  enable_key_rotation = true
}

resource "aws_secretsmanager_secret" "customer" {
  name       = "orders/db"
  kms_key_id = aws_kms_key.secrets.arn
}

resource "aws_secretsmanager_secret" "default_key" {
  name = "billing/db"
}

resource "aws_secretsmanager_secret" "per_env" {
  for_each   = { prod = "arn:aws:kms:eu-west-1:111122223333:key/1234", dev = "alias/aws/secretsmanager" }
  name       = "${each.key}/api"
  kms_key_id = each.value
}

resource "aws_secretsmanager_secret" "configurable" {
  name       = "cfg/api"
  kms_key_id = var.key
}
