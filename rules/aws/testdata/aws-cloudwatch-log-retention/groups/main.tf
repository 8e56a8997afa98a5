resource "aws_cloudwatch_log_group" "year" {
  name              = "/app/year"
  retention_in_days = 365
}

resource "aws_cloudwatch_log_group" "forever" {
  name = "/app/forever"
}

resource "aws_cloudwatch_log_group" "explicit_forever" {
  name              = "/app/explicit-forever"
  retention_in_days = 0
}

resource "aws_cloudwatch_log_group" "month" {
  name              = "/app/month"
  retention_in_days = 30
}
