resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

resource "aws_s3_bucket" "archive" {
  bucket              = "example-org-log-archive"
  object_lock_enabled = true
}
