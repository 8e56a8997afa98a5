resource "aws_kms_key" "never" {
  description = "unclosed"
