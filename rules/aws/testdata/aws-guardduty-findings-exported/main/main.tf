resource "aws_s3_bucket" "findings" {
  bucket = "acme-guardduty-findings"
}

resource "aws_kms_key" "findings" {
  description = "GuardDuty findings"
}

resource "aws_guardduty_detector" "exported" {
  enable = true
}

resource "aws_guardduty_publishing_destination" "s3" {
  detector_id     = aws_guardduty_detector.exported.id
  destination_arn = aws_s3_bucket.findings.arn
  kms_key_arn     = aws_kms_key.findings.arn
}

resource "aws_guardduty_detector" "kept_90_days" {
  enable = true
}

resource "aws_guardduty_detector" "regional" {
  for_each = toset(["eu-west-1", "us-east-1"])
  enable   = true
}

resource "aws_guardduty_publishing_destination" "regional" {
  detector_id     = aws_guardduty_detector.regional["eu-west-1"].id
  destination_arn = aws_s3_bucket.findings.arn
  kms_key_arn     = aws_kms_key.findings.arn
}

resource "aws_guardduty_detector" "member" {
  enable = true
}

resource "aws_guardduty_invite_accepter" "member" {
  detector_id       = aws_guardduty_detector.member.id
  master_account_id = "111122223333"
}
