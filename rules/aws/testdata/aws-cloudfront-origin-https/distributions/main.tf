variable "origin_policy" {
  type = string
}

resource "aws_lb" "app" {
  name               = "app"
  load_balancer_type = "application"
}

resource "aws_cloudfront_distribution" "secure" {
  enabled = true

  origin {
    origin_id   = "app"
    domain_name = aws_lb.app.dns_name

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  origin {
    origin_id   = "assets"
    domain_name = "assets.s3.amazonaws.com"
  }
}

resource "aws_cloudfront_distribution" "plain" {
  enabled = true

  origin {
    origin_id   = "app"
    domain_name = "app.example.com"

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "http-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }
}

resource "aws_cloudfront_distribution" "per_origin" {
  for_each = { modern = ["TLSv1.2"], ancient = ["SSLv3", "TLSv1"] }
  enabled  = true

  origin {
    origin_id   = each.key
    domain_name = "${each.key}.example.com"

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = each.value
    }
  }
}

resource "aws_cloudfront_distribution" "configurable" {
  enabled = true

  origin {
    origin_id   = "app"
    domain_name = "app.example.com"

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = var.origin_policy
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }
}
