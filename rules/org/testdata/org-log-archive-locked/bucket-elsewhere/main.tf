# The archive bucket lives in a configuration that was not scanned.
resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

resource "aws_cloudtrail" "org" {
  name                  = "organization"
  s3_bucket_name        = "example-org-log-archive"
  is_organization_trail = true
}
