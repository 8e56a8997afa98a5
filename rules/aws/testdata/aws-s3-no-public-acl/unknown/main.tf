variable "acl" {
  type = string
}

resource "aws_s3_bucket" "legacy" {
  bucket = "acme-legacy"
  acl    = var.acl
}

resource "aws_s3_bucket" "separate" {
  bucket = "acme-separate"
}

resource "aws_s3_bucket_acl" "separate" {
  bucket = aws_s3_bucket.separate.id
  acl    = var.acl
}
