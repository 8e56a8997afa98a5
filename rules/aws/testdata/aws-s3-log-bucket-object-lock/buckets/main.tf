variable "lock" {
  type = bool
}

resource "aws_s3_bucket" "trail_logs" {
  bucket              = "example-trail-logs"
  object_lock_enabled = true
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = aws_s3_bucket.trail_logs.id
}

resource "aws_s3_bucket" "access_logs" {
  bucket = "example-access-logs"
}

resource "aws_s3_bucket" "site" {
  for_each = toset(["www", "docs"])
  bucket   = "example-${each.key}"
}

resource "aws_s3_bucket_logging" "site" {
  for_each      = aws_s3_bucket.site
  bucket        = each.value.id
  target_bucket = aws_s3_bucket.access_logs.id
  target_prefix = "${each.key}/"
}

resource "aws_s3_bucket" "lb_logs" {
  bucket              = "example-lb-logs"
  object_lock_enabled = var.lock
}

resource "aws_lb" "app" {
  name = "app"

  access_logs {
    bucket  = aws_s3_bucket.lb_logs.id
    enabled = true
  }
}
