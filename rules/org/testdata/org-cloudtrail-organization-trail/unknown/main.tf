variable "multi_region" {
  type = bool
}

resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

resource "aws_cloudtrail" "org" {
  name                       = "organization"
  s3_bucket_name             = "log-archive"
  is_organization_trail      = true
  is_multi_region_trail      = var.multi_region
  enable_log_file_validation = true
  kms_key_id                 = "alias/trail"
}
