resource "aws_cloudtrail" "main" {
  name                  = "main"
  s3_bucket_name        = "example-trail"
  is_multi_region_trail = true

  event_selector {
    read_write_type           = "All"
    include_management_events = true

    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}
