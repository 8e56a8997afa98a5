variable "min_tls" {
  type = string
}

resource "aws_acm_certificate" "site" {
  domain_name       = "www.example.com"
  validation_method = "DNS"
}

resource "aws_cloudfront_distribution" "modern" {
  enabled = true
  aliases = ["www.example.com"]

  viewer_certificate {
    acm_certificate_arn      = aws_acm_certificate.site.arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }
}

resource "aws_cloudfront_distribution" "default_cert" {
  enabled = true

  viewer_certificate {
    cloudfront_default_certificate = true
  }
}

resource "aws_cloudfront_distribution" "per_site" {
  for_each = { shop = "TLSv1.2_2019", legacy = "TLSv1_2016" }
  enabled  = true
  aliases  = ["${each.key}.example.com"]

  viewer_certificate {
    acm_certificate_arn      = aws_acm_certificate.site.arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = each.value
  }
}

resource "aws_cloudfront_distribution" "configurable" {
  enabled = true

  viewer_certificate {
    acm_certificate_arn      = aws_acm_certificate.site.arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = var.min_tls
  }
}
