# The account-level block exists only in some environments: a bucket with
# no block of its own is unknown, one with its own complete block passes.
variable "environment" {
  type = string
}

resource "aws_s3_account_public_access_block" "account" {
  count                   = var.environment == "prod" ? 1 : 0
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "bare" {
  bucket = "acme-bare"
}

resource "aws_s3_bucket" "own" {
  bucket = "acme-own"
}

resource "aws_s3_bucket_public_access_block" "own" {
  bucket                  = aws_s3_bucket.own.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
