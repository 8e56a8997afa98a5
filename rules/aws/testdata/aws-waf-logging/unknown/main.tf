variable "log" {
  type = bool
}

resource "aws_wafv2_web_acl" "this" {
  name  = "this"
  scope = "REGIONAL"
  default_action {
    allow {}
  }
  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "this"
    sampled_requests_enabled   = true
  }
}

resource "aws_wafv2_web_acl_logging_configuration" "this" {
  count                   = var.log ? 1 : 0
  resource_arn            = aws_wafv2_web_acl.this.arn
  log_destination_configs = ["arn:aws:logs:eu-west-1:111122223333:log-group:aws-waf-logs-this"]
}
