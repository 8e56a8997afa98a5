variable "acl" {
  type = string
}

resource "aws_wafv2_web_acl" "edge" {
  name  = "edge"
  scope = "CLOUDFRONT"

  default_action {
    allow {}
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "edge"
    sampled_requests_enabled   = true
  }
}

resource "aws_cloudfront_distribution" "protected" {
  enabled    = true
  web_acl_id = aws_wafv2_web_acl.edge.arn
}

resource "aws_cloudfront_distribution" "exposed" {
  enabled = true
}

resource "aws_cloudfront_distribution" "per_env" {
  for_each   = { prod = "arn:aws:wafv2:us-east-1:111122223333:global/webacl/edge/1", dev = "" }
  enabled    = true
  web_acl_id = each.value
}

resource "aws_cloudfront_distribution" "configurable" {
  enabled    = true
  web_acl_id = var.acl
}
