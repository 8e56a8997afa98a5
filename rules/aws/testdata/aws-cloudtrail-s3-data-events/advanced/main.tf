resource "aws_cloudtrail" "management" {
  name           = "management"
  s3_bucket_name = "example-trail"
}

resource "aws_cloudtrail" "data" {
  name           = "data"
  s3_bucket_name = "example-data-trail"

  advanced_event_selector {
    name = "S3 reads and writes"

    field_selector {
      field  = "eventCategory"
      equals = ["Data"]
    }

    field_selector {
      field  = "resources.type"
      equals = ["AWS::S3::Object"]
    }
  }
}
