resource "aws_kms_key" "trail" {
  description         = "CloudTrail logs"
  enable_key_rotation = true
}

resource "aws_cloudtrail" "encrypted" {
  name           = "encrypted"
  s3_bucket_name = "acme-cloudtrail"
  kms_key_id = aws_kms_key.trail.arn
}

resource "aws_cloudtrail" "by_arn" {
  name           = "by_arn"
  s3_bucket_name = "acme-cloudtrail"
  kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_cloudtrail" "plain" {
  name           = "plain"
  s3_bucket_name = "acme-cloudtrail"
}
