variable "acl" {
  type = string
}

variable "bucket" {
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

# A public ACL on a bucket that is not known statically: it may be acme-data.
resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_s3_bucket_acl" "from_variable" {
  bucket = var.bucket
  acl    = "public-read"
}
