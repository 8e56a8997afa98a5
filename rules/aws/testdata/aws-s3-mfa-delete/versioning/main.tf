variable "mfa_delete" {
  type = string
}

resource "aws_s3_bucket" "audit" {
  bucket = "example-audit"
}

resource "aws_s3_bucket_versioning" "audit" {
  bucket = aws_s3_bucket.audit.id
  mfa    = "arn:aws:iam::111122223333:mfa/root-account-mfa-device 123456"

  versioning_configuration {
    status     = "Enabled"
    mfa_delete = "Enabled"
  }
}

resource "aws_s3_bucket_versioning" "plain" {
  bucket = "example-assets"

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_versioning" "off" {
  bucket = "example-reports"

  versioning_configuration {
    status     = "Enabled"
    mfa_delete = "Disabled"
  }
}

resource "aws_s3_bucket_versioning" "configurable" {
  bucket = "example-exports"

  versioning_configuration {
    status     = "Enabled"
    mfa_delete = var.mfa_delete
  }
}
