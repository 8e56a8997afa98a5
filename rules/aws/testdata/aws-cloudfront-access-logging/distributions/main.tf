variable "log_bucket" {
  type = string
}

resource "aws_s3_bucket" "logs" {
  bucket = "example-cdn-logs"
}

resource "aws_cloudfront_distribution" "logged" {
  enabled = true

  logging_config {
    bucket = aws_s3_bucket.logs.bucket_domain_name
    prefix = "www/"
  }
}

resource "aws_cloudfront_distribution" "delivered" {
  enabled = true
}

resource "aws_cloudwatch_log_delivery_source" "delivered" {
  name         = "cdn-access"
  log_type     = "ACCESS_LOGS"
  resource_arn = aws_cloudfront_distribution.delivered.arn
}

resource "aws_cloudfront_distribution" "silent" {
  for_each = toset(["docs", "assets"])
  enabled  = true
}

resource "aws_cloudfront_distribution" "configurable" {
  enabled = true

  logging_config {
    bucket = var.log_bucket
  }
}
