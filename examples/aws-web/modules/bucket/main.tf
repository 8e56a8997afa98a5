# An application bucket with the settings every bucket of ours should have.
variable "name" {
  type = string
}

variable "kms_key" {
  type = string
}

variable "replicate" {
  type    = bool
  default = true
}

variable "log_bucket" {
  type = string
}

resource "aws_s3_bucket" "this" {
  bucket = var.name
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = var.kms_key
    }
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = aws_s3_bucket.this.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_logging" "this" {
  bucket        = aws_s3_bucket.this.id
  target_bucket = var.log_bucket
  target_prefix = "${var.name}/"
}

data "aws_iam_policy_document" "tls_only" {
  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.this.arn,
      "${aws_s3_bucket.this.arn}/*",
    ]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "this" {
  bucket = aws_s3_bucket.this.id
  policy = data.aws_iam_policy_document.tls_only.json
}

resource "aws_s3_bucket_replication_configuration" "this" {
  count  = var.replicate ? 1 : 0
  bucket = aws_s3_bucket.this.id
  role   = "arn:aws:iam::123456789012:role/s3-replication"

  rule {
    id     = "backup"
    status = "Enabled"
    destination {
      bucket        = "arn:aws:s3:::${var.name}-replica"
      storage_class = "STANDARD_IA"
    }
  }
}

output "bucket" {
  value = aws_s3_bucket.this.bucket
}
