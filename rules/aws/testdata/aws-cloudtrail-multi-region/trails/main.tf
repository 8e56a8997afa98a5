resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "acme-cloudtrail"
  is_multi_region_trail      = true
  enable_log_file_validation = true
}

resource "aws_cloudtrail" "regional" {
  name           = "regional"
  s3_bucket_name = "acme-cloudtrail"
  include_global_service_events = true
}

resource "aws_cloudtrail" "no_global" {
  name           = "no_global"
  s3_bucket_name = "acme-cloudtrail"
  is_multi_region_trail         = true
  include_global_service_events = false
}
