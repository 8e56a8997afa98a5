# A member account's configuration: the organisation is not in the scanned
# tree, so the organisation rules have nothing to judge.
resource "aws_cloudtrail" "account" {
  name           = "account"
  s3_bucket_name = "logs"
}
