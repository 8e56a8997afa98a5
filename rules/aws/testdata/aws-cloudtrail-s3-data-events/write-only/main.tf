resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "example-trail"

  event_selector {
    read_write_type = "WriteOnly"

    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3:::example-cardholder-data/"]
    }
  }
}
