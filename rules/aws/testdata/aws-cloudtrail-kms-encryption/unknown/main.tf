variable "kms_key_id" {
  type = string
}

resource "aws_cloudtrail" "from_variable" {
  name           = "from-variable"
  s3_bucket_name = "acme-trail"
  kms_key_id     = var.kms_key_id
}
