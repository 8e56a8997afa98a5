variable "lock_mode" {
  type = string
}

resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

resource "aws_s3_bucket" "archive" {
  bucket              = "example-org-log-archive"
  object_lock_enabled = true
}

resource "aws_s3_bucket_object_lock_configuration" "archive" {
  bucket = aws_s3_bucket.archive.id
  rule {
    default_retention {
      mode = var.lock_mode
      days = 400
    }
  }
}

resource "aws_s3_bucket_policy" "archive" {
  bucket = aws_s3_bucket.archive.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Principal = "*", Action = "s3:Delete*", Resource = "${aws_s3_bucket.archive.arn}/*" }]
  })
}

resource "aws_cloudtrail" "org" {
  name                  = "organization"
  s3_bucket_name        = aws_s3_bucket.archive.id
  is_organization_trail = true
}
