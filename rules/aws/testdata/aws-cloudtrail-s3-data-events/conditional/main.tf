variable "data_events" {
  type = bool
}

resource "aws_cloudtrail" "management" {
  name           = "management"
  s3_bucket_name = "example-trail"
}

resource "aws_cloudtrail" "data" {
  count          = var.data_events ? 1 : 0
  name           = "data"
  s3_bucket_name = "example-data-trail"

  event_selector {
    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}
