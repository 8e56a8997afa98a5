resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

resource "aws_cloudtrail" "org" {
  name                  = "organization"
  s3_bucket_name        = "log-archive"
  is_organization_trail = true
}
