resource "aws_cloudtrail" "org" {
  name           = "org"
  s3_bucket_name = "acme-cloudtrail"
  is_organization_trail = true
  is_multi_region_trail = true
}

resource "aws_cloudtrail" "account" {
  name           = "account"
  s3_bucket_name = "acme-cloudtrail"
  is_multi_region_trail = true
}
