resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

# A trail of the management account only.
resource "aws_cloudtrail" "account" {
  name                       = "account"
  s3_bucket_name             = "log-archive"
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
