variable "validate" {
  type = bool
}

resource "aws_cloudtrail" "configurable" {
  name           = "configurable"
  s3_bucket_name = "acme-cloudtrail"
  enable_log_file_validation = var.validate
}
