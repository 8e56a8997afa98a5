resource "aws_wafv2_web_acl" "acl" {
  for_each = toset(["logged", "silent"])
  name     = each.key
  scope    = "REGIONAL"
  default_action {
    allow {}
  }
  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = each.key
    sampled_requests_enabled   = true
  }
}

resource "aws_cloudwatch_log_group" "waf" {
  name              = "aws-waf-logs-logged"
  retention_in_days = 365
}

resource "aws_wafv2_web_acl_logging_configuration" "logged" {
  resource_arn            = aws_wafv2_web_acl.acl["logged"].arn
  log_destination_configs = [aws_cloudwatch_log_group.waf.arn]
}
