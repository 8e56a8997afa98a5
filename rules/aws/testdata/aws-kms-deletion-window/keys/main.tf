variable "window" {
  type = number
}

resource "aws_kms_key" "default" {
  description = "data"
}

resource "aws_kms_key" "two_weeks" {
  description             = "logs"
  deletion_window_in_days = 14
}

resource "aws_kms_key" "short" {
  for_each                = toset(["a", "b"])
  description             = each.key
  deletion_window_in_days = 7
}

resource "aws_kms_key" "configurable" {
  description             = "exports"
  deletion_window_in_days = var.window
}
