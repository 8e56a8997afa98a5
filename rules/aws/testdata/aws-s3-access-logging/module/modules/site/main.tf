variable "name" {
  type = string
}

variable "log_to" {
  type    = string
  default = ""
}

resource "aws_s3_bucket" "this" {
  bucket = var.name
}

resource "aws_s3_bucket_logging" "this" {
  count         = var.log_to != "" ? 1 : 0
  bucket        = aws_s3_bucket.this.id
  target_bucket = var.log_to
  target_prefix = "${var.name}/"
}
