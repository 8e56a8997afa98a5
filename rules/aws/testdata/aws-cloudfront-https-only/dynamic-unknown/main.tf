variable "viewer_policy" {
  type = string
}

variable "paths" {
  type    = map(string)
  default = { "/static/*" = "https-only", "/old/*" = "allow-all" }
}

resource "aws_cloudfront_distribution" "configurable" {
  enabled = true
  origin {
    domain_name = "app.example.com"
    origin_id   = "app"
  }
  default_cache_behavior {
    target_origin_id       = "app"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    viewer_protocol_policy = var.viewer_policy
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

resource "aws_cloudfront_distribution" "per_path" {
  enabled = true
  origin {
    domain_name = "app.example.com"
    origin_id   = "app"
  }
  default_cache_behavior {
    target_origin_id       = "app"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    viewer_protocol_policy = "https-only"
  }
  dynamic "ordered_cache_behavior" {
    for_each = var.paths
    content {
      path_pattern           = ordered_cache_behavior.key
      target_origin_id       = "app"
      allowed_methods        = ["GET", "HEAD"]
      cached_methods         = ["GET", "HEAD"]
      viewer_protocol_policy = ordered_cache_behavior.value
    }
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

resource "aws_cloudfront_distribution" "by_env" {
  for_each = { prod = "https-only", dev = "allow-all" }
  enabled  = true
  origin {
    domain_name = "${each.key}.example.com"
    origin_id   = "app"
  }
  default_cache_behavior {
    target_origin_id       = "app"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    viewer_protocol_policy = each.value
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
