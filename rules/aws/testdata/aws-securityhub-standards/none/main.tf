resource "aws_securityhub_account" "bare" {
  enable_default_standards = false
}
