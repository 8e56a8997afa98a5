resource "aws_cloudwatch_composite_alarm" "paging" {
  alarm_name    = "service-down"
  alarm_rule    = "ALARM(a) OR ALARM(b)"
  alarm_actions = ["arn:aws:sns:eu-west-1:111122223333:oncall"]
}

resource "aws_cloudwatch_composite_alarm" "silent" {
  alarm_name = "service-degraded"
  alarm_rule = "ALARM(a) AND ALARM(b)"
}
