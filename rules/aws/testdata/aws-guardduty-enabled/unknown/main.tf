variable "enable" {
  type = bool
}

resource "aws_guardduty_detector" "from_variable" {
  enable = var.enable
}
