resource "aws_cloudtrail" "regions" {
  for_each       = toset(["eu-west-1", "us-east-1"])
  name           = each.key
  s3_bucket_name = "example-trail"

  event_selector {
    read_write_type           = "All"
    include_management_events = true

    data_resource {
      type   = "AWS::Lambda::Function"
      values = ["arn:aws:lambda"]
    }
  }
}
