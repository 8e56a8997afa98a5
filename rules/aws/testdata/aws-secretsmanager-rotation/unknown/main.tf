variable "secret_arn" {
  type = string
}

resource "aws_secretsmanager_secret" "token" {
  name = "prod/token"
}

resource "aws_secretsmanager_secret_rotation" "somewhere" {
  secret_id           = var.secret_arn
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:123456789012:function:rotate"
  rotation_rules {
    automatically_after_days = 30
  }
}
