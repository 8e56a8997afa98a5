variable "target_bucket" {
  type = string
}

resource "aws_s3_bucket" "maybe" {
  bucket = "acme-maybe"
}

resource "aws_s3_bucket_versioning" "external" {
  bucket = var.target_bucket
  versioning_configuration {
    status = "Enabled"
  }
}
