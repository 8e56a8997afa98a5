module "app_bucket" {
  source   = "./modules/bucket"
  for_each = var.buckets

  name       = "${local.name}-${each.key}"
  kms_key    = aws_kms_key.data.arn
  replicate  = each.value.replicate
  log_bucket = aws_s3_bucket.logs.id
}

# The access-log bucket is written to by S3 itself.
resource "aws_s3_bucket" "logs" {
  bucket = "${local.name}-access-logs"
}

resource "aws_s3_bucket_public_access_block" "logs" {
  bucket                  = aws_s3_bucket.logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

# No TLS-only policy on the log bucket: attest flags it.

resource "aws_cloudtrail" "main" {
  name                          = "${local.name}-trail"
  s3_bucket_name                = aws_s3_bucket.logs.id
  is_multi_region_trail         = true
  enable_log_file_validation    = true
  kms_key_id                    = aws_kms_key.logs.arn
  include_global_service_events = true
}
