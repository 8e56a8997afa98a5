variable "detector_id" {
  type = string
}

resource "aws_guardduty_detector" "this" {
  enable = true
}

resource "aws_guardduty_publishing_destination" "s3" {
  detector_id     = var.detector_id
  destination_arn = "arn:aws:s3:::acme-guardduty-findings"
  kms_key_arn     = "arn:aws:kms:eu-west-1:111122223333:key/0f0f0f0f-0000-4000-8000-0f0f0f0f0f0f"
}
