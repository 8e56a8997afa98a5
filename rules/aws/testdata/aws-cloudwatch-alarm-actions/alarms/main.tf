variable "topics" {
  type = list(string)
}

resource "aws_sns_topic" "oncall" {
  name = "oncall"
}

resource "aws_cloudwatch_metric_alarm" "paging" {
  alarm_name          = "root-login"
  namespace           = "CloudTrailMetrics"
  metric_name         = "RootLogin"
  comparison_operator = "GreaterThanOrEqualToThreshold"
  evaluation_periods  = 1
  period              = 300
  statistic           = "Sum"
  threshold           = 1
  alarm_actions       = [aws_sns_topic.oncall.arn]
}

resource "aws_cloudwatch_metric_alarm" "silent" {
  alarm_name          = "unauthorised-calls"
  namespace           = "CloudTrailMetrics"
  metric_name         = "UnauthorizedCalls"
  comparison_operator = "GreaterThanOrEqualToThreshold"
  evaluation_periods  = 1
  period              = 300
  statistic           = "Sum"
  threshold           = 5
}

resource "aws_cloudwatch_metric_alarm" "per_env" {
  for_each            = { prod = true, dev = false }
  alarm_name          = "${each.key}-errors"
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 1
  period              = 60
  statistic           = "Sum"
  threshold           = 0
  actions_enabled     = each.value
  alarm_actions       = [aws_sns_topic.oncall.arn]
}

resource "aws_cloudwatch_composite_alarm" "configurable" {
  alarm_name    = "service-down"
  alarm_rule    = "ALARM(root-login)"
  alarm_actions = var.topics
}
