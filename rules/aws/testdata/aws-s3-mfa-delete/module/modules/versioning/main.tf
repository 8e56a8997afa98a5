variable "bucket" {
  type = string
}

variable "mfa_delete" {
  type    = string
  default = "Disabled"
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = var.bucket

  versioning_configuration {
    status     = "Enabled"
    mfa_delete = var.mfa_delete
  }
}
