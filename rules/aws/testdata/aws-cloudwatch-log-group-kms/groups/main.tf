resource "aws_kms_key" "logs" {
  description         = "log groups"
  enable_key_rotation = true
}

resource "aws_cloudwatch_log_group" "encrypted" {
  name       = "/app/encrypted"
  kms_key_id = aws_kms_key.logs.arn
}

resource "aws_cloudwatch_log_group" "default" {
  name = "/app/default"
}
