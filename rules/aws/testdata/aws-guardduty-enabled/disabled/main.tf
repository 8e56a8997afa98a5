variable "guardduty" {
  type    = bool
  default = false
}

resource "aws_guardduty_detector" "main" {
  enable = var.guardduty
}
