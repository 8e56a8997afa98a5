variable "csp" {
  type = string
}

locals {
  origin = {
    domain_name = "shop.example.com"
    origin_id   = "shop"
  }
}

resource "aws_cloudfront_response_headers_policy" "strict" {
  name = "strict"
  security_headers_config {
    content_security_policy {
      content_security_policy = "default-src 'self'; script-src 'self' https://js.stripe.com; report-uri https://csp.example.com/report"
      override                = true
    }
  }
}

resource "aws_cloudfront_response_headers_policy" "unreported" {
  name = "unreported"
  security_headers_config {
    content_security_policy {
      content_security_policy = "default-src 'self'"
      override                = true
    }
  }
}

resource "aws_cloudfront_response_headers_policy" "loose" {
  for_each = {
    any_host = "default-src 'self'; script-src *; report-to csp-endpoint"
    inline   = "script-src 'self' 'unsafe-inline'; report-uri /csp"
    hashed   = "script-src 'self' 'unsafe-inline' 'sha256-B2yPHKaXnvFWtRChIbabYmUBFZdVfKKXHbWtWidDVF8='; report-uri /csp"
  }
  name = each.key
  security_headers_config {
    content_security_policy {
      content_security_policy = each.value
      override                = true
    }
  }
}

resource "aws_cloudfront_response_headers_policy" "origin_wins" {
  name = "origin-wins"
  security_headers_config {
    content_security_policy {
      content_security_policy = "default-src 'self'; report-uri /csp"
      override                = false
    }
  }
}

resource "aws_cloudfront_response_headers_policy" "hsts_only" {
  name = "hsts-only"
  security_headers_config {
    strict_transport_security {
      access_control_max_age_sec = 31536000
      override                   = true
    }
  }
}

resource "aws_cloudfront_response_headers_policy" "configurable" {
  name = "configurable"
  security_headers_config {
    content_security_policy {
      content_security_policy = var.csp
      override                = true
    }
  }
}

resource "aws_cloudfront_distribution" "strict" {
  enabled = true
  origin {
    domain_name = local.origin.domain_name
    origin_id   = local.origin.origin_id
  }
  default_cache_behavior {
    target_origin_id           = "shop"
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD"]
    cached_methods             = ["GET", "HEAD"]
    response_headers_policy_id = aws_cloudfront_response_headers_policy.strict.id
  }
  ordered_cache_behavior {
    path_pattern               = "/checkout/*"
    target_origin_id           = "shop"
    viewer_protocol_policy     = "https-only"
    allowed_methods            = ["GET", "HEAD"]
    cached_methods             = ["GET", "HEAD"]
    response_headers_policy_id = aws_cloudfront_response_headers_policy.strict.id
  }
  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }
  viewer_certificate {
    cloudfront_default_certificate = true
  }
}

resource "aws_cloudfront_distribution" "checkout_bare" {
  enabled = true
  origin {
    domain_name = local.origin.domain_name
    origin_id   = local.origin.origin_id
  }
  default_cache_behavior {
    target_origin_id           = "shop"
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD"]
    cached_methods             = ["GET", "HEAD"]
    response_headers_policy_id = aws_cloudfront_response_headers_policy.strict.id
  }
  ordered_cache_behavior {
    path_pattern           = "/checkout/*"
    target_origin_id       = "shop"
    viewer_protocol_policy = "https-only"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
  }
  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }
  viewer_certificate {
    cloudfront_default_certificate = true
  }
}

resource "aws_cloudfront_distribution" "by_policy" {
  for_each = {
    unreported  = aws_cloudfront_response_headers_policy.unreported.id
    any_host    = aws_cloudfront_response_headers_policy.loose["any_host"].id
    inline      = aws_cloudfront_response_headers_policy.loose["inline"].id
    hashed      = aws_cloudfront_response_headers_policy.loose["hashed"].id
    origin_wins = aws_cloudfront_response_headers_policy.origin_wins.id
    hsts_only   = aws_cloudfront_response_headers_policy.hsts_only.id
    managed     = "67f7725c-6f97-4210-82d7-5512b31e9d03"
    computed    = aws_cloudfront_response_headers_policy.configurable.id
  }
  enabled = true
  origin {
    domain_name = local.origin.domain_name
    origin_id   = local.origin.origin_id
  }
  default_cache_behavior {
    target_origin_id           = "shop"
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD"]
    cached_methods             = ["GET", "HEAD"]
    response_headers_policy_id = each.value
  }
  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }
  viewer_certificate {
    cloudfront_default_certificate = true
  }
}
