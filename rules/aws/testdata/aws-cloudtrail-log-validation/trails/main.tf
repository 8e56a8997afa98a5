resource "aws_cloudtrail" "validated" {
  name           = "validated"
  s3_bucket_name = "acme-cloudtrail"
  enable_log_file_validation = true
}

resource "aws_cloudtrail" "unvalidated" {
  name           = "unvalidated"
  s3_bucket_name = "acme-cloudtrail"
}
