resource "aws_securityhub_account" "defaults" {}
