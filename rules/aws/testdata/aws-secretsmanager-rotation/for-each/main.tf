variable "rotate_keys" {
  type = bool
}

resource "aws_secretsmanager_secret" "app" {
  for_each = toset(["billing", "search"])
  name     = "prod/${each.key}"
}

resource "aws_secretsmanager_secret_rotation" "app" {
  for_each            = toset(["billing"])
  secret_id           = aws_secretsmanager_secret.app[each.key].id
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:123456789012:function:rotate"
  rotation_rules {
    automatically_after_days = 30
  }
}

resource "aws_secretsmanager_secret" "keys" {
  name = "prod/keys"
}

resource "aws_secretsmanager_secret_rotation" "keys" {
  count               = var.rotate_keys ? 1 : 0
  secret_id           = aws_secretsmanager_secret.keys.id
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:123456789012:function:rotate"
  rotation_rules {
    automatically_after_days = 30
  }
}
