variable "bucket" {
  type = string
}

resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

# Logging for a bucket that is not known statically: it may be acme-data.
resource "aws_s3_bucket_logging" "from_variable" {
  bucket        = var.bucket
  target_bucket = "acme-logs"
  target_prefix = "s3/"
}
