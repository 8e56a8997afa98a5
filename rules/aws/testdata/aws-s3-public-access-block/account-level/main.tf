resource "aws_s3_account_public_access_block" "account" {
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "any" {
  bucket = "acme-any"
}

resource "aws_s3_bucket" "other" {
  bucket = "acme-other"
}
