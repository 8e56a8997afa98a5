resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

resource "aws_guardduty_detector" "this" {
  enable = true
}
