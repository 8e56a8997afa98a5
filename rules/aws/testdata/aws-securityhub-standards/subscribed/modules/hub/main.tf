resource "aws_securityhub_account" "this" {
  enable_default_standards = false
}

resource "aws_securityhub_standards_subscription" "this" {
  for_each      = toset(["aws-foundational-security-best-practices/v/1.0.0", "pci-dss/v/3.2.1"])
  standards_arn = "arn:aws:securityhub:eu-west-1::standards/${each.key}"
  depends_on    = [aws_securityhub_account.this]
}
