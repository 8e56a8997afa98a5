variable "stage_arn" {
  type = string
}

resource "aws_wafv2_web_acl" "api" {
  name  = "api"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "api"
    sampled_requests_enabled   = true
  }
}

resource "aws_api_gateway_stage" "protected" {
  rest_api_id   = "abc123"
  deployment_id = "dep1"
  stage_name    = "prod"
}

resource "aws_wafv2_web_acl_association" "protected" {
  resource_arn = aws_api_gateway_stage.protected.arn
  web_acl_arn  = aws_wafv2_web_acl.api.arn
}

resource "aws_api_gateway_stage" "exposed" {
  rest_api_id   = "abc123"
  deployment_id = "dep1"
  stage_name    = "dev"
}
