variable "target" {
  type    = string
  default = null
}

resource "aws_s3_bucket" "this" {
  bucket = "acme-module"
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = aws_s3_bucket.this.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_public_access_block" "target" {
  count                   = var.target == null ? 0 : 1
  bucket                  = var.target
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
