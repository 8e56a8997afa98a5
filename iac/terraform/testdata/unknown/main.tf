variable "owner" {
  type = string
}

data "aws_caller_identity" "current" {}

resource "aws_kms_key" "k" {
  description = "key"
}

resource "aws_s3_bucket" "b" {
  bucket = "b-${data.aws_caller_identity.current.account_id}"
  tags = {
    Owner   = var.owner
    Created = timestamp()
    Static  = "yes"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "b" {
  bucket = aws_s3_bucket.b.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.k.arn
    }
  }
}
